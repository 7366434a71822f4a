import Core
import Foundation
import Hummingbird

/// The signed-in person's own account (who they are, their password, signing out) and, for
/// administrators, the people of their organisation.
struct AccountController: Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let session: Session

    static let routes: [Route<AccountController>] = [
        .init(method: .post, path: "/logout", access: .signedIn) { $0.signOut },
        .page(.get, "/account", .signedIn) { $0.account },
        .init(method: .post, path: "/account/password", access: .signedIn) { $0.changePassword },
        .init(method: .post, path: "/account/sign-out-everywhere", access: .signedIn) { $0.signOutEverywhere },
        .init(method: .post, path: "/account/organisation", access: .signedIn) { $0.chooseOrganisation },
        .page(.get, "/people", .permission(.managePeople)) { $0.people },
        .init(method: .post, path: "/people", access: .permission(.managePeople)) { $0.addPerson },
        .init(method: .post, path: "/people/{id}/disable", access: .permission(.managePeople)) { $0.disablePerson },
    ]

    var authentication: Authentication { environment.authentication }
    var secure: Bool { environment.security.secureCookies }

    // MARK: Signing out

    @Sendable func signOut(_ request: Request, context: AppContext) async throws -> Response {
        try await authentication.signOut(sessionHash: session.idHash)
        return signedOutResponse(done: "signed-out")
    }

    @Sendable func signOutEverywhere(_ request: Request, context: AppContext) async throws -> Response {
        try await authentication.signOutEverywhere(personID: identity.personID)
        return signedOutResponse(done: "everywhere")
    }

    func signedOutResponse(done: String) -> Response {
        var response = Response(status: .seeOther, headers: [.location: "/login?done=\(done)"])
        response.setCookie(SessionCookie.clear(secure: secure))
        return response
    }

    // MARK: Account

    @Sendable func account(_ request: Request, context: AppContext) async throws -> HTML {
        try await accountPage(saved: request.uri.queryParameters.get("saved"))
    }

    /// `newCalendarAddress` is shown once, just after it is made: only its hash is kept.
    func accountPage(saved: String? = nil, problems: FormProblems = FormProblems(), status: HTTPResponse.Status = .ok,
                     newCalendarAddress: String? = nil) async throws -> HTML {
        let memberships = try await environment.store.memberships(personID: identity.personID)
        let calendarLink = try await environment.store.calendarFeedLink(personID: identity.personID, organisationID: identity.organisationID)
        var page = AccountPage(identity: identity, memberships: memberships, saved: saved, problems: problems)
        page.showCalendar(link: calendarLink, newAddress: newCalendarAddress)
        return try render("account", page, status: status)
    }

    @Sendable func changePassword(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(PasswordChangeInput.self, from: request, context: context)
        var problems = FormProblems()
        if (input.current ?? "").isEmpty { problems.add("current-password", "Enter your current password") }
        if (input.new ?? "") != (input.confirm ?? "") { problems.add("confirm-password", "The new passwords do not match") }
        if problems.isEmpty {
            do {
                try await authentication.changePassword(personID: identity.personID, current: input.current ?? "", new: input.new ?? "",
                                                        keepingSession: session.idHash)
                return Response(status: .seeOther, headers: [.location: "/account?saved=password"])
            } catch let error as ValidationError {
                problems.add(error.field, error.message)
            }
        }
        return try await accountPage(problems: problems, status: .badRequest).response()
    }

    @Sendable func chooseOrganisation(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(OrganisationChoiceInput.self, from: request, context: context)
        guard let id = input.organisation.flatMap({ Int64($0) }) else {
            throw HTTPError(.badRequest, message: "Choose an organisation")
        }
        try await authentication.switchOrganisation(sessionHash: session.idHash, personID: identity.personID, to: id)
        return Response(status: .seeOther, headers: [.location: "/"])
    }

    // MARK: People

    @Sendable func people(_ request: Request, context: AppContext) async throws -> HTML {
        let saved = request.uri.queryParameters.get("saved") == "disabled" ? "The account has been disabled and signed out everywhere." : nil
        return try await peoplePage(banner: saved.map { PeoplePage.Banner(message: $0) })
    }

    func peoplePage(banner: PeoplePage.Banner? = nil, input: PersonInput? = nil, problems: FormProblems = FormProblems(),
                    status: HTTPResponse.Status = .ok) async throws -> HTML {
        let members = try await environment.store.members(organisationID: identity.organisationID)
        return try render("people", PeoplePage(identity: identity, members: members, banner: banner, input: input, problems: problems), status: status)
    }

    @Sendable func addPerson(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(PersonInput.self, from: request, context: context)
        var problems = FormProblems()
        let role = input.role.flatMap(Role.init(rawValue:))
        if FormReading.trimmed(input.name) == nil { problems.add("person-name", "Enter the person's name") }
        if FormReading.trimmed(input.email) == nil { problems.add("person-email", "Enter the person's email address") }
        if role == nil { problems.add("person-role", "Select a role") }
        guard problems.isEmpty, let role else { return try await peoplePage(input: input, problems: problems, status: .badRequest).response() }
        do {
            let (person, created) = try await authentication.addPerson(email: input.email ?? "", name: input.name ?? "", password: nil,
                                                                       role: role, organisationID: identity.organisationID)
            guard created else {
                let banner = PeoplePage.Banner(message: "\(person.email) already had an account; they are now \(role.word.lowercased()) here and sign in with their existing password.")
                return try await peoplePage(banner: banner).response()
            }
            let (token, _) = try await authentication.startPasswordReset(email: person.email)
            let link = Self.siteAddress(request, secure: secure) + "/reset/\(token)"
            let banner = PeoplePage.Banner(message: "\(person.name) has been added as \(role.word.lowercased()). Give them this link to set their password; it works once, within 24 hours:",
                                           link: link)
            return try await peoplePage(banner: banner).response()
        } catch let error as ValidationError {
            problems.add(error.field == "email" ? "person-email" : "person-name", error.message)
            return try await peoplePage(input: input, problems: problems, status: .badRequest).response()
        }
    }

    @Sendable func disablePerson(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let members = try await environment.store.members(organisationID: identity.organisationID)
        guard members.contains(where: { $0.person.id == id }) else { throw StoreError.notFound(entity: "person", id: String(id)) }
        guard id != identity.personID else { throw HTTPError(.badRequest, message: "You cannot disable your own account.") }
        try await environment.store.setDisabled(personID: id, true, at: environment.now())
        return Response(status: .seeOther, headers: [.location: "/people?saved=disabled"])
    }

    /// `https://oversight.example.gov.uk` from the request's Host, for links to hand on.
    static func siteAddress(_ request: Request, secure: Bool) -> String {
        guard let host = request.head.authority, !host.isEmpty else { return "" }
        return (secure ? "https://" : "http://") + host
    }

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws -> HTML {
        try PageFrame.render(template, model, views: environment.views, identity: identity, csrf: session.csrfToken, status: status)
    }
}

struct PasswordChangeInput: Decodable, Sendable {
    var current: String?
    var new: String?
    var confirm: String?
}

struct OrganisationChoiceInput: Decodable, Sendable {
    var organisation: String?
}

struct PersonInput: Decodable, Sendable {
    var name: String?
    var email: String?
    var role: String?
}
