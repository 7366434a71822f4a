import Foundation
import Testing
import ZIPFoundation
@testable import Documents

/// Files built to cost a server minutes and gigabytes while being small themselves: the forms
/// reported in issue 12 (spans, wide rows, rows claiming more cells than they hold, thousands
/// of sheets, bombs) and their relatives (nesting, long lines, huge quoted fields, quadratic
/// quoting). Generated here rather than committed: each is a few lines, and most are
/// megabytes. `Benchmarks/hostile.sh` writes them to disk through `HostileUploadTests` to
/// measure them in a release build.
struct HostileSample: Sendable, CustomTestStringConvertible {
    var fileName: String
    /// What the file tries, for the benchmark table.
    var attack: String
    /// The limit expected to stop it, or nil when it is read within its limits.
    var expected: DocumentError.Reason?
    var make: @Sendable () throws -> Data

    var testDescription: String { fileName }
}

enum HostileSamples {
    static let all: [HostileSample] = [
        HostileSample(fileName: "colspans.html", attack: "380 KB of <td colspan=1000>: 16,384 cells per 300-byte row",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let row = "<tr>" + String(repeating: "<td colspan=1000>x</td>", count: 16) + "</tr>\n"
            return Data(("<html><body><table>" + String(repeating: row, count: 1_000) + "</table></body></html>").utf8)
        },
        HostileSample(fileName: "rowspan.html", attack: "a rowspan of 65,535 over 16,000 columns, then 40,000 empty rows",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let head = "<table><tr>" + String(repeating: "<td rowspan=65535 colspan=1000>x</td>", count: 16) + "</tr>"
            return Data((head + String(repeating: "<tr></tr>", count: 40_000) + "</table>").utf8)
        },
        HostileSample(fileName: "nested.html", attack: "tables nested 20,000 deep",
                      expected: .nestedTooDeeply(limit: ReadingLimits.upload.maximumTableNesting)) {
            Data(("<html>" + String(repeating: "<table><tr><td>", count: 20_000)).utf8)
        },
        HostileSample(fileName: "gridspans.docx", attack: "Word rows of 16 cells spanning 1,000 grid columns each",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let cell = #"<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"#
            let row = "<w:tr>" + String(repeating: cell, count: 16) + "</w:tr>"
            return try OfficeFixture.document(body: "<w:tbl>" + String(repeating: row, count: 2_000) + "</w:tbl>")
        },
        HostileSample(fileName: "gridbefore.docx", attack: "a Word row skipping 2^63 grid columns",
                      expected: .tooManyColumns(limit: ReadingLimits.upload.maximumColumnCount)) {
            try OfficeFixture.document(body: #"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="9223372036854775807"/></w:trPr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#)
        },
        HostileSample(fileName: "nested.docx", attack: "Word tables nested 200 deep",
                      expected: .nestedTooDeeply(limit: ReadingLimits.upload.maximumTableNesting)) {
            let open = "<w:tbl><w:tr><w:tc>", close = "<w:p/></w:tc></w:tr></w:tbl>"
            return try OfficeFixture.document(body: String(repeating: open, count: 200) + String(repeating: close, count: 200))
        },
        HostileSample(fileName: "wide-rows.xlsx", attack: "5,000 rows with values in columns A and XFD",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let rows = (1...5_000).map { #"<row r="\#($0)"><c r="A\#($0)"><v>1</v></c><c r="XFD\#($0)"><v>2</v></c></row>"# }
            return try OfficeFixture.workbook(sheets: [("Wide", "<sheetData>" + rows.joined() + "</sheetData>")])
        },
        HostileSample(fileName: "lying-dimensions.xlsx",
                      attack: "a sheet claiming A1:XFD1048576 with one cell per row at XFD, no row numbers, and a merge over it all",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let rows = String(repeating: #"<row><c r="XFD1"><v>1</v></c></row>"#, count: 60_000)
            return try OfficeFixture.workbook(sheets: [("Lies", #"<dimension ref="A1:XFD1048576"/><sheetData>"# + rows
                + #"</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>"#)])
        },
        HostileSample(fileName: "merges.xlsx", attack: "a 50-row sheet with 20,000 merges over the whole sheet",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let rows = (1...50).map { #"<row r="\#($0)"><c r="A\#($0)"><v>1</v></c></row>"# }.joined()
            let merges = String(repeating: #"<mergeCell ref="A1:ZZ1048576"/>"#, count: 20_000)
            return try OfficeFixture.workbook(sheets: [("Merged", "<sheetData>\(rows)</sheetData><mergeCells>\(merges)</mergeCells>")])
        },
        HostileSample(fileName: "1000-sheets.xlsx", attack: "1,000 sheets of one cell",
                      expected: .tooManySheets(limit: ReadingLimits.upload.maximumSheetCount)) {
            try OfficeFixture.workbook(sheets: (1...1_000).map { ("S\($0)", #"<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#) })
        },
        HostileSample(fileName: "9990-sheets.xlsx", attack: "9,990 sheets of one cell",
                      expected: .tooManyEntries(limit: ReadingLimits.upload.maximumEntryCount)) {
            try OfficeFixture.workbook(sheets: (1...9_990).map { ("S\($0)", "<sheetData/>") })
        },
        HostileSample(fileName: "shared-strings.xlsx", attack: "5 million empty shared strings (25 MB of <si/>)",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            try OfficeFixture.workbook(sheets: [("S", #"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#)],
                                       sharedStrings: ["x"]).replacingSharedStrings(with: String(repeating: "<si/>", count: 5_000_000))
        },
        HostileSample(fileName: "long-cell.xlsx", attack: "one inline string of 3 MB",
                      expected: .cellTooLong(limit: ReadingLimits.upload.maximumCellTextLength)) {
            try OfficeFixture.workbook(sheets: [("S", #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#
                + String(repeating: "a", count: 3_000_000) + "</t></is></c></row></sheetData>")])
        },
        HostileSample(fileName: "bomb.xlsx", attack: "a sheet of 400 MB of spaces, declared honestly (400 KB zipped)",
                      expected: .uncompressedTooLarge(limit: ReadingLimits.upload.maximumUncompressedSize)) {
            try bigSheet()
        },
        HostileSample(fileName: "lying-bomb.xlsx", attack: "the same sheet with every declared size rewritten to 1 byte",
                      expected: .partTooLarge(part: "xl/worksheets/sheet1.xml", limit: ReadingLimits.upload.maximumPartSize)) {
            HostileFileTests.rewritingDeclaredSizes(of: try bigSheet(), to: 1)
        },
        HostileSample(fileName: "lying-bomb-4-sheets.xlsx", attack: "four sheets of 120 MB each, every declared size 1 byte",
                      expected: .uncompressedTooLarge(limit: ReadingLimits.upload.maximumUncompressedSize)) {
            HostileFileTests.rewritingDeclaredSizes(of: try bomb(sheetBytes: 120 * 1024 * 1024, sheets: 4), to: 1)
        },
        HostileSample(fileName: "wide.csv", attack: "300 lines of 16,000 commas (4.8 MB)",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let line = "a" + String(repeating: ",b", count: 16_000) + "\n"
            return Data(String(repeating: line, count: 300).utf8)
        },
        HostileSample(fileName: "quoted.csv", attack: "a quoted field of 20 MB, never closed",
                      expected: .cellTooLong(limit: ReadingLimits.upload.maximumCellTextLength)) {
            Data(("a,b\n1,\"" + String(repeating: "x", count: 20_000_000)).utf8)
        },
        HostileSample(fileName: "quotes.csv", attack: "a field of 500,000 spaces, then 500,000 quote marks after text (quadratic quoting)",
                      expected: .cellTooLong(limit: ReadingLimits.upload.maximumCellTextLength)) {
            Data(("a,b\n" + String(repeating: " ", count: 500_000) + "x" + String(repeating: "\"y", count: 500_000)).utf8)
        },
        HostileSample(fileName: "long-line.txt", attack: "tab-separated text with a 2 MB line",
                      expected: .cellTooLong(limit: ReadingLimits.upload.maximumCellTextLength)) {
            Data(("Intro line\nRef\tAction\n1\t<p>" + String(repeating: "word ", count: 400_000) + "</p>\n").utf8)
        },
        HostileSample(fileName: "table-blocks.txt", attack: "text with 400 HTML table blocks of 16 colspans each (one read, not 400)",
                      expected: .tooManyCells(limit: ReadingLimits.upload.maximumCellCount)) {
            let block = "<table><tr>" + String(repeating: "<td colspan=1000>x</td>", count: 16) + "</tr></table>\n"
            return Data(("Plan text\n" + String(repeating: block, count: 400)).utf8)
        },
        HostileSample(fileName: "many-lines.txt", attack: "tab-separated text of 300,000 short lines with markup (3.3 MB)",
                      expected: nil) {
            Data(("Heading line\n" + String(repeating: "1\t<p>a</p>\n", count: 300_000)).utf8)
        },
    ]

    /// One 400 MB sheet, built once for the two samples that use it.
    static func bigSheet() throws -> Data {
        try bigSheetData.get()
    }
    private static let bigSheetData = Result { try bomb(sheetBytes: 400 * 1024 * 1024, sheets: 1) }

    /// A workbook whose sheets are `sheetBytes` of spaces inside `<sheetData>`: about a
    /// thousandth of that zipped. Built in chunks, never whole in memory.
    static func bomb(sheetBytes: Int, sheets: Int) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let workbook = #"<workbook \#(OfficeFixture.spreadsheetNamespace)><sheets>"#
            + (1...sheets).map { #"<sheet name="S\#($0)" sheetId="\#($0)" r:id="rId\#($0)"/>"# }.joined() + "</sheets></workbook>"
        for (path, text) in [("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", workbook)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let head = Data(#"<worksheet \#(OfficeFixture.spreadsheetNamespace)><sheetData>"#.utf8)
        let tail = Data("</sheetData></worksheet>".utf8)
        let total = head.count + sheetBytes + tail.count
        let spaces = Data(repeating: 0x20, count: 1024 * 1024)
        for sheet in 1...sheets {
            try archive.addEntry(with: "xl/worksheets/sheet\(sheet).xml", type: .file, uncompressedSize: Int64(total),
                                 compressionMethod: .deflate, bufferSize: 1024 * 1024) { position, size in
                let start = Int(position)
                if start == 0 { return head + spaces.prefix(size - head.count) }
                if start + size >= total { return spaces.prefix(size - tail.count) + tail }
                return spaces.prefix(size)
            }
        }
        guard let data = archive.data else { throw DocumentError(.damagedArchive, fileName: "bomb") }
        return data
    }
}

private extension Data {
    /// The workbook with its shared strings part replaced by `items` (`<si>` elements).
    func replacingSharedStrings(with items: String) throws -> Data {
        let archive = try Archive(data: self, accessMode: .read)
        var parts: [(String, Data)] = []
        for entry in archive where entry.path != "xl/sharedStrings.xml" {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts.append((entry.path, data))
        }
        parts.append(("xl/sharedStrings.xml", Data(#"<sst \#(OfficeFixture.spreadsheetNamespace)>\#(items)</sst>"#.utf8)))
        return try OfficeFixture.zip(parts)
    }
}
