import Core
import Foundation
import SQLKit

/// Core's `PeopleStore` over SQL: people, memberships, sessions, API tokens and password resets.
extension SQLStore: PeopleStore {
    // MARK: People and memberships

    public func createPerson(_ person: Person) async throws -> Person {
        try await gateway.write { db in
            let email = Person.normalisedEmail(person.email)
            if try await db.raw("SELECT id FROM people WHERE email = \(bind: email)").first() != nil {
                throw StoreError.conflict("Someone with the email address \(email) already has an account")
            }
            let row = try await db.raw("""
                INSERT INTO people (email, name, password_hash, disabled, failed_attempts, locked_until, created_at)
                VALUES (\(bind: email), \(bind: person.name), \(bind: person.passwordHash), \(bind: person.isDisabled ? 1 : 0),
                        \(bind: person.failedAttempts), \(bind: person.lockedUntil.map(Timestamp.string(from:))),
                        \(bind: Timestamp.string(from: person.createdAt)))
                RETURNING id
                """).first()!
            var created = person
            created.id = try row.int64("id")
            created.email = email
            // An account belongs to no one organisation; the trail shows it wherever the person is a member.
            try await AuditLog.record(db, organisationID: nil, entity: "person", id: created.id, change: .create,
                                      before: nil as AccountInTrail?, after: AccountInTrail.created(created))
            return created
        }
    }

