import Foundation
import Testing
@testable import Documents

/// The two published plans in the shared samples, as text extracted from their PDFs.
@Suite("Reading the sample plans")
struct SamplePlanTests {
    @Test("Wokingham's plan gives five action tables, one per area, titled from the area heading")
    func wokingham() throws {
        let document = try DocumentReader.read(url: OfficeFixture.fixture("wokingham-ilacs-improvement-plan-2023.txt"))
        #expect(document.format == .tabSeparatedHTML)
        let tables = document.tables
        #expect(tables.count == 5)
        #expect(tables.map { $0.heading ?? "" } == [
            "1. ASSESSMENT", "2. PLANNING", "3. SUPERVISION & MANAGEMENT OVERSIGHT", "4. RECORDING", "5. EXPLOITATION",
        ])
        for table in tables {
            #expect(table.rows[0][column: 1] == .text("Action"))
            #expect(table.rows[0].cells.count == 5)
        }
        #expect(tables[0].rows[0].texts == ["Action", "Response Leads", "Proposed Timeline", "Progress Summary", "Evidence of impact"])
        // The first action, with its continuation row after the page break.
        let first = tables[0].rows[1]
        #expect(first[column: 1].text.hasPrefix("1.1 New processes to be put in place"))
        #expect(first[column: 2] == .text("Service Manager, Safeguarding"))
        #expect(first[column: 3] == .text("Implement new processes across R&A Team April 2023 (COMPLETE)"))
        let continuation = tables[0].rows[2]
        #expect(continuation[column: 1].text.hasPrefix("Assessments. To include daily allocation meetings"))
        #expect(continuation[column: 2] == .empty)
        #expect(continuation[column: 3] == .text("Add Assessments in 45 days as a corporate KPI: April 2023 (COMPLETE)"))
        // Paragraphs inside a cell are lines; curly quotes survive.
        #expect(continuation[column: 4].text.contains("\n"))
        // Bulleted items run together in the extraction are split onto their own lines.
        let planning = tables[1].rows.map { $0[column: 4].text }.joined(separator: "\n")
        #expect(planning.contains("\n\u{2022} New templates will then go live on Mosaic by September 2023\n"))
        // A page-break rule inside area 5's table does not split it: 5.3's continuation follows it.
        let exploitation = tables[4].rows.map { $0[column: 1].text }
        #expect(exploitation.filter { $0.hasPrefix("5.") }.map { String($0.prefix(3)) } == ["5.1", "5.2", "5.3", "5.4"])
    }

    @Test("West Sussex's plan gives its area tables with the Ofsted reference and numbered actions")
    func westSussex() throws {
        let document = try DocumentReader.read(url: OfficeFixture.fixture("west-sussex-practice-improvement-plan-2019.txt"))
        #expect(document.format == .tabSeparatedHTML)
        let tables = document.tables
        // The extract starts part-way through area 1's table; each area's table is ended by
        // its "Improvement Outcomes" prose (area 4 runs on in area 3's table).
        let headers = tables.flatMap { $0.rows }.filter { $0[column: 1] == .text("Ref") }
        #expect(headers.count == 12)
        let areaRows = tables.flatMap { $0.rows }.filter { row in
            if case .text(let text) = row[column: 1], let number = Int(text) { return (2...12).contains(number) }
            return false
        }
        #expect(areaRows.map { $0[column: 1].text } == (2...12).map(String.init))
        let area2 = try #require(areaRows.first)
        #expect(area2[column: 2].text == "The quality of social work practice, to assess, support and protect children who experience neglect.")
        #expect(area2[column: 3].text == "Pg 3 Para 2 Pg 4 Para 8 Pg 9 para 34")
        #expect(area2[column: 4].text.hasPrefix("2.1.0. With the Safeguarding Children Partnership"))
        #expect(area2[column: 4].text.contains("\n2.1.1."))
        let header = try #require(headers.first)
        #expect(header.texts == ["Ref", "Objectives / what needs to improve", "Ofsted Ref", "Action Required", "Due", "Leads",
                                 "Key Performance indicators/measure of success"])
        // Area 1's surviving fragment: actions 1.2.x and 1.3.x in the fourth column.
        #expect(tables[0].rows[0][column: 2].text.contains("1.3 including practice guidance"))
        #expect(tables[0].rows[1][column: 4].text.hasPrefix("1.3.6 Implement training"))
        #expect(tables[0].rows.count == 2)
        // Prose between tables is kept as paragraphs.
        #expect(document.paragraphs.contains { $0.text == "Improvement Outcomes" })
    }
}
