import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

@Suite("JSON API")
struct APITests {
    static let today = Day(2026, 11, 23)

    /// Runs `body` against the demo council's API, on a fresh database.
    func withAPI(_ body: @Sendable (any TestClientProtocol, SQLStore, AppEnvironment) async throws -> Void) async throws {
        let (environment, store) = try await makeTestEnvironment(today: Self.today)
        let app = Application(router: buildRouter(environment: environment))
        // An editor's bearer token: the API tests exercise every edit.
        let credentials = try await TestPeople.credentials(environment, role: .editor)
        try await app.test(.router) { client in
            try await body(SignedInClient(base: client, credentials: credentials), store, environment)
        }
        try await store.close()
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        let data = Data(buffer: response.body)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func body(_ object: Any) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    func demoPlanID(_ store: SQLStore, _ environment: AppEnvironment) async throws -> Int64 {
        try #require(try await store.plans(organisationID: environment.organisationID).first).id
    }

    @Test("health check answers 200")
    func health() async throws {
        try await withAPI { client, _, _ in
            try await client.execute(uri: "/healthz", method: .get) { response throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("plans list and plan detail carry roll-ups that add up")
    func plans() async throws {
        try await withAPI { client, store, environment in
            let planID = try await demoPlanID(store, environment)
            try await client.execute(uri: "/api/v1/plans", method: .get) { response throws in
                #expect(response.status == .ok)
                let plans = try #require(try Self.json(response)["plans"] as? [[String: Any]])
                #expect(plans.count == 1)
                #expect((plans[0]["links"] as? [String: String])?["actions"] == "/api/v1/plans/\(planID)/actions")
            }
            let contents = try await store.planContents(id: planID, organisationID: environment.organisationID, fullHistory: false)
            try await client.execute(uri: "/api/v1/plans/\(planID)", method: .get) { response throws in
                #expect(response.status == .ok)
                let plan = try Self.json(response)
                let rollup = try #require(plan["rollup"] as? [String: Any])
                #expect(rollup["total"] as? Int == contents.actions.count)
                let themes = try #require(plan["themes"] as? [[String: Any]])
                #expect(themes.count == contents.themes.count)
                let themeTotal = themes.compactMap { ($0["rollup"] as? [String: Any])?["total"] as? Int }.reduce(0, +)
                #expect(themeTotal == contents.actions.count)
                #expect(plan["asAt"] as? String == "2026-11-23")
            }
        }
    }

    @Test("every action in the list has a rating with reasons and an update status")
    func actionsList() async throws {
        try await withAPI { client, store, environment in
            let planID = try await demoPlanID(store, environment)
            try await client.execute(uri: "/api/v1/plans/\(planID)/actions", method: .get) { response throws in
                #expect(response.status == .ok)
                let actions = try #require(try Self.json(response)["actions"] as? [[String: Any]])
                #expect(actions.count >= 40)
                var seen = Set<String>()
                for action in actions {
                    let rating = try #require(action["rating"] as? [String: Any])
                    let reasons = try #require(rating["reasons"] as? [String])
                    #expect(!reasons.isEmpty, "action \(action["ref"] ?? "?") has no reasons")
                    seen.insert(try #require(rating["rating"] as? String))
                    #expect(action["updateStatus"] is [String: Any])
                }
                #expect(seen.isSuperset(of: ["red", "amber", "green", "blue", "grey"]))
            }
            try await client.execute(uri: "/api/v1/plans/\(planID)/actions?asAt=31-03-2024", method: .get) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Self.json(response)["error"] as? String == "invalid")
            }
        }
    }

    @Test("PATCH edits an action and a stale version is refused with 409")
    func patchAndStaleVersion() async throws {
        try await withAPI { client, store, environment in
            let planID = try await demoPlanID(store, environment)
            let contents = try await store.planContents(id: planID, organisationID: environment.organisationID, fullHistory: false)
            let action = try #require(contents.actions.first { $0.status == .inProgress })
            let edit = try Self.body(["version": action.version, "percentComplete": 77])
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: Self.jsonHeaders, body: edit) { response throws in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["percentComplete"] as? Int == 77)
                #expect(body["version"] as? Int == action.version + 1)
            }
            // A second client still holding the old version.
            let stale = try Self.body(["version": action.version, "percentComplete": 10])
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: Self.jsonHeaders, body: stale) { response throws in
                #expect(response.status == .conflict)
                let body = try Self.json(response)
                #expect(body["error"] as? String == "stale_version")
                #expect((body["detail"] as? String)?.contains("changed by someone else") == true)
            }
            let stored = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(stored.percentComplete == 77)
        }
    }

