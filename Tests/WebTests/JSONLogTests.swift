import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Store
import Testing
@testable import Web

/// Lines a `JSONLogHandler` wrote (tests only: a lock guards one array, as `TestClock` does).
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
    var text: String { all.joined() }

    /// A logger writing JSON lines here, at the level `serve` logs at.
    var logger: Logger {
        Logger(label: "oversight") { label in JSONLogHandler(label: label, write: { [self] in self.append($0) }) }
    }

    /// Each line as a JSON object (recording an issue for one that is not).
    func objects() -> [[String: Any]] {
        all.compactMap { line in
            #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil, "one line each: \(line)")
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                Issue.record("not a JSON object: \(line)")
                return nil
            }
            return object
        }
    }
}

/// `serve --log-format json`: one JSON object a line, and never a password, a token, a session,
/// a cookie, a secret link's token, a query string, a file name or a child.
@Suite("JSON logs")
struct JSONLogTests {
    static let day = Date(timeIntervalSince1970: 1_795_000_000.25)

    static func parse(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("A line holds the timestamp, level, label, message, request id and metadata, escaped as JSON")
    func lineShape() throws {
        let line = JSONLogHandler.line(at: Self.day, level: .notice, label: "oversight", message: "Quote \" backslash \\ new\nline \u{1} tab\t é",
                                       metadata: ["hb.request.id": "42", "b": "2", "a": ["list", ["nested": "x"]], "count": .stringConvertible(3)])
        #expect(line.hasPrefix("{\"timestamp\":\"2026-11-18T"), "\(line)")
        #expect(line.hasSuffix("}\n"))
        #expect(line.components(separatedBy: "\n").count == 2, "one line")
        let object = try Self.parse(line)
        #expect(object["level"] as? String == "notice")
        #expect(object["label"] as? String == "oversight")
        #expect(object["message"] as? String == "Quote \" backslash \\ new\nline \u{1} tab\t é")
        #expect(object["request_id"] as? String == "42")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["hb.request.id"] == nil, "the request id is a field of its own")
        #expect(metadata["b"] as? String == "2")
        #expect(metadata["count"] as? String == "3")
        #expect((metadata["a"] as? [Any])?.count == 2)
        #expect(line.range(of: "\"a\":")!.lowerBound < line.range(of: "\"b\":")!.lowerBound, "metadata keys sorted")
        #expect((object["timestamp"] as? String)?.hasSuffix(".250Z") == true, "milliseconds, UTC")
    }

    @Test("Whatever reaches the handler, secrets are written redacted", arguments: [
        ("GET /reset/Zq81secret?x=1 failed", "GET /reset/{token}?[redacted] failed"),
        ("/invitations/inv-secret-77 and /calendar/feed/feed-secret.ics", "/invitations/{token} and /calendar/feed/{token}.ics"),
        ("callback /sso/callback?code=abc&state=def was refused", "callback /sso/callback?[redacted] was refused"),
        ("Authorization: Bearer api-secret-123", "Authorization: Bearer [redacted]"),
        ("route /reset/{token} and /calendar/feed/{token}.ics", "route /reset/{token} and /calendar/feed/{token}.ics"),
        ("Is it ready? yes", "Is it ready? yes"),
    ])
    func redaction(message: String, written: String) throws {
        let object = try Self.parse(JSONLogHandler.line(at: Self.day, level: .info, label: "t", message: message, metadata: ["path": "\(message)"]))
        #expect(object["message"] as? String == written)
        #expect((object["metadata"] as? [String: Any])?["path"] as? String == written)
    }

    @Test("Metadata under a key that names a secret is never written")
    func secretKeys() throws {
        let line = JSONLogHandler.line(at: Self.day, level: .info, label: "t", message: "m", metadata: [
            "password": "hunter2-secret", "session_id": "sess-secret", "csrfToken": "csrf-secret", "Cookie": "c-secret",
            "authorization": "Bearer b-secret", "nested": ["apiToken": "tok-secret"], "reason": "wrong_password",
        ])
        for secret in ["hunter2-secret", "sess-secret", "csrf-secret", "c-secret", "b-secret", "tok-secret"] {
            #expect(!line.contains(secret), "\(secret) in \(line)")
        }
        let metadata = try #require(try Self.parse(line)["metadata"] as? [String: Any])
        #expect(metadata["password"] as? String == "[redacted]")
        #expect(metadata["reason"] as? String == "wrong_password", "a reason is not a secret")
    }

    @Test("The handler keeps the logger's level and metadata as values, and adds the error's type only")
    func handlerBehaviour() throws {
        let captured = CapturedLog()
        var logger = captured.logger
        logger[metadataKey: "job"] = "retention"
        logger.debug("not written at info")
        struct LeakyError: Error, CustomStringConvertible { var description: String { "child C0000042 in leaky.csv" } }
        logger.log(level: .error, "Job failed", error: LeakyError())
        let objects = captured.objects()
        #expect(objects.count == 1)
        let metadata = try #require(objects.first?["metadata"] as? [String: Any])
        #expect(metadata["job"] as? String == "retention")
        #expect((metadata["error"] as? String)?.hasSuffix("LeakyError") == true)
        #expect(!captured.text.contains("C0000042"))
    }

    @Test("Through the app — a wrong password, a reset link, a single sign-on error, secret links, an API call and an analysis upload — every line is JSON and none holds a secret, a file name or a child")
    func noSecretsThroughTheApp() async throws {
        let captured = CapturedLog()
        let workbookName = "Ashcombe-children-secret-2024.xlsx"
        let wrongPassword = "wrong-pass-Zebra-9921"
        let newPassword = "marmalade orbit pencil 77"
        try await MetricsTests.withMetricsApp(as: .analyst, logger: captured.logger) { client, environment, store in
            let person = try await TestPeople.credentials(environment, role: .analyst)
            #expect(try await SignInTests.signIn(client, email: person.person.email, password: wrongPassword).0 == .badRequest)

            let (resetToken, _) = try await environment.authentication.startPasswordReset(email: person.person.email)
            try await client.execute(uri: "/reset/\(resetToken)?from=email", method: .get) { #expect($0.status == .ok) }
            let reset = SignInTests.preSessionForm([("password", newPassword), ("confirm", newPassword)])
            try await client.execute(uri: "/reset/\(resetToken)", method: .post, headers: reset.0, body: reset.1) { #expect($0.status == .seeOther) }

            let (code, state) = ("sso-code-8841abc", "sso-state-5512def")
            try await client.execute(uri: "/sso/callback?code=\(code)&state=\(state)", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/calendar/feed/feed-secret-4f9a2c.ics", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/invitations/inv-secret-9d3e1b", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: [.authorization: "Bearer \(person.apiToken)"]) { #expect($0.status == .ok) }

            var files = try AnalysisPagesTests.Upload.generated(children: 40)
            files.events = files.events.map { ("secret-\($0.name)", $0.data) }
            let body = AnalysisPagesTests.form(csrf: try await AnalysisPagesTests.csrf(client), workbook: (workbookName, files.workbook), events: files.events)
            let location = try await client.execute(uri: "/analysis", method: .post, headers: AnalysisPagesTests.headers, body: body) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let runID = try #require(Int64(location.replacingOccurrences(of: "/analysis/runs/", with: "")))
            let run = try await store.analysisRun(id: runID, organisationID: environment.organisationID)
            var children = Set<String>()
            for result in run.results {
                for row in try await store.drillDown(runID: runID, catalogueID: result.catalogueID, organisationID: environment.organisationID) {
                    children.insert(row.childID)
                }
            }
            #expect(children.count > 5, "the upload has children to keep out of the log")

            let text = captured.text
            var secrets = [wrongPassword, newPassword, TestPeople.password, resetToken, code, state, "feed-secret-4f9a2c", "inv-secret-9d3e1b",
                           person.sessionToken, person.csrf, person.apiToken, SignInTests.formToken, person.person.email, workbookName]
            secrets += files.events.map(\.name) + children.sorted()
            for secret in secrets {
                #expect(!text.contains(secret), "the log holds \(secret)")
            }

            let objects = captured.objects()
            for object in objects {
                for key in ["timestamp", "level", "label", "message", "metadata"] {
                    #expect(object[key] != nil, "\(key) in \(object)")
                }
            }
            let answered = objects.filter { $0["message"] as? String == "Request answered" }
            #expect(answered.allSatisfy { ($0["request_id"] as? String)?.isEmpty == false }, "each request's lines carry its id")
            let routes = Set(answered.compactMap { ($0["metadata"] as? [String: Any])?["route"] as? String })
            for route in ["/login", "/reset/{token}", "/sso/callback", "/calendar/feed/{token}.ics", "/invitations/{token}", "/api/v1/plans", "/analysis"] {
                #expect(routes.contains(route), "a line for \(route): \(routes.sorted())")
            }
            #expect(objects.contains { $0["message"] as? String == "Single sign-on refused"
                        && ($0["metadata"] as? [String: Any])?["reason"] as? String == "state-not-recognised" })
            #expect(objects.contains { $0["message"] as? String == "Analysis run stored"
                        && ($0["metadata"] as? [String: Any])?["run"] as? String == String(runID) })
        }
    }
}
