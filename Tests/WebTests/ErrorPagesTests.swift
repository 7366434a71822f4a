import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Error pages are pages like any other: inside the layout with the skip link and, for someone
/// signed in, their navigation; titled "Error: …"; with a way on.
@Suite("Error pages keep the layout, the navigation and the Error: title")
struct ErrorPagesTests {
    struct Unexpected: Error {}

    /// The statuses `ErrorMiddleware` answers pages with, each from the error that causes it.
    static let failures: [(path: String, status: HTTPResponse.Status, heading: String, error: @Sendable () -> any Error)] = [
        ("/fails/400", .badRequest, "There is a problem with the request", { ValidationError(field: "day", message: "Enter a real date") }),
        ("/fails/403", .forbidden, "You do not have permission to do this", { AccessRefusal.forbidden }),
        ("/fails/404", .notFound, "Page not found", { StoreError.notFound(entity: "action", id: "42") }),
        ("/fails/409", .conflict, "Someone else changed this first",
         { StoreError.staleVersion(entity: "action", id: 42, expected: 1, current: 2) }),
        ("/fails/500", .internalServerError, "Sorry, there is a problem with the service", { Unexpected() }),
    ]

    /// The real middleware (security headers, errors, sign-in) around routes that fail on purpose.
    static func failingRouter(_ environment: AppEnvironment) -> Router<AppContext> {
        let router = Router(context: AppContext.self)
        router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: false))
        router.add(middleware: ErrorMiddleware(environment: environment))
        router.add(middleware: AuthenticationMiddleware(environment: environment))
        for failure in failures {
            router.get(RouterPath(failure.path)) { _, _ -> Response in throw failure.error() }
        }
        return router
    }

    static func expectErrorPage(_ response: TestResponse, status: HTTPResponse.Status, heading: String, signedIn name: String?, _ what: String) {
        let html = response.text
        #expect(response.status == status, "\(what): \(response.status)")
        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(what)")
        #expect(html.contains("<title>Error: \(heading) – Oversight</title>"), "\(what): the title starts Error:")
        #expect(html.contains("<a href=\"#main\" class=\"skip-link\">Skip to main content</a>"), "\(what): skip link")
        #expect(html.contains("<main id=\"main\""), "\(what): main landmark")
        #expect(html.contains("<h1 class=\"heading-xl\">\(heading)</h1>"), "\(what): heading")
        ResponseShapeTests.expectSecurityHeaders(response, what, error: false)
        if let name {
            #expect(html.contains("<nav aria-label=\"Main\">"), "\(what): the navigation for the signed-in person")
            #expect(html.contains(name), "\(what): who is signed in")
            #expect(html.contains("<a href=\"\(Path.home.href)\">Go to your home page</a>"), "\(what): a way back")
            #expect(html.contains("Sign out"), "\(what): sign out")
        } else {
            #expect(!html.contains("<nav aria-label=\"Main\">"), "\(what): a visitor sees no navigation")
            #expect(html.contains("<a href=\"\(Path.signIn.href)\">Sign in to Oversight</a>"), "\(what): a way in")
        }
    }

    @Test("Each error status, for a signed-in person and for a visitor", arguments: [true, false])
    func everyStatus(signedIn: Bool) async throws {
        try await withTestApp(as: nil) { _, environment, _ in
            let person = signedIn ? try await TestPeople.credentials(environment, role: .editor, name: "Sam Patel") : nil
            try await Application(router: Self.failingRouter(environment)).test(.router) { raw in
                let client = SignedInClient(base: raw, credentials: person)
                for failure in Self.failures {
                    let response = try await client.execute(uri: failure.path, method: .get)
                    Self.expectErrorPage(response, status: failure.status, heading: failure.heading, signedIn: person?.identity.name,
                                         "\(failure.status.code) \(signedIn ? "signed in" : "visitor")")
                }
            }
        }
    }

    @Test("The whole application's 404, 403 and 400 pages keep the signed-in person's navigation")
    func realRoutes() async throws {
        try await withTestApp(as: .viewer) { client, _, _ in
            for (uri, status, heading) in [("/no-such-page", HTTPResponse.Status.notFound, "Page not found"),
                                           ("/measures/999999", .notFound, "Page not found"),
                                           ("/people", .forbidden, "You do not have permission to do this"),
                                           ("/oversight.css%00.html", .badRequest, "There is a problem with the request")] {
                let response = try await client.execute(uri: uri, method: .get)
                Self.expectErrorPage(response, status: status, heading: heading, signedIn: "Test Viewer", uri)
            }
        }
        try await withTestApp(as: nil) { client, _, _ in
            let response = try await client.execute(uri: "/no-such-page", method: .get)
            Self.expectErrorPage(response, status: .notFound, heading: "Page not found", signedIn: nil, "visitor 404")
        }
    }
}
