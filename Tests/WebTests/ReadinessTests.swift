import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

@Suite("Alive and ready: /healthz and /readyz for a load balancer")
struct ReadinessTests {
    @Test("The schema rule: ready only with exactly the migrations this build knows")
    func schemaRule() {
        #expect(SchemaReadiness.judge(applied: [1, 2, 3], known: [1, 2, 3]) == .ready)
        guard case let .notReady(missing) = SchemaReadiness.judge(applied: [1, 3], known: [1, 2, 3]) else {
            Issue.record("a missing migration was judged ready"); return
        }
        #expect(missing.contains("lacks migrations 2"))
        guard case let .notReady(newer) = SchemaReadiness.judge(applied: [1, 2, 3, 4], known: [1, 2, 3]) else {
            Issue.record("a database migrated by a newer build was judged ready"); return
        }
        #expect(newer.contains("does not know (4)") && newer.contains("upgrade this one"))
    }

    @Test("/readyz answers 200 on a migrated database, and 503 naming the reason when a newer server has migrated it or a migration is missing, while /healthz still answers 200")
    func readyz() async throws {
        let (environment, store) = try await makeTestEnvironment(today: Day(2026, 11, 23))
        let app = Application(router: buildRouter(environment: environment))
        try await app.test(.router) { client in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(String(buffer: ready.body) == "ready\n")

            // Another server, on a newer build, has applied a migration this one does not know.
            try await store.gateway.write { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from a newer build', '2026-12-03T00:00:00Z')").run()
            }
            let newer = try await client.execute(uri: "/readyz", method: .get)
            #expect(newer.status == .serviceUnavailable)
            #expect(String(buffer: newer.body).contains("9999"))
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)

            try await store.gateway.write { db in
                try await db.raw("DELETE FROM schema_migrations WHERE version IN (9999, 1)").run()
            }
            let missing = try await client.execute(uri: "/readyz", method: .get)
            #expect(missing.status == .serviceUnavailable)
            #expect(String(buffer: missing.body).contains("lacks migrations 1"))
            // A readiness answer is never cached by a proxy.
            #expect(missing.headers[.cacheControl] == "no-store")
        }
        await removeTestEnvironment(store)
    }
}
