import Core
import Documents
import Foundation
import Testing
@testable import PlanImport

/// The ten causes issue 10 measured on published council documents, each on a small document
/// made for it: what defeated the importer, and what it does now.
@Suite("What defeated the importer on real council documents")
struct ImportCauseTests {
    func text(_ body: String, fileName: String = "pack.txt") throws -> ImportResult {
        try PlanImporter.importPlans(data: Data(body.utf8), fileName: fileName, options: ImportOptions(asAt: Day(2024, 5, 1)))
    }

    func html(_ body: String) throws -> ImportResult {
        try text("<html><body>\(body)</body></html>", fileName: "pack.html")
    }

    // 1
    @Test("Tab-separated text with a small HTML table drawn in a cell is read as tab-separated rows, not as a web page")
    func htmlFragmentsInCells() throws {
        let body = """
            Service action plan
            Ref\tAction\tLead\tDate\t% complete
            1.1\tRelaunch the plan template\tHead of Service\tJune 2022\t<table><tr><td></td></tr></table>
            1.2\t<p>Audit plans monthly</p><ul><li>twenty a month</li></ul>\tQA Manager\tSeptember 2022\t<table><tr><td>40%</td></tr></table>

            """
        #expect(try DocumentReader.format(of: Data(body.utf8), fileName: "pack.txt") == .tabSeparatedHTML)
        let result = try text(body)
        let plan = try #require(result.plans.first)
        #expect(plan.actions.map(\.ref) == ["1.1", "1.2"])
        #expect(plan.actions.map(\.dueDate) == [Day(2022, 6, 30), Day(2022, 9, 30)])
        // A page whose markup is indented with tabs is still a page.
        let page = "<div>\n\t<table>\n\t\t<tr><td>Ref</td></tr>\n\t</table>\n</div>"
        #expect(try DocumentReader.format(of: Data(page.utf8), fileName: "page.txt") == .html)
    }

    @Test("A text export holding prose, tab-separated rows and an HTML table written as a block of lines reads both tables")
    func htmlTableBlockInText() throws {
        let result = try text("""
            Recommendation tracker
            Rec No\tRecommendation\tLead\tStatus
            1\tReduce social worker turnover\tDirector\tCompleted
            The action plan is below.
            Inspection action plan
            <table>
            <tr><th>Ref</th><th>Action</th><th>Lead officer</th><th>Target date</th></tr>
            <tr><td>1.1</td><td>Agree a retention package</td><td>Head of HR</td><td>30/09/2024</td></tr>
            </table>
            Membership
            Cllr J. Smith\tChair

            """)
        #expect(result.plans.map(\.draft.plan.title) == ["Recommendation tracker", "Inspection action plan"])
        #expect(result.plans.last?.actions.map(\.ref) == ["1.1"])
        #expect(result.plans.last?.actions.first?.dueDate == Day(2024, 9, 30))
        // The block's rows are numbered from the line where it starts, so warnings point there.
        #expect(result.tables.map(\.kind) == [.plan, .plan, .notAPlan])
        let document = try DocumentReader.read(data: Data("""
            Ref\tAction
            1\tFirst
            Intro
            <table>
            <tr><td>a</td><td>b</td></tr>
            </table>
            """.utf8), fileName: "block.txt")
        #expect(document.format == .tabSeparatedHTML)
        #expect(document.tables.map { $0.rows.map(\.number) } == [[1, 2], [4]])
    }