    @Test("PATCH edits a plan and an area; stale versions get 409 and bad input names the field")
    func patchPlanAndArea() async throws {
        try await withAPI { client, store, environment in
            let planID = try await demoPlanID(store, environment)
            let contents = try await store.planContents(id: planID, organisationID: environment.organisationID, fullHistory: false)
            let planEdit = try Self.body(["version": contents.plan.version, "title": "Improvement plan (refreshed)", "updateCycle": "fortnightly"])
            try await client.execute(uri: "/api/v1/plans/\(planID)", method: .patch, headers: Self.jsonHeaders, body: planEdit) { response throws in
                #expect(response.status == .ok)
                let plan = try #require(try Self.json(response)["plan"] as? [String: Any])
                #expect(plan["title"] as? String == "Improvement plan (refreshed)")
                #expect(plan["updateCycle"] as? String == "fortnightly")
                #expect(plan["version"] as? Int == contents.plan.version + 1)
            }
            try await client.execute(uri: "/api/v1/plans/\(planID)", method: .patch, headers: Self.jsonHeaders, body: planEdit) { response throws in
                #expect(response.status == .conflict)
                #expect(try Self.json(response)["error"] as? String == "stale_version")
            }
            let blank = try Self.body(["version": contents.plan.version + 1, "title": " "])
            try await client.execute(uri: "/api/v1/plans/\(planID)", method: .patch, headers: Self.jsonHeaders, body: blank) { response throws in
                #expect(response.status == .badRequest)
                let fields = (try Self.json(response)["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                #expect(fields == ["title"])
            }

            let area = try #require(contents.areas.first)
            let areaEdit = try Self.body(["version": area.version, "improvementLead": "Head of Safeguarding"])
            try await client.execute(uri: "/api/v1/areas/\(area.id)", method: .patch, headers: Self.jsonHeaders, body: areaEdit) { response throws in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["improvementLead"] as? String == "Head of Safeguarding")
                #expect(body["title"] as? String == area.title)
                #expect(body["version"] as? Int == area.version + 1)
            }
            try await client.execute(uri: "/api/v1/areas/\(area.id)", method: .patch, headers: Self.jsonHeaders, body: areaEdit) { response throws in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/areas/\(area.id)", method: .patch, headers: Self.jsonHeaders,
                                      body: try Self.body(["improvementLead": "No version"])) { response throws in
                #expect(response.status == .badRequest)
                let fields = (try Self.json(response)["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
                #expect(fields == ["version"])
            }
            let stored = try await store.area(id: area.id, organisationID: environment.organisationID)
            #expect(stored.improvementLead == "Head of Safeguarding")
        }
    }

    @Test("bad input names the field and stores nothing")
    func badInput() async throws {
        try await withAPI { client, store, environment in
            let planID = try await demoPlanID(store, environment)
            let contents = try await store.planContents(id: planID, organisationID: environment.organisationID, fullHistory: false)
            let action = try #require(contents.actions.first { $0.status == .inProgress })
            let cases: [([String: Any], String)] = [
                (["percentComplete": 40], "version"),
                (["version": action.version, "percentComplete": 150], "percentComplete"),
                (["version": action.version, "override": ["rating": "green", "reason": "  "]], "override.reason"),
                (["version": action.version, "override": ["rating": "on hold", "reason": "Paused by the board"]], "override.rating"),
                (["version": action.version, "dueDate": "2027-02-30"], "dueDate"),
                (["version": action.version, "dueDate": "2027-06-30"], "reprogrammeReason"),
                (["version": action.version, "reprogrammeReason": "Moved by the board"], "reprogrammeReason"),
                (["version": action.version, "clearOverride": true, "override": ["rating": "green", "reason": "Audit"]], "clearOverride"),
                (["version": action.version, "title": NSNull()], "title"),
                (["version": action.version, "title": " \u{0C}"], "title"),
                (["version": action.version, "percentComplete": 1e19], "percentComplete"),
                (["version": action.version, "percentComplete": 12.5], "percentComplete"),
                (["version": action.version, "by": "Someone Else"], "by"),
            ]
            for (patch, field) in cases {
                try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: Self.jsonHeaders, body: try Self.body(patch)) { response throws in
                    #expect(response.status == .badRequest, "expected 400 for \(field)")
                    let body = try Self.json(response)
                    #expect(body["error"] as? String == "invalid")
                    let fields = (body["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
                    #expect(fields.contains(field), "expected field \(field) in \(fields)")
                }
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: Self.jsonHeaders, body: ByteBuffer(string: "{not json")) { response throws in
                #expect(response.status == .badRequest)
            }
            let stored = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(stored.version == action.version)
            #expect(stored.percentComplete == action.percentComplete)
        }
    }

    @Test("a body over 1 MB is refused with 413")
    func tooLarge() async throws {
        try await withAPI { client, store, environment in
            let planID = try await demoPlanID(store, environment)
            let contents = try await store.planContents(id: planID, organisationID: environment.organisationID, fullHistory: false)
            let action = try #require(contents.actions.first)
            let huge = try Self.body(["text": String(repeating: "x", count: 1_100_000)])
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .post, headers: Self.jsonHeaders, body: huge) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(try Self.json(response)["error"] as? String == "too_large")
            }
        }
    }

    @Test("progress updates are appended, newest first, and empty ones refused")
    func progressUpdates() async throws {
        try await withAPI { client, store, environment in
            let planID = try await demoPlanID(store, environment)
            let contents = try await store.planContents(id: planID, organisationID: environment.organisationID, fullHistory: false)
            let action = try #require(contents.actions.first { $0.status == .inProgress })
            let before = try await store.action(id: action.id, organisationID: environment.organisationID).action.updates.count
            let update = try Self.body(["text": "Audit of 40 cases complete.", "percentComplete": 60])
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .post, headers: Self.jsonHeaders, body: update) { response throws in
                #expect(response.status == .created)
                #expect(try Self.json(response)["date"] as? String == "2026-11-23")
                // The author is the token's person (named "Test Editor" by TestPeople).
                #expect(try Self.json(response)["author"] as? String == "Test Editor")
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .get) { response throws in
                let updates = try #require(try Self.json(response)["updates"] as? [[String: Any]])
                #expect(updates.count == before + 1)
                #expect(updates.first?["text"] as? String == "Audit of 40 cases complete.")
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .post, headers: Self.jsonHeaders,
                                      body: try Self.body(["text": ""])) { response throws in
                #expect(response.status == .badRequest)
                #expect((try Self.json(response)["fields"] as? [[String: Any]])?.first?["field"] as? String == "text")
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .post, headers: Self.jsonHeaders,
                                      body: try Self.body(["author": "Head of Service", "text": "Written for someone else"])) { response throws in
                #expect(response.status == .badRequest)
                #expect((try Self.json(response)["fields"] as? [[String: Any]])?.first?["field"] as? String == "author")
            }
            let after = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(after.updates.count == before + 1)
            #expect(after.percentComplete == 60)
        }
    }

    @Test("measures: read with rating, record a value, a second value for the period is a conflict unless replaced")
    func measures() async throws {
        try await withAPI { client, store, environment in
            let measure = try #require(try await store.measures(organisationID: environment.organisationID).first { $0.unit == .percentage && !$0.targets.isEmpty })
            try await client.execute(uri: "/api/v1/measures/\(measure.id)", method: .get) { response throws in
                #expect(response.status == .ok)
                let body = try Self.json(response)
                #expect(body["code"] as? String == measure.code)
                let latest = try #require(body["latest"] as? [String: Any])
                #expect((latest["rating"] as? [String: Any])?["target"] is [String: Any])
                #expect(latest["againstPreviousPeriod"] is [String: Any])
                #expect((body["values"] as? [Any])?.count == measure.values.count)
            }
            // The plan's last month: inside the plan's period (values outside it are refused), and not yet recorded.
            let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
            let last = Period.month(containing: try #require(plan.periodEnd))
            let value = try Self.body(["period": last.label, "numerator": 45, "denominator": 50])
            try await client.execute(uri: "/api/v1/measures/\(measure.id)/values", method: .post, headers: Self.jsonHeaders, body: value) { response throws in
                #expect(response.status == .created)
                let body = try Self.json(response)
                #expect((body["value"] as? [String: Any])?["value"] as? Double == 90)
                #expect(body["rating"] is [String: Any])
            }
            try await client.execute(uri: "/api/v1/measures/\(measure.id)/values", method: .post, headers: Self.jsonHeaders, body: value) { response throws in
                #expect(response.status == .conflict)
                #expect(try Self.json(response)["error"] as? String == "conflict")
            }
            let replacement = try Self.body(["period": last.label, "value": 91.5, "replace": true])
            try await client.execute(uri: "/api/v1/measures/\(measure.id)/values", method: .post, headers: Self.jsonHeaders, body: replacement) { response throws in
                #expect(response.status == .created)
            }
            let stored = try await store.measure(id: measure.id, organisationID: environment.organisationID)
            #expect(stored.value(for: last)?.value == 91.5)
            try await client.execute(uri: "/api/v1/measures/\(measure.id)/values", method: .post, headers: Self.jsonHeaders,
                                      body: try Self.body(["period": "2030-13", "value": 1])) { response throws in
                #expect(response.status == .badRequest)
                #expect((try Self.json(response)["fields"] as? [[String: Any]])?.first?["field"] as? String == "period")
            }
        }
    }

    @Test("a measure is created, edited with its version, and a stale edit refused")
    func measureLifecycle() async throws {
        try await withAPI { client, _, _ in
            let input = try Self.body(["code": "NEW-1", "title": "Children seen alone", "unit": "percentage",
                                       "targets": [["value": 70, "dueBy": "2027-03-31", "isInterim": true], ["value": 90, "dueBy": "2027-09-30", "isInterim": false]]])
            var id = 0
            try await client.execute(uri: "/api/v1/measures", method: .post, headers: Self.jsonHeaders, body: input) { response throws in
                #expect(response.status == .created)
                id = try #require(try Self.json(response)["id"] as? Int)
                #expect(response.headers[.location] == "/api/v1/measures/\(id)")
            }
            try await client.execute(uri: "/api/v1/measures", method: .post, headers: Self.jsonHeaders, body: input) { response throws in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/measures/\(id)", method: .patch, headers: Self.jsonHeaders,
                                      body: try Self.body(["version": 1, "owner": "Head of Quality Assurance"])) { response throws in
                #expect(response.status == .ok)
                #expect(try Self.json(response)["owner"] as? String == "Head of Quality Assurance")
            }
            try await client.execute(uri: "/api/v1/measures/\(id)", method: .patch, headers: Self.jsonHeaders,
                                      body: try Self.body(["version": 1, "owner": "Someone else"])) { response throws in
                #expect(response.status == .conflict)
            }
        }
    }

    @Test("a plan is created whole, and a plan with a repeated action ref is refused with nothing stored")
    func createPlan() async throws {
        try await withAPI { client, store, environment in
            let plan: [String: Any] = [
                "title": "Scrutiny recommendations 2026",
                "kind": "recommendation tracker",
                "themes": [["title": "Front door", "areas": [["ref": "1", "title": "MASH",
                    "actions": [["ref": "1.1", "title": "Review thresholds", "dueDate": "2027-01-31", "status": "in progress", "startDate": "2026-10-01",
                                 "milestones": [["title": "Draft", "dueDate": "2026-12-01"]]]]]]]],
            ]
            var newID = 0
            try await client.execute(uri: "/api/v1/plans", method: .post, headers: Self.jsonHeaders, body: try Self.body(plan)) { response throws in
                #expect(response.status == .created)
                let body = try Self.json(response)
                newID = try #require((body["plan"] as? [String: Any])?["id"] as? Int)
                #expect((body["rollup"] as? [String: Any])?["total"] as? Int == 1)
            }
            let area = try #require(try await store.planContents(id: Int64(newID), organisationID: environment.organisationID, fullHistory: false).areas.first)
            try await client.execute(uri: "/api/v1/areas/\(area.id)/actions", method: .post, headers: Self.jsonHeaders,
                                      body: try Self.body(["ref": "1.2", "title": "Train MASH staff", "leads": ["MASH Manager"]])) { response throws in
                #expect(response.status == .created)
                #expect((try Self.json(response)["rating"] as? [String: Any])?["rating"] as? String == "grey")
            }
            try await client.execute(uri: "/api/v1/areas/\(area.id)/actions", method: .post, headers: Self.jsonHeaders,
                                      body: try Self.body(["ref": "1.2", "title": "Again"])) { response throws in
                #expect(response.status == .conflict)
            }
            let plansBefore = try await store.plans(organisationID: environment.organisationID).count
            var broken = plan
            broken["title"] = "Broken"
            broken["themes"] = [["title": "T", "areas": [["ref": "1", "title": "A", "actions": [["ref": "1.1", "title": "One"], ["ref": "1.1", "title": "Two"]]]]]]
            try await client.execute(uri: "/api/v1/plans", method: .post, headers: Self.jsonHeaders, body: try Self.body(broken)) { response throws in
                #expect(response.status == .badRequest)
                #expect((try Self.json(response)["detail"] as? String)?.contains("1.1") == true)
            }
            #expect(try await store.plans(organisationID: environment.organisationID).count == plansBefore)
        }
    }

    @Test("unknown records and addresses give JSON 404s")
    func notFound() async throws {
        try await withAPI { client, _, _ in
            for uri in ["/api/v1/plans/999999", "/api/v1/actions/999999", "/api/v1/measures/999999", "/api/v1/areas/999999",
                        "/api/v1/actions/abc", "/api/v1/nothing-here"] {
                try await client.execute(uri: uri, method: .get) { response throws in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(uri)")
                    #expect(try Self.json(response)["error"] as? String == "not_found")
                }
            }
        }
    }

    @Test("the OpenAPI document is valid OpenAPI 3 and lists exactly the routes the server has")
    func openAPI() async throws {
        try await withAPI { client, _, _ in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response throws in
                #expect(response.status == .ok)
                let doc = try Self.json(response)
                #expect((doc["openapi"] as? String)?.hasPrefix("3.") == true)
                let paths = try #require(doc["paths"] as? [String: [String: Any]])
                var documented = Set<String>()
                for (path, operations) in paths {
                    for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
                }
                let served = Set(APIController.routes.map { "\($0.method.rawValue) \($0.path)" })
                #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")

                // The official validator, as a user's tooling would run it.
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).json")
                try Data(buffer: response.body).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3", "-c", "import sys, json; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('valid')", file.path]
                let output = Pipe()
                process.standardOutput = output
                process.standardError = output
                try process.run()
                process.waitUntilExit()
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationStatus == 0, "openapi-spec-validator said: \(text) (scripts/test installs it)")
            }
        }
    }

    @Test("responses carry the security headers")
    func securityHeaders() async throws {
        try await withAPI { client, _, _ in
            try await client.execute(uri: "/api/v1/plans", method: .get) { response throws in
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }
}
