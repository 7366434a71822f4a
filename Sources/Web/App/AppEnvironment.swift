import Core
import Foundation
import Mustache

/// What every controller needs: the store, the clocks, the views and the sign-in settings.
public struct AppEnvironment: Sendable {
    public var store: any PlanStore & PeopleStore & BoardStore & AuditStore & AnalysisStore & NoticeStore & ImportUploadStore & MeasureEditingStore & PlanEditingStore & WorkProgrammeImportStore & SingleSignOnStore & SignInAttemptStore
    /// The organisation the demo and the command line start with. Requests never use it: they
    /// act in the signed-in person's organisation.
    public var organisationID: Int64
    /// "As at" date for every rating; tests pin it.
    public var today: @Sendable () -> Day
    /// The clock of sessions, lockouts and reset links; tests move it.
    public var now: @Sendable () -> Date
    public var views: MustacheLibrary
    public var security: SecuritySettings
    /// Shared by every request this process serves (copies of the environment share it).
    public let signInRateLimit: SignInRateLimit
    /// OpenID providers' discovery documents and keys, cached for every request of the process.
    public let openID: OpenIDClient
    /// Where uploaded files are read: the server's one queue (`ParsingQueue.shared`). The web
    /// tests give their process one of its own (WebTestSupport).
    var parsingQueue: ParsingQueue = .shared
    /// What `/metrics` serves; nil (the default) and it answers 404 and nothing is recorded.
    public var metrics: ServerMetrics?
    /// One log line per request (method, route pattern, status, time): `serve` asks for it; tests
    /// stay quiet unless they read the log.
    public var logsRequests = false

    /// The queue a request reads its upload on: a test's bound queue, or the environment's.
    var readingQueue: ParsingQueue { ParsingQueue.current ?? parsingQueue }

    public init(store: any PlanStore & PeopleStore & BoardStore & AuditStore & AnalysisStore & NoticeStore & ImportUploadStore & MeasureEditingStore & PlanEditingStore & WorkProgrammeImportStore & SingleSignOnStore & SignInAttemptStore, organisationID: Int64, today: @escaping @Sendable () -> Day, views: MustacheLibrary,
                now: @escaping @Sendable () -> Date = { Date() }, security: SecuritySettings = SecuritySettings()) {
        self.store = store
        self.organisationID = organisationID
        self.today = today
        self.now = now
        self.views = views
        self.security = security
        self.signInRateLimit = SignInRateLimit(rules: security.rules, attempts: store)
        self.openID = OpenIDClient(now: now)
    }

    /// Sign-in, sessions, tokens and resets over this environment's store and clock.
    public var authentication: Authentication {
        var authentication = Authentication(people: store, rules: security.rules, passwords: .common,
                                            hasher: PasswordHasher(cost: security.bcryptCost), now: now, singleSignOn: store)
        authentication.metrics = metrics
        return authentication
    }

    /// Sign-in through the organisations' OpenID providers.
    var singleSignOn: SingleSignOn {
        SingleSignOn(store: store, client: openID, authentication: authentication, siteAddress: security.siteAddress, now: now)
    }
}

/// How sign-in behaves: timeouts and lockout, the bcrypt cost, and whether cookies are Secure.
public struct SecuritySettings: Sendable {
    public var rules: SignInRules
    /// 12 in production; tests use 4 to stay fast.
    public var bcryptCost: UInt8
    /// Mark the session cookie `Secure` (and send HSTS): set when served over HTTPS, usually
    /// behind a TLS reverse proxy (`serve --secure-cookies`).
    public var secureCookies: Bool
    /// The address people reach Oversight at, without a trailing slash (`https://oversight.example.gov.uk`).
    /// Links handed on — password reset links, calendar feed addresses — are built from it and never
    /// from the request's `Host`, which a client chooses (a forged Host would mail a reset link to
    /// an attacker's site).
    public var siteAddress: String
    /// The reverse proxies whose `X-Forwarded-For` names the client (`serve --trusted-proxy`).
    /// Empty: the connection's peer is the client, and the header is ignored.
    public var trustedProxies: [AddressRange]

    public init(rules: SignInRules = SignInRules(), bcryptCost: UInt8 = 12, secureCookies: Bool = false,
                siteAddress: String = "http://127.0.0.1:8080", trustedProxies: [AddressRange] = []) {
        self.rules = rules
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.siteAddress = SecuritySettings.withoutTrailingSlash(siteAddress)
        self.trustedProxies = trustedProxies
    }

    static func withoutTrailingSlash(_ address: String) -> String {
        var address = address
        while address.hasSuffix("/") { address.removeLast() }
        return address
    }
}
