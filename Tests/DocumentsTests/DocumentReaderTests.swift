import Foundation
import Testing
@testable import Documents

@Suite("Choosing the reader from the content")
struct DocumentReaderTests {
    @Test("Each format is recognised from its content, whatever the file is called")
    func detection() throws {
        let workbook = try OfficeFixture.workbook(sheets: [("S", "<sheetData/>")])
        let document = try OfficeFixture.document(body: OfficeFixture.paragraph("Hello"))
        #expect(try DocumentReader.format(of: workbook, fileName: "upload") == .xlsx)
        #expect(try DocumentReader.format(of: document, fileName: "upload.bin") == .docx)
        #expect(try DocumentReader.format(of: Data("<html><table><tr><td>1</td></tr></table></html>".utf8), fileName: "x") == .html)
        #expect(try DocumentReader.format(of: Data("Ref,Action\n1,Train\n".utf8), fileName: "x") == .csv)
        #expect(try DocumentReader.format(of: Data("Title\n\nRef\tAction\n<p>1</p>\t<p>Train</p>\n".utf8), fileName: "x") == .tabSeparatedHTML)
    }

    @Test("Reading from disk gives the same document as reading the bytes")
    func readFromDisk() throws {
        let data = try OfficeFixture.workbook(sheets: [("Actions", #"<sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData>"#)])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-test-\(UUID().uuidString).xlsx")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fromDisk = try DocumentReader.read(url: url)
        let fromMemory = try DocumentReader.read(data: data, fileName: url.lastPathComponent)
        #expect(fromDisk == fromMemory)
        #expect(fromDisk.tables.first?.rows.first?[column: 1] == .number(5))
    }

    @Test("A missing file is a clear error")
    func missingFile() throws {
        let error = try #require(throws: DocumentError.self) {
            try DocumentReader.read(url: URL(fileURLWithPath: "/nonexistent/plan.xlsx"))
        }
        #expect(error.fileName == "plan.xlsx")
    }
}
