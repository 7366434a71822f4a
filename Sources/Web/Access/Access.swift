import Core
import Foundation
import Hummingbird

/// What a route asks of whoever calls it. Every route, page or API, declares one in its
/// route table; the router checks it before the handler runs.
public enum Access: Sendable, Hashable, CustomStringConvertible {
    /// Anyone, signed in or not: the sign-in and reset pages, the health check.
    case anyone
    /// Anyone signed in, whatever their role: their own account, signing out.
    case signedIn
    /// Signed in with a role that grants the permission.
    case permission(Permission)

    public func allows(_ identity: Identity?) -> Bool {
        switch self {
        case .anyone: true
        case .signedIn: identity != nil
        case let .permission(permission): identity?.can(permission) ?? false
        }
    }

    /// Whether a role may pass (for the documentation and the authorisation matrix test).
    public func allows(_ role: Role) -> Bool {
        switch self {
        case .anyone, .signedIn: true
        case let .permission(permission): role.can(permission)
        }
    }

    public var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed in"
        case let .permission(permission): permission.rawValue
        }
    }
}

/// Why a request was refused before (or while) its handler ran.
enum AccessRefusal: Error, Equatable {
    /// No valid session or token: 401 from the API, a redirect to /login from a page.
    case signedOut
    /// Signed in, but the role does not allow it: 403.
    case forbidden
    /// A form without the session's CSRF token (an old page, or another site posting): 403.
    case formExpired
}

/// A route of a route table: method, path, the rule it needs and its handler, which gets a
/// controller made for the request (and so for the signed-in identity).
struct Route<Controller: Sendable>: Sendable {
    typealias Handler = @Sendable (Controller) -> @Sendable (Request, AppContext) async throws -> Response

    var method: HTTPRequest.Method
    /// In OpenAPI form, `/plans/{id}`.
    var path: String
    var access: Access
    /// The largest body the route reads; only upload routes raise it above a form's.
    var maxBodySize: Int = AppContext.formBodySize
    var handler: Handler

    /// The rule without the handler, for tests and docs.
    var rule: RouteRule { RouteRule(method: method, path: path, access: access) }
}

extension Route {
    /// A route at `path`'s pattern: the same `Path` case builds the links to it.
    init(method: HTTPRequest.Method, path: Path, access: Access, maxBodySize: Int = AppContext.formBodySize, handler: @escaping Handler) {
        self.init(method: method, path: path.pattern, access: access, maxBodySize: maxBodySize, handler: handler)
    }

    /// An API route, at `api`'s pattern below `/api/v1` (the router group adds the prefix).
    init(method: HTTPRequest.Method, api: APIPath, access: Access, handler: @escaping Handler) {
        self.init(method: method, path: api.pattern, access: access, handler: handler)
    }
}

/// A route as the authorisation matrix test and the docs see it.
public struct RouteRule: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var access: Access
}

extension RouterMethods where Context == AppContext {
    /// Adds each route, checking its `Access` (and, for a page form, its CSRF token) before
    /// making the controller and calling the handler.
    func add<Controller>(_ routes: [Route<Controller>], api: Bool,
                         controller: @escaping @Sendable (AppContext) throws -> Controller) {
        for route in routes {
            // Hummingbird reads `{id}` as a parameter, and `{measure}.csv` as one with a suffix.
            let handler = route.handler
            let access = route.access
            let maxBodySize = route.maxBodySize
            on(RouterPath(route.path), method: route.method) { request, context in
                var request = request
                var context = context
                context.maxUploadSize = maxBodySize
                try await AccessCheck.check(access, request: &request, context: &context, api: api)
                return try await handler(try controller(context))(request, context)
            }
        }
    }
}

enum AccessCheck {
    static func check(_ access: Access, request: inout Request, context: inout AppContext, api: Bool) async throws {
        guard access != .anyone else { return }
        guard let identity = context.identity else { throw AccessRefusal.signedOut }
        guard access.allows(identity) else { throw AccessRefusal.forbidden }
        // A browser's form must carry the session's token; a bearer token is sent by a script,
        // never automatically by a browser, so the API needs none.
        if !api, request.method != .get, request.method != .head {
            guard let session = context.session else { throw AccessRefusal.formExpired }
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let contentType = request.headers[.contentType]
            let sent: String?
            if MultipartForm.isMultipart(contentType: contentType) {
                let form = try MultipartForm.read(body, contentType: contentType)
                context.multipartForm = form
                sent = form.field("csrf")
            } else {
                sent = csrfField(in: String(buffer: body))
            }
            guard let sent, Secrets.constantTimeEqual(sent, session.csrfToken) else { throw AccessRefusal.formExpired }
        }
    }

    /// The `csrf` field of a urlencoded form body.
    static func csrfField(in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[0] == "csrf" {
                return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
        }
        return nil
    }
}
