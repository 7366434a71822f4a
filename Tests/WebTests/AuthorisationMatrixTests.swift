import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

/// Every route of the route tables (pages and API) for every role and for a visitor: the rule
/// the table states is the rule the server applies. A route added to a table is tested here
/// without anyone remembering to; a route whose path has a parameter this test cannot fill fails.
@Suite("Authorisation matrix")
struct AuthorisationMatrixTests {
    /// Record ids to put in paths, for one organisation.
    struct Samples {
        var values: [String: String]

        /// `/plans/{id}/areas` with the right kind of id for each parameter.
        func fill(_ path: String) throws -> String {
            var result = path
            let kind = path.hasPrefix("/api/v1") ? String(path.dropFirst("/api/v1".count)) : path
            let segments = kind.split(separator: "/").map(String.init)
            for (index, segment) in segments.enumerated() where segment.hasPrefix("{") {
                // `{token}.ics`: the parameter, then a suffix that stays in the path.
                let name = String(segment.dropFirst().prefix { $0 != "}" })
                let parameter = "{" + name + "}"
                let key = name == "id" && index > 0 ? "\(segments[index - 1]).id" : name
                let value = try #require(values[key], "no sample value for \(segment) in \(path): add one to the matrix test")
                result = result.replacingOccurrences(of: parameter, with: value)
            }
            return result
        }
    }

    /// A visitor, or a person with a role whose name leads the sample action.
    static let callers: [Role?] = [nil] + Role.allCases.map(Optional.some)
    static let lead = "Principal Social Worker"
    // Fields every role may send (an action lead may not retitle an action: 403 naming the field).
    static let jsonBody = #"{"version": 1, "text": "Matrix test", "period": "2030-01", "value": 1}"#

    static func samples(_ store: SQLStore, organisationID: Int64, person: Int64) async throws -> Samples {
        let plan = try #require(try await store.plans(organisationID: organisationID).first)
        let contents = try await store.planContents(id: plan.id, organisationID: organisationID, fullHistory: false)
        let action = try #require(contents.actions.first { $0.leads.contains(lead) && $0.milestones.contains { !$0.isComplete } })
        let measure = try #require(try await store.measures(organisationID: organisationID).first)
        let board = try #require(try await store.boards(organisationID: organisationID).first)
        let meeting = try #require(try await store.meetings(boardID: board.id, organisationID: organisationID).first { $0.status == .held })
        let point = try #require(try await store.actionPoints(boardID: board.id, organisationID: organisationID).first)
        let run = try await store.createAnalysisRun(AnalysisRun(
            organisationID: organisationID, ranBy: "Matrix", ranAt: Date(), asAt: webTestDay, period: .month(containing: webTestDay),
            convention: "statutory", fileNames: ["annex-a.xlsx"],
            results: [AnalysisResult(catalogueID: "ASM-45WD", title: "Assessments completed within 45 working days", unit: "%",
                                     polarity: .higherIsBetter, numerator: 0, denominator: 1, value: 0, counted: 1, excluded: 0,
                                     outOfTimescale: 1, missingInput: nil)], dataQuality: []),
            drillDown: [DrillDownRow(catalogueID: "ASM-45WD", childID: "MATRIX-1", team: "North", worker: nil, start: "2026-09-01",
                                     end: "2026-11-20", daysTaken: 58, outOfTimescale: true, status: "late")])
        return Samples(values: [
            "boards.id": String(board.id), "meetings.id": String(meeting.id), "action-points.id": String(point.id),
            "plans.id": String(plan.id), "areas.id": String(action.areaID), "actions.id": String(action.id),
            // The theme holding the sample action: removing it is refused, so the walk changes nothing.
            "themes.id": String(contents.areas.first { $0.id == action.areaID }!.themeID),
            "milestone": String(action.milestones.first { !$0.isComplete }!.id), "measures.id": String(measure.id),
            "people.id": String(person), "token": "not-a-reset-token",
            // No file is waiting: a caller the rule lets through is told so (404).
            "upload": "1", "runs.id": String(run.id), "measure": "ASM-45WD",
            // No such single sign-on: the pages answer anyone with a 404 page.
            "provider": "nobody",
            // The organisation's single sign-on in the API: the other organisation's exists, so it is not found.
            "slug": try await store.ssoProvider(organisationID: organisationID)?.slug ?? "none",
        ])
    }

