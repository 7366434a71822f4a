import Core
import Foundation
import Hummingbird

/// The pages anyone may open: sign in, and set a new password from a reset link.
struct SignInController: PageResponder, Sendable {
    let environment: AppEnvironment
    /// Set when the browser is already signed in.
    let identity: Identity?
    let session: Session?

    static let routes: [Route<SignInController>] = [
        .init(method: .get, path: .signIn, access: .anyone) { $0.signInPage },
        .init(method: .post, path: .signIn, access: .anyone) { $0.signIn },
        .init(method: .get, path: .passwordReset(token: .parameter), access: .anyone) { $0.resetPage },
        .init(method: .post, path: .passwordReset(token: .parameter), access: .anyone) { $0.reset },
        .init(method: .get, path: .invitation(token: .parameter), access: .anyone) { $0.invitationPage },
        .init(method: .post, path: .invitation(token: .parameter), access: .anyone) { $0.acceptInvitation },
    ]

    var authentication: Authentication { environment.authentication }
    var secure: Bool { environment.security.secureCookies }

    // MARK: Sign in

    @Sendable func signInPage(_ request: Request, context: AppContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        let banner: String? = switch request.uri.queryParameters.get("done") {
        case "signed-out": "You have signed out."
        case "everywhere": "You have signed out on every device."
        case "password": "Your password has been set. Sign in with it."
        case "invitation": "If you are new to Oversight, your password has been set: sign in with it. If you already had an account, sign in with your usual password and accept the invitation on your account page."
        default: nil
        }
        let token = PreSessionForm.tokenForPage(request)
        var page = SignInPage(next: next, banner: banner, formToken: token)
        page.offer(try await environment.store.ssoProviders(), organisations: try await environment.store.organisations().count,
                   next: next, signedOutVia: ["signed-out", "everywhere"].contains(request.uri.queryParameters.get("done") ?? "")
                       ? request.uri.queryParameters.get("via") : nil)
        return try self.page(page, token: token)
    }

    @Sendable func signIn(_ request: Request, context: AppContext) async throws -> Response {
        try PreSessionForm.checkOrigin(request, siteAddress: environment.security.siteAddress)
        let input = try await FormReading.decode(SignInInput.self, from: request, context: context)
        let next = Self.safeNext(input.next)
        let token = PreSessionForm.tokenForPage(request)
        var page = SignInPage(next: next, email: input.email ?? "", formToken: token)
        page.offer(try await environment.store.ssoProviders(), organisations: try await environment.store.organisations().count,
                   next: next, signedOutVia: nil)
        guard PreSessionForm.isValid(request, sent: input.csrf) else {
            // An old page, a browser that refused the cookie, or another site's form: nothing is checked.
            page.add("email", "The sign-in form has expired. Sign in again.")
            return try self.page(page, token: token, status: .badRequest)
        }
        let email = FormReading.trimmed(input.email)
        let password = input.password ?? ""
        if email == nil { page.add("email", "Enter your email address") }
        if password.isEmpty { page.add("password", "Enter your password") }
        guard let email, !password.isEmpty else { return try self.page(page, token: token, status: .badRequest) }

        switch try await authentication.signIn(email: email, password: password, from: context.remoteAddress,
                                               limit: environment.signInRateLimit) {
        case let .heldBack(wait):
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            page.add("email", "There have been too many failed attempts to sign in from your network. Wait \(minutes) minute\(minutes == 1 ? "" : "s"), then try again.")
            var response = try self.page(page, token: token, status: .tooManyRequests)
            response.headers[.retryAfter] = String(max(1, Int(wait.rounded(.up))))
            return response
        case let .refused(message):
            page.add("email", message)
            return try self.page(page, token: token, status: .badRequest)
        case let .signedIn(started):
            // The session this browser had (if any) ends: a new id, never the old one.
            if let session { try await authentication.signOut(sessionHash: session.idHash) }
            var response = Response(status: .seeOther, headers: [.location: next ?? Path.home.href])
            response.setCookie(SessionCookie.make(token: started.token, secure: secure))
            return response
        }
    }

