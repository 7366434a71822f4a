import Foundation
import Testing
@testable import Documents

/// The byte-level sheet reader: the XML arrives from the unzip in chunks that can cut a tag,
/// a reference or a value anywhere, and writers differ in quoting, ordering and prefixes.
@Suite("Scanning sheet XML as it is unzipped")
struct SheetScanningTests {
    /// One of each thing a writer may put in a sheet, with the values a person would see.
    static let varied = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <!-- written by hand to cover every writer's habits -->
    <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1" spans="1:6"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t='inlineStr' r='B1'><x:is><x:t>Fish &amp; chips &lt;hot&gt; &quot;now&quot; &apos;ok&apos;</x:t></x:is></x:c><x:c r="C1" s="1"><x:v>45138</x:v></x:c></x:row>
      <row r = "2" ><c r="A2" t="str"><f>A1&amp;"x"</f><v>cached &#38; kept</v></c><c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>Bold </t></r><r><t xml:space="preserve">snow &#x2603;</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></is></c><c r="C2"/><c r="D2" t="inlineStr"><is><t><![CDATA[<raw> & kept]]></t></is></c></row>
      <row r="4"><c r="A4" t="b"><v>0</v></c><c r="B4" t="e"><v>#DIV/0!</v></c><c r="C4"><v>-1.5E3</v></c><c r="F4" t="d"><v>2024-03-31</v></c></row>
      <row r="5"/>
    </x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A4:B5"/></x:mergeCells></x:worksheet>
    """#

    static let expectedRows = [
        TableRow(number: 1, cells: [.text("Referral"), .text(#"Fish & chips <hot> "now" 'ok'"#), .date(CellDate(year: 2023, month: 7, day: 31))]),
        TableRow(number: 2, cells: [.text("cached & kept"), .text("Bold snow ☃"), .empty, .text("<raw> & kept")]),
        TableRow(number: 4, cells: [.boolean(false), .error("#DIV/0!"), .number(-1500), .empty, .empty, .date(CellDate(year: 2024, month: 3, day: 31))]),
    ]

    /// Reads sheet XML through the scanner, fed `chunkSize` bytes at a time.
    static func read(_ xml: String, chunkSize: Int) throws -> (rows: [TableRow], merged: [CellRegion]) {
        var rows: [TableRow] = []
        var scanner = XMLByteScanner(SheetPart(
            sharedStrings: ["Referral"], dateStyles: [false, true], uses1904: false, budget: ReadingBudget(limits: .standard),
            onRow: { rows.append($0) }))
        let bytes = Array(xml.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            try bytes[start..<end].withUnsafeBytes { try scanner.feed($0) }
            start = end
        }
        try scanner.finish()
        return (rows, scanner.handler.mergedRegions)
    }

    @Test("Prefixed names, either quote, entities, CDATA, rich text and formulas read as their values")
    func variedSheetReadWhole() throws {
        let whole = try Self.read(Self.varied, chunkSize: Int.max)
        #expect(whole.rows == Self.expectedRows)
        #expect(whole.merged == [CellRegion(firstRow: 4, firstColumn: 1, lastRow: 5, lastColumn: 2)])
    }

    @Test("Chunks cutting tags, references and values anywhere give the same rows as the whole sheet",
          arguments: [1, 2, 7, 64])
    func chunkBoundaries(chunkSize: Int) throws {
        let chunked = try Self.read(Self.varied, chunkSize: chunkSize)
        #expect(chunked.rows == Self.expectedRows)
        #expect(chunked.merged == [CellRegion(firstRow: 4, firstColumn: 1, lastRow: 5, lastColumn: 2)])
    }

    @Test("A workbook whose writer prefixes every element reads like any other")
    func prefixedWorkbook() throws {
        let sheet = #"<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>"#
        let strings = #"<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>Q&amp;A</x:t></x:si></x:sst>"#
        let data = try OfficeFixture.zip([
            ("xl/workbook.xml", #"<workbook \#(OfficeFixture.spreadsheetNamespace)><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        ])
        let table = try XLSXReader(data: data, fileName: "prefixed.xlsx").table(sheetAt: 1)
        #expect(table.rows == [TableRow(number: 1, cells: [.text("Q&A"), .number(7)])])
    }

    @Test("Shared strings cut into 1-byte chunks keep their references, runs and line ends")
    func sharedStringsInChunks() throws {
        let xml = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Tom &amp; Jerry</t></si><si><r><t>Due </t></r><r><t>&#163;5</t></r><rPh><t>no</t></rPh></si><si><t>a_x000D_&#10;b</t></si><si/></sst>"#
        var scanner = XMLByteScanner(SharedStringsPart(budget: ReadingBudget(limits: .standard)))
        for byte in Array(xml.utf8) {
            try withUnsafeBytes(of: byte) { try scanner.feed($0) }
        }
        try scanner.finish()
        #expect(scanner.handler.strings == ["Tom & Jerry", "Due £5", "a\nb", ""])
    }

    @Test("Cell numbers read exactly as the standard parser reads them",
          arguments: ["0", "42", "-3.25", "45138.5", "0.1", "0.30000000000000004", "1e-7", "-1.5E3", "1E+22",
                      "123456789012345678", "9007199254740993", "1.7976931348623157E+308", "2.2250738585072014E-308",
                      "4.9e-324", ".5", "1.", "+4", "007", "-0", "12abc", "1e", "--1"])
    func numbersMatchStandardParsing(text: String) {
        let fast = Array(text.utf8).withUnsafeBufferPointer { SheetPart.number($0) }
        let standard = Double(text)
        #expect(fast?.bitPattern == standard?.bitPattern)
    }

    @Test("A sheet cut short names the sheet and the row it stopped in")
    func truncatedSheet() throws {
        let sheet = #"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>4"#
        let data = try OfficeFixture.zip([
            ("xl/workbook.xml", #"<workbook \#(OfficeFixture.spreadsheetNamespace)><sheets><sheet name="Referrals" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet \#(OfficeFixture.spreadsheetNamespace)>\#(sheet)"#),
        ])
        let error = try #require(throws: DocumentError.self) {
            try XLSXReader(data: data, fileName: "cut.xlsx").table(sheet: "Referrals")
        }
        #expect(error.sheet == "Referrals")
        #expect(error.row == 2)
        #expect(error.description.hasPrefix("cut.xlsx, sheet 'Referrals', row 2: The file is damaged"))
    }

    @Test("A sheet whose bytes changed after it was zipped is reported as damaged, not read with wrong values")
    func changedAfterZipping() throws {
        let data = try OfficeFixture.zip([
            ("xl/workbook.xml", #"<workbook \#(OfficeFixture.spreadsheetNamespace)><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet><sheetData><row r="1"><c r="A1"><v>1250</v></c></row></sheetData></worksheet>"#),
        ], compression: .none)
        var bytes = [UInt8](data)
        let value = Array("1250".utf8)
        let position = try #require((0...(bytes.count - value.count)).first { bytes[$0..<$0 + value.count].elementsEqual(value) })
        bytes[position] = UInt8(ascii: "9")
        let error = try #require(throws: DocumentError.self) {
            try XLSXReader(data: Data(bytes), fileName: "changed.xlsx").table(sheetAt: 1)
        }
        #expect(error.reason == .damagedArchive)
    }

    @Test("Damaged XML is reported with the sheet, the row and what is wrong", arguments: [
        (#"<sheetData><row r="3"><c r="A3"><v>1</v></row></sheetData>"#, 3, "</row> where </c> was expected"),
        (#"<sheetData><row r="8"><c r="A8" t="inlineStr"><is><t>A&nbsp;B</t></is></c></row></sheetData>"#, 8, "&nbsp;"),
        (#"<sheetData><row r="9"><c r="A9" t="inlineStr"><is><t>Fish & chips</t></is></c></row></sheetData>"#, 9, "character reference"),
        (#"<sheetData><row r="5"><c r=A5><v>1</v></c></row></sheetData>"#, 5, "<c> tag"),
    ] as [(String, Int, String)])
    func damagedXML(sheet: String, row: Int, detail: String) throws {
        let data = try OfficeFixture.workbook(sheets: [("Actions", sheet)])
        let error = try #require(throws: DocumentError.self) {
            try XLSXReader(data: data, fileName: "bad.xlsx").table(sheet: "Actions")
        }
        #expect(error.sheet == "Actions")
        #expect(error.row == row)
        #expect(error.message.contains(detail))
    }

    @Test("A document type declaration is refused even when a chunk boundary splits it", arguments: [1, 3])
    func documentTypeAcrossChunks(chunkSize: Int) {
        let xml = #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>"#
        let error = #expect(throws: XMLPartError.self) { try Self.read(xml, chunkSize: chunkSize) }
        #expect(error?.reason == .documentTypeDeclaration)
    }

    @Test("A tag that never ends is refused rather than held in memory")
    func endlessTag() {
        let xml = #"<worksheet><sheetData><row r="1"><c r=""# + String(repeating: "A", count: 2 * 1024 * 1024)
        let error = #expect(throws: XMLPartError.self) { try Self.read(xml, chunkSize: 64 * 1024) }
        #expect(error.map { "\($0.reason)" }?.contains("longer than 1 MB") == true)
    }
}
