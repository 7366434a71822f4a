import Core
import Documents
import Foundation
@testable import PlanImport
import Reports
import Testing

/// Oversight's own xlsx tracker export, imported back.
///
/// Round-trips exactly: themes (ref, title, order), areas (ref, title, order, theme), action
/// refs, titles, outcomes, leads, start, due and original due dates (an original due date
/// becomes one reprogramming from it to the due date), status, % complete, milestones (title,
/// due date, complete or not), the latest progress update's date and text, and each evidence
/// item's date and text. Not kept: RAG (worked out, not stored), a milestone's completion day
/// (it becomes its due day), authors, earlier updates, the reprogramming's reason and date,
/// the difference judgement's date and note, measure links (codes only).
@Suite("xlsx export round trip")
struct RoundTripTests {
    static let asAt = Day(2023, 10, 15)

    static func plan() -> PlanContents {
        let plan = Plan(id: 1, organisationID: 1, title: "Children's services improvement plan")
        let themes = [
            Theme(id: 10, planID: 1, position: 1, ref: "1", title: "Assessment"),
            Theme(id: 20, planID: 1, position: 2, ref: "2", title: "Leadership and management"),
        ]
        let areas = [
            Area(id: 100, themeID: 10, position: 1, ref: "1.1", title: "Timeliness of assessments"),
            Area(id: 110, themeID: 10, position: 2, ref: "1.2", title: "Quality of assessments"),
            Area(id: 200, themeID: 20, position: 1, ref: "2.1", title: "Quality assurance"),
        ]
        let actions = [
            Action(id: 1, areaID: 100, position: 1, ref: "1.1.1", title: "Review the \"front door\" process, including MASH",
                   outcome: "Children get the right help first time.\nFewer re-referrals.", leads: ["Head of Service", "Police"],
                   startDate: Day(2023, 4, 1), dueDate: Day(2023, 12, 31),
                   reprogrammings: [Reprogramming(from: Day(2023, 9, 30), to: Day(2023, 12, 31), reason: "Pilot delayed",
                                                  changedOn: Day(2023, 9, 1), changedBy: "HoS")],
                   status: .inProgress, percentComplete: 60,
                   milestones: [Milestone(title: "Map current process", dueDate: Day(2023, 6, 30), completedOn: Day(2023, 6, 30)),
                                Milestone(title: "Pilot", dueDate: Day(2023, 12, 31))],
                   updates: [ProgressUpdate(actionID: 1, date: Day(2023, 9, 1), author: "HoS", text: "Pilot started in the east locality")],
                   evidence: [EvidenceOfImpact(date: Day(2023, 9, 12), text: "Re-referrals down from 24% to 19%", author: "HoS")]),
            Action(id: 2, areaID: 100, position: 2, ref: "1.1.2", title: "Set assessment timescales", leads: ["Service Manager"],
                   dueDate: Day(2023, 7, 31), status: .complete, percentComplete: 100, completedOn: Day(2023, 7, 31),
                   milestones: [Milestone(title: "Agree timescales", dueDate: Day(2023, 7, 31), completedOn: Day(2023, 7, 31))]),
            Action(id: 3, areaID: 110, position: 1, ref: "1.2.1", title: "Audit assessments monthly", outcome: "Audits show good quality",
                   leads: ["Principal Social Worker"], startDate: Day(2023, 11, 1), dueDate: Day(2024, 3, 31)),
            Action(id: 4, areaID: 200, position: 1, ref: "2.1.1", title: "Refresh the quality assurance framework",
                   leads: ["Director of Children's Services"], dueDate: Day(2024, 1, 31), status: .onHold, percentComplete: 25),
        ]
        return PlanContents(plan: plan, themes: themes, areas: areas, actions: actions)
    }

    @Test("exporting a plan to xlsx and importing it reproduces its themes, areas and actions")
    func roundTrip() throws {
        let contents = Self.plan()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("round-trip-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try PlanWorkbook.write(contents, measures: [], asAt: Self.asAt, to: url)

        let result = try PlanImporter.importPlans(url: url, options: ImportOptions(asAt: Self.asAt))
        #expect(result.warnings.map(\.description) == [])
        #expect(result.plans.count == 1)
        let draft = try #require(result.plans.first).draft

        #expect(draft.themes.map { [$0.theme.ref, $0.theme.title] } == contents.themes.map { [$0.ref, $0.title] })
        #expect(draft.themes.map { $0.areas.map(\.area.ref) } == [["1.1", "1.2"], ["2.1"]])
        #expect(draft.themes.flatMap { $0.areas.map(\.area.title) } == contents.areas.map(\.title))
        let imported = draft.themes.flatMap { $0.areas.flatMap { $0.actions.map(\.action) } }
        #expect(imported.count == contents.actions.count)
        for (got, want) in zip(imported, contents.actions) {
            #expect(got.ref == want.ref)
            #expect(got.title == want.title)
            #expect(got.outcome == want.outcome)
            #expect(got.leads == want.leads)
            #expect(got.startDate == want.startDate)
            #expect(got.dueDate == want.dueDate)
            #expect(got.originalDueDate == want.originalDueDate)
            #expect(got.isReprogrammed == want.isReprogrammed)
            #expect(got.status == want.status)
            #expect(got.percentComplete == want.percentComplete)
            #expect(got.milestones.map { [$0.title, $0.dueDate?.iso ?? "", $0.isComplete ? "complete" : ""] }
                    == want.milestones.map { [$0.title, $0.dueDate?.iso ?? "", $0.isComplete ? "complete" : ""] })
            #expect(got.latestUpdate?.date == want.latestUpdate?.date)
            #expect(got.latestUpdate?.text == want.latestUpdate?.text)
            #expect(got.evidence.map { "\($0.date.iso) \($0.text)" } == want.evidence.map { "\($0.date.iso) \($0.text)" })
        }
    }

    @Test("the Actions sheet has the tracker's columns, dates as Excel dates and RAG as words")
    func sheet() throws {
        let sheets = PlanWorkbook.sheets(Self.plan(), measures: [], asAt: Self.asAt)
        #expect(sheets.map(\.name) == ["Actions", "Measures"])
        let rows = sheets[0].rows
        #expect(rows.count == 5)
        #expect(rows[1][0] == .text("Theme 1: Assessment"))
        #expect(rows[1][8] == .date(year: 2023, month: 12, day: 31))
        #expect(rows[1][9] == .date(year: 2023, month: 9, day: 30))
        #expect(rows[1][14] == .text("30 June 2023 — Map current process (COMPLETE)\n31 December 2023 — Pilot"))
        #expect(rows[2][12] == .text("Blue"))
    }
}