    /// Whether the response refuses: 401/403, or (a page for a visitor) a redirect to sign in.
    static func isRefusal(_ response: TestResponse) -> Bool {
        if response.status == .unauthorized || response.status == .forbidden { return true }
        let location = response.headers[.location] ?? ""
        return response.status == .seeOther && (location == "/login" || location.hasPrefix("/login?next="))
    }

    func request(_ client: any TestClientProtocol, _ rule: RouteRule, uri: String, credentials: TestCredentials?) async throws -> TestResponse {
        let api = uri.hasPrefix("/api/")
        var headers: HTTPFields = [:]
        var body: ByteBuffer?
        if rule.method != .get {
            headers[.contentType] = api ? "application/json" : "application/x-www-form-urlencoded"
            body = ByteBuffer(string: api ? Self.jsonBody : "")
        }
        return try await SignedInClient(base: client, credentials: credentials)
            .executeRequest(uri: uri, method: rule.method, headers: headers, body: body)
    }

    @Test("Every route answers every role as its rule says, and a record of another organisation is not found",
          arguments: [false, true])
    func matrix(singleSignOnPeople: Bool) async throws {
        let (environment, store) = try await makeTestEnvironment()
        do {
            let app = Application(router: buildRouter(environment: environment))
            let other = try await store.createOrganisation(Organisation(name: "Other Council"))
            let theirPlan = try await store.createPlan(DemoCouncil.plan(organisationID: other.id, asAt: webTestDay))
            try await DemoBoards.load(into: store, organisationID: other.id, planID: theirPlan.id, asAt: webTestDay)
            _ = try await store.addSSOProvider(SSOProvider(organisationID: other.id, slug: "other-council", name: "Other Council",
                                                           issuer: "https://login.other.example", clientID: "oversight", secret: .environment("UNUSED")))
            let bystander = try await TestPeople.credentials(environment, role: .viewer, name: "Bystander")
            let outsider = try await TestPeople.credentials(environment, role: .viewer, name: "Outsider", organisationID: other.id)
            let own = try await Self.samples(store, organisationID: environment.organisationID, person: bystander.person.id)
            let theirs = try await Self.samples(store, organisationID: other.id, person: outsider.person.id)
            var byRole: [Role: TestCredentials] = [:]
            // Once with password accounts, once with accounts single sign-on made (just in time, role from a group).
            let provider = singleSignOnPeople ? try await TestPeople.matrixProvider(environment) : nil
            for role in Role.allCases {
                let name = role == .actionLead ? Self.lead : nil
                byRole[role] = if let provider {
                    try await TestPeople.singleSignOnCredentials(environment, role: role, name: name, provider: provider)
                } else {
                    try await TestPeople.credentials(environment, role: role, name: name)
                }
            }
            let people = byRole
            let rules = RouteTable.pages + RouteTable.api
            #expect(rules.count >= 30)
            #expect(Set(rules.map { "\($0.method.rawValue) \($0.path)" }).count == rules.count, "each route once")

            try await app.test(.router) { client in
                for rule in rules {
                    let uri = try own.fill(rule.path)
                    for caller in Self.callers {
                        // A fresh session each time: some routes end the session they are sent with.
                        let credentials = try await caller.asyncMap { try await TestPeople.newSession(environment, people[$0]!) }
                        let response = try await request(client, rule, uri: uri, credentials: credentials)
                        let allowed = caller.map { rule.access.allows($0) } ?? (rule.access == .anyone)
                        let who = caller?.rawValue ?? "visitor"
                        #expect(Self.isRefusal(response) == !allowed,
                                "\(rule.method.rawValue) \(rule.path) as \(who): \(response.status.code) \(response.headers[.location] ?? "")")
                        #expect(response.status.code < 500, "\(rule.method.rawValue) \(rule.path) as \(who): \(response.status.code)")
                    }
                    // Another organisation's record: not found, for a role the rule allows.
                    guard rule.path.contains("{"), !rule.path.contains("{token}"),
                          let role = Role.allCases.first(where: { rule.access.allows($0) }) else { continue }
                    let credentials = try await TestPeople.newSession(environment, people[role]!)
                    let response = try await request(client, rule, uri: try theirs.fill(rule.path), credentials: credentials)
                    #expect(response.status == .notFound, "\(rule.method.rawValue) \(rule.path) with another organisation's id as \(role.rawValue): \(response.status.code)")
                }
            }
            // The other organisation's records are untouched.
            let theirStoredPlan = try #require(try await store.plans(organisationID: other.id).first)
            #expect(theirStoredPlan.version == 1)
            #expect(try await store.person(id: outsider.person.id)?.isDisabled == false)
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
        await removeTestEnvironment(store)
    }

