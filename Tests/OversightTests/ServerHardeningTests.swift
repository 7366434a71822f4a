import Core
import Foundation
import Store
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the running server and the command do to protect themselves and the data they hold.
@Suite("Server hardening: crash reports, idle connections, the command line's audit actor", .serialized)
struct ServerHardeningTests {
    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("oversight-hardening-\(UUID().uuidString).sqlite").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("every command runs with crash reports that show no registers, images or memory, whatever the environment says")
    func crashReportSettings() throws {
        let process = Process()
        process.executableURL = Command.executable
        process.arguments = ["crash-report-settings"]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=yes,registers=all,images=all,preset=full"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let settings = Set(output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ","))
        #expect(settings.contains("interactive=no"))
        #expect(settings.contains("registers=none"))
        #expect(settings.contains("images=none"))
        #expect(settings.contains("sanitize=yes"))
        #expect(!output.contains("preset=full"))
    }

    @Test("a change made with the command line is audited as the operator's, from the command line")
    func commandLineActor() async throws {
        let db = Self.temporaryDatabase()
        defer { Self.remove(db) }
        let generated = try Command.run(["generate", "plan", "--db", db, "--actions", "4", "--measures", "2"])
        #expect(generated.status == 0, "\(generated.error)")
        let store = try await SQLStore.sqlite(path: db)
        let organisation = try #require(try await store.organisations().first)
        let trail = try await store.auditTrail(organisationID: organisation.id, entity: nil, entityID: nil)
        try await store.close()
        #expect(!trail.isEmpty)
        let operatorAccount = "\(ProcessInfo.processInfo.userName)@\(ProcessInfo.processInfo.hostName)"
        for entry in trail {
            #expect(entry.actor == "command line", "\(entry.entity) \(entry.entityID) audited as \(entry.actor)")
            #expect(entry.source == operatorAccount)
        }
    }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        try #require(bound == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A connected socket to 127.0.0.1:`port`, or nil while nothing listens.
    static func connect(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); return nil }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func send(_ text: String, to fd: Int32) {
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the server sends until it closes (or 10 s pass); whether it closed.
    static func readToEnd(_ fd: Int32) -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
            if count < 0 { return (String(decoding: received, as: UTF8.self), false) }
            received += buffer[0..<count]
        }
    }

    @Test("a connection that stops part-way through its headers is closed after the idle timeout; new ones are served")
    func idleConnectionsClosed() async throws {
        let db = Self.temporaryDatabase()
        defer { Self.remove(db) }
        let port = try Self.freePort()
        let server = Process()
        server.executableURL = Command.executable
        server.arguments = ["serve", "--db", db, "--port", String(port), "--idle-timeout", "1"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }

        var ready: Int32?
        for _ in 0..<150 where ready == nil {
            ready = Self.connect(port: port)
            if ready == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let probe = try #require(ready, "the server did not start listening")
        close(probe)

        let halfOpen = try #require(Self.connect(port: port))
        defer { close(halfOpen) }
        Self.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", to: halfOpen)
        let started = ContinuousClock.now
        let (text, closed) = Self.readToEnd(halfOpen)
        let waited = ContinuousClock.now - started
        #expect(closed, "the half-open connection was still open after \(waited)")
        #expect(!text.contains("200 OK"))
        #expect(waited < .seconds(5))

        let whole = try #require(Self.connect(port: port))
        defer { close(whole) }
        Self.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", to: whole)
        let answer = Self.readToEnd(whole)
        #expect(answer.text.hasPrefix("HTTP/1.1 200"))
        #expect(answer.text.contains("ok"))
    }
}