    /// `next` when it is a path on this site (`/plans/3?rag=red`), else nil: never another site.
    ///
    /// Browsers forgive a lot in a `Location`: they drop tabs and newlines, read `\` as `/`, and
    /// take `//host` as another site — so `/\t/evil.example` leaves the site. The path is checked
    /// as sent and once more percent-decoded, and refused if either form has a control
    /// character, whitespace or a backslash, or starts `//`.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.count <= 2000, !containsUnsafe(next) else { return nil }
        let path = String(next.prefix { $0 != "?" && $0 != "#" })
        guard let decoded = path.removingPercentEncoding, !containsUnsafe(decoded) else { return nil }
        for form in [path, decoded] {
            guard form.hasPrefix("/"), !form.hasPrefix("//"), !form.hasPrefix("/login") else { return nil }
        }
        guard let components = URLComponents(string: next), components.scheme == nil, components.host == nil else { return nil }
        return next
    }

    static func containsUnsafe(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar == "\\" || scalar.properties.isWhitespace
                || [.control, .format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
        }
    }

    // MARK: Password reset

    @Sendable func resetPage(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let person = try await authentication.personForReset(token: token) else { throw Self.expiredLink }
        let formToken = PreSessionForm.tokenForPage(request)
        return try page(ResetPage(email: person.email, postTo: Path.passwordReset(token: token).href, formToken: formToken), token: formToken)
    }

    @Sendable func reset(_ request: Request, context: AppContext) async throws -> Response {
        try PreSessionForm.checkOrigin(request, siteAddress: environment.security.siteAddress)
        let token = context.parameters.get("token") ?? ""
        guard let person = try await authentication.personForReset(token: token) else { throw Self.expiredLink }
        let input = try await FormReading.decode(ResetInput.self, from: request, context: context)
        let formToken = PreSessionForm.tokenForPage(request)
        var page = ResetPage(email: person.email, postTo: Path.passwordReset(token: token).href, formToken: formToken)
        let password = input.password ?? ""
        if !PreSessionForm.isValid(request, sent: input.csrf) {
            page.add("password", "The form has expired. Enter your new password again.")
        } else if let problem = authentication.passwords.problem(with: password, email: person.email, name: person.name) {
            page.add("password", problem)
        } else if password != input.confirm {
            page.add("confirm", "The passwords do not match")
        }
        guard !page.hasErrors else { return try self.page(page, token: formToken, status: .badRequest) }
        try await authentication.completePasswordReset(token: token, password: password)
        return redirect(to: .signIn, query: "done=password")
    }

    static let expiredLink = HTTPError(.notFound, message: "This link has expired or has already been used. Ask an administrator of your organisation for a new one.")

    // MARK: Invitations

    /// The page an invitation link opens. It reads the same whether or not the email has an
    /// account: the administrator who made the link can open it too.
    @Sendable func invitationPage(_ request: Request, context: AppContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        guard let invitation = try await authentication.invitation(token: token) else { throw Self.expiredLink }
        let formToken = PreSessionForm.tokenForPage(request)
        return try page(ResetPage(invitation: invitation, postTo: Path.invitation(token: token).href, formToken: formToken), token: formToken)
    }

    @Sendable func acceptInvitation(_ request: Request, context: AppContext) async throws -> Response {
        try PreSessionForm.checkOrigin(request, siteAddress: environment.security.siteAddress)
        let token = context.parameters.get("token") ?? ""
        guard let invitation = try await authentication.invitation(token: token) else { throw Self.expiredLink }
        let input = try await FormReading.decode(ResetInput.self, from: request, context: context)
        let formToken = PreSessionForm.tokenForPage(request)
        var page = ResetPage(invitation: invitation, postTo: Path.invitation(token: token).href, formToken: formToken)
        let password = input.password ?? ""
        if !PreSessionForm.isValid(request, sent: input.csrf) {
            page.add("password", "The form has expired. Enter your new password again.")
        } else if password != input.confirm {
            page.add("confirm", "The passwords do not match")
        } else {
            do {
                try await authentication.acceptInvitation(token: token, password: password)
                return redirect(to: .signIn, query: "done=invitation")
            } catch let error as ValidationError {
                page.add("password", error.message)
            } catch StoreError.notFound {
                throw Self.expiredLink
            }
        }
        return try self.page(page, token: formToken, status: .badRequest)
    }

    // MARK: Rendering

    /// A page with a pre-session form, setting (or refreshing) the cookie its token is checked against.
    func page(_ model: some PageModel, token: String, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try render(model, status: status).response()
        response.setCookie(PreSessionForm.cookie(token, secure: secure))
        return response
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: session?.csrfToken) }
}