    public func person(id: Int64) async throws -> Person? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM people WHERE id = \(bind: id)").first().map(Self.person(from:))
        }
    }

    public func person(email: String) async throws -> Person? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM people WHERE email = \(bind: Person.normalisedEmail(email))").first().map(Self.person(from:))
        }
    }

    public func setMembership(_ membership: Membership) async throws {
        try await gateway.write { db in try await Self.setMembership(db, membership) }
    }

    /// `setMembership` inside a caller's transaction (also a single sign-on applying a mapped role).
    static func setMembership(_ db: any SQLDatabase, _ membership: Membership) async throws {
        do {
            guard try await db.raw("SELECT id FROM organisations WHERE id = \(bind: membership.organisationID)").first() != nil else {
                throw StoreError.notFound(entity: "organisation", id: String(membership.organisationID))
            }
            let stored = try await db.raw("""
                SELECT role FROM memberships WHERE person_id = \(bind: membership.personID) AND organisation_id = \(bind: membership.organisationID)
                """).first().map { try $0.enumeration("role", as: Role.self) }
            try await db.raw("""
                INSERT INTO memberships (person_id, organisation_id, role)
                VALUES (\(bind: membership.personID), \(bind: membership.organisationID), \(bind: membership.role.rawValue))
                ON CONFLICT (person_id, organisation_id) DO UPDATE SET role = excluded.role
                """).run()
            // Adding someone who already has that role changes nothing, so says nothing.
            guard stored != membership.role else { return }
            let person = try await Self.personInTrail(db, id: membership.personID)
            try await AuditLog.record(db, organisationID: membership.organisationID, entity: "role", id: membership.personID,
                                      change: stored == nil ? .create : .update,
                                      before: stored.map { RoleInTrail(person: person, role: $0.word) },
                                      after: RoleInTrail(person: person, role: membership.role.word))
        }
    }

    /// "Sam Okafor <sam.okafor@northmoor.example>", as entries about a person's roles and tokens name them.
    static func personInTrail(_ db: any SQLDatabase, id: Int64) async throws -> String {
        guard let row = try await db.raw("SELECT name, email FROM people WHERE id = \(bind: id)").first() else {
            throw StoreError.notFound(entity: "person", id: String(id))
        }
        return "\(try row.string("name")) <\(try row.string("email"))>"
    }

    public func memberships(personID: Int64) async throws -> [OrganisationRole] {
        try await gateway.read { db in
            try await db.raw("""
                SELECT o.id, o.name, o.kind, m.role FROM memberships m JOIN organisations o ON o.id = m.organisation_id
                WHERE m.person_id = \(bind: personID) ORDER BY o.name
                """).all().map { OrganisationRole(organisation: try Self.organisation(from: $0), role: try $0.enumeration("role", as: Role.self)) }
        }
    }

    public func members(organisationID: Int64) async throws -> [Member] {
        try await gateway.read { db in
            try await db.raw("""
                SELECT p.*, m.role AS membership_role FROM people p JOIN memberships m ON m.person_id = p.id
                WHERE m.organisation_id = \(bind: organisationID) ORDER BY p.name, p.email
                """).all().map { Member(person: try Self.person(from: $0), role: try $0.enumeration("membership_role", as: Role.self)) }
        }
    }

    public func allMemberships() async throws -> [(person: Person, organisation: Organisation, role: Role)] {
        let rows = try await gateway.read { db in
            try await db.raw("""
                SELECT p.*, m.role AS membership_role, o.id AS org_id, o.name AS org_name, o.kind AS org_kind
                FROM people p JOIN memberships m ON m.person_id = p.id JOIN organisations o ON o.id = m.organisation_id
                ORDER BY o.name, p.email
                """).all().map { row in
                    MembershipRow(person: try Self.person(from: row),
                                  organisation: Organisation(id: try row.int64("org_id"), name: try row.string("org_name"),
                                                             kind: try row.enumeration("org_kind", as: Organisation.Kind.self)),
                                  role: try row.enumeration("membership_role", as: Role.self))
                }
        }
        return rows.map { ($0.person, $0.organisation, $0.role) }
    }

    private struct MembershipRow: Sendable {
        var person: Person
        var organisation: Organisation
        var role: Role
    }

    public func setDisabled(personID: Int64, _ disabled: Bool, at now: Date) async throws {
        try await gateway.write { db in
            guard let row = try await db.raw("SELECT disabled FROM people WHERE id = \(bind: personID)").first() else {
                throw StoreError.notFound(entity: "person", id: String(personID))
            }
            let wasDisabled = try row.bool("disabled")
            try await db.raw("UPDATE people SET disabled = \(bind: disabled ? 1 : 0) WHERE id = \(bind: personID)").run()
            if wasDisabled != disabled {
                try await AuditLog.record(db, organisationID: nil, entity: "person", id: personID, change: .update,
                                          before: AccountInTrail(disabled: wasDisabled), after: AccountInTrail(disabled: disabled))
            }
            if disabled {
                try await db.raw("DELETE FROM sessions WHERE person_id = \(bind: personID)").run()
                let revoked = try await db.raw("""
                    UPDATE api_tokens SET revoked_at = \(bind: Timestamp.string(from: now)) WHERE person_id = \(bind: personID) AND revoked_at IS NULL
                    RETURNING *
                    """).all().map(Self.token(from:))
                for token in revoked {
                    var before = token
                    before.revokedAt = nil
                    try await Self.recordTokenChange(db, from: before, to: token)
                }
            }
        }
    }

    public func setPassword(personID: Int64, passwordHash: String) async throws {
        try await gateway.write { db in
            guard let row = try await db.raw("SELECT password_hash FROM people WHERE id = \(bind: personID)").first() else {
                throw StoreError.notFound(entity: "person", id: String(personID))
            }
            try await db.raw("UPDATE people SET password_hash = \(bind: passwordHash) WHERE id = \(bind: personID)").run()
            try await AuditLog.record(db, organisationID: nil, entity: "person", id: personID, change: .update,
                                      before: AccountInTrail(password: AccountInTrail.password(try row.string("password_hash"))),
                                      after: AccountInTrail(password: "changed"))
        }
    }

    /// Failed attempts are not in the audit trail (a guessing script would flood it), but the
    /// lock they lead to is: an administrator asked "why could Sam not sign in" finds it there,
    /// with the address the attempts came from.
    public func recordSignInAttempt(personID: Int64, failedAttempts: Int, lockedUntil: Date?) async throws {
        try await gateway.write { db in
            guard let row = try await db.raw("SELECT locked_until FROM people WHERE id = \(bind: personID)").first() else {
                throw StoreError.notFound(entity: "person", id: String(personID))
            }
            let stored = try row.optionalDate("locked_until")
            try await db.raw("""
                UPDATE people SET failed_attempts = \(bind: failedAttempts), locked_until = \(bind: lockedUntil.map(Timestamp.string(from:)))
                WHERE id = \(bind: personID)
                """).run()
            if let lockedUntil, lockedUntil != stored {
                try await AuditLog.record(db, organisationID: nil, entity: "person", id: personID, change: .update,
                                          before: AccountInTrail(lockedUntil: stored), after: AccountInTrail(lockedUntil: lockedUntil))
            }
        }
    }

    static func person(from row: any SQLRow) throws -> Person {
        Person(id: try row.int64("id"), email: try row.string("email"), name: try row.string("name"),
               passwordHash: try row.string("password_hash"), isDisabled: try row.bool("disabled"),
               failedAttempts: try row.int("failed_attempts"), lockedUntil: try row.optionalDate("locked_until"),
               createdAt: try row.date("created_at"), jobTitle: try row.optionalString("job_title"))
    }

    // MARK: Sessions

    public func createSession(_ session: Session) async throws {
        try await gateway.write { db in
            try await db.raw("""
                INSERT INTO sessions (id, person_id, organisation_id, created_at, last_seen_at, csrf_token, sign_in_method, sso_provider_id)
                VALUES (\(bind: session.idHash), \(bind: session.personID), \(bind: session.organisationID),
                        \(bind: Timestamp.string(from: session.createdAt)), \(bind: Timestamp.string(from: session.lastSeenAt)),
                        \(bind: session.csrfToken), \(bind: Self.methodColumn(session.origin)), \(bind: Self.providerColumn(session.origin)))
                """).run()
        }
    }

    public func session(idHash: String) async throws -> Session? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM sessions WHERE id = \(bind: idHash)").first().map { row in
                Session(idHash: try row.string("id"), personID: try row.int64("person_id"), organisationID: try row.int64("organisation_id"),
                        createdAt: try row.date("created_at"), lastSeenAt: try row.date("last_seen_at"), csrfToken: try row.string("csrf_token"),
                        origin: try Self.sessionOrigin(from: row))
            }
        }
    }

    static func methodColumn(_ origin: SessionOrigin) -> String {
        switch origin {
        case .password: "password"
        case .singleSignOn: "sso"
        }
    }

    static func providerColumn(_ origin: SessionOrigin) -> Int64? {
        if case let .singleSignOn(providerID) = origin { return providerID }
        return nil
    }

    static func sessionOrigin(from row: any SQLRow) throws -> SessionOrigin {
        switch try row.string("sign_in_method") {
        case "password": return .password
        case "sso": return .singleSignOn(providerID: try row.optionalInt64("sso_provider_id"))
        case let other: throw StoredValueError(column: "sign_in_method", value: String(other.prefix(80)))
        }
    }

    public func touchSession(idHash: String, at: Date, organisationID: Int64?) async throws {
        try await gateway.write { db in
            if let organisationID {
                try await db.raw("UPDATE sessions SET last_seen_at = \(bind: Timestamp.string(from: at)), organisation_id = \(bind: organisationID) WHERE id = \(bind: idHash)").run()
            } else {
                try await db.raw("UPDATE sessions SET last_seen_at = \(bind: Timestamp.string(from: at)) WHERE id = \(bind: idHash)").run()
            }
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await gateway.write { db in
            try await db.raw("DELETE FROM sessions WHERE id = \(bind: idHash)").run()
        }
    }

    @discardableResult
    public func deleteSessions(personID: Int64) async throws -> Int {
        try await gateway.write { db in
            let count = try await db.raw("SELECT COUNT(*) AS n FROM sessions WHERE person_id = \(bind: personID)").first()!.int("n")
            try await db.raw("DELETE FROM sessions WHERE person_id = \(bind: personID)").run()
            return count
        }
    }

    // MARK: API tokens

    public func createToken(_ token: APIToken) async throws -> APIToken {
        try await gateway.write { db in
            let row = try await db.raw("""
                INSERT INTO api_tokens (prefix, hash, person_id, organisation_id, role, created_at, revoked_at)
                VALUES (\(bind: token.prefix), \(bind: token.hash), \(bind: token.personID), \(bind: token.organisationID),
                        \(bind: token.role.rawValue), \(bind: Timestamp.string(from: token.createdAt)), NULL)
                RETURNING id
                """).first()!
            var created = token
            created.id = try row.int64("id")
            try await AuditLog.record(db, organisationID: created.organisationID, entity: "API token", id: created.id, change: .create,
                                      before: nil as TokenInTrail?, after: TokenInTrail(created, person: try await Self.personInTrail(db, id: created.personID)))
            return created
        }
    }

    public func token(hash: String) async throws -> APIToken? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM api_tokens WHERE hash = \(bind: hash)").first().map(Self.token(from:))
        }
    }

    public func tokens() async throws -> [APIToken] {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM api_tokens ORDER BY id").all().map(Self.token(from:))
        }
    }

    public func revokeToken(reference: String, at now: Date) async throws -> APIToken {
        try await gateway.write { db in
            var rows: [any SQLRow]
            if let id = Int64(reference) {
                rows = try await db.raw("SELECT * FROM api_tokens WHERE id = \(bind: id)").all()
            } else {
                rows = []
            }
            if rows.isEmpty, reference.count >= 6 {
                // Prefixes are stored whole; match the start typed, escaping LIKE's wildcards.
                let escaped = reference.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                rows = try await db.raw("SELECT * FROM api_tokens WHERE prefix LIKE \(bind: escaped + "%") ESCAPE '\\' OR \(bind: reference) LIKE prefix || '%'").all()
            }
            guard !rows.isEmpty else { throw StoreError.notFound(entity: "API token", id: reference) }
            guard rows.count == 1 else { throw StoreError.conflict("\(rows.count) tokens start with '\(reference)'; give more of the token or its id") }
            let stored = try Self.token(from: rows[0])
            guard stored.revokedAt == nil else { return stored }
            try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: Timestamp.string(from: now)) WHERE id = \(bind: stored.id)").run()
            var token = stored
            token.revokedAt = now
            try await Self.recordTokenChange(db, from: stored, to: token)
            return token
        }
    }

    static func recordTokenChange(_ db: any SQLDatabase, from stored: APIToken, to token: APIToken) async throws {
        let person = try await personInTrail(db, id: token.personID)
        try await AuditLog.record(db, organisationID: token.organisationID, entity: "API token", id: token.id, change: .update,
                                  before: TokenInTrail(stored, person: person), after: TokenInTrail(token, person: person))
    }

    static func token(from row: any SQLRow) throws -> APIToken {
        APIToken(id: try row.int64("id"), prefix: try row.string("prefix"), hash: try row.string("hash"),
                 personID: try row.int64("person_id"), organisationID: try row.int64("organisation_id"),
                 role: try row.enumeration("role", as: Role.self), createdAt: try row.date("created_at"),
                 revokedAt: try row.optionalDate("revoked_at"))
    }

    // MARK: Password resets

    public func createPasswordReset(_ reset: PasswordReset) async throws {
        try await gateway.write { db in
            try await db.raw("""
                INSERT INTO password_resets (hash, person_id, expires_at, used_at)
                VALUES (\(bind: reset.hash), \(bind: reset.personID), \(bind: Timestamp.string(from: reset.expiresAt)), NULL)
                """).run()
            try await AuditLog.record(db, organisationID: nil, entity: "person", id: reset.personID, change: .update,
                                      before: AccountInTrail(), after: AccountInTrail(passwordReset: "started", resetLinkExpiresAt: reset.expiresAt))
        }
    }

    public func passwordReset(hash: String) async throws -> PasswordReset? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM password_resets WHERE hash = \(bind: hash)").first().map(Self.reset(from:))
        }
    }

    public func completePasswordReset(hash: String, passwordHash: String, at now: Date) async throws {
        try await gateway.write { db in
            guard let row = try await db.raw("SELECT * FROM password_resets WHERE hash = \(bind: hash)").first(),
                  case let reset = try Self.reset(from: row), reset.isUsable(at: now) else {
                throw StoreError.notFound(entity: "password reset link", id: "")
            }
            guard let person = try await db.raw("SELECT password_hash, locked_until FROM people WHERE id = \(bind: reset.personID)").first() else {
                throw StoreError.notFound(entity: "person", id: String(reset.personID))
            }
            try await db.raw("UPDATE password_resets SET used_at = \(bind: Timestamp.string(from: now)) WHERE hash = \(bind: hash)").run()
            try await db.raw("""
                UPDATE people SET password_hash = \(bind: passwordHash), failed_attempts = 0, locked_until = NULL
                WHERE id = \(bind: reset.personID)
                """).run()
            try await db.raw("DELETE FROM sessions WHERE person_id = \(bind: reset.personID)").run()
            try await AuditLog.record(db, organisationID: nil, entity: "person", id: reset.personID, change: .update,
                                      before: AccountInTrail(password: AccountInTrail.password(try person.string("password_hash")),
                                                             passwordReset: "started", lockedUntil: try person.optionalDate("locked_until")),
                                      after: AccountInTrail(password: "changed", passwordReset: "completed"))
        }
    }

    static func reset(from row: any SQLRow) throws -> PasswordReset {
        PasswordReset(hash: try row.string("hash"), personID: try row.int64("person_id"),
                      expiresAt: try row.date("expires_at"), usedAt: try row.optionalDate("used_at"))
    }
}

extension SQLRow {
    func date(_ column: String) throws -> Date {
        let text = try string(column)
        guard let date = Timestamp.date(from: text) else { throw StoredValueError(column: column, value: text) }
        return date
    }

    func optionalDate(_ column: String) throws -> Date? {
        guard let text = try optionalString(column) else { return nil }
        guard let date = Timestamp.date(from: text) else { throw StoredValueError(column: column, value: text) }
        return date
    }
}
