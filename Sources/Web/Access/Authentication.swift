import Core
import Foundation

/// Signing in and out, sessions, API tokens and password resets: the rules of `SignInRules` and
/// `PasswordRules` applied with a clock, over the people store. The web pages, the API and the
/// command line all go through it, so a rule holds wherever a person comes in.
public struct Authentication: Sendable {
    public var people: any PeopleStore
    public var rules: SignInRules
    public var passwords: PasswordRules
    public var hasher: PasswordHasher
    public var now: @Sendable () -> Date
    /// The organisations' single sign-on, which may forbid passwords; nil where none is set up.
    public var singleSignOn: (any SingleSignOnStore)?
    /// Where refused sign-ins are counted by reason (`/metrics`); nil counts nothing.
    public var metrics: ServerMetrics?

    public init(people: any PeopleStore, rules: SignInRules = SignInRules(), passwords: PasswordRules = .common,
                hasher: PasswordHasher = PasswordHasher(), now: @escaping @Sendable () -> Date = { Date() },
                singleSignOn: (any SingleSignOnStore)? = nil) {
        self.singleSignOn = singleSignOn
        self.people = people
        self.rules = rules
        self.passwords = passwords
        self.hasher = hasher
        self.now = now
    }

    /// The one message for every refused sign-in: it does not say whether the email has an
    /// account, is disabled or is locked.
    public static let refusal = "Enter a correct email address and password. After 5 failed attempts in a row the account is locked for 15 minutes."

    /// A right password for an account whose organisations all require single sign-on.
    public static let ssoRequiredRefusal = "Your organisation signs you in with its own account. Use the ‘Sign in with’ button for your organisation."

    /// A signed-in browser: the token for the cookie (never stored) and the stored session.
    public struct StartedSession: Sendable {
        public var token: String
        public var session: Session
        public var identity: Identity
    }

    public enum SignInOutcome: Sendable {
        case signedIn(StartedSession)
        case refused(String)
        /// Too many attempts from the client's address: wait this many seconds.
        case heldBack(TimeInterval)
    }

    // MARK: Signing in

    /// Checks the email and password and, when they are right, starts a new session in the
    /// person's first organisation (by name). The attempt is admitted by `limit` before the
    /// password is checked, and every failure counts towards the lockout.
    public func signIn(email: String, password: String, from address: String?, limit: SignInRateLimit) async throws -> SignInOutcome {
        switch try await limit.admit(address: address, account: Person.normalisedEmail(email), at: now()) {
        case let .wait(seconds):
            metrics?.signInRefused(.rateLimited)
            return .heldBack(seconds)
        case .refused:
            metrics?.signInRefused(.rateLimited)
            return .refused(Self.refusal)
        case let .admitted(ticket):
            let outcome: SignInOutcome
            do {
                outcome = try await signIn(email: email, password: password)
            } catch {
                await limit.finish(ticket, succeeded: false)
                throw error
            }
            if case .signedIn = outcome {
                await limit.finish(ticket, succeeded: true)
            } else {
                await limit.finish(ticket, succeeded: false)
            }
            return outcome
        }
    }

    /// The check itself, without the limits per address and account: use
    /// `signIn(email:password:from:limit:)` for anything a client sends.
    func signIn(email: String, password: String) async throws -> SignInOutcome {
        let at = now()
        guard let person = try await people.person(email: email) else {
            // Spend the time a real check takes, so timing does not reveal unknown emails.
            try await hasher.spendVerificationTime(password)
            metrics?.signInRefused(.unknownAccount)
            return .refused(Self.refusal)
        }
        if rules.isLocked(person, at: at) || person.isDisabled {
            try await hasher.spendVerificationTime(password)
            metrics?.signInRefused(person.isDisabled ? .disabled : .locked)
            return .refused(Self.refusal)
        }
        guard try await hasher.verify(password, against: person.passwordHash) else {
            try await people.recordFailedSignIn(personID: person.id, rules: rules, at: now())
            metrics?.signInRefused(.wrongPassword)
            return .refused(Self.refusal)
        }
        // Checked again after bcrypt, in the same statement that clears the count: a failure
        // that locked the account while this password was being checked wins.
        guard try await people.recordSuccessfulSignIn(personID: person.id, at: now()) else {
            metrics?.signInRefused(.locked)
            return .refused(Self.refusal)
        }
        let memberships = try await people.memberships(personID: person.id)
        guard !memberships.isEmpty else {
            metrics?.signInRefused(.noOrganisation)
            return .refused("Your account does not belong to any organisation yet. Ask your administrator to give you a role.")
        }
        // Where an organisation requires its own sign-in, a password opens it only for break-glass accounts.
        var allowed = memberships
        if let singleSignOn {
            allowed = []
            for membership in memberships
            where SSORules.mayUsePassword(email: person.email, provider: try await singleSignOn.ssoProvider(organisationID: membership.organisation.id)) {
                allowed.append(membership)
            }
        }
        guard let first = allowed.first else {
            metrics?.signInRefused(.singleSignOnRequired)
            return .refused(Self.ssoRequiredRefusal)
        }
        try await singleSignOn?.recordPasswordSignIn(personID: person.id, at: now())
        return .signedIn(try await startSession(for: person, in: first))
    }

