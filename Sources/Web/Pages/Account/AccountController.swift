import Core
import Foundation
import Hummingbird

/// The signed-in person's own account (who they are, their password, signing out) and, for
/// administrators, the people of their organisation.
struct AccountController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let session: Session

    static let routes: [Route<AccountController>] = [
        .init(method: .post, path: .signOut, access: .signedIn) { $0.signOut },
        .page(.get, .account, .signedIn) { $0.account },
        .init(method: .post, path: .accountPassword, access: .signedIn) { $0.changePassword },
        .init(method: .post, path: .signOutEverywhere, access: .signedIn) { $0.signOutEverywhere },
        .init(method: .post, path: .accountOrganisation, access: .signedIn) { $0.chooseOrganisation },
        .init(method: .post, path: .accountInvitation, access: .signedIn) { $0.acceptInvitation },
        .page(.get, .people, .permission(.managePeople)) { $0.people },
        .init(method: .post, path: .people, access: .permission(.managePeople)) { $0.addPerson },
        .init(method: .post, path: .personRemoval(.parameter), access: .permission(.managePeople)) { $0.disablePerson },
        .init(method: .post, path: .accountJobTitle, access: .signedIn) { $0.changeOwnJobTitle },
        .init(method: .post, path: .personJobTitle(.parameter), access: .permission(.managePeople)) { $0.changeJobTitle },
    ]

    var authentication: Authentication { environment.authentication }
    var secure: Bool { environment.security.secureCookies }

    // MARK: Signing out

    @Sendable func signOut(_ request: Request, context: AppContext) async throws -> Response {
        try await authentication.signOut(sessionHash: session.idHash)
        return try await signedOutResponse(done: "signed-out")
    }

    @Sendable func signOutEverywhere(_ request: Request, context: AppContext) async throws -> Response {
        try await authentication.signOutEverywhere(personID: identity.personID)
        return try await signedOutResponse(done: "everywhere")
    }

    /// The sign-in page says the session ended and, for a session started through a provider,
    /// offers that provider's sign-out (`via`); a password session is offered none.
    func signedOutResponse(done: String) async throws -> Response {
        var query = [("done", done)]
        if let provider = SSORules.signOutProvider(origin: session.origin, providers: try await environment.store.ssoProviders()) {
            query.append(("via", provider.slug))
        }
        var response = Response(status: .seeOther, headers: [.location: Path.signIn.href(queryItems: query)])
        response.setCookie(SessionCookie.clear(secure: secure))
        return response
    }

    // MARK: Account

    @Sendable func account(_ request: Request, context: AppContext) async throws -> HTML {
        try await accountPage(saved: request.uri.queryParameters.get("saved"))
    }

    /// `newCalendarAddress` is shown once, just after it is made: only its hash is kept.
    func accountPage(saved: String? = nil, problems: FormProblems = FormProblems(), status: HTTPResponse.Status = .ok,
                     newCalendarAddress: String? = nil, jobTitleInput: String? = nil) async throws -> HTML {
        let memberships = try await environment.store.memberships(personID: identity.personID)
        let calendarLink = try await environment.store.calendarFeedLink(personID: identity.personID, organisationID: identity.organisationID)
        let invitations = try await authentication.invitations(for: identity)
        var page = AccountPage(identity: identity, memberships: memberships, invitations: invitations, saved: saved, problems: problems)
        page.showCalendar(link: calendarLink, newAddress: newCalendarAddress)
        page.showJobTitle(identity.jobTitle, input: jobTitleInput, problems: problems)
        return try render(page, status: status)
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
                return redirect(to: .account, query: "saved=password")
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
        do {
            try await authentication.switchOrganisation(session: session, email: identity.email, to: id)
        } catch let refusal as SSOEntryRefusal {
            // Not audited, like a refused sign-in: nothing changed. The log line names no one.
            context.logger.notice("Switching organisation refused", metadata: ["reason": "\(refusal.code)", "organisation": "\(id)"])
            var problems = FormProblems()
            problems.add("organisation", refusal.message)
            return try await accountPage(problems: problems, status: .badRequest).response()
        }
        return redirect(to: .plans)
    }

    /// Joins the organisation of an invitation for the signed-in person's own email.
    @Sendable func acceptInvitation(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(InvitationChoiceInput.self, from: request, context: context)
        guard let id = input.invitation.flatMap({ Int64($0) }) else {
            throw HTTPError(.badRequest, message: "Choose an invitation to accept")
        }
        _ = try await authentication.acceptInvitation(id: id, by: identity)
        return redirect(to: .account, query: "saved=joined")
    }

    // MARK: People

    @Sendable func people(_ request: Request, context: AppContext) async throws -> HTML {
        let saved: String? = switch request.uri.queryParameters.get("saved") {
        case "removed": "The person no longer has access to \(identity.organisationName) and has been signed out of it. Their account and any other organisations they belong to are not affected."
        case "job-title": "The job title has been saved."
        default: nil
        }
        return try await peoplePage(banner: saved.map { PeoplePage.Banner(message: $0) })
    }

    func peoplePage(banner: PeoplePage.Banner? = nil, input: PersonInput? = nil, problems: FormProblems = FormProblems(),
                    status: HTTPResponse.Status = .ok, jobTitleInput: (id: Int64, text: String)? = nil) async throws -> HTML {
        let members = try await environment.store.members(organisationID: identity.organisationID)
        let invitations = try await environment.store.invitations(organisationID: identity.organisationID, at: environment.now())
        return try render(PeoplePage(identity: identity, members: members, invitations: invitations, banner: banner,
                                     input: input, problems: problems, jobTitleInput: jobTitleInput,
                                     provider: try await environment.store.ssoProvider(organisationID: identity.organisationID),
                                     lastSignIns: try await environment.store.lastSignIns(organisationID: identity.organisationID)),
                          status: status)
    }

    /// Adding someone always makes an invitation, and the answer is the same whether or not the
    /// email already has an account (here or in another organisation): an administrator must not
    /// learn who has accounts elsewhere, nor attach another organisation's person unasked.
    @Sendable func addPerson(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await FormReading.decode(PersonInput.self, from: request, context: context)
        var problems = FormProblems()
        let role = input.role.flatMap(Role.init(rawValue:))
        if FormReading.trimmed(input.name) == nil { problems.add("person-name", "Enter the person's name") }
        if FormReading.trimmed(input.email) == nil { problems.add("person-email", "Enter the person's email address") }
        if role == nil { problems.add("person-role", "Select a role") }
        guard problems.isEmpty, let role else { return try await peoplePage(input: input, problems: problems, status: .badRequest).response() }
        do {
            let (token, invitation) = try await authentication.invite(email: input.email ?? "", name: input.name ?? "", role: role,
                                                                      organisationID: identity.organisationID)
            let link = environment.security.siteAddress + Path.invitation(token: token).href
            let banner = PeoplePage.Banner(message: "\(invitation.email) has been invited to join as \(role.word.lowercased()). Give them this link; it works once, until \(Day.today(now: invitation.expiresAt).formatted). Someone new to Oversight chooses a password with it; someone who already uses Oversight signs in and accepts the invitation on their account page.",
                                           link: link)
            return try await peoplePage(banner: banner).response()
        } catch let error as ValidationError {
            problems.add(error.field == "email" ? "person-email" : "person-name", error.message)
            return try await peoplePage(input: input, problems: problems, status: .badRequest).response()
        }
    }

    /// Ends the person's membership of this organisation only: an administrator here has no say
    /// over their account or their other organisations (the operator disables accounts with
    /// `oversight user disable`).
    @Sendable func disablePerson(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let members = try await environment.store.members(organisationID: identity.organisationID)
        guard members.contains(where: { $0.person.id == id }) else { throw StoreError.notFound(entity: "person", id: String(id)) }
        guard id != identity.personID else { throw HTTPError(.badRequest, message: "You cannot remove yourself from the organisation.") }
        try await environment.store.removeMembership(personID: id, organisationID: identity.organisationID, at: environment.now())
        return redirect(to: .people, query: "saved=removed")
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: session.csrfToken) }
}

struct PasswordChangeInput: Decodable, Sendable {
    var current: String?
    var new: String?
    var confirm: String?
}

struct OrganisationChoiceInput: Decodable, Sendable {
    var organisation: String?
}

struct InvitationChoiceInput: Decodable, Sendable {
    var invitation: String?
}

struct PersonInput: Decodable, Sendable {
    var name: String?
    var email: String?
    var role: String?
}
