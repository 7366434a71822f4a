import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// What the API accepts from whom: an action lead's rights on their actions, the author of what
/// is written being the token's person, figures within range, and no `null` for a field.
@Suite("JSON API input rules")
struct APIInputRulesTests {
    /// Runs `body` with a client holding a token of `role`, named `name`.
    func withClient(role: Role, name: String? = nil,
                    _ body: @Sendable (any TestClientProtocol, SQLStore, AppEnvironment, TestCredentials) async throws -> Void) async throws {
        let (environment, store) = try await makeTestEnvironment(today: webTestDay)
        do {
            let app = Application(router: buildRouter(environment: environment))
            let credentials = try await TestPeople.credentials(environment, role: role, name: name)
            try await app.test(.router) { client in
                try await body(SignedInClient(base: client, credentials: credentials), store, environment, credentials)
            }
            await removeTestEnvironment(store)
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        let body = try APITests.json(response)
        return (body["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
    }

    static let lead = "Principal Social Worker"

    func ledAction(_ store: SQLStore, _ environment: AppEnvironment) async throws -> Action {
        let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
        let contents = try await store.planContents(id: plan.id, organisationID: environment.organisationID, fullHistory: false)
        let led = try #require(contents.actions.first { $0.leads.contains(Self.lead) && $0.dueDate != nil && !$0.milestones.isEmpty })
        // As the action page reads it, with its whole history, so it compares with later reads.
        return try await store.action(id: led.id, organisationID: environment.organisationID).action
    }

    @Test("an action lead's PATCH of a field beyond their rights is 403 naming it, and changes nothing", arguments: [
        "title", "outcome", "leads", "startDate", "dueDate", "milestones", "measureIDs", "override", "clearOverride",
    ])
    func leadForbiddenField(field: String) async throws {
        try await withClient(role: .actionLead, name: Self.lead) { client, store, environment, _ in
            let action = try await ledAction(store, environment)
            let values: [String: Any] = [
                "title": "Renamed by the lead", "outcome": "Rewritten", "leads": ["Someone Else"], "startDate": "2026-01-01",
                "dueDate": "2030-01-01", "milestones": [["title": "Only this one"]], "measureIDs": [], "clearOverride": true,
                "override": ["rating": "green", "reason": "Looks fine to me"],
            ]
            var patch: [String: Any] = ["version": action.version, "percentComplete": 55, field: try #require(values[field])]
            if field == "dueDate" { patch["reprogrammeReason"] = "Moved by the lead" }
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: try APITests.body(patch)) { response throws in
                #expect(response.status == .forbidden)
                let detail = try #require(try APITests.json(response)["detail"] as? String)
                #expect(detail.hasPrefix(field + ":"), "\(detail)")
            }
            let stored = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(stored == action)
        }
    }

    @Test("an action lead may change status, % complete, the difference and evidence; the person recorded is theirs")
    func leadAllowedFields() async throws {
        try await withClient(role: .actionLead, name: Self.lead) { client, store, environment, _ in
            let action = try await ledAction(store, environment)
            let patch: [String: Any] = ["version": action.version, "percentComplete": 55, "status": "in progress",
                                        "difference": ["value": "some difference"], "evidence": "Audit shows plans improving."]
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: try APITests.body(patch)) { response throws in
                #expect(response.status == .ok, "\(response.text)")
            }
            let stored = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(stored.percentComplete == 55)
            #expect(stored.evidence.last?.author == Self.lead)
            #expect(stored.difference?.by == Self.lead)
            #expect(stored.title == action.title)
        }
    }

    @Test("a client's by or author is refused naming it; updates, overrides and reprogrammings record the token's person")
    func authorIsTheSignedInPerson() async throws {
        try await withClient(role: .editor, name: "Erin Editor") { client, store, environment, _ in
            let action = try await ledAction(store, environment)
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: try APITests.body(["version": action.version, "percentComplete": 40, "by": "Director"])) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Self.fields(response) == ["by"])
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .post, headers: APITests.jsonHeaders,
                                     body: try APITests.body(["author": "Director", "text": "Done"])) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Self.fields(response) == ["author"])
            }
            #expect(try await store.action(id: action.id, organisationID: environment.organisationID).action == action)
            let patch: [String: Any] = ["version": action.version, "dueDate": "2030-03-31", "reprogrammeReason": "Board agreed a later date",
                                        "override": ["rating": "amber", "reason": "Evidence is thin"]]
            try await client.execute(uri: "/api/v1/actions/\(action.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: try APITests.body(patch)) { response throws in
                #expect(response.status == .ok, "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/actions/\(action.id)/updates", method: .post, headers: APITests.jsonHeaders,
                                     body: try APITests.body(["text": "Supervision audit done"])) { response throws in
                #expect(response.status == .created)
                #expect(try APITests.json(response)["author"] as? String == "Erin Editor")
            }
            let stored = try await store.action(id: action.id, organisationID: environment.organisationID).action
            #expect(stored.override?.by == "Erin Editor")
            #expect(stored.reprogrammings.last?.changedBy == "Erin Editor")
        }
    }

    @Test("null for a field is refused naming it, at any depth", arguments: [
        ("/api/v1/plans", #"{"title": "New plan", "themes": [{"title": "Theme", "areas": [{"ref": "1", "title": null}]}]}"#, "themes[0].areas[0].title"),
        ("/api/v1/measures", #"{"code": "N1", "title": "New", "tolerance": null}"#, "tolerance"),
        ("/api/v1/measures", #"{"code": "N1", "title": "New", "targets": [null]}"#, "targets[0]"),
    ])
    func nullRefused(uri: String, json: String, field: String) async throws {
        try await withClient(role: .editor) { client, store, environment, _ in
            let measures = try await store.measures(organisationID: environment.organisationID).count
            let plans = try await store.plans(organisationID: environment.organisationID).count
            try await client.execute(uri: uri, method: .post, headers: APITests.jsonHeaders, body: ByteBuffer(string: json)) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Self.fields(response) == [field])
            }
            #expect(try await store.measures(organisationID: environment.organisationID).count == measures)
            #expect(try await store.plans(organisationID: environment.organisationID).count == plans)
        }
    }

    @Test("PATCH with \"title\": null is 400 naming title, not a silent no-op")
    func titleNull() async throws {
        try await withClient(role: .editor) { client, store, environment, _ in
            let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
            let measure = try #require(try await store.measures(organisationID: environment.organisationID).first)
            let action = try await ledAction(store, environment)
            for (uri, version) in [("/api/v1/plans/\(plan.id)", plan.version), ("/api/v1/measures/\(measure.id)", measure.version),
                                   ("/api/v1/actions/\(action.id)", action.version)] {
                try await client.execute(uri: uri, method: .patch, headers: APITests.jsonHeaders,
                                         body: ByteBuffer(string: #"{"version": \#(version), "title": null}"#)) { response throws in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(try Self.fields(response) == ["title"], "\(uri)")
                }
            }
        }
    }

    @Test("a KPI figure out of range is 400 naming the field, and nothing is stored", arguments: [
        (#"{"period": "2026-10", "value": 1e19, "replace": true}"#, "value"),
        (#"{"period": "2026-10", "value": -1e308, "replace": true}"#, "value"),
        (#"{"period": "2026-10", "value": 1e999, "replace": true}"#, "value"),
        (#"{"period": "2026-10", "numerator": 99999999999999999999, "denominator": 100, "replace": true}"#, "numerator"),
        (#"{"period": "2026-10", "numerator": 1, "denominator": 1e-300, "replace": true}"#, "value"),
        (#"{"period": "2026-10", "value": "NaN", "replace": true}"#, "value"),
        (#"{"period": "2026-10", "value": "Infinity", "replace": true}"#, "value"),
        (#"{"period": "0000-01", "value": 5}"#, "period"),
    ])
    func valueOutOfRange(json: String, field: String) async throws {
        try await withClient(role: .editor) { client, store, environment, _ in
            let measure = try #require(try await store.measures(organisationID: environment.organisationID).first { $0.unit != .percentage })
            try await client.execute(uri: "/api/v1/measures/\(measure.id)/values", method: .post, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: json)) { response throws in
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(try Self.fields(response) == [field], "\(response.text)")
            }
            #expect(try await store.measure(id: measure.id, organisationID: environment.organisationID) == measure)
        }
    }

    @Test("a measure's targets, interim targets, tolerance, band, baseline and benchmarks are held to ±1e12", arguments: [
        (#""targets": [{"value": 1e300, "dueBy": "2027-03-31", "isInterim": false}]"#, "targets[0].value"),
        (#""targets": [{"value": 50, "dueBy": "2027-03-31", "isInterim": false}, {"value": -2e12, "dueBy": "2026-09-30", "isInterim": true}]"#, "targets[1].value"),
        (#""periodTargets": [{"period": "2026-10", "value": 1e13}]"#, "periodTargets[0].value"),
        (#""tolerance": 1e15"#, "tolerance"),
        (#""tolerance": -1"#, "tolerance"),
        (#""band": {"low": 0, "high": 1e200}"#, "band.high"),
        (#""baseline": {"value": 1e19, "date": "2025-03-31"}"#, "baseline.value"),
        (#""benchmarks": [{"kind": "England", "year": "2024-25", "value": 1e19, "source": "DfE"}]"#, "benchmarks[0].value"),
        (#""benchmarks": [{"kind": "England", "year": "2024-25", "value": 50, "rangeHigh": 1e19, "source": "DfE"}]"#, "benchmarks[0].rangeHigh"),
        (#""decimals": 99999999999999999999"#, "decimals"),
    ])
    func measureFiguresOutOfRange(fragment: String, field: String) async throws {
        try await withClient(role: .editor) { client, store, environment, _ in
            let measure = try #require(try await store.measures(organisationID: environment.organisationID).first)
            let count = try await store.measures(organisationID: environment.organisationID).count
            try await client.execute(uri: "/api/v1/measures", method: .post, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"code": "NEW-1", "title": "A new measure", \#(fragment)}"#)) { response throws in
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(try Self.fields(response) == [field], "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/measures/\(measure.id)", method: .patch, headers: APITests.jsonHeaders,
                                     body: ByteBuffer(string: #"{"version": \#(measure.version), \#(fragment)}"#)) { response throws in
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(try Self.fields(response) == [field], "\(response.text)")
            }
            #expect(try await store.measures(organisationID: environment.organisationID).count == count)
            #expect(try await store.measure(id: measure.id, organisationID: environment.organisationID) == measure)
        }
    }

    @Test("rules between fields the document states are refused naming the field")
    func rulesBetweenFields() async throws {
        try await withClient(role: .editor) { client, store, environment, _ in
            let measure = try #require(try await store.measures(organisationID: environment.organisationID).first)
            let cases: [(String, String, String)] = [
                ("/api/v1/measures/\(measure.id)/values", #"{"period": "2026-10", "numerator": 5}"#, "denominator"),
                ("/api/v1/measures/\(measure.id)/values", #"{"period": "2026-10", "value": 5, "denominator": 0}"#, "denominator"),
                ("/api/v1/measures", #"{"code": "", "title": "Blank code"}"#, "code"),
                ("/api/v1/measures", #"{"code": "X", "title": "   "}"#, "title"),
            ]
            for (uri, json, field) in cases {
                try await client.execute(uri: uri, method: .post, headers: APITests.jsonHeaders, body: ByteBuffer(string: json)) { response throws in
                    #expect(response.status == .badRequest, "\(json)")
                    #expect(try Self.fields(response) == [field], "\(json): \(response.text)")
                }
            }
            #expect(try await store.measure(id: measure.id, organisationID: environment.organisationID) == measure)
        }
    }
}