    /// A new session with a fresh random id: the id a browser held before signing in is never
    /// reused (no session fixation).
    public func startSession(for person: Person, in membership: OrganisationRole, origin: SessionOrigin = .password) async throws -> StartedSession {
        let at = now()
        let token = Secrets.randomToken()
        let session = Session(idHash: Secrets.digest(token), personID: person.id, organisationID: membership.organisation.id,
                              createdAt: at, lastSeenAt: at, csrfToken: Secrets.randomToken(), origin: origin)
        try await people.createSession(session)
        return StartedSession(token: token, session: session, identity: Self.identity(person, membership))
    }

    /// The session a cookie's token names, if it is still in force; an idle or too-old session
    /// is deleted. Seeing a session moves its last-seen time (at most once a minute, to spare writes).
    public func session(token: String) async throws -> (Session, Identity)? {
        let hash = Secrets.digest(token)
        guard let session = try await people.session(idHash: hash) else { return nil }
        let at = now()
        guard rules.isActive(session, at: at) else {
            try await people.deleteSession(idHash: hash)
            return nil
        }
        guard let person = try await people.person(id: session.personID), !person.isDisabled,
              let membership = try await people.memberships(personID: person.id).first(where: { $0.organisation.id == session.organisationID })
        else { return nil }
        if at.timeIntervalSince(session.lastSeenAt) >= 60 {
            try await people.touchSession(idHash: hash, at: at, organisationID: nil)
        }
        return (session, Self.identity(person, membership))
    }

    public func signOut(sessionHash: String) async throws {
        try await people.deleteSession(idHash: sessionHash)
    }

    /// Ends every session of the person, on every browser.
    @discardableResult
    public func signOutEverywhere(personID: Int64) async throws -> Int {
        try await people.deleteSessions(personID: personID)
    }

    /// Moves the session to another of the person's organisations. Throws `SSOEntryRefusal`,
    /// changing nothing, when that organisation requires a sign-in the session did not have.
    public func switchOrganisation(session: Session, email: String, to organisationID: Int64) async throws {
        guard let membership = try await people.memberships(personID: session.personID).first(where: { $0.organisation.id == organisationID }) else {
            throw StoreError.notFound(entity: "organisation", id: String(organisationID))
        }
        if let singleSignOn {
            let providers = try await singleSignOn.ssoProviders()
            let originName = SSORules.signOutProvider(origin: session.origin, providers: providers)?.name
            if let refusal = SSORules.entryRefusal(into: membership.organisation.name,
                                                   provider: providers.first { $0.organisationID == organisationID },
                                                   email: email, origin: session.origin, originName: originName) {
                throw refusal
            }
        }
        try await people.touchSession(idHash: session.idHash, at: now(), organisationID: organisationID)
    }

    static func identity(_ person: Person, _ membership: OrganisationRole, role: Role? = nil) -> Identity {
        Identity(personID: person.id, name: person.name, email: person.email, organisationID: membership.organisation.id,
                 organisationName: membership.organisation.name, role: role ?? membership.role, jobTitle: person.jobTitle)
    }

    // MARK: People

