import Foundation

/// `oversight serve --demo` on a fresh database in a folder of its own, on a free port: what the
/// Schemathesis and browser tests run their Python tools against. `stop()` ends the server and
/// removes the folder (call it in a `defer`).
final class DemoServer {
    let folder: URL
    let database: String
    let base: String
    private let process: Process
    private let logHandle: FileHandle
    private let logFile: URL

    struct DidNotStart: Error, CustomStringConvertible {
        var log: String
        var description: String { "the server did not start: \(log)" }
    }

    /// Starts the server and waits up to `seconds` for `/healthz` to answer; throws with the
    /// server's log (and stops it) if it never does.
    init(name: String, waitingUpTo seconds: Int) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("oversight.sqlite").path
        let port = try SchemathesisTests.freePort()
        base = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = Command.executable
        process.arguments = ["serve", "--demo", "--db", database, "--port", String(port)]
        logFile = folder.appendingPathComponent("server.log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        logHandle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        var ready = false
        for _ in 0..<(seconds * 5) where !ready {
            try await Task.sleep(for: .milliseconds(200))
            ready = try SchemathesisTests.python(["-c", "import urllib.request; urllib.request.urlopen('\(base)/healthz', timeout=2)"]).status == 0
        }
        guard ready else {
            let log = self.log
            stop()
            throw DidNotStart(log: log)
        }
    }

    /// What the server has printed so far (the demo accounts, among other things).
    var log: String { String(decoding: (try? Data(contentsOf: logFile)) ?? Data(), as: UTF8.self) }

    var isRunning: Bool { process.isRunning }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? logHandle.close()
        try? FileManager.default.removeItem(at: folder)
    }
}
