import Documents
import Foundation
import Testing

@Suite("XLSX writer")
struct XLSXWriterTests {
    @Test("a written workbook reads back: sheets, text, numbers, booleans, dates, escaping, wide rows")
    func roundTrip() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(url: url)
        try writer.addSheet(named: "List_4")
        try writer.addRow([.text("Child Unique ID"), .text("Start & <end>"), .text("Count")])
        try writer.addRow([.text("A1"), .date(year: 2024, month: 3, day: 28), .number(3)])
        try writer.addRow([.text("A2"), .empty, .number(2.5), .boolean(true)])
        try writer.addSheet(named: "Second sheet")
        try writer.addRow((0..<30).map { .number(Double($0)) })
        try writer.close()

        let reader = try XLSXReader(url: url)
        #expect(reader.sheetNames == ["List_4", "Second sheet"])
        let first = try reader.table(sheet: "List_4")
        #expect(first.rows.count == 3)
        #expect(first.rows[0].cells == [.text("Child Unique ID"), .text("Start & <end>"), .text("Count")])
        #expect(first.rows[1].cells == [.text("A1"), .date(CellDate(year: 2024, month: 3, day: 28)), .number(3)])
        #expect(first.rows[2].cells == [.text("A2"), .empty, .number(2.5), .boolean(true)])
        let second = try reader.table(sheet: "Second sheet")
        #expect(second.rows[0].cells.count == 30)
        #expect(second.rows[0].cells[29] == .number(29)) // column AD
    }
}
