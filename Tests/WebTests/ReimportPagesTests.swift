import Core
import Documents
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Reports
import Store
import Testing
@testable import Web

/// Importing a plan's tracker again to update the plan: the demo plan exported as .xlsx, changed
/// in the workbook, and uploaded into the same organisation.
@Suite("Re-import to update a plan (pages)")
struct ReimportPagesTests {
    static func column(_ name: String) -> Int { PlanWorkbook.actionColumns.firstIndex(of: name) ?? -1 }

    /// The demo plan as its export writes it, after `change` has edited the Actions sheet.
    static func workbook(_ contents: PlanContents, measures: [Measure], change: (inout [[XLSXWriter.Cell]]) -> Void) throws -> Data {
        var sheets = PlanWorkbook.sheets(contents, measures: measures, asAt: webTestDay)
        change(&sheets[0].rows)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reimport-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(url: url)
        for sheet in sheets {
            try writer.addSheet(named: sheet.name)
            for row in sheet.rows { try writer.addRow(row) }
        }
        try writer.close()
        return try Data(contentsOf: url)
    }

    /// The value of a hidden field of the confirm form.
    static func hidden(_ name: String, in html: String) throws -> String {
        let marker = "type=\"hidden\" name=\"\(name)\" value=\""
        let start = try #require(html.range(of: marker), "no hidden field \(name)").upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    static func confirmForm(_ html: String) throws -> ByteBuffer {
        formEncoded([("preview", try hidden("preview", in: html)), ("changes", try hidden("changes", in: html)),
                     ("plan-1", try hidden("plan-1", in: html))])
    }

    /// The row of the Actions sheet holding action `ref`.
    static func row(_ ref: String, in rows: [[XLSXWriter.Cell]]) -> Int {
        rows.firstIndex { $0.indices.contains(column("Ref")) && $0[column("Ref")] == .text(ref) } ?? -1
    }

    @Test("The demo plan's export with a status, a % complete, a due date and a new row updates the plan: dated changes by the importer, nothing else changed, the import in the trail")
    func exportChangeAndReimport() async throws {
        try await withTestApp { client, environment, store in
            let org = environment.organisationID
            let plan = try #require(try await store.plans(organisationID: org).first)
            let before = try await store.planContents(id: plan.id, organisationID: org, fullHistory: true)
            let measures = try await store.measures(organisationID: org)
            // Three actions to change: one in progress (to complete), one not complete (a new %), one with a due date (moved).
            let open = before.actions.filter { $0.status == .inProgress }
            let completing = try #require(open.first)
            let progressing = try #require(open.dropFirst().first { $0.percentComplete != 55 })
            let moving = try #require(before.actions.first { $0.dueDate != nil && $0.id != completing.id && $0.id != progressing.id && $0.status != .complete })
            let newDue = (moving.dueDate ?? webTestDay).adding(months: 2)
            let area = try #require(before.areas.first { $0.id == moving.areaID })
            let newRef = area.ref + ".99"

            let data = try Self.workbook(before, measures: measures) { rows in
                rows[Self.row(completing.ref, in: rows)][Self.column("Status")] = .text("Complete")
                rows[Self.row(progressing.ref, in: rows)][Self.column("% complete")] = .number(55)
                rows[Self.row(moving.ref, in: rows)][Self.column("Due")] = .date(year: newDue.year, month: newDue.month, day: newDue.day)
                var added = rows[Self.row(moving.ref, in: rows)]
                added[Self.column("Ref")] = .text(newRef)
                added[Self.column("Action")] = .text("Hold a practice week on the new timescales")
                added[Self.column("Status")] = .text("Not started")
                added[Self.column("% complete")] = .number(0)
                added[Self.column("Latest progress update")] = .empty
                added[Self.column("Evidence of impact")] = .empty
                added[Self.column("Milestones")] = .empty
                added[Self.column("Measures (codes)")] = .empty
                rows.append(added)
            }

            let preview = try await ImportPagesTests.upload(client, "northmoor-tracker.xlsx", data)
            let html = try await client.execute(uri: preview, method: .get) { response in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(html.contains("are actions of “\(plan.title)”"), "the preview says the file is the plan's")
            #expect(html.contains("so importing this file updates that plan"))
            #expect(html.contains("value=\"\(plan.id)\" checked"), "updating it is the default")
            #expect(html.contains("3 actions changed, 1 added, \(before.actions.count - 3) unchanged"))
            #expect(html.contains("Status: In progress → Complete"))
            #expect(html.contains("% complete: \(progressing.percentComplete)% → 55%"))
            #expect(html.contains("Due: \(try #require(moving.dueDate).formatted) → \(newDue.formatted) (reprogrammed)"))
            #expect(html.contains("Hold a practice week on the new timescales"))
            #expect(html.contains("Update \(plan.title)</button>"))
            #expect(try await store.planContents(id: plan.id, organisationID: org, fullHistory: true) == before, "the preview changes nothing")

            let result = try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders, body: try Self.confirmForm(html)) { response in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(result.contains("\(plan.title) was updated"))
            #expect(result.contains("3 actions changed, 1 added"))

            let plans = try await store.plans(organisationID: org)
            #expect(plans.count == 1, "no second plan")
            let after = try await store.planContents(id: plan.id, organisationID: org, fullHistory: true)
            #expect(after.plan == before.plan)
            #expect(after.themes == before.themes)
            #expect(after.areas == before.areas)
            let changedIDs: Set<Int64> = [completing.id, progressing.id, moving.id]
            for action in before.actions where !changedIDs.contains(action.id) {
                #expect(after.actions.first { $0.id == action.id } == action, "action \(action.ref) is unchanged")
            }
            let person = "Test Editor"
            let completed = try #require(after.actions.first { $0.id == completing.id })
            #expect(completed.status == .complete)
            #expect(completed.completedOn == webTestDay)
            #expect(completed.version == completing.version + 1)
            let progressed = try #require(after.actions.first { $0.id == progressing.id })
            #expect(progressed.percentComplete == 55)
            #expect(progressed.updates == progressing.updates, "a new % alone is not a progress update")
            let moved = try #require(after.actions.first { $0.id == moving.id })
            #expect(moved.dueDate == newDue)
            #expect(moved.reprogrammings.last == Reprogramming(from: moving.dueDate, to: newDue, reason: "Due date changed in northmoor-tracker.xlsx",
                                                               changedOn: webTestDay, changedBy: person))
            #expect(moved.reprogrammings.dropLast() == moving.reprogrammings[...], "earlier reprogrammings are kept")
            let added = try #require(after.actions.first { $0.ref == newRef })
            #expect(added.areaID == moving.areaID)
            #expect(added.title == "Hold a practice week on the new timescales")
            #expect(after.actions.count == before.actions.count + 1)

            // The history shows the changes, by the person who imported them.
            try await client.execute(uri: "/actions/\(completing.id)/history", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(person))
                #expect(response.text.contains("Complete"))
            }
            let trail = try await store.auditTrail(organisationID: org)
            let imports = trail.filter { $0.entity == "import" }
            #expect(imports.count == 1)
            // The trail names the person with their sign-in: "Test Editor <editor-…@test.example>".
            #expect(imports.first?.actor.hasPrefix(person + " <") == true)
            #expect(imports.first?.after?.contains("northmoor-tracker.xlsx") == true)
            #expect(imports.first?.after?.contains("\(completing.ref): Status: In progress → Complete") == true)
            let actionEntries = trail.filter { $0.entity == "action" && $0.actor.hasPrefix(person + " <") }
            #expect(Set(actionEntries.compactMap { Int64($0.entityID) }) == changedIDs.union([added.id]))

