import ArgumentParser
import Core
import Foundation
import Hummingbird
import Logging
import Demo
import Store
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web pages and the JSON API.",
        discussion: """
            Listens on 127.0.0.1 unless --host says otherwise. With --demo, loads the fictional \
            Northmoor Borough Council's improvement plan, KPIs, Improvement Board and Corporate Parenting Board first (once: a database that \
            already has the demo gets nothing twice).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on. Use 0.0.0.0 to accept connections from other machines.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Flag(help: "Load the demo council's plan, KPIs and boards before serving.")
    var demo = false

    @Option(help: ArgumentHelp("The organisation the demo and a new database start with; people sign in to their own.", valueName: "name"))
    var organisation: String?

    @Flag(help: "Mark the session cookie Secure and send HSTS. Use when served over HTTPS, usually behind a TLS reverse proxy.")
    var secureCookies = false

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("The address people reach Oversight at, e.g. https://oversight.example.gov.uk. Reset links and calendar feed addresses are built from it, never from a request's Host. Default: this server's own address.",
                               valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Close a connection that sends nothing for this many seconds (also part-way through its headers).", valueName: "seconds"))
    var idleTimeout: Int = 30

    @Option(name: .customLong("max-connections"), help: ArgumentHelp("Stop accepting connections while this many are open.", valueName: "n"))
    var maxConnections: Int = 1_000

    @Option(name: .customLong("sso-config"),
            help: ArgumentHelp("A JSON file of single sign-on providers per organisation, applied at start-up in one transaction (default: the file OVERSIGHT_SSO_CONFIG names). See docs/operations.md.",
                               valueName: "file"))
    var ssoConfig: String?

    @Option(name: .customLong("metrics-token"),
            help: ArgumentHelp("Serve /metrics (Prometheus) to requests bearing this token, read from file:<path> or env:<VARIABLE> (default: the token in OVERSIGHT_METRICS_TOKEN). Without a token /metrics answers 404. See docs/operations.md.",
                               valueName: "source"))
    var metricsToken: String?

    @Option(name: .customLong("trusted-proxy"),
            help: ArgumentHelp("A reverse proxy or load balancer (an address or a block such as 10.0.0.0/8; repeat for several) whose X-Forwarded-For names the client, for the sign-in rate limit and the audit trail. Without one the header is ignored. See docs/operations.md.",
                               valueName: "address"))
    var trustedProxies: [String] = []

    @Option(name: .customLong("log-format"), help: ArgumentHelp("text, or json: one JSON object a line on standard error, for a log collector.", valueName: "format"))
    var logFormat: LogFormat = .text

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be from 1 to 3600 seconds") }
        guard (1...100_000).contains(maxConnections) else { throw ValidationError("--max-connections must be from 1 to 100000") }
        for proxy in trustedProxies where AddressRange(proxy) == nil {
            throw ValidationError("--trusted-proxy must be an IP address or a block such as 10.0.0.0/8 or fd00::/8, not '\(proxy)'")
        }
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
                  let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
            else { throw ValidationError("--base-url must be an http or https address such as https://oversight.example.gov.uk, not '\(baseURL)'") }
        }
    }

    /// Where links handed on point: the operator's address, or this server's own.
    var siteAddress: String {
        if let baseURL { return baseURL }
        let scheme = secureCookies ? "https" : "http"
        return "\(scheme)://\(host == "0.0.0.0" ? "localhost" : host):\(port)"
    }

    func run() async throws {
        logFormat.bootstrap()
        var logger = Logger(label: "oversight")
        logger.logLevel = .info
        let metrics = try Self.startMetrics(option: metricsToken)
        let store = Self.observed(try await SQLStore.open(database.db), by: metrics)
        let today = Day.today()
        let served: Organisation
        if demo {
            let outcome = try await DemoLoading.load(into: store, asAt: today)
            served = outcome.organisation
            if let plan = outcome.addedPlan {
                print("Loaded the demo: \(served.name), \"\(plan.title)\".")
            }
            if !outcome.addedBoards.isEmpty {
                print("Loaded the demo boards: \(outcome.addedBoards.map(\.name).joined(separator: "; ")).")
            }
            if outcome.addedPlan == nil && outcome.addedBoards.isEmpty {
                print("The demo is already in \(database.shown); nothing added.")
            }
        } else {
            served = try await OrganisationChoice.choose(in: store, named: organisation)
        }
        if let path = ssoConfig ?? ProcessInfo.processInfo.environment[SSOConfiguration.environmentVariable].flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                let outcomes = try await SSOConfiguration.apply(path: path, to: store)
                print("Single sign-on from \(path): " + (outcomes.isEmpty ? "no providers listed" : outcomes.map(SSOConfiguration.describe).joined(separator: "; ")) + ".")
            } catch {
                try? await store.close()
                throw error
            }
        }
        var environment = AppEnvironment(store: store, organisationID: served.id, today: { Day.today() }, views: try await Views.load(),
                                         security: SecuritySettings(secureCookies: secureCookies, siteAddress: siteAddress,
                                                                    trustedProxies: trustedProxies.compactMap(AddressRange.init)))
        environment.metrics = metrics
        environment.logsRequests = true
        if demo {
            try await DemoPeople.ensure(organisationID: served.id, authentication: environment.authentication)
            print("Demo people (password \(DemoPeople.password) for each; fictional, for trying the roles):")
            for account in DemoPeople.accounts {
                print("  \(account.email.padding(toLength: 28, withPad: " ", startingAt: 0)) \(account.role.word)")
            }
        } else if try await store.allMemberships().isEmpty {
            print("No one can sign in yet. Create the first administrator with:")
            print("  oversight user add --db \(database.shown) --email you@example.org --name 'Your Name' --admin")
        }
        // Child-level analysis detail is deleted on its organisation's day, even while no one
        // uses the pages; with several servers on one database, by one of them.
        let jobs = BackgroundJobs(jobs: [BackgroundJobs.retention(ChildLevelRetention(store: store), logger: logger)],
                                  leases: store, logger: logger)
        let app = buildApplication(environment: environment, host: host, port: port,
                                   limits: ConnectionLimits(idleTimeout: .seconds(idleTimeout), maximumConnections: maxConnections),
                                   services: [jobs], logger: logger)
        let scheme = secureCookies ? "https" : "http"
        print("Oversight is serving at \(scheme)://\(host == "0.0.0.0" ? "localhost" : host):\(port)/ (database \(database.shown)). Sign in at /login. Press Ctrl-C to stop.")
        if baseURL != nil { print("Links it hands on (reset links, calendar feeds) start \(siteAddress)/.") }
        // Standard output is block-buffered when it is not a terminal (a log file, systemd):
        // the sign-in details above must show before the server blocks.
        fflush(nil)
        // Returns once the server and the background jobs have stopped, so nothing is mid-write
        // when the database closes.
        try await app.runService()
        try await store.close()
    }
}

enum OrganisationChoice {
    /// The organisation named, or the only one; an empty database gets one so there is somewhere to put plans.
    static func choose(in store: SQLStore, named name: String?) async throws -> Organisation {
        let all = try await store.organisations()
        if let name {
            if let found = all.first(where: { $0.name == name }) { return found }
            if all.isEmpty { return try await store.createOrganisation(Organisation(name: name)) }
            throw ValidationError("There is no organisation called '\(name)'. The database holds: \(all.map(\.name).joined(separator: ", ")).")
        }
        if let first = all.first {
            if all.count > 1 {
                // Standard error: some commands print only their result on standard output.
                FileHandle.standardError.write(Data("The database holds \(all.count) organisations; using \(first.name). Choose another with --organisation.\n".utf8))
            }
            return first
        }
        return try await store.createOrganisation(Organisation(name: "My council"))
    }
}
