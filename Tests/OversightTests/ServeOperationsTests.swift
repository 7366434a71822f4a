import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `oversight serve --metrics-token … --log-format json` as an operator starts it: the scrape
/// answers the token and shows the requests and the database's writes; every log line on
/// standard error is JSON; a token given badly stops the server before it serves.
@Suite("serve: metrics and JSON logs", .serialized)
struct ServeOperationsTests {
    static let token = "operator-scrape-token-6c1d9e27"

    /// One HTTP/1.1 GET over a fresh connection, the whole answer as text.
    static func get(_ path: String, port: Int, headers: [String] = []) throws -> String {
        let fd = try #require(ServerHardeningTests.connect(port: port))
        defer { close(fd) }
        let lines = ["GET \(path) HTTP/1.1", "Host: 127.0.0.1", "Connection: close"] + headers
        ServerHardeningTests.send(lines.joined(separator: "\r\n") + "\r\n\r\n", to: fd)
        return ServerHardeningTests.readToEnd(fd).text
    }

    @Test("/metrics answers only the token and counts requests by pattern and the database's writes; each log line is a JSON object on standard error")
    func metricsAndJSONLogs() async throws {
        let db = ServerHardeningTests.temporaryDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-operations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            ServerHardeningTests.remove(db)
            try? FileManager.default.removeItem(at: folder)
        }
        let tokenFile = folder.appendingPathComponent("metrics-token")
        try Data((Self.token + "\n").utf8).write(to: tokenFile)
        let errors = folder.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errors)
        let port = try ServerHardeningTests.freePort()
        let server = Process()
        server.executableURL = Command.executable
        server.arguments = ["serve", "--db", db, "--port", String(port), "--log-format", "json", "--metrics-token", "file:" + tokenFile.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = errorHandle
        try server.run()
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }

        var ready: Int32?
        for _ in 0..<150 where ready == nil {
            ready = ServerHardeningTests.connect(port: port)
            if ready == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        close(try #require(ready, "the server did not start listening"))

        #expect(try Self.get("/healthz", port: port).hasPrefix("HTTP/1.1 200"))
        #expect(try Self.get("/reset/reset-secret-51ac", port: port).hasPrefix("HTTP/1.1 404"))
        #expect(try Self.get("/metrics", port: port).hasPrefix("HTTP/1.1 401"))
        #expect(try Self.get("/metrics", port: port, headers: ["Authorization: Bearer wrong-\(Self.token)"]).hasPrefix("HTTP/1.1 401"))
        let scrape = try Self.get("/metrics", port: port, headers: ["Authorization: Bearer \(Self.token)"])
        #expect(scrape.hasPrefix("HTTP/1.1 200"))
        #expect(scrape.lowercased().contains("content-type: text/plain; version=0.0.4; charset=utf-8"))
        #expect(scrape.contains("oversight_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1\n"))
        #expect(scrape.contains("oversight_http_requests_total{route=\"/reset/{token}\",method=\"GET\",status=\"404\"} 1\n"))
        #expect(scrape.contains("oversight_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"401\"} 2\n"))
        // A new database gets its first organisation: a write through the timed gateway.
        let committed = scrape.split(separator: "\n").first { $0.hasPrefix("oversight_database_write_transaction_seconds_count{outcome=\"committed\"} ") }
        #expect((committed?.split(separator: " ").last).flatMap { Int($0) } ?? 0 >= 1, "\(committed ?? "no committed writes")")
        #expect(scrape.contains("oversight_database_writes_waiting 0"))
        #expect(!scrape.contains("reset-secret-51ac"))

        server.terminate()
        server.waitUntilExit()
        try errorHandle.close()
        let log = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
        let lines = log.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count >= 5, "\(log)")
        var routes: Set<String> = []
        for line in lines {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                Issue.record("not a JSON line: \(line)")
                continue
            }
            #expect(object["timestamp"] is String && object["level"] is String && object["message"] is String && object["metadata"] is [String: Any], "\(line)")
            if object["message"] as? String == "Request answered", let route = (object["metadata"] as? [String: Any])?["route"] as? String {
                routes.insert(route)
                #expect((object["request_id"] as? String)?.isEmpty == false, "\(line)")
            }
        }
        #expect(routes == ["/healthz", "/reset/{token}", "/metrics"])
        #expect(!log.contains("reset-secret-51ac"))
        #expect(!log.contains(Self.token))
    }

    @Test("A metrics token given on the command line itself, or too short, or a trusted proxy that is not an address, stops the server with a message", arguments: [
        (["--metrics-token", "a-token-typed-on-the-command-line"], [String: String](), "not the token itself"),
        ([], ["OVERSIGHT_METRICS_TOKEN": "short"], "at least 16 characters"),
        (["--metrics-token", "env:OVERSIGHT_TEST_NO_SUCH_VARIABLE"], [:], "OVERSIGHT_TEST_NO_SUCH_VARIABLE is not set"),
        // Not a token, but the same way of stopping: a trusted proxy that is not an address.
        (["--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "proxy.council.example"], [:], "not 'proxy.council.example'"),
    ])
    func badToken(arguments: [String], environment: [String: String], message: String) throws {
        let db = ServerHardeningTests.temporaryDatabase()
        defer { ServerHardeningTests.remove(db) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-token-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        let server = Process()
        server.executableURL = Command.executable
        server.arguments = ["serve", "--db", db, "--port", String(try ServerHardeningTests.freePort())] + arguments
        server.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        server.standardOutput = handle
        server.standardError = handle
        try server.run()
        server.waitUntilExit()
        try handle.close()
        let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(server.terminationStatus != 0)
        #expect(text.contains(message), "\(text)")
        #expect(!text.contains("Oversight is serving"))
    }
}
