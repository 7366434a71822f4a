import Core
import Foundation
import Testing
@testable import PlanImport

/// The recognition rules on small documents written for each rule.
@Suite("Recognising plans in tables")
struct RecognitionRuleTests {
    func html(_ body: String) throws -> ImportResult {
        try PlanImporter.importPlans(data: Data("<html><body>\(body)</body></html>".utf8), fileName: "pack.html",
                                     options: ImportOptions(asAt: Day(2024, 5, 1)))
    }

    @Test("A committee pack: minutes are skipped with a note; the tracker and the plan become two plans titled from their headings")
    func severalPlans() throws {
        let result = try html("""
            <h1>Children's Scrutiny Committee, 14 November 2016</h1>
            <p>Minutes of the meeting held on 12 September 2016.</p>
            <p>Present: Councillors A, B and C.</p>
            <h2>Recommendation tracker</h2>
            <table>
            <tr><th>Rec N°</th><th>Recommendation</th><th>Lead agency/ partnership</th><th>Planned response (as at June 2016)</th><th>Progress update (as at November 2016)</th><th>Status</th></tr>
            <tr><td>1</td><td>Review the front door</td><td>Council</td><td>A review will start in July.</td><td>The review reported in October.</td><td>Completed</td></tr>
            <tr><td>2</td><td>Publish the neglect strategy</td><td>Safeguarding partnership</td><td>Drafting</td><td>Out for consultation</td><td>In progress</td></tr>
            </table>
            <p>Letter from the Director to the committee.</p>
            <h2>Improvement plan 2016-17</h2>
            <table>
            <tr><th>Ref</th><th>Action</th><th>Lead(s)</th><th>Date Due</th><th>Resources</th></tr>
            <tr><td colspan="5">THEME 1: Leadership</td></tr>
            <tr><td colspan="5">1.1 Ensure that leaders know their services</td></tr>
            <tr><td>1.1.1</td><td>Monthly performance clinics</td><td>Head of Service</td><td>31/07/2023</td><td>Existing budget</td></tr>
            <tr><th>Ref</th><th>Action</th><th>Lead(s)</th><th>Date Due</th><th>Resources</th></tr>
            <tr><td>1.1.2</td><td>Audit programme</td><td>Principal Social Worker</td><td>TBC</td><td></td></tr>
            </table>
            """)
        #expect(result.plans.count == 2)
        let tracker = try #require(result.plans.first)
        #expect(tracker.draft.plan.title == "Recommendation tracker")
        #expect(tracker.draft.plan.kind == .recommendationTracker)
        #expect(tracker.actions.map(\.ref) == ["1", "2"])
        let first = try #require(tracker.actions.first)
        #expect(first.title == "Review the front door")
        #expect(first.leads == ["Council"])
        #expect(first.status == .complete)
        // Each "as at" column is a dated update, newest first.
        #expect(first.updates.map(\.date) == [Day(2016, 11, 30), Day(2016, 6, 30)])
        #expect(first.updates.map(\.text) == ["The review reported in October.", "A review will start in July."])
        #expect(tracker.actions.last?.status == .inProgress)

        let plan = try #require(result.plans.last)
        #expect(plan.draft.plan.title == "Improvement Plan 2016-17" || plan.draft.plan.title == "Improvement plan 2016-17")
        #expect(plan.draft.themes.map(\.theme.title) == ["Leadership"])
        #expect(plan.areas.map(\.ref) == ["1.1"])
        #expect(plan.areas.first?.title == "Ensure that leaders know their services")
        // The repeated header row (a page break) is skipped; the unknown column is kept as a note.
        #expect(plan.actions.map(\.ref) == ["1.1.1", "1.1.2"])
        #expect(plan.actions.first?.dueDate == Day(2023, 7, 31))
        #expect(plan.actions.first?.outcome == "Resources: Existing budget")
        #expect(plan.actions.last?.milestones.first?.title == "TBC")
        #expect(result.warnings.contains { $0.message.contains("No date could be read in \"TBC\"") && $0.column == 4 })
        #expect(result.notes.contains { $0.message.contains("2 paragraphs of text outside the tables skipped") })
        #expect(result.validationErrors.isEmpty)
    }

    @Test("A mapping names columns the headers do not, and can be saved and read back")
    func mapping() throws {
        let body = """
            <table>
            <tr><th>No</th><th>What we will do</th><th>Who</th><th>By</th><th>Rating</th></tr>
            <tr><td>A1</td><td>Recruit two team managers</td><td>HR</td><td>Nov 2019</td><td>Green</td></tr>
            </table>
            """
        let plain = try html(body)
        let guessed = try #require(plain.plans.first)
        #expect(guessed.actions.first?.dueDate == nil)  // "By" is not a due header by itself
        let mapping = ColumnMapping(columns: ["By": .due, "4": .due])
        let result = try PlanImporter.importPlans(data: Data("<html><body>\(body)</body></html>".utf8), fileName: "t.html",
                                                  options: ImportOptions(mapping: mapping))
        let action = try #require(result.plans.first?.actions.first)
        #expect(action.ref == "A1")
        #expect(action.dueDate == Day(2019, 11, 30))
        #expect(action.status == .inProgress)
        #expect(action.outcome.contains("RAG as written: Green"))
        let saved = try ColumnMapping.read(from: result.mapping.json())
        #expect(saved.columns["By"] == .due)
        #expect(saved.columns["What we will do"] == .action)
        #expect(throws: MappingError.self) { try ColumnMapping.read(from: Data("{\"columns\": {\"A\": \"owner\"}}".utf8)) }
    }

    @Test("Numbered sub-actions in one cell are split, with due dates aligned one per action")
    func subActions() throws {
        let result = try html("""
            <table>
            <tr><th>Ref</th><th>Action Required</th><th>Due</th><th>Leads</th></tr>
            <tr><td>2</td><td><p>2.1. First thing</p><p>2.1.1. Second thing</p><p>2.2. Third thing</p></td><td>Nov 2019 Jun 2019 Dec 2019</td><td><p>Sam</p><p>Alex</p><p>Jo</p></td></tr>
            <tr><td></td><td>continues the third thing.</td><td></td><td></td></tr>
            </table>
            """)
        let plan = try #require(result.plans.first)
        #expect(plan.areas.map(\.ref) == ["2"])
        #expect(plan.actions.map(\.ref) == ["2.1", "2.1.1", "2.2"])
        #expect(plan.actions.map(\.dueDate) == [Day(2019, 11, 30), Day(2019, 6, 30), Day(2019, 12, 31)])
        #expect(plan.actions.map(\.leads) == [["Sam"], ["Alex"], ["Jo"]])
        #expect(plan.actions.last?.title == "Third thing continues the third thing.")
    }

    @Test("A file with no plan tables gives a warning, not a plan")
    func noPlan() throws {
        let result = try html("<p>Just a letter.</p><table><tr><td>Name</td><td>Phone</td></tr></table>")
        #expect(result.plans.isEmpty)
        #expect(result.warnings.first?.message.contains("None of the 1 table") == true)
    }
}