    @Test("A Word table nested in a cell is read with the row it sits in: milestones drawn as a small table give the action its dates")
    func wordTablesNestedInCells() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/Corpus/milestones-nested-tables.docx", withExtension: nil))
        let document = try DocumentReader.read(url: url)
        #expect(document.tables.dropFirst().map(\.enclosingCell) == [
            TableCellPosition(table: 1, row: 2, column: 4), TableCellPosition(table: 1, row: 3, column: 4), TableCellPosition(table: 1, row: 4, column: 4),
        ])
        let result = PlanImporter.importPlans(from: document)
        let action = try #require(result.plans.first?.actions.first)
        #expect(action.milestones.map(\.title) == ["Pathway drafted", "Agreed with the hospital trust", "In use"])
        #expect(action.dueDate == Day(2025, 3, 31))
        #expect(result.tables.map(\.kind) == [.plan, .notAPlan, .notAPlan, .notAPlan])
        #expect(result.tables[1].reason.contains("sits in a cell of table 1"))

        // The same in a web page.
        let page = try html("""
            <table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Milestones</th></tr>
            <tr><td>1.1</td><td>Pre-birth pathway</td><td>Head of Assessment</td>
            <td><table><tr><td>Drafted</td><td>September 2024</td></tr><tr><td>In use</td><td>March 2025</td></tr></table></td></tr></table>
            """)
        #expect(page.plans.first?.actions.first?.dueDate == Day(2025, 3, 31))
        #expect(page.plans.first?.actions.first?.milestones.map(\.title) == ["Drafted", "In use"])
        #expect(page.tables.map(\.kind) == [.plan, .notAPlan])
    }

    // 2
    @Test("Rows with no reference of their own under an area row 2.3 are its actions, numbered 2.3.1, 2.3.2 with a warning; a row with only more text continues the action above")
    func unnumberedActionsUnderAreaRow() throws {
        let result = try html("""
            <h2>Improvement plan</h2>
            <table>
            <tr><th>Ref</th><th>Outcome</th><th>Action</th><th>Lead</th><th>Due</th></tr>
            <tr><td>2.3</td><td>Make sure that plans are reviewed on time</td><td></td><td></td><td></td></tr>
            <tr><td></td><td></td><td>IRO to escalate late reviews</td><td>IRO Manager</td><td>Jan 2024</td></tr>
            <tr><td></td><td></td><td>and record why</td><td></td><td></td></tr>
            <tr><td></td><td></td><td>Quarterly report to the board</td><td>Performance Manager</td><td>Mar 2024</td></tr>
            <tr><td>2.4</td><td>Make sure siblings live together</td><td></td><td></td><td></td></tr>
            <tr><td></td><td></td><td>Together and apart assessments</td><td>Head of Service</td><td>Apr 2024</td></tr>
            </table>
            """)
        let plan = try #require(result.plans.first)
        #expect(plan.areas.map(\.ref) == ["2.3", "2.4"])
        #expect(plan.areas.first?.title == "Make sure that plans are reviewed on time")
        #expect(plan.actions.map(\.ref) == ["2.3.1", "2.3.2", "2.4.1"])
        #expect(plan.actions.first?.title == "IRO to escalate late reviews and record why")
        #expect(plan.actions.map(\.leads) == [["IRO Manager"], ["Performance Manager"], ["Head of Service"]])
        #expect(result.warnings.contains { $0.message.contains("numbered 2.3.1, 2.3.2") && $0.row == 3 })
    }

    @Test("Several actions in one cell, one a line with no references, are separate actions when the due cell has one date a line for them (or the lines are bullets with a lead each); otherwise the lines stay one action")
    func severalActionsInOneCell() throws {
        let result = try html("""
            <table><tr><th>Ref</th><th>Outcome</th><th>Action</th><th>Lead</th><th>Due</th></tr>
            <tr><td>3.1</td><td>Children's records are up to date</td><td></td><td></td><td></td></tr>
            <tr><td></td><td></td><td>Relaunch the recording standard<br>Monthly dashboard of overdue records</td><td>Head of Practice<br>Performance Manager</td><td>July 2024<br>June 2024</td></tr>
            <tr><td></td><td></td><td>• Business support to type meeting notes<br>• Managers to check notes each month</td><td>Business Support Manager</td><td>August 2024</td></tr>
            <tr><td></td><td></td><td>Audit records quarterly.<br>Report the findings to the board.</td><td>Head of QA<br>Director</td><td>September 2024</td></tr>
            </table>
            """)
        let plan = try #require(result.plans.first)
        #expect(plan.actions.map(\.ref) == ["3.1.1", "3.1.2", "3.1.3", "3.1.4"])
        #expect(plan.actions.map(\.leads) == [["Head of Practice"], ["Performance Manager"], ["Business Support Manager"], ["Head of QA", "Director"]])
        #expect(plan.actions.map(\.dueDate) == [Day(2024, 7, 31), Day(2024, 6, 30), Day(2024, 8, 31), Day(2024, 9, 30)])
        #expect(plan.actions[2].title.contains("Managers to check notes each month"))
    }

    // 3
    @Test("Theme rows start themes; 'Why this is important' and 'What good looks like' rows describe the area; a header repeated after a page break with extra empty cells is skipped; a continuation row carries on the cell above")
    func themesLabelsRepeatedHeadersContinuations() throws {
        let result = try text("""
            Early Help Improvement Plan
            Ref\tAction\tLead(s)\tTimescale
            THEME 2: PARTNERSHIP WORKING
            2\tPartners share responsibility for early help
            Why this is important\tFamilies are passed between agencies.
            2.1\tAgree an early help strategy with schools,\tStrategic Lead\tSep 2023
            --\t--\t--\t--

            Ref\tAction\tLead(s)\tTimescale\t\t
            \thealth and police
            2.2\tSet up locality panels\tLocality Managers\tNov 2023
            What good looks like\tOne plan for each family, agreed by all.

            """)
        let plan = try #require(result.plans.first)
        #expect(plan.draft.themes.map(\.theme.title) == ["Partnership Working"])
        #expect(plan.areas.map(\.ref) == ["2"])
        let area = try #require(plan.areas.first)
        #expect(area.whyItMatters == "Families are passed between agencies.")
        #expect(area.whatGoodLooksLike == "One plan for each family, agreed by all.")
        #expect(plan.actions.map(\.ref) == ["2.1", "2.2"])
        #expect(plan.actions.first?.title == "Agree an early help strategy with schools, health and police")
    }

    // 4
    @Test("A date line and the report's numbered headings followed by prose do not become areas; a numbered heading with labelled text under it still does")
    func datesAndReportHeadings() throws {
        let result = try text("""
            CHILDREN'S SCRUTINY PANEL
            14 MARCH 2022
            1. PURPOSE OF THE REPORT
            This report updates the panel on the plan.
            3. CONTEXT
            The service was inspected in October 2021.
            2. PLANNING
            Improvement Lead: Head of Service
            Ref\tAction\tLead\tDue
            2.1\tRefresh the planning guidance\tPrincipal Social Worker\tMay 2022
            5. FINANCIAL IMPLICATIONS
            None.

            """)
        let plan = try #require(result.plans.first)
        #expect(plan.areas.map(\.ref) == ["2"])
        #expect(plan.areas.first?.title == "Planning")
        #expect(plan.areas.first?.improvementLead == "Head of Service")
        #expect(plan.actions.map(\.ref) == ["2.1"])
        #expect(result.notes.contains { $0.message.contains("\"3. Context\"") && $0.message.contains("heading of the report") })
    }

    @Test("A numbered heading with a paragraph of prose under it stays an area when the table after it numbers its actions under it")
    func headingWithProseKeptForItsActions() throws {
        let result = try text("""
            1. ASSESSMENT
            This part of the plan answers what inspectors found about assessments.
            Ref\tAction\tLead\tDue
            1.1\tWeekly tracking of late assessments\tTeam Managers\tMay 2024
            2. CONTEXT
            The service was inspected in 2023.

            """)
        let plan = try #require(result.plans.first)
        #expect(plan.areas.map(\.ref) == ["1"])
        #expect(plan.areas.first?.title == "Assessment")
        #expect(plan.actions.map(\.ref) == ["1.1"])
    }

    // 5
    @Test("Agendas, membership lists, contacts, judgement grids, RAG keys, glossaries and figure tables are not plans, and each table says what it was taken for")
    func tablesThatAreNotPlans() throws {
        let result = try html("""
            <h2>Agenda</h2>
            <table><tr><th>Item</th><th>Subject</th><th>Page No</th></tr><tr><td>1</td><td>Apologies</td><td>1 - 2</td></tr><tr><td>2</td><td>Minutes</td><td>3 - 8</td></tr></table>
            <h2>Membership</h2>
            <table><tr><td>Cllr A. Patel</td><td>Chair</td></tr><tr><td>Cllr R. Owen</td><td>Vice-Chair</td></tr></table>
            <h2>Judgements</h2>
            <table><tr><td>Overall effectiveness</td><td>Requires improvement to be good</td></tr></table>
            <h2>ILACS action plan</h2>
            <table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Due date</th></tr>
            <tr><td>1.1</td><td>Daily MASH meeting</td><td>MASH Manager</td><td>Apr 2024</td></tr></table>
            <h2>RAG key</h2>
            <table><tr><td>Red</td><td>Off track</td></tr><tr><td>Green</td><td>On track</td></tr></table>
            <h2>Figures</h2>
            <table><tr><td>Measure</td><td>Apr</td><td>May</td><td>Jun</td></tr><tr><td>Re-referrals</td><td>21.2</td><td>20.8</td><td>19.9</td></tr></table>
            <table><tr><td>MASH</td><td>Multi-agency safeguarding hub</td></tr></table>
            """)
        #expect(result.plans.count == 1)
        #expect(result.plans.first?.actions.map(\.ref) == ["1.1"])
        #expect(result.tables.map(\.kind) == [.agenda, .notAPlan, .notAPlan, .plan, .notAPlan, .notAPlan, .notAPlan])
        #expect(result.tables[3].reason.contains("Ref, Action, Lead, Due date"))
        #expect(result.tables[3].plan == 0)
        #expect(ImportPreview.text(result).contains("Table 1 (pack.html, table 1): agenda"))
    }

    @Test("A header-less table straight after a plan's table, with references in the reference column, carries the plan on; one after prose with names in that column does not")
    func headerlessContinuation() throws {
        let result = try text("""
            Improvement plan
            Ref\tAction\tLead\tDue
            1.1\tFirst action\tHead of Service\tMay 2024
            12
            1.2\tSecond action\tTeam Manager\tJune 2024
            Contacts
            J. Hart\tHead of Early Help\t01632 960000

            """)
        #expect(result.plans.first?.actions.map(\.ref) == ["1.1", "1.2"])
        #expect(result.tables.map(\.kind) == [.plan, .continuation, .notAPlan])
    }

    // 6
    @Test("The plan's title is the heading just above its table, without its numbering; not a committee's name further up")
    func titleFromHeadingAbove() throws {
        let result = try html("""
            <h1>Children and Young People Scrutiny Panel</h1>
            <p>Improvement Board papers</p>
            <h2>4. Service action plan for the year</h2>
            <table><tr><th>Ref</th><th>Action</th><th>Lead</th></tr><tr><td>1</td><td>Recruit managers</td><td>HR</td></tr></table>
            <h2>Appendix 2: Recommendation tracker</h2>
            <table><tr><th>No.</th><th>Recommendation</th><th>Status</th></tr><tr><td>1</td><td>Review the front door</td><td>Open</td></tr></table>
            """)
        #expect(result.plans.map(\.draft.plan.title) == ["Service action plan for the year", "Recommendation tracker"])
    }

    @Test("Without a column headed as the action, a column of sentences is the action; 'Priority N' headings name the areas of the actions numbered N.1, N.2 under them")
    func descriptionColumnAndPriorityHeadings() throws {
        let result = try html("""
            <h1>Improvement plan 2024-25</h1>
            <h2>Priority 1: Front door</h2>
            <table><tr><th>Ref</th><th>Description</th><th>Owner</th><th>Due date</th></tr>
            <tr><td>1.1</td><td>Recruit two practice managers to the MASH</td><td>Head of MASH</td><td>Sept 24</td></tr>
            <tr><td>1.2</td><td>Agree a threshold document with partners</td><td>Head of MASH</td><td>Dec 24</td></tr></table>
            <h2>Priority 2: Children in care</h2>
            <table><tr><th>Ref</th><th>Description</th><th>Owner</th><th>Due date</th></tr>
            <tr><td>2.1</td><td>Review care plans for children placed far away</td><td>Head of Service</td><td>2024/25</td></tr></table>
            """)
        let plan = try #require(result.plans.first)
        #expect(result.plans.count == 1)
        #expect(plan.actions.map(\.ref) == ["1.1", "1.2", "2.1"])
        #expect(plan.actions.map(\.dueDate) == [Day(2024, 9, 30), Day(2024, 12, 31), Day(2025, 3, 31)])
        #expect(plan.areas.map(\.ref) == ["1", "2"])
        #expect(plan.areas.map(\.title) == ["Front door", "Children in care"])
        #expect(result.notes.contains { $0.message.contains("'Description' holds a sentence on each row") })

        // With an outcome column and no action column, the outcomes are the items tracked.
        let outcomes = try html("""
            <table><tr><th>Ref</th><th>Outcome</th><th>Lead</th><th>Due</th></tr>
            <tr><td>1</td><td>Children are seen within a day</td><td>MASH Manager</td><td>Mar 2025</td></tr></table>
            """)
        #expect(outcomes.plans.first?.actions.map(\.title) == ["Children are seen within a day"])
    }

    // 7
    @Test("A reference column with an empty header is the reference column when its cells read as references")
    func emptyHeaderReferenceColumn() throws {
        let result = try html("""
            <h2>Priority action plan</h2>
            <table><tr><th></th><th>Action</th><th>Responsible officer</th><th>Deadline</th></tr>
            <tr><td colspan="4">Priority action 1: Management oversight</td></tr>
            <tr><td>1.1.</td><td>Daily review of section 47 enquiries</td><td>Service Manager</td><td>31/01/2024</td></tr>
            <tr><td>1.2.</td><td>Audit 40 cases</td><td>Head of QA</td><td>29/02/2024</td></tr></table>
            """)
        let plan = try #require(result.plans.first)
        #expect(plan.areas.map(\.ref) == ["1"])
        #expect(plan.areas.first?.title == "Management oversight")
        #expect(plan.actions.map(\.ref) == ["1.1", "1.2"])
        #expect(result.notes.contains { $0.message.contains("read as the reference column") })
    }

    // 8
    @Test("A board's work programme (meeting-date rows, agenda item and lead rows, standing items) is not imported as a plan")
    func workProgrammeIsNotAPlan() throws {
        let result = try text("""
            Children's Improvement Board
            Work programme 2023-24
            Meeting date\tAgenda item\tLead
            12 September 2023\t\t
            \tImprovement plan progress report\tDirector of Children's Services
            14 November 2023\t\t
            \tIRO annual report\tIRO Service Manager
            Standing items\t\t
            \tMinutes and action log\tChair

            """)
        #expect(result.plans.isEmpty)
        #expect(result.tables.map(\.kind) == [.workProgramme])
    }

    // 9
    @Test("A status beginning 'Completed' or 'Complete' means complete", arguments: [
        "Completed", "Completed – new standard in place from October", "Complete (March 2024)", "COMPLETE - see update", "Completed.",
    ])
    func completedStatus(_ written: String) throws {
        #expect(StatusWords.read(written)?.status == .complete)
        let result = try html("""
            <table><tr><th>Ref</th><th>Action</th><th>Status</th></tr><tr><td>1</td><td>Publish the strategy</td><td>\(written)</td></tr></table>
            """)
        #expect(result.plans.first?.actions.first?.status == .complete)
    }

    // 10
    @Test("A recommendation tracker (numbered recommendations, some split 7a/7b, lead, response and status, no due dates) is a tracker keeping every row")
    func recommendationTracker() throws {
        let result = try text("""
            Scrutiny review: recommendation tracker
            \tRecommendation\tLead agency/officer\tResponse (as at June 2019)\tStatus
            6.\tSet a target for placement stability\tHead of Service\tAgreed\tNot started
            7a\tOffer care leavers a council tax exemption\tDirector of Finance\tAgreed\tCompleted
            7b\tOffer care leavers free leisure passes\tHead of Leisure\tIn talks\tIn progress

            """)
        let plan = try #require(result.plans.first)
        #expect(plan.draft.plan.kind == .recommendationTracker)
        #expect(plan.actions.map(\.ref) == ["6", "7a", "7b"])
        #expect(plan.actions.map(\.status) == [.notStarted, .complete, .inProgress])
        #expect(plan.actions.allSatisfy { $0.dueDate == nil })
    }
}