struct SignInInput: Decodable, Sendable {
    var email: String?
    var password: String?
    var next: String?
    /// The pre-session token (`PreSessionForm`).
    var csrf: String?
}

struct ResetInput: Decodable, Sendable {
    var password: String?
    var confirm: String?
    var csrf: String?
}

/// `/login`: the GOV.UK sign-in pattern, with an error summary when it fails.
struct SignInPage: PageModel, Sendable {
    static let template = Template.signIn

    var title = "Sign in"
    var next: String?
    var email = ""
    var formToken: String
    var banner: Banner?
    var hasErrors = false
    var errors: [ErrorLink] = []
    var emailError: String?
    var passwordError: String?

    struct Banner: Sendable { var message: String }

    /// A "Sign in with <provider>" button, or a "Sign out of <provider> too" link.
    struct ProviderLink: Sendable {
        var name: String
        var href: String
    }
    var providers: [ProviderLink] = []
    var signOutLinks: [ProviderLink] = []
    /// Every organisation with a provider requires it: the password form is folded away for
    /// the break-glass accounts.
    var passwordFolded = false
    var hasProviders = false
    var hasSignOutLinks = false

    /// The single sign-on buttons first; the password form open only where some organisation
    /// allows local accounts (or none has a provider yet). `signedOutVia`: the slug of the
    /// provider the session that just ended was started through, whose sign-out alone is offered.
    mutating func offer(_ configured: [SSOProvider], organisations: Int, next: String?, signedOutVia: String?) {
        providers = configured.map { ProviderLink(name: $0.name, href: Path.ssoStart($0.slug).href(queryItems: [("next", next ?? "")])) }
        if let signedOutVia {
            signOutLinks = configured.filter { $0.slug == signedOutVia }.map { ProviderLink(name: $0.name, href: Path.ssoSignOut($0.slug).href) }
        }
        hasProviders = !providers.isEmpty
        hasSignOutLinks = !signOutLinks.isEmpty
        passwordFolded = !configured.isEmpty && configured.count >= organisations
            && configured.allSatisfy { !SSORules.mayUsePassword(email: "", provider: $0) }
    }

    init(next: String?, email: String = "", banner: String? = nil, formToken: String) {
        self.next = next
        self.formToken = formToken
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

/// `/reset/{token}`: choose a new password; and `/invitations/{token}`: join an organisation,
/// choosing a password if new to Oversight.
struct ResetPage: PageModel, Sendable {
    static let template = Template.reset

    var title = "Set a new password"
    var heading = "Set a new password"
    var email: String
    var postTo: String
    var formToken: String
    var invitation: InvitationText?
    var buttonText = "Set password"

    struct InvitationText: Sendable {
        var organisationName: String
        var roleWord: String
        var expires: String
    }
    var minimumLength = PasswordRules.minimumLength
    var hasErrors = false
    var errors: [ErrorLink] = []
    var passwordError: String?
    var confirmError: String?

    init(email: String, postTo: String, formToken: String) {
        self.email = email
        self.postTo = postTo
        self.formToken = formToken
    }

    init(invitation: Invitation, postTo: String, formToken: String) {
        self.init(email: invitation.email, postTo: postTo, formToken: formToken)
        title = "Join \(invitation.organisationName)"
        heading = title
        buttonText = "Create your account"
        self.invitation = InvitationText(organisationName: invitation.organisationName, roleWord: invitation.role.word.lowercased(),
                                         expires: Day.today(now: invitation.expiresAt).formatted)
    }

    mutating func add(_ field: String, _ message: String) {
        hasErrors = true
        title = "Error: " + heading
        errors.append(ErrorLink(href: "#\(field)", message: message))
        if field == "password" { passwordError = message } else { confirmError = message }
    }
}
