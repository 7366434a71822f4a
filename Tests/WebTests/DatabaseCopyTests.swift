import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
@testable import Store
import Testing
@testable import Web

/// `oversight migrate`'s copy, on the demo: every table's rows, the audit chain, and the pages a
/// board reads are the same from the copy as from the original.
// The copy's source is an SQLite file, so these tests keep their environments on SQLite; the
// copy into PostgreSQL is `demoCopied`'s second case.
@Suite("Copying a database to a new one (oversight migrate)", .enabled(if: WebTestDatabase.postgresServer == nil))
struct DatabaseCopyTests {
    /// A new, empty database of `kind` ("sqlite" or "postgres"), migrated.
    static func newTarget(_ kind: String = "sqlite") async throws -> SQLStore {
        let address = try await WebTestDatabase.newDatabase(kind)
        do {
            return try await SQLStore.open(address)
        } catch {
            await WebTestDatabase.removeDatabase(address)
            throw error
        }
    }

    static func firstID(_ store: SQLStore, _ sql: String) async throws -> Int64 {
        try await store.gateway.read { db in
            let row = try #require(try await db.raw(SQLQueryString(sql)).first())
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    /// A page's text with the one thing that belongs to the session, not the data: its form token.
    static func withoutFormTokens(_ page: String) -> String {
        page.replacingOccurrences(of: #"name="csrf" value="[^"]*""#, with: #"name="csrf" value="…""#, options: .regularExpression)
    }

    @Test("The demo copied: every table's rows equal, the audit chain verifies, and the plan, a measure, a meeting and its pack read the same byte for byte",
          arguments: WebTestDatabase.kinds)
    func demoCopied(target kind: String) async throws {
        try await withTestApp(as: nil) { base, environment, store in
            let editor = try await TestPeople.credentials(environment, role: .editor)
            let client = SignedInClient(base: base, credentials: editor)
            let plan = try await Self.firstID(store, "SELECT id FROM plans ORDER BY id LIMIT 1")
            let measure = try await Self.firstID(store, "SELECT id FROM measures ORDER BY id LIMIT 1")
            let meeting = try await Self.firstID(store, "SELECT id FROM meetings WHERE minutes_status LIKE '%approved%' ORDER BY date DESC LIMIT 1")
            let board = try await Self.firstID(store, "SELECT id FROM boards ORDER BY id LIMIT 1")
            let pages = ["/plans/\(plan)", "/measures/\(measure)", "/boards/\(board)", "/meetings/\(meeting)", "/meetings/\(meeting)/pack",
                         "/meetings/\(meeting)/minutes"]
            var before: [String: String] = [:]
            for path in pages {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path) answered \(response.status)")
                before[path] = Self.withoutFormTokens(response.text)
            }

            let original = before
            let target = try await Self.newTarget(kind)
            // Closed and deleted however the test ends: an SQLite connection must be closed before it goes.
            do {
                let report = try await DatabaseCopy.copy(from: store, to: target)
                // Every table but the transient ones, each with as many rows as the source.
                let copied = Set(report.tables.map(\.table))
                for table in ["organisations", "plans", "themes", "areas", "actions", "milestones", "progress_updates", "measures",
                              "measure_values", "boards", "meetings", "action_points", "work_programme_items", "people",
                              "memberships", "api_tokens", "audit_log", "minute_numbers"] {
                    #expect(copied.contains(table), "\(table) was not copied")
                }
                #expect(copied.isDisjoint(with: ["sessions", "sign_in_attempts", "schema_migrations"]))
                for count in report.tables {
                    #expect(count.source == count.target, "\(count.table)")
                }
                #expect(report.tables.first { $0.table == "actions" }?.target == 47)
                #expect(try await target.verifyAuditTrail() == .intact(entries: report.auditEntries))
                #expect(report.auditEntries > 100)

                // The same person signs in again on the copy (sessions stay behind) and reads the same pages.
                var copyEnvironment = environment
                copyEnvironment.store = target
                let person = try #require(try await target.person(email: editor.person.email))
                #expect(person.id == editor.person.id, "ids are kept")
                let fresh = try await TestPeople.newSession(copyEnvironment, editor)
                let app = Application(router: buildRouter(environment: copyEnvironment))
                try await app.test(.router) { copyBase in
                    let copyClient = SignedInClient(base: copyBase, credentials: fresh)
                    for path in pages {
                        let response = try await copyClient.execute(uri: path, method: .get)
                        #expect(response.status == .ok, "\(path) answered \(response.status) on the copy")
                        #expect(Self.withoutFormTokens(response.text) == original[path], "\(path) differs on the copy")
                    }
                }
                // New records on the copy take new ids, never a copied one.
                let highest = try await store.organisations().map(\.id).max() ?? 0
                let created = try await target.createOrganisation(Organisation(name: "New After The Copy Council", kind: .council))
                #expect(created.id > highest)
            } catch {
                await removeTestEnvironment(target)
                throw error
            }
            await removeTestEnvironment(target)
        }
    }

    @Test("A target that holds data is refused naming a table, and nothing is written to it")
    func nonEmptyTargetRefused() async throws {
        try await withTestApp(as: nil) { _, _, store in
            let target = try await Self.newTarget()
            let other = try await target.createOrganisation(Organisation(name: "Already Here Council", kind: .council))
            do {
                _ = try await DatabaseCopy.copy(from: store, to: target)
                Issue.record("a non-empty target was accepted")
            } catch let failure as DatabaseCopy.Failure {
                #expect(failure == .targetNotEmpty(table: "organisations", rows: 1))
                #expect(failure.description.contains("nothing was copied"))
            }
            #expect(try await target.organisations().map(\.id) == [other.id])
            #expect(try await DatabaseCopy.count(target, "plans") == 0)
            await removeTestEnvironment(target)
        }
    }
}
