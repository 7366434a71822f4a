import Core
import Foundation
import Hummingbird

/// The pages anyone may open: sign in, and set a new password from a reset link.
struct SignInController: Sendable {
    let environment: AppEnvironment
    /// Set when the browser is already signed in.
    let identity: Identity?
    let session: Session?

    static let routes: [Route<SignInController>] = [
        .page(.get, "/login", .anyone) { $0.signInPage },
        .init(method: .post, path: "/login", access: .anyone) { $0.signIn },
        .page(.get, "/reset/{token}", .anyone) { $0.resetPage },
        .init(method: .post, path: "/reset/{token}", access: .anyone) { $0.reset },
    ]

    var authentication: Authentication { environment.authentication }

    // MARK: Sign in

    @Sendable func signInPage(_ request: Request, context: AppContext) async throws -> HTML {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        let banner: String? = switch request.uri.queryParameters.get("done") {
        case "signed-out": "You have signed out."
        case "everywhere": "You have signed out on every device."
        case "password": "Your password has been set. Sign in with it."
        default: nil
        }
        return try render("login", SignInPage(next: next, banner: banner))
    }

    @Sendable func signIn(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(SignInInput.self, from: request, context: context)
        let next = Self.safeNext(input.next)
        var page = SignInPage(next: next, email: input.email ?? "")
        let email = FormReading.trimmed(input.email)
        let password = input.password ?? ""
        if email == nil { page.add("email", "Enter your email address") }
        if password.isEmpty { page.add("password", "Enter your password") }
        guard let email, !password.isEmpty else { return try render("login", page, status: .badRequest).response() }

        let limit = environment.signInRateLimit
        if let wait = await limit.wait(address: context.remoteAddress, at: environment.now()) {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            page.add("email", "There have been too many failed attempts to sign in from your network. Wait \(minutes) minute\(minutes == 1 ? "" : "s"), then try again.")
            var response = try render("login", page, status: .tooManyRequests).response()
            response.headers[.retryAfter] = String(max(1, Int(wait.rounded(.up))))
            return response
        }
        switch try await authentication.signIn(email: email, password: password) {
        case let .refused(message):
            await limit.recordRefusal(address: context.remoteAddress, at: environment.now())
            page.add("email", message)
            return try render("login", page, status: .badRequest).response()
        case let .signedIn(started):
            // The session this browser had (if any) ends: a new id, never the old one.
            if let session { try await authentication.signOut(sessionHash: session.idHash) }
            var response = Response(status: .seeOther, headers: [.location: next ?? "/"])
            response.setCookie(SessionCookie.make(token: started.token, secure: environment.security.secureCookies))
            return response
        }
    }

    /// `next` when it is a path on this site (`/plans/3?rag=red`), else nil: never another site.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.contains(where: { $0.isNewline || $0 == "\\" }), next.count <= 2000,
              !next.hasPrefix("/login") else { return nil }
        return next
    }

    // MARK: Password reset

    @Sendable func resetPage(_ request: Request, context: AppContext) async throws -> HTML {
        let token = context.parameters.get("token") ?? ""
        guard let person = try await authentication.personForReset(token: token) else { throw Self.expiredLink }
        return try render("reset", ResetPage(email: person.email, postTo: "/reset/\(token)"))
    }

    @Sendable func reset(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let person = try await authentication.personForReset(token: token) else { throw Self.expiredLink }
        let input = try await FormReading.decode(ResetInput.self, from: request, context: context)
        var page = ResetPage(email: person.email, postTo: "/reset/\(token)")
        let password = input.password ?? ""
        if let problem = authentication.passwords.problem(with: password, email: person.email, name: person.name) {
            page.add("password", problem)
        } else if password != input.confirm {
            page.add("confirm", "The passwords do not match")
        }
        guard !page.hasErrors else { return try render("reset", page, status: .badRequest).response() }
        try await authentication.completePasswordReset(token: token, password: password)
        return Response(status: .seeOther, headers: [.location: "/login?done=password"])
    }

    static let expiredLink = HTTPError(.notFound, message: "This link has expired or has already been used. Ask an administrator of your organisation for a new one.")

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws -> HTML {
        try PageFrame.render(template, model, views: environment.views, identity: identity, csrf: session?.csrfToken, status: status)
    }
}

struct SignInInput: Decodable, Sendable {
    var email: String?
    var password: String?
    var next: String?
}

struct ResetInput: Decodable, Sendable {
    var password: String?
    var confirm: String?
}

/// `/login`: the GOV.UK sign-in pattern, with an error summary when it fails.
struct SignInPage: Sendable {
    var title = "Sign in"
    var next: String?
    var email = ""
    var banner: Banner?
    var hasErrors = false
    var errors: [ErrorLink] = []
    var emailError: String?
    var passwordError: String?

    struct Banner: Sendable { var message: String }

    init(next: String?, email: String = "", banner: String? = nil) {
        self.next = next
        self.email = email
        self.banner = banner.map { Banner(message: $0) }
    }

    mutating func add(_ field: String, _ message: String) {
        hasErrors = true
        title = "Error: Sign in"
        errors.append(ErrorLink(href: "#\(field)", message: message))
        if field == "email" { emailError = message } else { passwordError = message }
    }
}

/// `/reset/{token}`: choose a new password.
struct ResetPage: Sendable {
    var title = "Set a new password"
    var email: String
    var postTo: String
    var minimumLength = PasswordRules.minimumLength
    var hasErrors = false
    var errors: [ErrorLink] = []
    var passwordError: String?
    var confirmError: String?

    init(email: String, postTo: String) {
        self.email = email
        self.postTo = postTo
    }

    mutating func add(_ field: String, _ message: String) {
        hasErrors = true
        title = "Error: Set a new password"
        errors.append(ErrorLink(href: "#\(field)", message: message))
        if field == "password" { passwordError = message } else { confirmError = message }
    }
}
