import Core
import Documents
import Foundation
@testable import PlanImport
import Reports
import Testing

/// A plan's own tracker, exported, changed and read again: what it would change in the stored
/// plan (`PlanReimport.comparing`).
@Suite("Re-import to update a plan")
struct ReimportTests {
    static let today = Day(2023, 10, 20)

    /// The round-trip plan as stored: ids, versions and a history of its own.
    static func stored() -> PlanContents {
        var contents = RoundTripTests.plan()
        for index in contents.actions.indices { contents.actions[index].version = 3 }
        return contents
    }

    /// Writes the plan's workbook after `change` has edited its Actions sheet, and reads it back.
    static func reimport(_ contents: PlanContents, change: (inout [[XLSXWriter.Cell]]) -> Void = { _ in }) throws -> ImportedPlan {
        var sheets = PlanWorkbook.sheets(contents, measures: [], asAt: RoundTripTests.asAt)
        change(&sheets[0].rows)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reimport-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(url: url)
        for sheet in sheets {
            try writer.addSheet(named: sheet.name)
            for row in sheet.rows { try writer.addRow(row) }
        }
        try writer.close()
        let result = try PlanImporter.importPlans(url: url, options: ImportOptions(asAt: today))
        return try #require(result.plans.first)
    }

    static func column(_ name: String) -> Int { PlanWorkbook.actionColumns.firstIndex(of: name) ?? -1 }

    @Test("the plan's own export, read again unchanged, changes nothing, adds nothing and misses nothing")
    func unchanged() throws {
        let contents = Self.stored()
        let update = PlanReimport.comparing(try Self.reimport(contents).reimported, with: contents, fileName: "plan.xlsx",
                                            on: Self.today, by: "Sam Editor")
        #expect(update.changes.map(\.sentences) == [])
        #expect(update.additions.isEmpty)
        #expect(update.missing.isEmpty)
        #expect(update.unchanged == contents.actions.count)
        #expect(update.changesNothing)
    }

    @Test("a changed status, % complete, due date and progress, and a new row, become changes and an addition")
    func changed() throws {
        let contents = Self.stored()
        let imported = try Self.reimport(contents) { rows in
            // 1.1.1: in progress → complete; 1.2.1: 0% → 40% with new progress; 2.1.1: due 31 Jan → 31 March 2024.
            rows[1][Self.column("Status")] = .text("Complete")
            rows[3][Self.column("% complete")] = .number(40)
            rows[3][Self.column("Latest progress update")] = .text("18 October 2023 — First audits done")
            rows[4][Self.column("Due")] = .date(year: 2024, month: 3, day: 31)
            var added = rows[4]
            added[Self.column("Ref")] = .text("2.1.2")
            added[Self.column("Action")] = .text("Train managers in the new framework")
            rows.append(added)
            // And a row in an area and theme the plan does not have.
            var elsewhere = rows[4]
            elsewhere[Self.column("Theme")] = .text("Theme 3: Partnerships")
            elsewhere[Self.column("Area ref")] = .text("3.1")
            elsewhere[Self.column("Area")] = .text("Working with schools")
            elsewhere[Self.column("Ref")] = .text("3.1.1")
            elsewhere[Self.column("Action")] = .text("Agree a schools protocol")
            rows.append(elsewhere)
        }
        let update = PlanReimport.comparing(imported.reimported, with: contents, fileName: "plan.xlsx", on: Self.today, by: "Sam Editor")
        #expect(update.changes.map(\.ref) == ["1.1.1", "1.2.1", "2.1.1"])
        let byRef = Dictionary(uniqueKeysWithValues: update.changes.map { ($0.ref, $0) })
        #expect(byRef["1.1.1"]?.status == .complete)
        #expect(byRef["1.1.1"]?.sentences == ["Status: In progress → Complete"])
        #expect(byRef["1.2.1"]?.percentComplete == 40)
        #expect(byRef["1.2.1"]?.progressText == "First audits done")
        #expect(byRef["1.2.1"]?.progressDate == Day(2023, 10, 18))
        #expect(byRef["2.1.1"]?.dueDate == Day(2024, 3, 31))
        #expect(byRef["2.1.1"]?.sentences == ["Due: 31 January 2024 → 31 March 2024 (reprogrammed)"])
        #expect(byRef["2.1.1"]?.expectedVersion == 3)
        #expect(update.unchanged == 1)
        #expect(update.additions.map(\.action.ref) == ["2.1.2", "3.1.1"])
        #expect(update.additions[0].area == .stored(areaID: 200))
        #expect(update.additions[1].area == .new(index: 0))
        #expect(update.newAreas.map(\.area.ref) == ["3.1"])
        #expect(update.newAreas.first?.theme == .new(index: 0))
        #expect(update.newThemes.map(\.title) == ["Partnerships"])
        #expect(update.missing.isEmpty)

        // Applied: the history keeps the old due date and files the update by the importing person.
        var action = try #require(contents.actions.first { $0.ref == "2.1.1" })
        let change = try #require(byRef["2.1.1"])
        #expect(PlanReimport.apply(change, to: &action, fileName: "plan.xlsx", on: Self.today, by: "Sam Editor", role: "Editor") == nil)
        #expect(action.dueDate == Day(2024, 3, 31))
        #expect(action.reprogrammings.last == Reprogramming(from: Day(2024, 1, 31), to: Day(2024, 3, 31), reason: "Due date changed in plan.xlsx",
                                                            changedOn: Self.today, changedBy: "Sam Editor"))
        var audited = try #require(contents.actions.first { $0.ref == "1.2.1" })
        let filed = PlanReimport.apply(try #require(byRef["1.2.1"]), to: &audited, fileName: "plan.xlsx", on: Self.today, by: "Sam Editor", role: "Editor")
        #expect(filed?.author == "Sam Editor")
        #expect(filed?.authorRole == "Editor")
        #expect(filed?.percentComplete == 40)
        #expect(audited.percentComplete == 40)
        #expect(audited.latestUpdate?.text == "First audits done")
    }

    @Test("actions left out of the file are listed, not removed; a renumbered action is found by its title")
    func missingAndRenumbered() throws {
        let contents = Self.stored()
        let imported = try Self.reimport(contents) { rows in
            rows.remove(at: 2)  // 1.1.2 is left out
            rows[3][Self.column("Ref")] = .text("1.2.9")  // 1.2.1, renumbered in the file
        }
        let update = PlanReimport.comparing(imported.reimported, with: contents, fileName: "plan.xlsx", on: Self.today, by: "Sam Editor")
        #expect(update.missing.map(\.ref) == ["1.1.2"])
        #expect(update.additions.isEmpty, "the renumbered action is the same action")
        #expect(update.changes.isEmpty)
        #expect(update.summary == "0 actions changed, 0 added, 3 unchanged; 1 not in the file (kept)")
    }

    @Test("a blank status or % complete cell says nothing: it does not reset the stored action")
    func blanksSayNothing() throws {
        let contents = Self.stored()
        let imported = try Self.reimport(contents) { rows in
            rows[4][Self.column("Status")] = .empty
            rows[4][Self.column("% complete")] = .empty
            rows[1][Self.column("Latest progress update")] = .empty
        }
        let update = PlanReimport.comparing(imported.reimported, with: contents, fileName: "plan.xlsx", on: Self.today, by: "Sam Editor")
        #expect(update.changes.map(\.sentences) == [])
    }

    @Test("the plan a file updates by default is the one with its title, case and spacing aside; never one of two with that title")
    func matchingPlan() {
        let plans = [Plan(id: 1, organisationID: 1, title: "Practice Improvement Plan"), Plan(id: 2, organisationID: 1, title: "SEND plan")]
        let stored = plans.map { (plan: $0, inspection: Inspection?.none) }
        #expect(PlanReimport.matchingPlan(title: "practice  improvement plan", inspection: nil, among: stored)?.id == 1)
        #expect(PlanReimport.matchingPlan(title: "Another plan", inspection: nil, among: stored) == nil)
        let twice = stored + [(plan: Plan(id: 3, organisationID: 1, title: "SEND Plan"), inspection: nil)]
        #expect(PlanReimport.matchingPlan(title: "SEND plan", inspection: nil, among: twice) == nil)
    }
}

