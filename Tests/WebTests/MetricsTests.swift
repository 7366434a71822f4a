import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import Testing
@testable import Web

/// `/metrics` as a Prometheus scraper sees it: only with the token, only on a server started
/// with one; requests by route pattern, never by an address with ids or secrets in it; refused
/// sign-ins by reason; imports, analysis runs and the database's writes.
@Suite("Metrics")
struct MetricsTests {
    static let token = "scrape-token-0123456789abcdef"
    static let bearer: HTTPFields = [.authorization: "Bearer \(token)"]

    /// An app built as `serve --metrics-token` builds it: the environment's own registry (so
    /// tests running side by side count only their own requests) and the store's gateway timed.
    static func withMetricsApp<T: Sendable>(
        as role: Role? = .editor, logger: Logger? = nil,
        _ body: @Sendable (any TestClientProtocol, AppEnvironment, SQLStore) async throws -> T
    ) async throws -> T {
        let (base, store) = try await makeTestEnvironment()
        do {
            var environment = base
            let metrics = ServerMetrics(token: token)
            environment.store = SQLStore(gateway: ObservedGateway(store.gateway, activity: metrics.database))
            environment.metrics = metrics
            environment.logsRequests = logger != nil
            let app = Application(router: buildRouter(environment: environment), logger: logger ?? Logger(label: "metrics-test"))
            let credentials = try await role.asyncMap { try await TestPeople.credentials(environment, role: $0) }
            let environmentSeen = environment
            let result = try await app.test(.router) { client in
                try await body(SignedInClient(base: client, credentials: credentials), environmentSeen, store)
            }
            await removeTestEnvironment(store)
            return result
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
    }

    /// The scrape as series → value: `name{labels}` exactly as written, comments left out.
    static func scrape(_ client: any TestClientProtocol) async throws -> (text: String, values: [String: Double]) {
        try await client.execute(uri: "/metrics", method: .get, headers: bearer) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = response.text
            var values: [String: Double] = [:]
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                    Issue.record("not a sample line: \(line)")
                    continue
                }
                values[String(line[..<space])] = value
            }
            return (text, values)
        }
    }

    static func series(_ name: String, _ labels: [(String, String)]) -> String {
        labels.isEmpty ? name : name + "{" + labels.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",") + "}"
    }

    static func requests(_ route: String, _ method: String = "GET", _ status: Int) -> String {
        series("oversight_http_requests_total", [("route", route), ("method", method), ("status", String(status))])
    }

    @Test("Requests are counted by route pattern, method and status and timed: a 404 of /plans/999999 is /plans/{id}, a calendar feed's token never shows")
    func requestsByPattern() async throws {
        try await Self.withMetricsApp { client, environment, store in
            let plan = try #require(try await store.plans(organisationID: environment.organisationID).first)
            for _ in 0..<2 {
                try await client.execute(uri: "/plans/\(plan.id)", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/plans/999999", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/calendar/feed/feed-secret-4f9a2c.ics", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/no/such/page-7731", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/plans/\(plan.id)", method: .delete) { #expect($0.status == .methodNotAllowed) }

            let (text, values) = try await Self.scrape(client)
            #expect(values[Self.requests("/plans/{id}", "GET", 200)] == 2)
            #expect(values[Self.requests("/plans/{id}", "GET", 404)] == 1)
            #expect(values[Self.requests("/calendar/feed/{token}.ics", "GET", 404)] == 1)
            #expect(values[Self.requests("unmatched", "GET", 404)] == 1)
            #expect(values[Self.requests("unmatched", "DELETE", 405)] == 1)
            // The latency histogram: both page views in the count, each within the last bucket.
            let timing = [("route", "/plans/{id}"), ("method", "GET")]
            #expect(values[Self.series("oversight_http_request_duration_seconds_count", timing)] == 3)
            #expect(values[Self.series("oversight_http_request_duration_seconds_bucket", timing + [("le", "+Inf")])] == 3)
            #expect((values[Self.series("oversight_http_request_duration_seconds_sum", timing)] ?? 0) > 0)
            for secret in ["999999", "feed-secret-4f9a2c", "page-7731", "/plans/\(plan.id)"] {
                #expect(!text.contains(secret), "the scrape holds \(secret)")
            }
            #expect(!text.contains("Northmoor"), "no organisation names")
            #expect(!text.contains("@test.example"), "no people")
        }
    }

    @Test("The database's writes: how long they waited for the writer and held it, and none left waiting")
    func databaseWrites() async throws {
        try await Self.withMetricsApp { client, _, _ in
            // Signing in the test's editor wrote a person and a session through the timed store.
            let (_, values) = try await Self.scrape(client)
            let committed = values[Self.series("oversight_database_write_transaction_seconds_count", [("outcome", "committed")])] ?? 0
            #expect(committed >= 3)
            #expect(values[Self.series("oversight_database_write_wait_seconds_count", [])] == committed
                        + (values[Self.series("oversight_database_write_transaction_seconds_count", [("outcome", "rolled_back")])] ?? 0))
            #expect(values[Self.series("oversight_database_writes_waiting", [])] == 0)
            #expect((values[Self.series("oversight_database_read_seconds_count", [])] ?? 0) >= 1)
        }
    }

    @Test("The timed gateway counts a write that fails as rolled back, and a waiting write as waiting until it has the writer")
    func gatewayAccounting() async throws {
        let (_, store) = try await makeTestEnvironment()
        do {
            try await Self.queueAndRollBack(store)
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
        await removeTestEnvironment(store)
    }

    static func queueAndRollBack(_ store: SQLStore) async throws {
        let metrics = ServerMetrics(token: Self.token)
        let gateway = ObservedGateway(store.gateway, activity: metrics.database)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await gateway.write { db in
                try await db.raw("UPDATE organisations SET name = name").run()
                throw Refused()
            }
        }
        // One write holds the writer while two more queue behind it.
        let (held, release) = AsyncStream<Void>.makeStream()
        let (started, startedSignal) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await gateway.write { _ in
                startedSignal.yield()
                for await _ in held { break }
            }
        }
        for await _ in started { break }
        let queued = (0..<2).map { _ in Task { try await gateway.write { _ in } } }
        var waiting = 0.0
        for _ in 0..<200 {
            waiting = Self.value(metrics, "oversight_database_writes_waiting")
            if waiting == 2 { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(waiting == 2)
        release.yield()
        try await holder.value
        for task in queued { try await task.value }
        #expect(Self.value(metrics, "oversight_database_writes_waiting") == 0)
        #expect(Self.value(metrics, Self.series("oversight_database_write_transaction_seconds_count", [("outcome", "rolled_back")])) == 1)
        #expect(Self.value(metrics, Self.series("oversight_database_write_transaction_seconds_count", [("outcome", "committed")])) == 3)
        #expect(Self.value(metrics, "oversight_database_write_wait_seconds_count") == 4)
    }

    static func value(_ metrics: ServerMetrics, _ series: String) -> Double {
        let text = String(decoding: metrics.scrape(), as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1)) ?? .nan
        }
        return .nan
    }

    @Test("Only a server started with a token has /metrics, and it answers only that token")
    func access() async throws {
        // No token configured: not there at all, whatever is sent.
        try await withTestApp(as: nil) { client, _, _ in
            try await client.execute(uri: "/metrics", method: .get, headers: Self.bearer) { #expect($0.status == .notFound) }
        }
        try await Self.withMetricsApp(as: nil) { client, _, _ in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"metrics\"")
                #expect(!response.text.contains("oversight_"))
            }
            for wrong in ["Bearer \(Self.token)x", "Bearer " + Self.token.dropLast(), "Basic \(Self.token)", Self.token, "Bearer "] {
                try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: wrong]) { response in
                    #expect(response.status == .unauthorized, "\(wrong)")
                }
            }
            try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "bearer \(Self.token)"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.text.contains("# TYPE oversight_sign_ins_refused_total counter"))
            }
            // A signed-in person's session is not the token.
        }
        try await Self.withMetricsApp(as: .administrator) { client, _, _ in
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
        }
        #expect(ServerMetrics.problem(withToken: "short") != nil)
        #expect(ServerMetrics.problem(withToken: "has a space in it 12345") != nil)
        #expect(ServerMetrics.problem(withToken: Self.token) == nil)
    }

    @Test("Refused sign-ins are counted by reason: wrong password, unknown account, locked, rate limited, single sign-on")
    func refusedSignIns() async throws {
        try await Self.withMetricsApp(as: nil) { client, environment, _ in
            let person = try await TestPeople.credentials(environment, role: .viewer)
            let (_, before) = try await Self.scrape(client)
            #expect(before[Self.series("oversight_sign_ins_refused_total", [("reason", "wrong_password")])] == 0, "every reason is there at 0")
            #expect(try await SignInTests.signIn(client, email: person.person.email, password: "not the password").0 == .badRequest)
            #expect(try await SignInTests.signIn(client, email: "nobody-here@test.example", password: "whatever it is").0 == .badRequest)
            for _ in 0..<4 {
                #expect(try await SignInTests.signIn(client, email: person.person.email, password: "still not it").0 == .badRequest)
            }
            // Locked now: the right password is refused too.
            #expect(try await SignInTests.signIn(client, email: person.person.email, password: TestPeople.password).0 == .badRequest)
            // Seven refusals from this address; three more and it is held back.
            for _ in 0..<3 {
                _ = try await SignInTests.signIn(client, email: "nobody-here@test.example", password: "whatever it is")
            }
            #expect(try await SignInTests.signIn(client, email: "nobody-here@test.example", password: "whatever it is").0 == .tooManyRequests)
            try await client.execute(uri: "/sso/callback?code=sso-code-8841&state=sso-state-5512", method: .get) { #expect($0.status == .badRequest) }

            let (text, values) = try await Self.scrape(client)
            func refused(_ reason: String) -> Double? { values[Self.series("oversight_sign_ins_refused_total", [("reason", reason)])] }
            #expect(refused("wrong_password") == 5)
            #expect(refused("unknown_account") == 4)
            #expect(refused("locked") == 1)
            #expect(refused("rate_limited") == 1)
            #expect(refused("single_sign_on") == 1)
            #expect(refused("disabled") == 0)
            #expect(values[Self.series("oversight_single_sign_on_refused_total", [("code", "state-not-recognised")])] == 1)
            #expect(values[Self.requests("/login", "POST", 400)] == 10)
            #expect(values[Self.requests("/login", "POST", 429)] == 1)
            #expect(values[Self.requests("/sso/callback", "GET", 400)] == 1)
            for secret in [person.person.email, "nobody-here", "sso-code-8841", "sso-state-5512"] {
                #expect(!text.contains(secret))
            }
        }
    }

    @Test("Imports (held, stored, refused) and analysis runs (stored, refused) are counted")
    func importsAndAnalysis() async throws {
        try await Self.withMetricsApp { client, _, _ in
            let missing = ImportPagesTests.form(csrf: try await ImportPagesTests.csrf(client), file: nil)
            try await client.execute(uri: "/import", method: .post, headers: ImportPagesTests.multipartHeaders, body: missing) {
                #expect($0.status == .badRequest)
            }
            let preview = try await ImportPagesTests.upload(client, ImportPagesTests.wokinghamName, try ImportPagesTests.wokingham)
            let html = try await client.execute(uri: preview, method: .get) { $0.text }
            let confirm = formEncoded([("preview", try ImportPagesTests.previewFingerprint(in: html))])
            try await client.execute(uri: preview + "/confirm", method: .post, headers: formHeaders, body: confirm) { #expect($0.status == .seeOther) }
            let (_, values) = try await Self.scrape(client)
            #expect(values[Self.series("oversight_imports_total", [("outcome", "refused")])] == 1)
            #expect(values[Self.series("oversight_imports_total", [("outcome", "held")])] == 1)
            #expect(values[Self.series("oversight_imports_total", [("outcome", "stored")])] == 1)
            #expect(values[Self.requests("/import/{upload}/confirm", "POST", 303)] == 1)
        }
        try await Self.withMetricsApp(as: .analyst) { client, _, _ in
            let files = try AnalysisPagesTests.Upload.generated(children: 40)
            _ = try await AnalysisPagesTests.upload(client, files)
            let empty = AnalysisPagesTests.form(csrf: try await AnalysisPagesTests.csrf(client), workbook: nil)
            try await client.execute(uri: "/analysis", method: .post, headers: AnalysisPagesTests.headers, body: empty) {
                #expect($0.status == .badRequest)
            }
            let (_, values) = try await Self.scrape(client)
            #expect(values[Self.series("oversight_analysis_runs_total", [("outcome", "stored")])] == 1)
            #expect(values[Self.series("oversight_analysis_runs_total", [("outcome", "refused")])] == 1)
        }
    }
}
