import Foundation

/// Where people, their memberships, sessions, API tokens and password resets are kept.
/// Implemented by the Store module beside `PlanStore`.
///
/// Lists are scoped to an organisation; a person is global (one account, several
/// organisations), and is reached from an organisation only through a membership there.
/// The store holds only hashes of session ids, tokens and reset links, never the secrets.
public protocol PeopleStore: Sendable {
    // MARK: People and memberships

    /// Stores a new person; an email already taken (in any case) is `StoreError.conflict`.
    func createPerson(_ person: Person) async throws -> Person
    func person(id: Int64) async throws -> Person?
    func person(email: String) async throws -> Person?
    /// Adds the membership, or changes the role of an existing one.
    func setMembership(_ membership: Membership) async throws
    /// The person's organisations and roles there, by organisation name.
    func memberships(personID: Int64) async throws -> [OrganisationRole]
    /// The organisation's members with their roles, by name.
    func members(organisationID: Int64) async throws -> [Member]
    /// Every person with every membership (the command line's `user list`).
    func allMemberships() async throws -> [(person: Person, organisation: Organisation, role: Role)]
    /// Disables or enables the account. Disabling ends every session and revokes every token.
    func setDisabled(personID: Int64, _ disabled: Bool, at now: Date) async throws
    func setPassword(personID: Int64, passwordHash: String) async throws
    /// Sets or (nil) clears the job title, validated by `JobTitle`, with an audit entry; `organisationID`
    /// is where an administrator made the change, nil for a person's own.
    func setJobTitle(personID: Int64, _ jobTitle: String?, organisationID: Int64?) async throws
    /// Saves the failed-attempt count and lock of a person after a sign-in attempt.
    func recordSignInAttempt(personID: Int64, failedAttempts: Int, lockedUntil: Date?) async throws
    /// Counts one failed sign-in with `failed_attempts = failed_attempts + 1 … RETURNING`, so
    /// parallel failures are each counted, and locks the account as `rules` say, in the same
    /// transaction. Returns the person as stored afterwards.
    @discardableResult
    func recordFailedSignIn(personID: Int64, rules: SignInRules, at now: Date) async throws -> Person
    /// After a right password: clears the failed attempts, unless the account was locked or
    /// disabled while the password was being checked — then it changes nothing and answers
    /// false, and the sign-in is refused. One statement, so no failure can slip in between.
    func recordSuccessfulSignIn(personID: Int64, at now: Date) async throws -> Bool
    /// Ends the person's membership of this organisation only: their role there, their sessions
    /// and calendar link there, and their API tokens for it. The account and its other
    /// organisations are untouched. `StoreError.notFound` when they are not a member.
    func removeMembership(personID: Int64, organisationID: Int64, at now: Date) async throws

    // MARK: Invitations

    /// Stores an invitation, replacing an open one for the same email in the organisation
    /// (whose link then stops working).
    func createInvitation(_ invitation: Invitation) async throws -> Invitation
    func invitation(hash: String) async throws -> Invitation?
    /// The organisation's invitations still open at `now`, newest first.
    func invitations(organisationID: Int64, at now: Date) async throws -> [Invitation]
    /// The invitations for this email still open at `now`, by organisation name.
    func invitations(email: String, at now: Date) async throws -> [Invitation]
    /// Gives the person the invitation's role in its organisation and marks it accepted, in one
    /// transaction. `StoreError.notFound` unless it is open and for the person's email.
    func acceptInvitation(id: Int64, personID: Int64, at now: Date) async throws
    /// Someone new: creates their account with `passwordHash` and accepts the invitation, in one
    /// transaction. `StoreError.notFound` unless the invitation is open; `StoreError.conflict`
    /// when the email has an account.
    func acceptInvitationAsNewPerson(hash: String, passwordHash: String, at now: Date) async throws -> Person

    // MARK: Sessions

    func createSession(_ session: Session) async throws
    func session(idHash: String) async throws -> Session?
    /// Moves the session's last-seen time (idle timeout) and, where given, its organisation.
    func touchSession(idHash: String, at: Date, organisationID: Int64?) async throws
    func deleteSession(idHash: String) async throws
    /// Ends every session of the person ("sign out everywhere"); returns how many.
    @discardableResult func deleteSessions(personID: Int64) async throws -> Int

    // MARK: API tokens

    func createToken(_ token: APIToken) async throws -> APIToken
    func token(hash: String) async throws -> APIToken?
    func tokens() async throws -> [APIToken]
    /// Revokes the token with this id, or the one token whose prefix starts with `reference`.
    /// `StoreError.notFound` when none matches, `.conflict` when several do.
    func revokeToken(reference: String, at now: Date) async throws -> APIToken

    // MARK: Calendar feed links

    /// Stores the person's calendar feed link for the organisation, replacing any earlier one
    /// (whose address then stops working).
    func replaceCalendarFeedLink(_ link: CalendarFeedLink) async throws
    func calendarFeedLink(hash: String) async throws -> CalendarFeedLink?
    func calendarFeedLink(personID: Int64, organisationID: Int64) async throws -> CalendarFeedLink?
    /// Revokes the person's link in the organisation, if they have one.
    func deleteCalendarFeedLink(personID: Int64, organisationID: Int64) async throws

    // MARK: Password resets

    func createPasswordReset(_ reset: PasswordReset) async throws
    func passwordReset(hash: String) async throws -> PasswordReset?
    /// Sets the new password, marks the link used, clears the lockout and ends every session,
    /// in one transaction. `StoreError.notFound` when the link is unknown, used or expired.
    func completePasswordReset(hash: String, passwordHash: String, at now: Date) async throws
}
