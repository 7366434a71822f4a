import Core
import Foundation
import Hummingbird
import Logging
import Mustache

/// Builds the router with every page and API route; the same for tests and production.
public func buildRouter(environment: AppEnvironment) -> Router<AppContext> {
    let router = Router(context: AppContext.self)
    router.add(middleware: ErrorMiddleware(views: environment.views))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: FileMiddleware(Views.staticDirectory, searchForIndexHtml: false))
    router.get("healthz") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }
    PageController(environment: environment).addRoutes(to: router)
    APIController(environment: environment).addRoutes(to: router.group("api/v1"))
    return router
}

/// Builds the application listening on `host:port`.
public func buildApplication(environment: AppEnvironment, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(environment: environment),
        configuration: .init(address: .hostname(host, port: port), serverName: "Oversight"),
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
