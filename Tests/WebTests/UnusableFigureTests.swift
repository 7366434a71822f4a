import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Store
import Testing
@testable import Web

/// Figures stored before the range was enforced (or written into the database by hand) must never
/// take a page down: a KPI value of 1e300 or infinity once crashed every view of its measure, the
/// measures list, a linked action and the board pack.
@Suite("Unusable stored figures")
struct UnusableFigureTests {
    /// A measure linked to an action, with its latest value set to `value` and a target to `target`
    /// straight in the database, as an older version could have stored them.
    static func corrupt(_ store: SQLStore, value: String, target: String) async throws -> (measure: Int64, action: Int64) {
        try await store.gateway.write { db in
            let link = try #require(try await db.raw("SELECT action_id, measure_id FROM action_measures ORDER BY action_id LIMIT 1").first())
            let measure = try link.decode(column: "measure_id", as: Int64.self)
            let action = try link.decode(column: "action_id", as: Int64.self)
            // SQLite reads a literal too large for a double as infinity; PostgreSQL refuses it and spells infinity out.
            let value = db.dialect.name == "postgresql" && value == "9e999" ? "'Infinity'" : value
            try await db.raw("""
                UPDATE measure_values SET value = \(unsafeRaw: value), numerator = \(unsafeRaw: value)
                WHERE id = (SELECT id FROM measure_values WHERE measure_id = \(bind: measure) ORDER BY period_end DESC LIMIT 1)
                """).run()
            try await db.raw("UPDATE measures SET targets = \(bind: "[{\"value\":\(target),\"dueBy\":\"2027-03-31\",\"isInterim\":false}]") WHERE id = \(bind: measure)").run()
            return (measure, action)
        }
    }

    @Test("every page that shows the measure answers and says 'unusable value'", arguments: [("1e300", "1e300"), ("9e999", "-1e300"), ("1e19", "12")])
    func pagesSurvive(value: String, target: String) async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let (measure, action) = try await Self.corrupt(store, value: value, target: target)
            for path in ["/measures/\(measure)", "/measures", "/actions/\(action)", "/measures/\(measure)/history", "/plans/1"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path) answered \(response.status)")
                if path.hasPrefix("/measures/\(measure)") && !path.hasSuffix("history") {
                    #expect(response.text.contains(MeasureFigure.unusableText), "\(path) does not name the unusable value")
                    #expect(!response.text.contains("e+300"), "\(path) prints the raw figure")
                }
            }
            // The API answers too, and never with a number JSON cannot carry.
            for path in ["/api/v1/measures/\(measure)", "/api/v1/measures", "/api/v1/measures/\(measure)/values", "/api/v1/actions/\(action)"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path) answered \(response.status): \(response.text.prefix(200))")
                #expect((try? JSONSerialization.jsonObject(with: Data(response.text.utf8))) != nil, "\(path) is not JSON")
            }
            // Every board pack too: the Improvement Board's meetings take the KPI scorecard.
            let meetings = try await store.gateway.read { db in
                try await db.raw("SELECT id FROM meetings ORDER BY id").all().map { try $0.decode(column: "id", as: Int64.self) }
            }
            for meeting in meetings.prefix(6) {
                let pack = try await client.execute(uri: "/meetings/\(meeting)/pack", method: .get)
                #expect(pack.status == .ok || pack.status == .notFound, "pack of meeting \(meeting) answered \(pack.status)")
            }
            // The server still answers afterwards.
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }
}
