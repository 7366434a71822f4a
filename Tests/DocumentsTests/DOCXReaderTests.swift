import Foundation
import Testing
@testable import Documents

@Suite("Reading Word documents")
struct DOCXReaderTests {
    typealias F = OfficeFixture

    @Test("Tables are read with the heading and paragraph before them, in reading order")
    func tablesWithHeadings() throws {
        let body = F.paragraph("1. ASSESSMENT", style: "Heading1")
            + F.paragraph("Improvement lead: Service Manager")
            + "<w:tbl><w:tr>\(F.cell(["Ref"]))\(F.cell(["Action"]))</w:tr><w:tr>\(F.cell(["1.1"]))\(F.cell(["New processes"]))</w:tr></w:tbl>"
            + F.paragraph("2. PLANNING", style: "Heading1")
            + "<w:tbl><w:tr>\(F.cell(["2.1"]))\(F.cell(["Design a template"]))</w:tr></w:tbl>"
        let document = try DOCXReader.read(data: F.document(body: body), fileName: "plan.docx")
        #expect(document.tables.count == 2)
        #expect(document.tables[0].heading == "1. ASSESSMENT")
        #expect(document.tables[0].precedingText == "Improvement lead: Service Manager")
        #expect(document.tables[0].rows.map(\.texts) == [["Ref", "Action"], ["1.1", "New processes"]])
        #expect(document.tables[1].heading == "2. PLANNING")
        #expect(document.tables[1].source.index == 2)
        #expect(document.paragraphs.map(\.isHeading) == [true, false, true])
        guard case .paragraph(let first) = document.blocks[0], case .table = document.blocks[2] else {
            Issue.record("blocks are not in reading order: \(document.blocks)")
            return
        }
        #expect(first.text == "1. ASSESSMENT")
    }

    @Test("Several paragraphs, list items, tabs and line breaks in a cell become lines of text")
    func multiParagraphCells() throws {
        let listItem = #"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Daily allocation meetings</w:t></w:r></w:p>"#
        let breaks = #"<w:p><w:r><w:t>April 2023</w:t><w:br/><w:t xml:space="preserve">(COMPLETE)  </w:t></w:r></w:p>"#
        let cell = "<w:tc>\(F.paragraph("The following were put in place:"))\(listItem)\(F.paragraph(""))\(breaks)</w:tc>"
        let body = "<w:tbl><w:tr>\(cell)</w:tr></w:tbl>"
        let table = try #require(try DOCXReader.read(data: F.document(body: body), fileName: "cells.docx").tables.first)
        #expect(table.rows[0][column: 1].text == "The following were put in place:\nDaily allocation meetings\nApril 2023\n(COMPLETE)")
    }

    @Test("gridSpan puts the value in its first column and vMerge continuations are empty; both are reported")
    func mergedCells() throws {
        let span = F.cell(["THEME 1: Practice"], properties: #"<w:gridSpan w:val="3"/>"#)
        let restart = F.cell(["Service Manager"], properties: #"<w:vMerge w:val="restart"/>"#)
        let continuation = #"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#
        let body = "<w:tbl><w:tr>\(span)</w:tr>"
            + "<w:tr>\(F.cell(["1.1"]))\(restart)\(F.cell(["Apr 2023"]))</w:tr>"
            + "<w:tr>\(F.cell(["1.2"]))\(continuation)\(F.cell(["May 2023"]))</w:tr></w:tbl>"
        let table = try #require(try DOCXReader.read(data: F.document(body: body), fileName: "merged.docx").tables.first)
        // Trailing empty cells are trimmed from every row; the region says how far the value spans.
        #expect(table.rows[0].cells == [.text("THEME 1: Practice")])
        #expect(table.rows[1].texts == ["1.1", "Service Manager", "Apr 2023"])
        #expect(table.rows[2].texts == ["1.2", "", "May 2023"])
        #expect(table.mergedRegions == [
            CellRegion(firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 3),
            CellRegion(firstRow: 2, firstColumn: 2, lastRow: 3, lastColumn: 2),
        ])
        #expect(table.fillingMergedCells().rows[2].texts == ["1.2", "Service Manager", "May 2023"])
    }

    @Test("A nested table is a table of its own and the outer cell keeps its own text")
    func nestedTables() throws {
        let inner = "<w:tbl><w:tr>\(F.cell(["KPI"]))\(F.cell(["Target"]))</w:tr><w:tr>\(F.cell(["42"]))\(F.cell(["95%"]))</w:tr></w:tbl>"
        let outerCell = "<w:tc>\(F.paragraph("Measures of success:"))\(inner)\(F.paragraph("See the scorecard"))</w:tc>"
        let body = "<w:tbl><w:tr>\(F.cell(["2.1"]))\(outerCell)</w:tr><w:tr>\(F.cell(["2.2"]))\(F.cell(["Next"]))</w:tr></w:tbl>"
        let document = try DOCXReader.read(data: F.document(body: body), fileName: "nested.docx")
        #expect(document.tables.count == 2)
        let outer = document.tables[0], nested = document.tables[1]
        #expect(outer.source.index == 1)
        #expect(outer.rows.map(\.texts) == [["2.1", "Measures of success:\nSee the scorecard"], ["2.2", "Next"]])
        #expect(nested.source.index == 2)
        #expect(nested.rows.map(\.texts) == [["KPI", "Target"], ["42", "95%"]])
    }

    @Test("Deleted revisions, field codes and fallback copies of drawings are not read as text")
    func hiddenText() throws {
        let paragraph = #"<w:p><w:r><w:t>Kept</w:t></w:r><w:del><w:r><w:delText>Deleted</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><mc:AlternateContent><mc:Choice><w:r><w:t xml:space="preserve"> once</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t> twice</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#
        let document = try DOCXReader.read(data: F.document(body: paragraph), fileName: "revisions.docx")
        #expect(document.paragraphs.map(\.text) == ["Kept once"])
    }

    @Test("A workbook given as a Word document is refused with a clear message")
    func workbookNamedAsDocument() throws {
        let workbook = try OfficeFixture.workbook(sheets: [("S", "<sheetData/>")])
        let error = try #require(throws: DocumentError.self) { try DOCXReader.read(data: workbook, fileName: "plan.docx") }
        #expect(error.reason == .formatMismatch(named: .docx, actual: .xlsx))
        #expect(error.message.contains("is really an Excel workbook"))
    }
}
