import Core
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Mustache
import NIOCore
import ServiceLifecycle

/// Builds the router with every page and API route; the same for tests and production.
public func buildRouter(environment: AppEnvironment) -> Router<AppContext> {
    // HEAD answers wherever GET does (monitors and link checkers use it), through the same checks.
    let router = Router(context: AppContext.self, options: .autoGenerateHeadEndpoints)
    // Outermost of all, so every answer is counted and timed — error pages and static files too.
    if environment.metrics != nil || environment.logsRequests {
        router.add(middleware: RequestRecordMiddleware(metrics: environment.metrics, logsRequests: environment.logsRequests))
    }
    // The first added is the outermost: security headers wrap the error pages too.
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: environment.security.secureCookies))
    router.add(middleware: ErrorMiddleware(environment: environment))
    router.add(middleware: RequestShapeMiddleware(routes: RoutePatterns(RouteTable.pages + RouteTable.api)))
    // Static files answer before anyone is looked up: they hold nothing private.
    router.add(middleware: FileMiddleware(Views.staticDirectory, searchForIndexHtml: false))
    if !environment.security.trustedProxies.isEmpty {
        router.add(middleware: ClientAddressMiddleware(trusted: environment.security.trustedProxies))
    }
    router.add(middleware: AuthenticationMiddleware(environment: environment))
    router.get(RouterPath(Path.health.pattern)) { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }
    // Alive is not ready: the process answers /healthz even while its database does not.
    router.get(RouterPath(Path.ready.pattern)) { _, _ in
        let readiness = await (environment.store as? any ReadinessCheck)?.readiness() ?? .notReady("this store cannot say whether it is ready")
        let (status, text): (HTTPResponse.Status, String) = switch readiness {
        case .ready: (.ok, "ready\n")
        case let .notReady(reason): (.serviceUnavailable, "not ready: \(reason)\n")
        }
        return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
    router.get(RouterPath(Path.metrics.pattern)) { request, _ in
        try MetricsEndpoint.respond(to: request, metrics: environment.metrics)
    }
    router.add(SignInController.routes, api: false) { context in
        SignInController(environment: environment, identity: context.identity, session: context.session)
    }
    router.add(SingleSignOnController.routes, api: false) { context in
        SingleSignOnController(environment: environment, identity: context.identity, session: context.session)
    }
    router.add(PageController.routes, api: false) { context in
        PageController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    router.add(ActionEditController.routes, api: false) { context in
        ActionEditController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    router.add(PlanEditController.routes, api: false) { context in
        PlanEditController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    router.add(BoardController.routes, api: false) { context in
        BoardController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    router.add(MeasureEditController.routes, api: false) { context in
        MeasureEditController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    router.add(HomeController.routes, api: false) { context in
        HomeController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    router.add(AccountController.routes, api: false) { context in
        guard let session = context.session else { throw AccessRefusal.signedOut }
        return AccountController(environment: environment, identity: try context.requireIdentity(), session: session)
    }
    router.add(NoticeController.routes, api: false) { context in
        NoticeController(environment: environment, identity: context.identity, session: context.session)
    }
    router.add(CalendarController.routes, api: false) { context in
        CalendarController(environment: environment, identity: context.identity, session: context.session)
    }
    router.add(AnalysisController.routes, api: false) { context in
        AnalysisController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    router.add(ImportController.routes, api: false) { context in
        ImportController(environment: environment, identity: try context.requireIdentity(), csrf: context.session?.csrfToken ?? "")
    }
    APIController.addRoutes(to: router.group(RouterPath(APIPath.prefix)), environment: environment)
    return router
}

/// Every route with the rule it needs: what the authorisation matrix test walks, so a route
/// added to a table is tested for every role without anyone remembering to.
public enum RouteTable {
    /// Pages (with their full path) and the API (under /api/v1).
    public static var pages: [RouteRule] {
        // An array of tables rather than a chain of `+`, which the type checker gives up on.
        let tables: [[RouteRule]] = [
            [RouteRule(method: .get, path: Path.health.pattern, access: .anyone),
             RouteRule(method: .get, path: Path.ready.pattern, access: .anyone),
             // Anyone may ask; it answers only with the metrics token (MetricsEndpoint).
             RouteRule(method: .get, path: Path.metrics.pattern, access: .anyone)], HomeController.routes.map(\.rule),
            MeasureEditController.routes.map(\.rule),
            SignInController.routes.map(\.rule), SingleSignOnController.routes.map(\.rule), PageController.routes.map(\.rule), BoardController.routes.map(\.rule),
            PlanEditController.routes.map(\.rule),
            AccountController.routes.map(\.rule), CalendarController.routes.map(\.rule), analysis,
            NoticeController.routes.map(\.rule), ImportController.routes.map(\.rule), ActionEditController.routes.map(\.rule),
        ]
        return tables.flatMap { $0 }
    }

    /// The pages of child-level data: analysts only.
    public static var analysis: [RouteRule] { AnalysisController.routes.map(\.rule) }

    public static var api: [RouteRule] {
        APIController.routes.map { RouteRule(method: $0.method, path: APIPath.prefix + $0.path, access: $0.access) }
    }
}

/// How many connections the server holds and how long an idle one may stay.
public struct ConnectionLimits: Sendable {
    /// A connection that sends nothing for this long — between requests, or part-way through a
    /// request's headers — is closed, so half-open connections cannot pile up.
    public var idleTimeout: Duration
    /// Past this many open connections the server stops accepting new ones until some close
    /// (they wait in the operating system's queue); with the idle timeout, a flood of silent
    /// connections cannot hold the server.
    public var maximumConnections: Int

    public init(idleTimeout: Duration = .seconds(30), maximumConnections: Int = 1_000) {
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
    }
}

/// Builds the application listening on `host:port`.
public func buildApplication(environment: AppEnvironment, host: String, port: Int, limits: ConnectionLimits = ConnectionLimits(),
                             services: [any Service] = [], logger: Logger) -> some ApplicationProtocol {
    let (seconds, attoseconds) = limits.idleTimeout.components
    let idle = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    return Application(
        router: buildRouter(environment: environment),
        server: .http1(configuration: .init(idleTimeout: idle)),
        configuration: .init(address: .hostname(host, port: port), serverName: "Oversight",
                             availableConnectionsDelegate: MaximumAvailableConnections(limits.maximumConnections)),
        services: services,
        logger: logger
    )
}

/// Where the templates and static files are, and loading them.
public enum Views {
    static var resources: URL {
        Bundle.module.url(forResource: "Resources", withExtension: nil)!
    }

    static var staticDirectory: String { resources.appendingPathComponent("static").path }

    /// Loads every template once at start.
    public static func load() async throws -> MustacheLibrary {
        try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
    }
}
