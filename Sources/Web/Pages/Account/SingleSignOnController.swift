import Core
import Foundation
import Hummingbird
import Logging

/// Single sign-on through an organisation's OpenID provider: the start, the provider's answer,
/// and signing out at the provider. Anyone may call them; each refusal is a page of its own.
struct SingleSignOnController: PageResponder, Sendable {
    let environment: AppEnvironment
    /// Set when the browser is already signed in.
    let identity: Identity?
    let session: Session?

    static let routes: [Route<SingleSignOnController>] = [
        .init(method: .get, path: .ssoStart(.parameter), access: .anyone) { $0.start },
        .init(method: .get, path: .ssoCallback, access: .anyone) { $0.callback },
        .init(method: .get, path: .ssoSignOut(.parameter), access: .anyone) { $0.signOutAtProvider },
    ]

    /// Holds the `state` between the start and the provider's answer, so only the browser that
    /// started a sign-in can finish it (a link with someone else's code and state is refused).
    /// SameSite=Lax: the provider's redirect back is a top-level navigation, which carries it.
    static let stateCookie = "oversight_sso"

    var secure: Bool { environment.security.secureCookies }

    @Sendable func start(_ request: Request, context: AppContext) async throws -> Response {
        let slug = context.parameters.get("provider") ?? ""
        let next = SignInController.safeNext(request.uri.queryParameters.get("next"))
        do {
            let started = try await environment.singleSignOn.start(slug: slug, next: next)
            var response = Response(status: .seeOther, headers: [.location: started.location])
            response.setCookie(Cookie(name: Self.stateCookie, value: started.state, maxAge: Int(SSORules.pendingLifetime),
                                      path: "/sso", secure: secure, httpOnly: true, sameSite: .lax))
            return response
        } catch let refusal as SSORefusal {
            return try refused(refusal, provider: slug, context: context)
        }
    }

    @Sendable func callback(_ request: Request, context: AppContext) async throws -> Response {
        let query = request.uri.queryParameters
        do {
            let completed = try await environment.singleSignOn.complete(
                state: query.get("state"), browserState: request.cookies[Self.stateCookie]?.value,
                code: query.get("code"), error: query.get("error"))
            // The session this browser had (if any) ends: a new id, never the old one.
            if let session { try await environment.authentication.signOut(sessionHash: session.idHash) }
            context.logger.info("Signed in through single sign-on", metadata: ["provider": "\(completed.provider.slug)"])
            var response = Response(status: .seeOther, headers: [.location: completed.next ?? Path.home.href])
            response.setCookie(SessionCookie.make(token: completed.started.token, secure: secure))
            response.setCookie(clearedState)
            return response
        } catch let refusal as SSORefusal {
            var response = try refused(refusal, provider: nil, context: context)
            response.setCookie(clearedState)
            return response
        }
    }

    /// Offered after signing out: ends the session at the provider too, which comes back to the sign-in page.
    @Sendable func signOutAtProvider(_ request: Request, context: AppContext) async throws -> Response {
        let slug = context.parameters.get("provider") ?? ""
        guard let address = try await environment.singleSignOn.endSessionAddress(slug: slug) else {
            return try refused(.unknownProvider, provider: slug, context: context, signingIn: false)
        }
        return Response(status: .seeOther, headers: [.location: address])
    }

    var clearedState: Cookie {
        Cookie(name: Self.stateCookie, value: "", maxAge: 0, path: "/sso", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The refusal page, and a log line naming the reason and never a token or a code.
    func refused(_ refusal: SSORefusal, provider: String?, context: AppContext, signingIn: Bool = true) throws -> Response {
        if signingIn { environment.metrics?.singleSignOnRefused(code: refusal.code) }
        var metadata: Logger.Metadata = ["reason": "\(refusal.code)"]
        if let provider { metadata["provider"] = "\(String(provider.prefix(40)))" }
        context.logger.notice("Single sign-on refused", metadata: metadata)
        let status: HTTPResponse.Status = refusal == .providerUnavailable ? .badGateway : (refusal == .unknownProvider ? .notFound : .badRequest)
        return try render(SSORefusedPage(refusal: refusal), status: status).response()
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: session?.csrfToken) }
}

/// The page of a refused single sign-on: the GOV.UK error summary with the reason.
struct SSORefusedPage: PageModel, Sendable {
    static let template = Template.ssoRefused

    var title = "Error: You have not been signed in"
    var message: String
    var hasErrors = true
    var errors: [ErrorLink]
    var signInHref = Path.signIn.href

    init(refusal: SSORefusal) {
        message = refusal.message
        errors = [ErrorLink(href: "#reason", message: refusal.message)]
    }
}
