import Foundation
import Testing
@testable import Documents

@Suite("Reading Excel workbooks")
struct XLSXReaderTests {
    /// Styles: 0 General, 1 built-in date (14), 2 custom "dd/mm/yyyy" (164), 3 a number format (2).
    static let styles = #"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>"#

    @Test("Shared and inline strings, numbers, booleans and errors read as values")
    func valuesOfEachKind() throws {
        let sheet = #"""
        <sheetData>
          <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Inline text</t></is></c></row>
          <row r="2"><c r="A2"><v>42</v></c><c r="B2"><v>3.25</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="str"><f>A1&amp;B1</f><v>RefAction</v></c></row>
        </sheetData>
        """#
        let data = try OfficeFixture.workbook(sheets: [("Actions", sheet)], sharedStrings: ["Ref", "Action & outcome"])
        let table = try XLSXReader(data: data, fileName: "tracker.xlsx").table(sheet: "Actions")
        #expect(table.rows.count == 2)
        #expect(table.rows[0].texts == ["Ref", "Action & outcome", "Inline text"])
        #expect(table.rows[1].cells == [.number(42), .number(3.25), .boolean(true), .error("#N/A"), .text("RefAction")])
        #expect(table.rows[1][column: 1].text == "42")
        #expect(table.source.sheetName == "Actions")
    }

    @Test("Dates stored as serial numbers are recognised from the cell's number format")
    func datesFromSerials() throws {
        let sheet = #"""
        <sheetData><row r="1">
          <c r="A1" s="1"><v>45138</v></c><c r="B1" s="2"><v>45138.5</v></c><c r="C1" s="3"><v>45138</v></c><c r="D1"><v>45138</v></c>
          <c r="E1" s="1"><v>59</v></c><c r="F1" s="1"><v>61</v></c><c r="G1" t="d"><v>2023-07-31T00:00:00</v></c>
        </row></sheetData>
        """#
        let data = try OfficeFixture.workbook(sheets: [("Dates", sheet)], styles: Self.styles)
        let row = try XLSXReader(data: data, fileName: "dates.xlsx").table(sheetAt: 1).rows[0]
        #expect(row[column: 1] == .date(CellDate(year: 2023, month: 7, day: 31)))
        #expect(row[column: 2] == .date(CellDate(year: 2023, month: 7, day: 31, secondsIntoDay: 12 * 3600)))
        #expect(row[column: 2].text == "2023-07-31 12:00:00")
        // A number format without d, m or y leaves a plain number, as does General.
        #expect(row[column: 3] == .number(45138))
        #expect(row[column: 4] == .number(45138))
        // Either side of Excel's imaginary 29 February 1900.
        #expect(row[column: 5] == .date(CellDate(year: 1900, month: 2, day: 28)))
        #expect(row[column: 6] == .date(CellDate(year: 1900, month: 3, day: 1)))
        #expect(row[column: 7] == .date(CellDate(year: 2023, month: 7, day: 31)))
    }

    @Test("Workbooks in the 1904 date system count from 1 January 1904")
    func dates1904() throws {
        let sheet = #"<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43676</v></c></row></sheetData>"#
        let data = try OfficeFixture.workbook(sheets: [("Mac", sheet)], styles: Self.styles, date1904: true)
        let row = try XLSXReader(data: data, fileName: "mac.xlsx").table(sheetAt: 1).rows[0]
        #expect(row[column: 1] == .date(CellDate(year: 1904, month: 1, day: 1)))
        #expect(row[column: 2] == .date(CellDate(year: 2023, month: 7, day: 31)))
    }

    @Test("Custom number formats are dates only when d, m or y appear outside quotes and brackets",
          arguments: [("dd/mm/yyyy", true), ("mmm-yy", true), ("[$-809]d mmmm yyyy;@", true), ("h:mm", true),
                      ("0.00", false), ("#,##0 \"days\"", false), ("[Red]0%", false), ("General", false), ("0.00E+00", false)])
    func customDateFormats(code: String, isDate: Bool) {
        #expect(SerialDate.isDateFormat(code) == isDate)
    }

    @Test("Sparse cells land in their own columns and skipped rows keep their numbers")
    func sparseCellsAndEmptyRows() throws {
        let sheet = #"""
        <sheetData>
          <row r="2"><c r="A2" t="inlineStr"><is><t>first</t></is></c><c r="C2" t="inlineStr"><is><t>third</t></is></c></row>
          <row r="3"><c r="A3" s="0"/></row>
          <row r="5"><c r="AB5"><v>7</v></c></row>
          <row><c t="inlineStr"><is><t>no address</t></is></c><c><v>2</v></c></row>
        </sheetData>
        """#
        let data = try OfficeFixture.workbook(sheets: [("Sparse", sheet)])
        let table = try XLSXReader(data: data, fileName: "sparse.xlsx").table(sheetAt: 1)
        #expect(table.rows.map(\.number) == [2, 5, 6])
        #expect(table.rows[0].cells == [.text("first"), .empty, .text("third")])
        #expect(table.rows[1].cells.count == 28)
        #expect(table.rows[1][column: 28] == .number(7))
        #expect(table.rows[2].cells == [.text("no address"), .number(2)])
    }

    @Test("Merged cells keep their value in the top-left cell and are reported; filling copies it")
    func mergedCells() throws {
        let sheet = #"""
        <sheetData>
          <row r="1"><c r="A1" t="inlineStr"><is><t>Theme 1</t></is></c></row>
          <row r="2"><c r="A2" t="inlineStr"><is><t>Lead</t></is></c><c r="B2" t="inlineStr"><is><t>1.1</t></is></c></row>
          <row r="3"><c r="B3" t="inlineStr"><is><t>1.2</t></is></c></row>
        </sheetData>
        <mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A2:A3"/></mergeCells>
        """#
        let data = try OfficeFixture.workbook(sheets: [("Merged", sheet)])
        let table = try XLSXReader(data: data, fileName: "merged.xlsx").table(sheetAt: 1)
        #expect(table.mergedRegions == [
            CellRegion(firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 3),
            CellRegion(firstRow: 2, firstColumn: 1, lastRow: 3, lastColumn: 1),
        ])
        #expect(table.rows[2][column: 1] == .empty)
        let filled = table.fillingMergedCells()
        #expect(filled.rows[2][column: 1] == .text("Lead"))
        #expect(filled.rows[0].texts == ["Theme 1", "Theme 1", "Theme 1"])
    }

    @Test("Several sheets are read by name, in workbook order")
    func severalSheets() throws {
        let first = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>actions</t></is></c></row></sheetData>"#
        let second = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>measures</t></is></c></row></sheetData>"#
        let data = try OfficeFixture.workbook(sheets: [("Actions", first), ("KPIs", second)])
        let reader = try XLSXReader(data: data, fileName: "book.xlsx")
        #expect(reader.sheetNames == ["Actions", "KPIs"])
        #expect(try reader.table(sheet: "KPIs").rows[0][column: 1] == .text("measures"))
        let document = try reader.document()
        #expect(document.tables.map { $0.source.sheetName } == ["Actions", "KPIs"])
        #expect(throws: DocumentError.self) { try reader.table(sheet: "Missing") }
    }

    @Test("Rows stream one at a time, and an error from the caller stops the reading")
    func streamingRows() throws {
        var rowsXML = ""
        for row in 1...5_000 {
            rowsXML += #"<row r="\#(row)"><c r="A\#(row)"><v>\#(row)</v></c><c r="B\#(row)" t="s"><v>\#(row % 2)</v></c></row>"#
        }
        let data = try OfficeFixture.workbook(sheets: [("Big", "<sheetData>\(rowsXML)</sheetData>")], sharedStrings: ["even", "odd"])
        let reader = try XLSXReader(data: data, fileName: "big.xlsx")
        var count = 0, total = 0.0
        try reader.forEachRow(inSheet: "Big") { row in
            count += 1
            if case .number(let value) = row[column: 1] { total += value }
        }
        #expect(count == 5_000)
        #expect(total == 12_502_500)
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try reader.forEachRow(inSheet: "Big") { _ in
                seen += 1
                if seen == 10 { throw Enough() }
            }
        }
        #expect(seen == 10)
    }

    @Test("A 9 MB sheet is read row by row as it is unzipped")
    func largeSheetStreams() throws {
        let text = String(repeating: "x", count: 1000)
        var rowsXML = ""
        for row in 1...9_000 {
            rowsXML += #"<row r="\#(row)"><c r="A\#(row)" t="inlineStr"><is><t>\#(text)</t></is></c></row>"#
        }
        let data = try OfficeFixture.workbook(sheets: [("Large", "<sheetData>\(rowsXML)</sheetData>")])
        var count = 0
        try XLSXReader(data: data, fileName: "large.xlsx").forEachRow(inSheetAt: 1) { row in
            count += 1
            #expect(row[column: 1].text.count == 1000)
        }
        #expect(count == 9_000)
    }

    @Test("Rich text runs are joined, phonetic guides dropped and _x000D_ escapes decoded")
    func richSharedStrings() throws {
        let strings = #"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>Due </t></r><r><rPr><b/></rPr><t>Nov 2019</t></r><rPh><t>ignored</t></rPh></si><si><t>line one_x000D_\#nline two</t></si></sst>"#
        var parts: [(String, String)] = [
            ("[Content_Types].xml", "<Types/>"),
            ("xl/workbook.xml", #"<workbook \#(OfficeFixture.spreadsheetNamespace)><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml" Type="worksheet"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", #"<worksheet \#(OfficeFixture.spreadsheetNamespace)><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData></worksheet>"#),
        ]
        parts.append(("xl/sharedStrings.xml", strings))
        let table = try XLSXReader(data: OfficeFixture.zip(parts), fileName: "rich.xlsx").table(sheetAt: 1)
        #expect(table.rows[0].texts == ["Due Nov 2019", "line one\nline two"])
    }

    @Test("A cell pointing at shared text that does not exist names its sheet, row and column")
    func badSharedStringIndex() throws {
        let sheet = #"<sheetData><row r="4"><c r="C4" t="s"><v>9</v></c></row></sheetData>"#
        let data = try OfficeFixture.workbook(sheets: [("Actions", sheet)], sharedStrings: ["only one"])
        let error = try #require(throws: DocumentError.self) {
            try XLSXReader(data: data, fileName: "broken.xlsx").table(sheet: "Actions")
        }
        #expect(error.sheet == "Actions")
        #expect(error.row == 4)
        #expect(error.column == "C")
        #expect(error.description.hasPrefix("broken.xlsx, sheet 'Actions', row 4, column C: "))
    }

    @Test("Column letters and cell references convert both ways")
    func cellReferences() {
        #expect(CellReference.columnLetters(1) == "A")
        #expect(CellReference.columnLetters(26) == "Z")
        #expect(CellReference.columnLetters(27) == "AA")
        #expect(CellReference.columnLetters(16_384) == "XFD")
        #expect(CellReference("$AB$12") == CellReference(column: 28, row: 12))
        #expect(CellReference("12") == nil)
    }

    @Test("The Ofsted Annex A template reads: its sheets in order and the header row of List 1")
    func annexATemplate() throws {
        let reader = try XLSXReader(url: OfficeFixture.fixture("ofsted-annex-a-template-2019.xlsx"))
        #expect(reader.sheetNames.count == 15)
        #expect(reader.sheetNames.first == "Front_Sheet")
        #expect(reader.sheetNames.contains("List 3"))
        let list1 = try reader.table(sheet: "List_1")
        #expect(list1.rows[0].number == 1)
        #expect(list1.rows[0][column: 1] == .text("List 1: Contacts"))
        #expect(list1.mergedRegions.contains(CellRegion(firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 7)))
        let header = list1.rows[1].texts
        #expect(header.prefix(3) == ["Child Unique ID", "Gender", "Ethnicity"])
        #expect(header.contains("Date of Contact"))
        // Every sheet reads without error.
        #expect(try reader.document().tables.count == 15)
    }
}
