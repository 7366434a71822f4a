import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// What every response carries, errors included, and how the server answers addresses and
/// methods no route takes.
@Suite("Response shape: security headers, 405 and odd addresses")
struct ResponseShapeTests {
    static func expectSecurityHeaders(_ response: TestResponse, _ what: String, error: Bool) {
        #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(what): no CSP")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what): no nosniff")
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(what): no Referrer-Policy")
        #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(what): no X-Frame-Options")
        if error { #expect(response.headers[.cacheControl] == "no-store", "\(what): no Cache-Control: no-store") }
    }

    @Test("every error status carries the security headers and no-store, pages and API alike")
    func errorsCarryHeaders() async throws {
        try await withTestApp(as: .viewer) { client, _, _ in
            let cases: [(String, HTTPRequest.Method, HTTPFields, ByteBuffer?, HTTPResponse.Status)] = [
                ("/no-such-page", .get, [:], nil, .notFound),
                ("/api/v1/no-such-thing", .get, [:], nil, .notFound),
                ("/measures/999999", .get, [:], nil, .notFound),
                ("/api/v1/plans/not-a-number", .get, [:], nil, .notFound),
                ("/people", .get, [:], nil, .forbidden),
                ("/api/v1/plans", .post, [.contentType: "application/json"], ByteBuffer(string: "{}"), .forbidden),
                ("/plans/1", .delete, [:], nil, .methodNotAllowed),
                ("/oversight.css%00.html", .get, [:], nil, .badRequest),
            ]
            for (uri, method, headers, body, status) in cases {
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                #expect(response.status == status, "\(method) \(uri) answered \(response.status), expected \(status)")
                Self.expectSecurityHeaders(response, "\(method) \(uri)", error: true)
            }
        }
    }

    @Test("a signed-out API request's 401 and a bad request's 400 carry the headers too")
    func unauthorisedAndBadRequest() async throws {
        try await withTestApp(as: nil) { client, _, _ in
            let unauthorised = try await client.execute(uri: "/api/v1/plans", method: .get)
            #expect(unauthorised.status == .unauthorized)
            Self.expectSecurityHeaders(unauthorised, "401", error: true)
        }
        try await withTestApp(as: .editor) { client, _, _ in
            let bad = try await client.execute(uri: "/api/v1/plans", method: .post, headers: [.contentType: "application/json"],
                                               body: ByteBuffer(string: "{not json"))
            #expect(bad.status == .badRequest)
            Self.expectSecurityHeaders(bad, "400", error: true)
        }
    }

    @Test("a method the address does not take answers 405 with Allow, on pages and the API")
    func methodNotAllowed() async throws {
        try await withTestApp(as: .editor) { client, _, _ in
            let page = try await client.execute(uri: "/plans/1", method: .delete)
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.allow] == "GET, HEAD")
            #expect(page.text.contains("does not accept DELETE"))

            let api = try await client.execute(uri: "/api/v1/plans", method: .put)
            #expect(api.status == .methodNotAllowed)
            let allowed = Set((api.headers[.allow] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(allowed == ["GET", "HEAD", "POST"])
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(api.text.contains("\"method_not_allowed\""))

            // An address no route has stays 404; a suffixed parameter (`{token}.ics`) is matched too.
            #expect(try await client.execute(uri: "/plans/1/nothing", method: .delete).status == .notFound)
            let feed = try await client.execute(uri: "/boards/1/calendar.ics", method: .post)
            #expect(feed.status == .methodNotAllowed)
            #expect(feed.headers[.allow] == "GET, HEAD")
        }
    }

    @Test("HEAD answers wherever GET does, with the same status and no body")
    func head() async throws {
        try await withTestApp(as: .editor) { client, _, _ in
            let response = try await client.execute(uri: "/plans/1", method: .head)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/healthz", method: .head).status == .ok)
        }
    }

    @Test("an address with a control character is refused before any file or page is looked up",
          arguments: ["/oversight.css%00.html", "/oversight.css%00", "/plans%0a/1", "/%09/evil.example", "/measures%7f"])
    func controlCharacters(path: String) async throws {
        try await withTestApp(as: .editor) { client, _, _ in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .badRequest, "\(path) answered \(response.status)")
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(!response.text.contains("font-family"), "\(path) served the stylesheet")
        }
    }

    @Test("the stylesheet is still served, with the security headers")
    func stylesheet() async throws {
        try await withTestApp(as: nil) { client, _, _ in
            let response = try await client.execute(uri: "/oversight.css", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
            Self.expectSecurityHeaders(response, "stylesheet", error: false)
        }
    }
}