            // The same file again: the preview says so and would change nothing.
            let again = try await ImportPagesTests.upload(client, "northmoor-tracker.xlsx", data)
            let second = try await client.execute(uri: again, method: .get) { $0.text }
            #expect(second.contains("0 actions changed, 0 added"))
            #expect(second.contains("nothing would change"))
            #expect(second.contains("value=\"\(plan.id)\" checked"))
        }
    }

    @Test("A file whose title is a plan's defaults to updating it; choosing a new plan in the preview stores a second plan instead")
    func sameTitleOrNewPlan() async throws {
        let file = try ImportPagesTests.wokingham
        try await withTestApp { client, environment, store in
            let org = environment.organisationID
            // The first import makes the plan; the second finds it by its title.
            let first = try await ImportPagesTests.upload(client, ImportPagesTests.wokinghamName, file)
            let page = try await client.execute(uri: first, method: .get) { $0.text }
            #expect(!page.contains("already exists"))
            try await client.execute(uri: first + "/confirm", method: .post, headers: formHeaders, body: try Self.confirmForm(page)) { response in
                #expect(response.status == .seeOther)
            }
            let count = try await ImportPagesTests.planCount(store, environment)
            let wokingham = try #require(try await store.plans(organisationID: org).first { $0.title == "ILACS Improvement Plan" })

            let second = try await ImportPagesTests.upload(client, ImportPagesTests.wokinghamName, file)
            let html = try await client.execute(uri: second, method: .get) { $0.text }
            #expect(html.contains("A plan called “ILACS Improvement Plan” already exists in your organisation, so importing this file updates that plan"))
            #expect(html.contains("0 actions changed, 0 added, 19 unchanged"))

            // Chosen on the preview (a GET form): a new plan.
            let chosen = try await client.execute(uri: second + "?plan-1=new", method: .get) { $0.text }
            #expect(chosen.contains("value=\"new\" checked"))
            #expect(chosen.contains("This file will be imported as a separate plan."))
            #expect(chosen.contains("Import this plan</button>"))
            // The form of the page that offered the update cannot store a new plan, nor the other way round.
            let stale = formEncoded([("preview", try Self.hidden("preview", in: html)), ("changes", try Self.hidden("changes", in: html)), ("plan-1", "new")])
            try await client.execute(uri: second + "/confirm", method: .post, headers: formHeaders, body: stale) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("nothing was stored"))
            }
            #expect(try await ImportPagesTests.planCount(store, environment) == count)
            try await client.execute(uri: second + "/confirm", method: .post, headers: formHeaders, body: try Self.confirmForm(chosen)) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await ImportPagesTests.planCount(store, environment) == count + 1)
            #expect(try await store.planContents(id: wokingham.id, organisationID: org, fullHistory: true).actions.count == 19)
        }
    }

    @Test("A plan edited between the preview and the confirmation is not updated from the old preview")
    func planChangedSincePreview() async throws {
        try await withTestApp { client, environment, store in
            let org = environment.organisationID
            let plan = try #require(try await store.plans(organisationID: org).first)
            let before = try await store.planContents(id: plan.id, organisationID: org, fullHistory: true)
            let target = try #require(before.actions.first { $0.status == .inProgress })
            let data = try Self.workbook(before, measures: try await store.measures(organisationID: org)) { rows in
                rows[Self.row(target.ref, in: rows)][Self.column("Status")] = .text("Complete")
            }
            let preview = try await ImportPagesTests.upload(client, "tracker.xlsx", data)
            let html = try await client.execute(uri: preview, method: .get) { $0.text }
            #expect(html.contains("Status: In progress → Complete"))
            // Meanwhile someone puts the action on hold.
            _ = try await store.editAction(id: target.id, organisationID: org, expectedVersion: nil) { $0.setStatus(.onHold, on: webTestDay) }
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders, body: try Self.confirmForm(html)) { response in
                #expect(response.status == .conflict)
                #expect(response.text.contains("has changed since that preview was shown"))
                #expect(response.text.contains("Status: On hold → Complete"), "the preview shows the change as it now is")
            }
            #expect(try await store.action(id: target.id, organisationID: org).action.status == .onHold)
        }
    }
}

