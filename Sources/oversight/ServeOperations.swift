import ArgumentParser
import Core
import Foundation
import Logging
import Metrics
import Store
import Web

/// How `serve` writes its logs: swift-log's plain text lines (the default), or one JSON object a line.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    /// Once per process, before any logger is made: every logger of the server (the store's and
    /// the libraries' too) writes the chosen format to standard error.
    func bootstrap() {
        guard self == .json else { return }
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
    }
}

/// The metrics token: read once at start-up from where `--metrics-token` says (a file, or an
/// environment variable), or from `OVERSIGHT_METRICS_TOKEN` itself. Never given on the command
/// line, where other users of the machine could read it in the process list.
enum MetricsToken {
    static let environmentVariable = "OVERSIGHT_METRICS_TOKEN"

    /// The token, or nil when metrics are off (no option, no variable).
    static func read(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String? {
        let token: String
        if let option {
            switch SSOSecretSource(option) {
            case let .file(path):
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw ArgumentParser.ValidationError("--metrics-token: the file \(path) cannot be read")
                }
                token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case let .environment(name):
                guard let value = environment[name], !value.isEmpty else {
                    throw ArgumentParser.ValidationError("--metrics-token: the environment variable \(name) is not set")
                }
                token = value.trimmingCharacters(in: .whitespacesAndNewlines)
            case nil:
                throw ArgumentParser.ValidationError("--metrics-token must say where the token is read, file:<path> or env:<VARIABLE>, not the token itself")
            }
        } else if let value = environment[environmentVariable], !value.isEmpty {
            token = value.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            return nil
        }
        if let problem = ServerMetrics.problem(withToken: token) { throw ArgumentParser.ValidationError(problem) }
        return token
    }
}

extension Serve {
    /// The server's metrics when a token is configured: also the process's `MetricsSystem`
    /// backend (bootstrapped once, here), so a library's metrics would show at `/metrics` too.
    static func startMetrics(option: String?) throws -> ServerMetrics? {
        guard let token = try MetricsToken.read(option: option) else { return nil }
        let metrics = ServerMetrics(token: token)
        MetricsSystem.bootstrap(metrics.factory)
        return metrics
    }

    /// `store` with its database's reads and writes timed for `/metrics`, when metrics are on.
    static func observed(_ store: SQLStore, by metrics: ServerMetrics?) -> SQLStore {
        guard let metrics else { return store }
        return SQLStore(gateway: ObservedGateway(store.gateway, activity: metrics.database))
    }
}
