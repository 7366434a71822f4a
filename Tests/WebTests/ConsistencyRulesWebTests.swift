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

/// Core's consistency rules as users meet them: the same % for a Blue action on the plan page,
/// the action page, the exports and the API; status and % complete settled alike by the action
/// page's forms and the API. (One action point's Open/Overdue on the meeting and board pages is
/// `MeetingSafeguardsTests.oneStatus`.)
@Suite("Consistency rules on the pages, in the API and in the exports")
struct ConsistencyRulesWebTests {
    typealias Page = MeetingSafeguardsTests

    static func patch(_ client: any TestClientProtocol, _ uri: String, _ object: Any) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .patch, headers: Page.jsonHeaders,
                                        body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: object)))
    }

    /// In-progress actions of the demo plan (at least `count`), the first ones in plan order.
    static func inProgress(_ store: SQLStore, _ environment: AppEnvironment, count: Int = 1) async throws -> (PlanContents, [Action]) {
        let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
        let contents = try await store.planContents(id: plan.id, organisationID: environment.organisationID, fullHistory: false)
        let actions = Array(contents.actions.filter { $0.status == .inProgress && $0.override == nil }.prefix(count))
        try #require(actions.count == count)
        return (contents, actions)
    }

    static func apiErrorFields(_ response: TestResponse) throws -> [String] {
        ((try APITests.json(response)["fields"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
    }

    @Test("A Blue action with 60% recorded shows 100% on the plan page, the action page, the CSV and Excel exports and the API")
    func blueShowsFullEverywhere() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let (_, actions) = try await Self.inProgress(store, environment)
            let action = try #require(actions.first)
            _ = try await store.editAction(id: action.id, organisationID: org, expectedVersion: nil) { edited in
                edited.percentComplete = 60
                edited.override = try RatingOverride(rating: .blue, reason: "Signed off at the board", by: "Test Editor", on: webTestDay)
            }
            let contents = try await store.planContents(id: try #require(try await store.plans(organisationID: org).first).id,
                                                        organisationID: org, fullHistory: false)

            // The plan page's row for the action.
            let planPage = try await Page.get(client, Path.plan(contents.plan.id).href).text
            let row = planPage.components(separatedBy: "href=\"\(Path.action(action.id).href)\"").dropFirst().first?
                .components(separatedBy: "</tr>").first ?? ""
            #expect(row.contains(">100%<"), "plan page row: \(row.prefix(400))")
            #expect(!row.contains("60%"))

            let actionPage = try await Page.get(client, Path.action(action.id).href).text
            #expect(actionPage.contains("100% (rated Blue, which counts as 100%; 60% recorded)"))

            let one = try APITests.json(try await Page.get(client, Path.api(.action(action.id)).href))
            #expect(one["effectivePercentComplete"] as? Int == 100)
            #expect(one["percentComplete"] as? Int == 60, "the recorded figure stays what was recorded")
            let list = try #require(try APITests.json(try await Page.get(client, Path.api(.planActions(contents.plan.id)).href))["actions"] as? [[String: Any]])
            let listed = try #require(list.first { ($0["id"] as? Int).map(Int64.init) == action.id })
            #expect(listed["effectivePercentComplete"] as? Int == 100)

            // The CSV and the workbook, as `oversight export` writes them.
            // Status, % complete and rating are adjacent columns of the CSV.
            let statusColumn = try #require(PlanExport.csvColumns.firstIndex(of: "Status"))
            #expect(PlanExport.csvColumns[statusColumn + 1] == "% complete")
            let csv = PlanExport.csv(contents, asAt: webTestDay)
            let csvRow = try #require(csv.components(separatedBy: "\n").first { $0.contains(action.title.prefix(30)) })
            #expect(csvRow.contains(",In progress,100,Blue,"), "CSV: \(csvRow.prefix(400))")
            let sheet = try #require(PlanWorkbook.sheets(contents, measures: [], asAt: webTestDay).first)
            let column = try #require(PlanWorkbook.actionColumns.firstIndex(of: "% complete"))
            let refColumn = try #require(PlanWorkbook.actionColumns.firstIndex(of: "Ref"))
            let xlsxRow = try #require(sheet.rows.first { $0.count > refColumn && $0[refColumn] == .text(action.ref) })
            #expect(xlsxRow[column] == .number(100))
            #expect(PlanExport.document(contents, asAt: webTestDay).allActions.first { $0.action.id == action.id }?.delivery.percentComplete == 100)
        }
    }

    @Test("Complete with 50%: the update form and the API both record the action complete at 100%, and say so")
    func completeWithHalf() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let (_, actions) = try await Self.inProgress(store, environment, count: 3)
            let (viaForm, viaAPI, viaPatch) = (actions[0], actions[1], actions[2])

            let posted = try await Page.post(client, Path.actionUpdates(viaForm.id).href, [
                ("version", String(viaForm.version)), ("day", "23"), ("month", "11"), ("year", "2026"),
                ("text", "All audits done."), ("percent", "50"), ("status", "complete"),
            ])
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == Path.action(viaForm.id).href + "?saved=update-full")
            let landed = try await Page.get(client, try #require(posted.headers[.location])).text
            #expect(landed.contains("An action marked complete is 100% complete, so % complete is now 100%."))
            let formAction = try await store.action(id: viaForm.id, organisationID: org).action
            #expect(formAction.status == .complete)
            #expect(formAction.percentComplete == 100)
            #expect(formAction.latestUpdate?.percentComplete == 100, "the update records what the rule settled on")

            let created = try await Page.postJSON(client, Path.api(.actionUpdates(viaAPI.id)).href,
                                                  ["text": "All audits done.", "percentComplete": 50, "status": "complete"])
            #expect(created.status == .created)
            #expect(try APITests.json(created)["percentComplete"] as? Int == 100)
            let apiAction = try await store.action(id: viaAPI.id, organisationID: org).action
            #expect(apiAction.status == .complete && apiAction.percentComplete == 100)

            let patched = try await Self.patch(client, Path.api(.action(viaPatch.id)).href,
                                               ["version": viaPatch.version, "status": "complete", "percentComplete": 50])
            #expect(patched.status == .ok)
            let body = try APITests.json(patched)
            #expect(body["status"] as? String == "complete")
            #expect(body["percentComplete"] as? Int == 100)
        }
    }

    @Test("100% without a status: the form asks whether the action is complete (Yes/No), the API refuses naming the fields")
    func fullAsks() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let (_, actions) = try await Self.inProgress(store, environment, count: 3)
            let (yes, no, viaAPI) = (actions[0], actions[1], actions[2])
            let before = try await store.action(id: yes.id, organisationID: org).action
            let fields: [(String, String)] = [("version", String(yes.version)), ("day", "23"), ("month", "11"), ("year", "2026"),
                                              ("text", "Last audit signed off."), ("percent", "100")]

            let asked = try await Page.post(client, Path.actionUpdates(yes.id).href, fields)
            #expect(asked.status == .badRequest)
            #expect(asked.text.contains("You entered 100% complete. Is the action complete?"))
            #expect(asked.text.contains("name=\"complete\" value=\"yes\""))
            #expect(asked.text.contains("name=\"complete\" value=\"no\""))
            #expect(asked.text.contains("href=\"#update-complete\""), "the error summary links to the question")
            #expect(asked.text.contains("Last audit signed off."), "what was typed is kept")
            let unchanged = try await store.action(id: yes.id, organisationID: org).action
            #expect(unchanged.updates.count == before.updates.count && unchanged.percentComplete == before.percentComplete)

            let answeredYes = try await Page.post(client, Path.actionUpdates(yes.id).href, fields + [("complete", "yes")])
            #expect(answeredYes.status == .seeOther)
            let completed = try await store.action(id: yes.id, organisationID: org).action
            #expect(completed.status == .complete && completed.percentComplete == 100 && completed.completedOn == webTestDay)

            let answeredNo = try await Page.post(client, Path.actionUpdates(no.id).href,
                                                 [("version", String(no.version)), ("day", "23"), ("month", "11"), ("year", "2026"),
                                                  ("text", "Awaiting sign-off."), ("percent", "100"), ("complete", "no")])
            #expect(answeredNo.status == .seeOther)
            let open = try await store.action(id: no.id, organisationID: org).action
            #expect(open.status == .inProgress && open.percentComplete == 100)

            let refused = try await Page.postJSON(client, Path.api(.actionUpdates(viaAPI.id)).href, ["text": "Done?", "percentComplete": 100])
            #expect(refused.status == .badRequest)
            #expect(try Self.apiErrorFields(refused) == ["percentComplete"])
            #expect(refused.text.contains("status"))
            let patchRefused = try await Self.patch(client, Path.api(.action(viaAPI.id)).href, ["version": viaAPI.version, "percentComplete": 100])
            #expect(patchRefused.status == .badRequest)
            let withStatus = try await Page.postJSON(client, Path.api(.actionUpdates(viaAPI.id)).href,
                                                     ["text": "Awaiting sign-off.", "percentComplete": 100, "status": "in progress"])
            #expect(withStatus.status == .created)
            let kept = try await store.action(id: viaAPI.id, organisationID: org).action
            #expect(kept.status == .inProgress && kept.percentComplete == 100)
        }
    }

    @Test("The status form asks too when only the % is moved to 100, and refuses not started with a % above 0")
    func statusForm() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let (_, actions) = try await Self.inProgress(store, environment, count: 1)
            let action = try #require(actions.first)
            let asked = try await Page.post(client, Path.actionStatus(action.id).href,
                                            [("version", String(action.version)), ("status", "in-progress"), ("percent", "100")])
            #expect(asked.status == .badRequest)
            #expect(asked.text.contains("You entered 100% complete. Is the action complete?"))
            #expect(asked.text.contains("href=\"#status-complete\""))

            let notStarted = try await Page.post(client, Path.actionStatus(action.id).href,
                                                 [("version", String(action.version)), ("status", "not-started"), ("percent", "30")])
            #expect(notStarted.status == .badRequest)
            #expect(notStarted.text.contains("An action that has not started is 0% complete: enter 0% or choose In progress"))
            #expect(try await store.action(id: action.id, organisationID: org).action.status == .inProgress)

            let yes = try await Page.post(client, Path.actionStatus(action.id).href,
                                          [("version", String(action.version)), ("status", "in-progress"), ("percent", "100"), ("complete", "yes")])
            #expect(yes.status == .seeOther)
            let done = try await store.action(id: action.id, organisationID: org).action
            #expect(done.status == .complete && done.percentComplete == 100)
        }
    }
    @Test("Adding an action or a whole plan through the API keeps the same rule: complete is 100%, 100% needs a status")
    func createdActions() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let plan: [String: Any] = [
                "title": "Scrutiny recommendations 2026",
                "themes": [["title": "Front door", "areas": [["ref": "1", "title": "MASH", "actions": [
                    ["ref": "1.1", "title": "Review thresholds", "status": "complete", "percentComplete": 50, "completedOn": "2026-11-02"],
                    ["ref": "1.2", "title": "Train MASH staff", "percentComplete": 20],
                ]]]]],
            ]
            let created = try await Page.postJSON(client, Path.api(.plans).href, plan)
            #expect(created.status == .created, "\(created.text)")
            let planID = try #require((try APITests.json(created)["plan"] as? [String: Any])?["id"] as? Int)
            let contents = try await store.planContents(id: Int64(planID), organisationID: org, fullHistory: false)
            let byRef = Dictionary(uniqueKeysWithValues: contents.actions.map { ($0.ref, $0) })
            #expect(byRef["1.1"]?.status == .complete && byRef["1.1"]?.percentComplete == 100)
            #expect(byRef["1.2"]?.status == .inProgress && byRef["1.2"]?.percentComplete == 20)

            var ambiguous = plan
            ambiguous["title"] = "Ambiguous"
            ambiguous["themes"] = [["title": "T", "areas": [["ref": "1", "title": "A", "actions": [["ref": "1.1", "title": "One", "percentComplete": 100]]]]]]
            let refused = try await Page.postJSON(client, Path.api(.plans).href, ambiguous)
            #expect(refused.status == .badRequest)
            #expect(try Self.apiErrorFields(refused) == ["themes[0].areas[0].actions[0].percentComplete"])

            let area = try #require(contents.areas.first)
            let one = try await Page.postJSON(client, Path.api(.areaActions(area.id)).href,
                                              ["ref": "1.3", "title": "Audit", "status": "not started", "percentComplete": 40])
            #expect(one.status == .badRequest)
            #expect(try Self.apiErrorFields(one) == ["percentComplete"])
        }
    }
}