    /// Creates an account (or, for an email that has one, adds it to the organisation) with
    /// `role` there: the operator's way in (`oversight user add`), never a web page's, which
    /// invites instead. `password` nil gives an account that cannot sign in until a reset link is used.
    public func addPerson(email: String, name: String, password: String?, role: Role, organisationID: Int64) async throws -> (Person, created: Bool) {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Person.isPlausibleEmail(email) else {
            throw ValidationError(field: "email", message: "Enter an email address in the correct format, like name@example.org")
        }
        guard !trimmedName.isEmpty, trimmedName.count <= 200 else {
            throw ValidationError(field: "name", message: "Enter a name of 200 characters or fewer")
        }
        if let existing = try await people.person(email: email) {
            try await people.setMembership(Membership(personID: existing.id, organisationID: organisationID, role: role))
            return (existing, false)
        }
        let hash: String
        if let password {
            if let problem = passwords.problem(with: password, email: email, name: trimmedName) {
                throw ValidationError(field: "password", message: problem)
            }
            hash = try await hasher.hash(password)
        } else {
            // Not a bcrypt hash: no password matches it.
            hash = "!unset"
        }
        let person = try await people.createPerson(Person(email: email, name: trimmedName, passwordHash: hash, createdAt: now()))
        try await people.setMembership(Membership(personID: person.id, organisationID: organisationID, role: role))
        return (person, true)
    }

    // MARK: Invitations

    /// An invitation for `email` to join the organisation with `role`, made the same way whether
    /// or not the email has an account anywhere: the administrator's answer must not tell them.
    /// Returns the token for the link (shown once; only its hash is stored).
    public func invite(email: String, name: String, role: Role, organisationID: Int64) async throws -> (token: String, invitation: Invitation) {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Person.isPlausibleEmail(email) else {
            throw ValidationError(field: "email", message: "Enter an email address in the correct format, like name@example.org")
        }
        guard !trimmedName.isEmpty, trimmedName.count <= 200 else {
            throw ValidationError(field: "name", message: "Enter a name of 200 characters or fewer")
        }
        let token = Secrets.randomToken()
        let at = now()
        let invitation = try await people.createInvitation(Invitation(
            organisationID: organisationID, email: email, name: trimmedName, role: role, hash: Secrets.digest(token),
            createdAt: at, expiresAt: at.addingTimeInterval(rules.invitationLifetime)))
        return (token, invitation)
    }

    /// The invitation a link names, while it is open.
    public func invitation(token: String) async throws -> Invitation? {
        guard !token.isEmpty, let invitation = try await people.invitation(hash: Secrets.digest(token)),
              invitation.isOpen(at: now()) else { return nil }
        return invitation
    }

    /// Someone new chooses their password from an invitation link: their account is made and
    /// joins the organisation. For an email that already has an account it changes nothing — the
    /// link's holder may be the administrator, who must neither set that account's password nor
    /// learn that it exists — and answers just the same: the person accepts on their account page.
    /// A password the rules refuse is a `ValidationError` either way.
    public func acceptInvitation(token: String, password: String) async throws {
        guard let invitation = try await invitation(token: token) else {
            throw StoreError.notFound(entity: "invitation", id: "")
        }
        if let problem = passwords.problem(with: password, email: invitation.email, name: invitation.name) {
            throw ValidationError(field: "password", message: problem)
        }
        // Hashed in both cases, so the time taken does not tell them apart either.
        let hash = try await hasher.hash(password)
        guard try await people.person(email: invitation.email) == nil else { return }
        do {
            _ = try await people.acceptInvitationAsNewPerson(hash: Secrets.digest(token), passwordHash: hash, at: now())
        } catch StoreError.conflict {
            // The account was made meanwhile (by the operator): as above, nothing changes.
        }
    }

    /// The open invitations for a signed-in person's email, for their account page.
    public func invitations(for identity: Identity) async throws -> [Invitation] {
        try await people.invitations(email: identity.email, at: now())
    }

    /// A signed-in person accepts an invitation for their email: they join its organisation.
    public func acceptInvitation(id: Int64, by identity: Identity) async throws -> Invitation {
        guard let invitation = try await people.invitations(email: identity.email, at: now()).first(where: { $0.id == id }) else {
            throw StoreError.notFound(entity: "invitation", id: String(id))
        }
        try await people.acceptInvitation(id: id, personID: identity.personID, at: now())
        return invitation
    }

