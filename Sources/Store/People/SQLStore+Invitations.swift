import Core
import Foundation
import SQLKit

/// Invitations to join an organisation, and the sign-in counters and membership endings that
/// must each be one atomic step.
extension SQLStore {
    // MARK: Sign-in counters

    public func recordFailedSignIn(personID: Int64, rules: SignInRules, at now: Date) async throws -> Person {
        try await gateway.write { db in
            // Read and increment in one statement: two failures checked at once are both counted.
            guard let row = try await db.raw("""
                UPDATE people SET failed_attempts = failed_attempts + 1 WHERE id = \(bind: personID) RETURNING *
                """).first() else {
                throw StoreError.notFound(entity: "person", id: String(personID))
            }
            let counted = try Self.person(from: row)
            let next = rules.afterCountedFailure(counted, at: now)
            if next.failedAttempts != counted.failedAttempts || next.lockedUntil != counted.lockedUntil {
                try await db.raw("""
                    UPDATE people SET failed_attempts = \(bind: next.failedAttempts), locked_until = \(bind: next.lockedUntil.map(Timestamp.string(from:)))
                    WHERE id = \(bind: personID)
                    """).run()
            }
            if let lockedUntil = next.lockedUntil, lockedUntil != counted.lockedUntil {
                try await AuditLog.record(db, organisationID: nil, entity: "person", id: personID, change: .update,
                                          before: AccountInTrail(lockedUntil: counted.lockedUntil), after: AccountInTrail(lockedUntil: lockedUntil))
            }
            return next
        }
    }

    public func recordSuccessfulSignIn(personID: Int64, at now: Date) async throws -> Bool {
        try await gateway.write { db in
            // Timestamps are ISO 8601 in UTC with milliseconds, so they compare as text.
            try await db.raw("""
                UPDATE people SET failed_attempts = 0, locked_until = NULL
                WHERE id = \(bind: personID) AND disabled = 0
                  AND (locked_until IS NULL OR locked_until <= \(bind: Timestamp.string(from: now)))
                RETURNING id
                """).first() != nil
        }
    }

    public func removeMembership(personID: Int64, organisationID: Int64, at now: Date) async throws {
        try await gateway.write { db in try await Self.removeMembership(db, personID: personID, organisationID: organisationID, at: now) }
    }

    /// `removeMembership` inside a caller's transaction (also a single sign-on that no longer maps to a role).
    static func removeMembership(_ db: any SQLDatabase, personID: Int64, organisationID: Int64, at now: Date) async throws {
        do {
            guard let row = try await db.raw("""
                SELECT role FROM memberships WHERE person_id = \(bind: personID) AND organisation_id = \(bind: organisationID)
                """).first() else {
                throw StoreError.notFound(entity: "person", id: String(personID))
            }
            let role = try row.enumeration("role", as: Role.self)
            let person = try await Self.personInTrail(db, id: personID)
            try await db.raw("DELETE FROM memberships WHERE person_id = \(bind: personID) AND organisation_id = \(bind: organisationID)").run()
            try await db.raw("DELETE FROM sessions WHERE person_id = \(bind: personID) AND organisation_id = \(bind: organisationID)").run()
            try await db.raw("DELETE FROM calendar_feed_links WHERE person_id = \(bind: personID) AND organisation_id = \(bind: organisationID)").run()
            try await AuditLog.record(db, organisationID: organisationID, entity: "role", id: personID, change: .delete,
                                      before: RoleInTrail(person: person, role: role.word), after: nil as RoleInTrail?)
            let revoked = try await db.raw("""
                UPDATE api_tokens SET revoked_at = \(bind: Timestamp.string(from: now))
                WHERE person_id = \(bind: personID) AND organisation_id = \(bind: organisationID) AND revoked_at IS NULL
                RETURNING *
                """).all().map(Self.token(from:))
            for token in revoked {
                var before = token
                before.revokedAt = nil
                try await Self.recordTokenChange(db, from: before, to: token)
            }
        }
    }

    // MARK: Invitations

    public func createInvitation(_ invitation: Invitation) async throws -> Invitation {
        try await gateway.write { db in
            guard try await db.raw("SELECT id FROM organisations WHERE id = \(bind: invitation.organisationID)").first() != nil else {
                throw StoreError.notFound(entity: "organisation", id: String(invitation.organisationID))
            }
            let now = invitation.createdAt
            // An earlier open invitation for the same email here ends: only the newest link works.
            let replaced = try await db.raw("""
                SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id
                WHERE i.organisation_id = \(bind: invitation.organisationID) AND i.email = \(bind: invitation.email)
                  AND i.accepted_at IS NULL AND i.expires_at > \(bind: Timestamp.string(from: now))
                """).all().map(Self.invitation(from:))
            for old in replaced {
                try await db.raw("UPDATE invitations SET expires_at = \(bind: Timestamp.string(from: now)) WHERE id = \(bind: old.id)").run()
                try await AuditLog.record(db, organisationID: old.organisationID, entity: "invitation", id: old.id, change: .update,
                                          before: InvitationInTrail(old, status: "open"), after: InvitationInTrail(old, status: "replaced"))
            }
            guard let row = try await db.raw("""
                INSERT INTO invitations (organisation_id, email, name, role, hash, created_at, expires_at, accepted_at)
                VALUES (\(bind: invitation.organisationID), \(bind: invitation.email), \(bind: invitation.name), \(bind: invitation.role.rawValue),
                        \(bind: invitation.hash), \(bind: Timestamp.string(from: invitation.createdAt)),
                        \(bind: Timestamp.string(from: invitation.expiresAt)), NULL)
                RETURNING id
                """).first() else {
                throw StoreError.notFound(entity: "invitation", id: "")
            }
            var stored = invitation
            stored.id = try row.int64("id")
            try await AuditLog.record(db, organisationID: stored.organisationID, entity: "invitation", id: stored.id, change: .create,
                                      before: nil as InvitationInTrail?, after: InvitationInTrail(stored, status: "open"))
            return stored
        }
    }

