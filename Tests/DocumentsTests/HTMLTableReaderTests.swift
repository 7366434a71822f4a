import Foundation
import Testing
@testable import Documents

@Suite("Reading HTML tables and tab-separated text with HTML cells")
struct HTMLTableReaderTests {
    @Test("Cell HTML becomes the text a person reads", arguments: [
        ("<p>1.1 Train staff</p> <p>1.2 Audit <i>files</i></p>", "1.1 Train staff\n1.2 Audit files"),
        ("<ul><li>One</li><li>Two &amp; three</li></ul>", "One\nTwo & three"),
        ("Line&nbsp;one<br/>Line   two", "Line one\nLine two"),
        ("Children&#8217;s &#x2013; &lt;all&gt; &unknown;", "Children\u{2019}s \u{2013} <all> &unknown;"),
        ("<ul style=\"list-style-type: none\">\u{2022} New templates\u{2022} Workshops</ul>", "\u{2022} New templates\n\u{2022} Workshops"),
        ("a < b and 5 > 3", "a < b and 5 > 3"),
        ("<!-- note --><script>alert(1)</script><style>p{}</style>Shown", "Shown"),
    ])
    func cleaning(html: String, text: String) {
        #expect(HTMLText.clean(html) == text)
    }

    @Test("An HTML page's tables are read with colspan, rowspan, captions, headings and nested tables")
    func htmlPage() throws {
        let html = """
        <!DOCTYPE html><html><body>
        <h2>Area 1 &ndash; Assessment</h2><p>Actions agreed in July.</p>
        <table>
          <caption>Improvement plan</caption>
          <tr><th>Ref</th><th>Action</th><th>Lead</th></tr>
          <tr><td colspan="2">THEME 1</td></tr>
          <tr><td>1.1</td><td><p>Train</p><p>Audit</p></td><td rowspan="2">Service Manager</td></tr>
          <tr><td>1.2</td><td>Review<table><tr><td>inner</td></tr></table></td></tr>
        </table>
        <p>After</p>
        """
        let document = try HTMLTableReader.read(data: Data(html.utf8), fileName: "plan.html")
        #expect(document.format == .html)
        #expect(document.tables.count == 2)
        let table = document.tables[0]
        #expect(table.heading == "Improvement plan")
        #expect(table.precedingText == "Actions agreed in July.")
        #expect(table.rows.map(\.texts) == [
            ["Ref", "Action", "Lead"], ["THEME 1"], ["1.1", "Train\nAudit", "Service Manager"], ["1.2", "Review"],
        ])
        #expect(table.mergedRegions == [
            CellRegion(firstRow: 2, firstColumn: 1, lastRow: 2, lastColumn: 2),
            CellRegion(firstRow: 3, firstColumn: 3, lastRow: 4, lastColumn: 3),
        ])
        #expect(document.tables[1].rows.map(\.texts) == [["inner"]])
        #expect(document.paragraphs.map(\.text) == ["Area 1 \u{2013} Assessment", "Actions agreed in July.", "After"])
        #expect(document.paragraphs[0].isHeading)
    }

    @Test("In tab-separated text, tables run across blank lines, end at dashed rules, and take the heading before them")
    func tabSeparatedText() throws {
        let text = """
        1. ASSESSMENT

        Objectives:
        Action\tLead\tDue
        <p>1.1 Train</p>\t<p>Manager</p>\tApr 2023

        \t\t<p>(COMPLETE)</p>
        --\t--\t--

        2. PLANNING
        Action\tLead\tDue
        2.1 Design\tManager\tSep 2023
        """
        let document = try HTMLTableReader.read(data: Data(text.utf8), fileName: "plan.txt")
        #expect(document.format == .tabSeparatedHTML)
        #expect(document.tables.count == 2)
        let first = document.tables[0]
        #expect(first.heading == "1. ASSESSMENT")
        #expect(first.precedingText == "Objectives:")
        #expect(first.rows.map(\.number) == [4, 5, 7])
        #expect(first.rows[2].cells == [.empty, .empty, .text("(COMPLETE)")])
        #expect(first.source.describe(row: 7, column: 3) == "plan.txt, table 1, line 7, column 3")
        #expect(document.tables[1].heading == "2. PLANNING")
        #expect(document.paragraphs.map(\.text) == ["1. ASSESSMENT", "Objectives:", "2. PLANNING"])
    }
}
