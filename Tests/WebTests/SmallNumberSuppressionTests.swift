import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Small-number suppression on every output of KPI values: viewers, board members and action
/// leads read "Suppressed (small number)" and never the figure; analysts and the editors and
/// administrators who enter the values read the figures.
@Suite("Small-number suppression")
struct SmallNumberSuppressionTests {
    /// Figures that appear nowhere else in the demo: Sep 2026 is 3 of 7 (a denominator under 10),
    /// Oct 2026 is 8 of 9; Aug 2026, 35 of 60, is shown to everyone.
    static let hidden = ["42.86", "88.89"]
    static let shown = "58.33%"

    struct Fixture: Sendable {
        var measureID: Int64
        var actionID: Int64
        var people: [Role: TestCredentials]
    }

    /// The demo council with the measure above linked to an action, and a person of each role.
    static func withFixture(_ body: @Sendable (any TestClientProtocol, Fixture) async throws -> Void) async throws {
        let (environment, store) = try await makeTestEnvironment()
        do {
            let org = environment.organisationID
            let measure = try await store.createMeasure(Measure(
                organisationID: org, code: "SN1", title: "Re-referrals within 12 months of a closed plan",
                unit: .percentage, polarity: .higherIsBetter, decimals: 2, targets: [Target(value: 60, dueBy: Day(2027, 3, 31))]))
            for (month, numerator, denominator) in [(8, 35.0, 60.0), (9, 3.0, 7.0), (10, 8.0, 9.0)] {
                // Entered to two places, as a performance officer types it: the figure is then searchable.
                let value = (numerator / denominator * 10_000).rounded() / 100
                _ = try await store.recordValue(MeasureValue(period: .month(year: 2026, month: month), value: value,
                                                             numerator: numerator, denominator: denominator, asAt: Day(2026, month, 28)),
                                                measureID: measure.id, organisationID: org, replace: false)
            }
            let plan = try #require(try await store.plans(organisationID: org).first)
            let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
            let action = try #require(contents.actions.first)
            _ = try await store.editAction(id: action.id, organisationID: org, expectedVersion: nil) { $0.measureIDs = [measure.id] }
            var people: [Role: TestCredentials] = [:]
            for role in Role.allCases { people[role] = try await TestPeople.credentials(environment, role: role) }
            let fixture = Fixture(measureID: measure.id, actionID: action.id, people: people)
            let app = Application(router: buildRouter(environment: environment))
            try await app.test(.router) { client in try await body(client, fixture) }
            await removeTestEnvironment(store)
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, as credentials: TestCredentials?) async throws -> String {
        try await SignedInClient(base: client, credentials: credentials).execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok, "\(uri): \(response.status.code)")
            return response.text
        }
    }

    static func outputs(_ fixture: Fixture) -> [String] {
        ["/measures", "/measures/\(fixture.measureID)", "/actions/\(fixture.actionID)", "/measures/\(fixture.measureID)/history",
         "/api/v1/measures", "/api/v1/measures/\(fixture.measureID)", "/api/v1/measures/\(fixture.measureID)/values"]
    }

    @Test("A viewer, a board member and an action lead read the notice and never the figures, on the pages, the chart and the API",
          arguments: [Role.viewer, .boardMember, .actionLead])
    func suppressedForReaders(role: Role) async throws {
        try await Self.withFixture { client, fixture in
            for uri in Self.outputs(fixture) {
                let text = try await Self.get(client, uri, as: fixture.people[role])
                for figure in Self.hidden {
                    #expect(!text.contains(figure), "\(uri) shows \(figure) to a \(role.word.lowercased())")
                }
                if !uri.hasSuffix("/history") {
                    #expect(text.contains("Suppressed (small number)") || text.contains("\"suppressed\":true"), "\(uri)")
                }
            }
            let page = try await Self.get(client, "/measures/\(fixture.measureID)", as: fixture.people[role])
            // The figures table: no numerator 3 or 8, no denominator 7 or 9 beside a suppressed value.
            for cell in ["3", "7", "8", "9"] {
                #expect(!page.contains("<td class=\"numeric\">\(cell)</td>"), "the table shows \(cell)")
            }
            #expect(page.contains(Self.shown), "a value that is not small is shown")
            #expect(page.contains("Not drawn, as small numbers are suppressed: September 2026, October 2026."), "the chart says what it leaves out")
            #expect(!page.contains("<title>October 2026: "), "no tooltip for a suppressed point")
            #expect(page.contains("Small numbers are suppressed"), "the rule is stated")
        }
    }

    @Test("The API leaves out a suppressed value's figures and says it is suppressed")
    func apiShape() async throws {
        try await Self.withFixture { client, fixture in
            let client = SignedInClient(base: client, credentials: fixture.people[.boardMember])
            try await client.execute(uri: "/api/v1/measures/\(fixture.measureID)/values", method: .get) { response throws in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                let values = try #require(body["values"] as? [[String: Any]]).compactMap { $0["value"] as? [String: Any] }
                #expect(values.count == 3)
                let october = try #require(values.first { $0["period"] as? String == "2026-10" })
                #expect(october["suppressed"] as? Bool == true)
                #expect(october["value"] == nil && october["numerator"] == nil && october["denominator"] == nil)
                let august = try #require(values.first { $0["period"] as? String == "2026-08" })
                #expect(august["suppressed"] as? Bool == false)
                #expect(august["numerator"] as? Double == 35)
            }
            try await client.execute(uri: "/api/v1/measures/\(fixture.measureID)", method: .get) { response throws in
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
                let latest = try #require(body["latest"] as? [String: Any])
                #expect(latest["suppressed"] as? Bool == true)
                #expect(latest["value"] == nil)
                #expect(latest["formatted"] as? String == "Suppressed (small number)")
            }
        }
    }

    @Test("An analyst, an editor and an administrator read the figures", arguments: [Role.analyst, .editor, .administrator])
    func figuresForOwners(role: Role) async throws {
        try await Self.withFixture { client, fixture in
            for uri in Self.outputs(fixture) where !uri.hasPrefix("/actions") {
                let text = try await Self.get(client, uri, as: fixture.people[role])
                #expect(text.contains("88.89"), "\(uri) hides the latest figure from a \(role.word.lowercased())")
                #expect(!text.contains("Suppressed (small number)") && !text.contains("\"suppressed\":true"), "\(uri)")
            }
            let action = try await Self.get(client, "/actions/\(fixture.actionID)", as: fixture.people[role])
            #expect(action.contains("88.89%"))
        }
    }

    @Test("On the action page a reader sees the notice where the linked KPI's latest value is suppressed, and no trend line")
    func actionPage() async throws {
        try await Self.withFixture { client, fixture in
            let page = try await Self.get(client, "/actions/\(fixture.actionID)", as: fixture.people[.viewer])
            #expect(page.contains("Suppressed (small number)"))
            #expect(!page.contains("Trend of SN1"), "no sparkline whose shape gives the values away")
        }
    }
}