/// A table read as the person chose on the preview (`ColumnMapping.tables`).
@Suite("Choosing what a table is")
struct TableChoiceTests {
    static let pack = """
        <h2>Agenda</h2>
        <table><tr><th>Item</th><th>Subject</th><th>Page No</th></tr><tr><td>1</td><td>Apologies</td><td>1</td></tr></table>
        <h2>Improvement plan</h2>
        <table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Due</th></tr>
        <tr><td>1.1</td><td>Audit all plans monthly</td><td>Head of Service</td><td>31/03/2024</td></tr></table>
        """

    static func read(_ tables: [String: TableChoice]?) throws -> ImportResult {
        try PlanImporter.importPlans(data: Data(pack.utf8), fileName: "pack.html",
                                     options: ImportOptions(mapping: ColumnMapping(tables: tables), asAt: Day(2024, 1, 10)))
    }

    @Test("without a choice the agenda is skipped and the plan read; ignore, tracker, work programme and KPI table do what they say")
    func choices() throws {
        let plain = try Self.read(nil)
        #expect(plain.tables.map(\.kind) == [.agenda, .plan])
        #expect(plain.plans.first?.draft.plan.kind == .improvementPlan)

        let tracker = try Self.read(["2": .tracker])
        #expect(tracker.plans.first?.draft.plan.kind == .recommendationTracker)
        #expect(tracker.tables.last?.reason.hasSuffix("and you chose to read it as a tracker") == true)

        let ignored = try Self.read(["2": .ignore])
        #expect(ignored.plans.isEmpty)
        #expect(ignored.tables.last?.reason == "you chose to leave it out")
        #expect(try Self.read(["2": .workProgramme]).tables.last?.kind == .workProgramme)
        #expect(try Self.read(["2": .measures]).tables.last?.kind == .measures)

        // An agenda chosen as a plan is read as one (its Subject column holds the items).
        let agenda = try Self.read(["1": .plan])
        #expect(agenda.tables.first?.kind == .plan)
    }

    @Test("the choices are kept in the mapping's JSON, and a mapping without them reads as before")
    func json() throws {
        let mapping = ColumnMapping(columns: ["Lead": .leads], tables: ["2": .workProgramme])
        let read = try ColumnMapping.read(from: mapping.json())
        #expect(read == mapping)
        #expect(String(decoding: mapping.json(), as: UTF8.self).contains("\"2\" : \"work programme\""))
        #expect(try ColumnMapping.read(from: Data(#"{"columns": {"Lead": "leads"}}"#.utf8)).tables == nil)
    }
}