    public func invitation(hash: String) async throws -> Invitation? {
        try await gateway.read { db in
            try await db.raw("""
                SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id
                WHERE i.hash = \(bind: hash)
                """).first().map(Self.invitation(from:))
        }
    }

    public func invitations(organisationID: Int64, at now: Date) async throws -> [Invitation] {
        try await gateway.read { db in
            try await db.raw("""
                SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id
                WHERE i.organisation_id = \(bind: organisationID) AND i.accepted_at IS NULL AND i.expires_at > \(bind: Timestamp.string(from: now))
                ORDER BY i.id DESC
                """).all().map(Self.invitation(from:))
        }
    }

    public func invitations(email: String, at now: Date) async throws -> [Invitation] {
        try await gateway.read { db in
            try await db.raw("""
                SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id
                WHERE i.email = \(bind: Person.normalisedEmail(email)) AND i.accepted_at IS NULL
                  AND i.expires_at > \(bind: Timestamp.string(from: now))
                ORDER BY o.name, i.id
                """).all().map(Self.invitation(from:))
        }
    }

    public func acceptInvitation(id: Int64, personID: Int64, at now: Date) async throws {
        try await gateway.write { db in
            guard let person = try await db.raw("SELECT email FROM people WHERE id = \(bind: personID)").first(),
                  let row = try await db.raw("""
                    SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id
                    WHERE i.id = \(bind: id)
                    """).first(),
                  case let invitation = try Self.invitation(from: row),
                  invitation.isOpen(at: now), invitation.email == (try person.string("email")) else {
                throw StoreError.notFound(entity: "invitation", id: String(id))
            }
            try await Self.accept(db, invitation, personID: personID, at: now)
        }
    }

    public func acceptInvitationAsNewPerson(hash: String, passwordHash: String, at now: Date) async throws -> Person {
        try await gateway.write { db in
            guard let row = try await db.raw("""
                SELECT i.*, o.name AS organisation_name FROM invitations i JOIN organisations o ON o.id = i.organisation_id
                WHERE i.hash = \(bind: hash)
                """).first(),
                  case let invitation = try Self.invitation(from: row), invitation.isOpen(at: now) else {
                throw StoreError.notFound(entity: "invitation", id: "")
            }
            if try await db.raw("SELECT id FROM people WHERE email = \(bind: invitation.email)").first() != nil {
                throw StoreError.conflict("Someone with the email address \(invitation.email) already has an account")
            }
            guard let created = try await db.raw("""
                INSERT INTO people (email, name, password_hash, disabled, failed_attempts, locked_until, created_at)
                VALUES (\(bind: invitation.email), \(bind: invitation.name), \(bind: passwordHash), 0, 0, NULL, \(bind: Timestamp.string(from: now)))
                RETURNING *
                """).first() else {
                throw StoreError.notFound(entity: "person", id: invitation.email)
            }
            let person = try Self.person(from: created)
            try await AuditLog.record(db, organisationID: nil, entity: "person", id: person.id, change: .create,
                                      before: nil as AccountInTrail?, after: AccountInTrail.created(person))
            try await Self.accept(db, invitation, personID: person.id, at: now)
            return person
        }
    }

    /// Marks the invitation accepted and gives its role (a role held there already changes to it).
    static func accept(_ db: any SQLDatabase, _ invitation: Invitation, personID: Int64, at now: Date) async throws {
        try await db.raw("UPDATE invitations SET accepted_at = \(bind: Timestamp.string(from: now)) WHERE id = \(bind: invitation.id)").run()
        try await AuditLog.record(db, organisationID: invitation.organisationID, entity: "invitation", id: invitation.id, change: .update,
                                  before: InvitationInTrail(invitation, status: "open"), after: InvitationInTrail(invitation, status: "accepted"))
        let stored = try await db.raw("""
            SELECT role FROM memberships WHERE person_id = \(bind: personID) AND organisation_id = \(bind: invitation.organisationID)
            """).first().map { try $0.enumeration("role", as: Role.self) }
        try await db.raw("""
            INSERT INTO memberships (person_id, organisation_id, role)
            VALUES (\(bind: personID), \(bind: invitation.organisationID), \(bind: invitation.role.rawValue))
            ON CONFLICT (person_id, organisation_id) DO UPDATE SET role = excluded.role
            """).run()
        guard stored != invitation.role else { return }
        let person = try await personInTrail(db, id: personID)
        try await AuditLog.record(db, organisationID: invitation.organisationID, entity: "role", id: personID,
                                  change: stored == nil ? .create : .update,
                                  before: stored.map { RoleInTrail(person: person, role: $0.word) },
                                  after: RoleInTrail(person: person, role: invitation.role.word))
    }

    static func invitation(from row: any SQLRow) throws -> Invitation {
        Invitation(id: try row.int64("id"), organisationID: try row.int64("organisation_id"),
                   organisationName: try row.string("organisation_name"), email: try row.string("email"),
                   name: try row.string("name"), role: try row.enumeration("role", as: Role.self), hash: try row.string("hash"),
                   createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"),
                   acceptedAt: try row.optionalDate("accepted_at"))
    }
}