/// The preview's "What each table was taken for": each table with why, and a form to read it as
/// something else.
@Suite("Import pages: choosing what a table is")
struct ImportTableChoiceTests {
    static let pack = Data("""
        <html><body>
        <h2>Agenda</h2>
        <table><tr><th>Item</th><th>Subject</th><th>Page No</th></tr><tr><td>1</td><td>Apologies</td><td>1</td></tr></table>
        <h2>Improvement plan</h2>
        <table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Due</th></tr>
        <tr><td>1.1</td><td>Audit all plans monthly</td><td>Head of Service</td><td>31/03/2024</td></tr>
        <tr><td>1.2</td><td>Train managers in supervision</td><td>Principal Social Worker</td><td>30/06/2024</td></tr></table>
        </body></html>
        """.utf8)

    @Test("Each table is named with what it was taken for and why; a changed choice is kept with the upload, read again, and only the new preview confirms")
    func chooseTables() async throws {
        try await withTestApp { client, environment, store in
            let preview = try await ImportPagesTests.upload(client, "pack.html", Self.pack)
            let html = try await client.execute(uri: preview, method: .get) { $0.text }
            #expect(html.contains("What each table was taken for"))
            #expect(html.contains("<td>agenda, skipped</td>"))
            #expect(html.contains("it is an agenda (a "), "with why")
            #expect(html.contains("<select class=\"select\" id=\"table-1\" name=\"table-1\">"))
            #expect(html.contains("<option value=\"ignore\" selected>Ignore it</option>"), "the agenda is left out")
            #expect(html.contains("<option value=\"plan\" selected>An improvement plan</option>"))
            let before = try await ImportPagesTests.planCount(store, environment)

            // Every table left out: refused, nothing kept.
            try await client.execute(uri: preview + "/tables", method: .post, headers: formHeaders,
                                     body: formEncoded([("table-1", "ignore"), ("table-2", "ignore")])) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("has no plan, so the tables are read as they were"))
            }
            try await client.execute(uri: preview + "/tables", method: .post, headers: formHeaders,
                                     body: formEncoded([("table-1", "nonsense")])) { response in
                #expect(response.status == .badRequest)
            }
            // The plan read as a tracker.
            try await client.execute(uri: preview + "/tables", method: .post, headers: formHeaders,
                                     body: formEncoded([("table-1", "ignore"), ("table-2", "tracker")])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == preview + "?changed=tables")
            }
            let changed = try await client.execute(uri: preview + "?changed=tables", method: .get) { $0.text }
            #expect(changed.contains("The file has been read again with your choice of what each table is."))
            #expect(changed.contains("Recommendation tracker"))
            #expect(changed.contains("you chose to read it as a tracker"))
            #expect(changed.contains("<option value=\"tracker\" selected>A recommendation tracker</option>"))
            // The page from before the change cannot confirm.
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders,
                                     body: formEncoded([("preview", try ReimportPagesTests.hidden("preview", in: html))])) { response in
                #expect(response.status == .conflict)
            }
            #expect(try await ImportPagesTests.planCount(store, environment) == before)
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders,
                                     body: try ReimportPagesTests.confirmForm(changed)) { response in
                #expect(response.status == .seeOther)
            }
            let plans = try await store.plans(organisationID: environment.organisationID)
            #expect(plans.count == before + 1)
            #expect(plans.last?.kind == .recommendationTracker)
        }
    }
}