    /// Changes a signed-in person's password after checking the current one; ends their other sessions.
    public func changePassword(personID: Int64, current: String, new: String, keepingSession hash: String?) async throws {
        guard let person = try await people.person(id: personID) else { throw StoreError.notFound(entity: "person", id: String(personID)) }
        guard try await hasher.verify(current, against: person.passwordHash) else {
            throw ValidationError(field: "current-password", message: "Your current password is not correct")
        }
        if let problem = passwords.problem(with: new, email: person.email, name: person.name) {
            throw ValidationError(field: "new-password", message: problem)
        }
        try await people.setPassword(personID: personID, passwordHash: try await hasher.hash(new))
        // Other browsers signed in with the old password are signed out; this one stays.
        if let hash, let session = try await people.session(idHash: hash) {
            try await people.deleteSessions(personID: personID)
            try await people.createSession(session)
        } else {
            try await people.deleteSessions(personID: personID)
        }
    }

    // MARK: Password resets

    /// Starts a reset an administrator asked for: returns the one-time token for the link.
    public func startPasswordReset(email: String) async throws -> (token: String, person: Person) {
        guard let person = try await people.person(email: email) else {
            throw StoreError.notFound(entity: "person with email", id: Person.normalisedEmail(email))
        }
        let token = Secrets.randomToken()
        try await people.createPasswordReset(PasswordReset(hash: Secrets.digest(token), personID: person.id,
                                                           expiresAt: now().addingTimeInterval(rules.resetLifetime)))
        return (token, person)
    }

    /// The person a reset link is for, while the link works.
    public func personForReset(token: String) async throws -> Person? {
        guard let reset = try await people.passwordReset(hash: Secrets.digest(token)), reset.isUsable(at: now()) else { return nil }
        return try await people.person(id: reset.personID)
    }

    public func completePasswordReset(token: String, password: String) async throws {
        guard let person = try await personForReset(token: token) else {
            throw StoreError.notFound(entity: "password reset link", id: "")
        }
        if let problem = passwords.problem(with: password, email: person.email, name: person.name) {
            throw ValidationError(field: "password", message: problem)
        }
        try await people.completePasswordReset(hash: Secrets.digest(token), passwordHash: try await hasher.hash(password), at: now())
    }

    // MARK: API tokens

    /// Creates a token acting for the person in the organisation with `role`, which the
    /// person's own role there must cover. Returns the token (shown once) and what is stored.
    public func createToken(email: String, organisationID: Int64, role: Role) async throws -> (token: String, stored: APIToken) {
        guard let person = try await people.person(email: email) else {
            throw StoreError.notFound(entity: "person with email", id: Person.normalisedEmail(email))
        }
        guard let membership = try await people.memberships(personID: person.id).first(where: { $0.organisation.id == organisationID }) else {
            throw ValidationError(field: "organisation", message: "\(person.email) has no role in that organisation")
        }
        guard membership.role.covers(role) else {
            throw ValidationError(field: "role", message: "A token's role may not exceed its person's: \(person.email) is \(membership.role.word.lowercased()) in \(membership.organisation.name), which does not cover \(role.word.lowercased())")
        }
        let token = "ovt_" + Secrets.randomToken()
        let stored = try await people.createToken(APIToken(prefix: String(token.prefix(12)), hash: Secrets.digest(token), personID: person.id,
                                                           organisationID: organisationID, role: role, createdAt: now()))
        return (token, stored)
    }

    /// Who a bearer token acts for, while it is not revoked and its person still holds a role
    /// that covers it.
    public func identity(bearer token: String) async throws -> Identity? {
        guard let stored = try await people.token(hash: Secrets.digest(token)), stored.revokedAt == nil,
              let person = try await people.person(id: stored.personID), !person.isDisabled,
              let membership = try await people.memberships(personID: person.id).first(where: { $0.organisation.id == stored.organisationID }),
              membership.role.covers(stored.role)
        else { return nil }
        return Self.identity(person, membership, role: stored.role)
    }
}

extension PasswordRules {
    /// The rules with the deny list shipped in `Resources/passwords/common-passwords.txt`.
    public static let common: PasswordRules = {
        let url = Views.resources.appendingPathComponent("passwords/common-passwords.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let words = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return PasswordRules(denied: Set(words))
    }()
}