    @Test("Only the health and readiness checks, the metrics scrape (with its token), sign-in, reset and invitation links, secret calendar feeds, the accessibility statement, the privacy notice and static files answer a visitor")
    func publicRoutes() {
        let open = (RouteTable.pages + RouteTable.api).filter { $0.access == .anyone }.map(\.path)
        // /metrics answers only the metrics token, and only on a server started with one (MetricsTests).
        #expect(Set(open) == ["/healthz", "/readyz", "/metrics", "/login", "/reset/{token}", "/invitations/{token}", "/calendar/feed/{token}.ics", "/accessibility", "/privacy",
                                "/sso/{provider}/start", "/sso/callback", "/sso/{provider}/sign-out"])
    }

    @Test("The history pages are for readers; the organisation's audit trail for administrators")
    func auditRoutes() {
        let rules = Dictionary(uniqueKeysWithValues: RouteTable.pages.map { ("\($0.method.rawValue) \($0.path)", $0.access) })
        #expect(rules["GET /actions/{id}/history"] == .permission(.readPlans))
        #expect(rules["GET /measures/{id}/history"] == .permission(.readPlans))
        #expect(rules["GET /meetings/{id}/history"] == rules["GET /meetings/{id}"])
        #expect(rules["GET /audit"] == .permission(.readAuditTrail))
        #expect(rules["GET /audit.csv"] == .permission(.readAuditTrail))
        // The API's trail has the page's rule.
        let api = Dictionary(uniqueKeysWithValues: RouteTable.api.map { ("\($0.method.rawValue) \($0.path)", $0.access) })
        #expect(api["GET /api/v1/audit"] == .permission(.readAuditTrail))
        #expect(Role.allCases.filter { Access.permission(.readAuditTrail).allows($0) } == [.administrator])
    }

    @Test("The analysis pages, which name children, are for analysts only, and are in the walked tables")
    func analysisRoutes() {
        let analysis = RouteTable.analysis
        #expect(analysis.count == 6)
        #expect(analysis.allSatisfy { $0.access == .permission(.readChildLevelData) })
        for rule in analysis {
            #expect(Role.allCases.filter { rule.access.allows($0) } == [.analyst], "\(rule.method.rawValue) \(rule.path)")
        }
        #expect(Set(analysis).isSubset(of: Set(RouteTable.pages)))
    }

    @Test("The role matrix: child-level data is for analysts only; people and the audit trail for administrators only")
    func roleMatrix() {
        #expect(Role.allCases.filter { $0.can(.readChildLevelData) } == [.analyst])
        #expect(Role.allCases.filter { $0.can(.managePeople) } == [.administrator])
        #expect(Role.allCases.filter { $0.can(.readAuditTrail) } == [.administrator])
        #expect(Role.allCases.filter { $0.can(.editPlans) } == [.administrator, .editor])
        #expect(Role.allCases.filter { $0.can(.manageBoards) } == [.administrator, .editor])
        #expect(Role.allCases.filter { $0.can(.readExemptPapers) } == [.administrator, .editor, .boardMember])
        #expect(Role.allCases.filter { $0.can(.seeSmallNumbers) } == [.administrator, .editor, .analyst])
        #expect(Role.allCases.filter { $0.can(.editNotices) } == [.administrator])
        #expect(Role.allCases.allSatisfy { $0.can(.readPlans) })
        #expect(Role.administrator.covers(.viewer))
        #expect(!Role.viewer.covers(.editor))
        #expect(!Role.administrator.covers(.analyst), "an administrator's token cannot see child-level data")
    }
}
