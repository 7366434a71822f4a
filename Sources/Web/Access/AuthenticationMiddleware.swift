import Core
import Foundation
import HTTPTypes
import Hummingbird

/// Finds who is asking: a bearer token under /api, the session cookie elsewhere. It never
/// refuses anything itself; each route's `Access` rule does.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AppContext
    let environment: AppEnvironment

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        let authentication = environment.authentication
        var staleCookie = false
        if request.uri.path.hasPrefix("/api/") {
            if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
                let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
                context.identity = try await authentication.identity(bearer: token)
            }
        } else if let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty {
            if let (session, identity) = try await authentication.session(token: token) {
                context.session = session
                context.identity = identity
            } else {
                staleCookie = true
            }
        }
        var response: Response
        // Every change made while answering this request is audited as this person's.
        let actor = AuditActor(name: context.identity.map { "\($0.name) <\($0.email)>" } ?? "signed-out visitor",
                               source: context.remoteAddress)
        do {
            response = try await AuditActor.$current.withValue(actor) { [context] in try await next(request, context) }
        } catch AccessRefusal.signedOut where staleCookie && !request.uri.path.hasPrefix("/api/") {
            // Answered here rather than by ErrorMiddleware, so the dead cookie can be cleared.
            response = ErrorMiddleware<AppContext>.redirectToSignIn(from: request)
        }
        if staleCookie, response.headers[.setCookie] == nil {
            response.setCookie(SessionCookie.clear(secure: environment.security.secureCookies))
        }
        if context.identity != nil {
            // Pages and data of a signed-in person are not for shared caches or the back button.
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// The session cookie: `oversight_session`, HttpOnly, SameSite=Lax, Path=/, Secure behind TLS.
/// It lasts as long as the browser (no Max-Age): the server decides when a session ends.
enum SessionCookie {
    static let name = "oversight_session"

    static func make(token: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func clear(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
