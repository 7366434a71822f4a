import Core
import CoreMetrics
import Foundation
import Metrics
import Prometheus

/// What the server counts for its operator, served at `/metrics` in the Prometheus text format
/// to a scraper holding the metrics token. Each environment has its own registry, so tests
/// scrape only what their own app recorded; `serve` also makes its registry the process's
/// `MetricsSystem` backend. No series names a person, an organisation, a record id or a token:
/// requests are counted by route pattern (`/plans/{id}`), refusals by reason.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// swift-metrics' view of the registry: `Counter(label:dimensions:factory:)` records into it.
    public let factory: PrometheusMetricsFactory
    /// The token's SHA-256: what a scraper's token is compared with, in constant time.
    let tokenDigest: String
    /// The gateway's writes and reads (`ObservedGateway` reports here).
    public let database: DatabaseMetrics

    /// Shorter tokens are refused at start-up: one guessable by trying is no lock at all.
    public static let minimumTokenLength = 16

    /// Why `token` will not do as the metrics token, or nil when it will.
    public static func problem(withToken token: String) -> String? {
        if token.count < minimumTokenLength {
            return "The metrics token must be at least \(minimumTokenLength) characters (it has \(token.count)); use a long random one, e.g. from `openssl rand -hex 32`."
        }
        if token.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x21 || $0.value > 0x7E }) {
            return "The metrics token must be printable ASCII without spaces: it is sent in an Authorization header."
        }
        return nil
    }

    public init(token: String, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Pages answer in milliseconds; an upload's analysis may take tens of seconds.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
        self.tokenDigest = Secrets.digest(token)
        self.database = DatabaseMetrics(factory: factory)
        // Every reason and outcome is on the first scrape at 0, so a rate is there from the start.
        for reason in SignInRefusalReason.allCases {
            _ = CoreMetrics.Counter(label: "oversight_sign_ins_refused_total", dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        for outcome in ImportOutcome.allCases {
            _ = CoreMetrics.Counter(label: "oversight_imports_total", dimensions: [("outcome", outcome.rawValue)], factory: factory)
        }
        for outcome in AnalysisOutcome.allCases {
            _ = CoreMetrics.Counter(label: "oversight_analysis_runs_total", dimensions: [("outcome", outcome.rawValue)], factory: factory)
        }
    }

    /// Whether an `Authorization` header carries the metrics token (`Bearer <token>`).
    func accepts(authorization: String?) -> Bool {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else { return false }
        let sent = authorization.dropFirst(7).trimmingCharacters(in: .whitespaces)
        // Digests are of equal length, so the comparison takes the same time whatever was sent.
        return Secrets.constantTimeEqual(Secrets.digest(sent), tokenDigest)
    }

    /// Everything recorded so far, in the Prometheus text format (version 0.0.4).
    func scrape() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    // MARK: Requests

    /// One request answered: counted by route pattern, method and status; timed by route and method.
    func requestAnswered(route: String, method: String, status: Int, took: Duration) {
        CoreMetrics.Counter(label: "oversight_http_requests_total",
                dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory).increment()
        CoreMetrics.Timer(label: "oversight_http_request_duration_seconds", dimensions: [("route", route), ("method", method)],
                      factory: factory).record(duration: took)
    }

    // MARK: What people did

    /// A sign-in refused, by why: the page says the same for most of these; the operator may tell them apart.
    func signInRefused(_ reason: SignInRefusalReason) {
        CoreMetrics.Counter(label: "oversight_sign_ins_refused_total", dimensions: [("reason", reason.rawValue)], factory: factory).increment()
    }

    /// A single sign-on refused, by the refusal's code (also counted as a sign-in refused, reason `single_sign_on`).
    func singleSignOnRefused(code: String) {
        signInRefused(.singleSignOn)
        CoreMetrics.Counter(label: "oversight_single_sign_on_refused_total", dimensions: [("code", code)], factory: factory).increment()
    }

    /// A plan file uploaded and held for its preview, stored by a confirmed import, or refused at either step.
    func importFinished(_ outcome: ImportOutcome) {
        CoreMetrics.Counter(label: "oversight_imports_total", dimensions: [("outcome", outcome.rawValue)], factory: factory).increment()
    }

    /// An analysis of uploaded returns stored as a run, or refused (files unreadable or not returns).
    func analysisFinished(_ outcome: AnalysisOutcome) {
        CoreMetrics.Counter(label: "oversight_analysis_runs_total", dimensions: [("outcome", outcome.rawValue)], factory: factory).increment()
    }

    public enum ImportOutcome: String, Sendable, CaseIterable {
        case held, stored, refused
    }

    public enum AnalysisOutcome: String, Sendable, CaseIterable {
        case stored, refused
    }
}

/// Why a sign-in was refused, as `/metrics` labels it.
public enum SignInRefusalReason: String, Sendable, CaseIterable {
    /// No account has the email.
    case unknownAccount = "unknown_account"
    case wrongPassword = "wrong_password"
    /// Locked after too many failures in a row.
    case locked
    case disabled
    /// Too many failures from the client's address, or too many attempts at the account at once.
    case rateLimited = "rate_limited"
    /// The account has no role in any organisation.
    case noOrganisation = "no_organisation"
    /// A right password for an account whose organisations all sign in through their own provider.
    case singleSignOnRequired = "single_sign_on_required"
    /// The organisation's provider, or Oversight's checks of what it sent, refused (see `oversight_single_sign_on_refused_total`).
    case singleSignOn = "single_sign_on"
}

/// The database gateway's work as metrics (`DatabaseActivity`, Core's port the store reports to).
public struct DatabaseMetrics: DatabaseActivity {
    let waiting: CoreMetrics.Meter
    let waited: CoreMetrics.Timer
    let committed: CoreMetrics.Timer
    let rolledBack: CoreMetrics.Timer
    let reads: CoreMetrics.Timer

    init(factory: PrometheusMetricsFactory) {
        waiting = CoreMetrics.Meter(label: "oversight_database_writes_waiting", factory: factory)
        waited = CoreMetrics.Timer(label: "oversight_database_write_wait_seconds", factory: factory)
        committed = CoreMetrics.Timer(label: "oversight_database_write_transaction_seconds", dimensions: [("outcome", "committed")], factory: factory)
        rolledBack = CoreMetrics.Timer(label: "oversight_database_write_transaction_seconds", dimensions: [("outcome", "rolled_back")], factory: factory)
        reads = CoreMetrics.Timer(label: "oversight_database_read_seconds", factory: factory)
    }

    public func writeQueued() {
        waiting.increment()
    }

    public func writeStarted(waited duration: Duration) {
        waiting.decrement()
        waited.record(duration: duration)
    }

    public func writeEnded(held: Duration, committed ok: Bool) {
        (ok ? committed : rolledBack).record(duration: held)
    }

    public func readEnded(took: Duration) {
        reads.record(duration: took)
    }
}
