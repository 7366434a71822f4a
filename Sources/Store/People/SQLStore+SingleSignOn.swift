import Core
import Foundation
import SQLKit

/// Core's `SingleSignOnStore` over SQL: providers, external identities, pending sign-ins, and a
/// verified sign-in applied to the account in one transaction.
extension SQLStore: SingleSignOnStore {
    // MARK: Providers

    public func addSSOProvider(_ provider: SSOProvider) async throws -> SSOProvider {
        try await gateway.write { db in
            guard try await db.raw("SELECT id FROM organisations WHERE id = \(bind: provider.organisationID)").first() != nil else {
                throw StoreError.notFound(entity: "organisation", id: String(provider.organisationID))
            }
            if try await db.raw("SELECT id FROM sso_providers WHERE slug = \(bind: provider.slug)").first() != nil {
                throw StoreError.conflict("A single sign-on provider is already called \(provider.slug)")
            }
            if try await db.raw("SELECT id FROM sso_providers WHERE organisation_id = \(bind: provider.organisationID)").first() != nil {
                throw StoreError.conflict("The organisation already has a single sign-on provider: remove it first")
            }
            return try await Self.insertSSOProvider(db, provider)
        }
    }

    public func saveSSOProviders(_ providers: [SSOProvider]) async throws -> [SSOSaveOutcome] {
        try await gateway.write { db in
            var outcomes: [SSOSaveOutcome] = []
            for provider in providers {
                guard try await db.raw("SELECT id FROM organisations WHERE id = \(bind: provider.organisationID)").first() != nil else {
                    throw StoreError.notFound(entity: "organisation", id: String(provider.organisationID))
                }
                let existing = try await db.raw("SELECT * FROM sso_providers WHERE organisation_id = \(bind: provider.organisationID)")
                    .first().map(Self.ssoProvider(from:))
                if let bySlug = try await db.raw("SELECT organisation_id FROM sso_providers WHERE slug = \(bind: provider.slug)").first(),
                   try bySlug.int64("organisation_id") != provider.organisationID {
                    throw StoreError.conflict("Another organisation's single sign-on is already called \(provider.slug)")
                }
                guard let existing else {
                    outcomes.append(.created(try await Self.insertSSOProvider(db, provider)))
                    continue
                }
                guard existing.slug == provider.slug else {
                    throw StoreError.conflict("The organisation's single sign-on is called \(existing.slug): change that one, or remove it first")
                }
                var replacement = provider
                replacement.id = existing.id
                replacement.createdAt = existing.createdAt
                if SSOProviderInTrail(replacement) == SSOProviderInTrail(existing) {
                    outcomes.append(.unchanged(existing))
                    continue
                }
                try await db.raw("""
                    UPDATE sso_providers SET name = \(bind: replacement.name), issuer = \(bind: replacement.issuer),
                        client_id = \(bind: replacement.clientID), secret_source = \(bind: replacement.secret.description),
                        scopes = \(bind: try JSONCoding.text(replacement.scopes)), key_claim = \(bind: replacement.keyClaim.rawValue),
                        group_claim = \(bind: replacement.groupClaim), mappings = \(bind: try JSONCoding.text(replacement.mappings)),
                        just_in_time = \(bind: replacement.justInTime ? 1 : 0), allow_local_accounts = \(bind: replacement.allowLocalAccounts ? 1 : 0),
                        sso_required = \(bind: replacement.ssoRequired ? 1 : 0), break_glass = \(bind: try JSONCoding.text(replacement.breakGlass))
                    WHERE id = \(bind: existing.id)
                    """).run()
                if existing.issuer != replacement.issuer {
                    // Accounts at the old issuer are not accounts at the new one: as when the provider is removed.
                    try await db.raw("""
                        DELETE FROM external_identities WHERE issuer = \(bind: existing.issuer) AND organisation_id = \(bind: existing.organisationID)
                        """).run()
                }
                try await AuditLog.record(db, organisationID: replacement.organisationID, entity: "single sign-on provider", id: replacement.id,
                                          change: .update, before: SSOProviderInTrail(existing), after: SSOProviderInTrail(replacement))
                outcomes.append(.replaced(replacement))
            }
            return outcomes
        }
    }

    public func ssoProviders() async throws -> [SSOProvider] {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM sso_providers ORDER BY name, slug").all().map(Self.ssoProvider(from:))
        }
    }

    public func ssoProvider(slug: String) async throws -> SSOProvider? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM sso_providers WHERE slug = \(bind: slug)").first().map(Self.ssoProvider(from:))
        }
    }

    public func ssoProvider(organisationID: Int64) async throws -> SSOProvider? {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM sso_providers WHERE organisation_id = \(bind: organisationID)").first().map(Self.ssoProvider(from:))
        }
    }

    public func removeSSOProvider(slug: String) async throws {
        try await gateway.write { db in
            guard let provider = try await db.raw("SELECT * FROM sso_providers WHERE slug = \(bind: slug)").first().map(Self.ssoProvider(from:)) else {
                throw StoreError.notFound(entity: "single sign-on provider", id: slug)
            }
            try await db.raw("""
                DELETE FROM external_identities WHERE issuer = \(bind: provider.issuer) AND organisation_id = \(bind: provider.organisationID)
                """).run()
            try await db.raw("DELETE FROM sso_pending_sign_ins WHERE provider_id = \(bind: provider.id)").run()
            try await db.raw("DELETE FROM sso_providers WHERE id = \(bind: provider.id)").run()
            try await AuditLog.record(db, organisationID: provider.organisationID, entity: "single sign-on provider", id: provider.id,
                                      change: .delete, before: SSOProviderInTrail(provider), after: nil as SSOProviderInTrail?)
        }
    }


    static func insertSSOProvider(_ db: any SQLDatabase, _ provider: SSOProvider) async throws -> SSOProvider {
        guard let row = try await db.raw("""
            INSERT INTO sso_providers (organisation_id, slug, name, issuer, client_id, secret_source, scopes, key_claim, group_claim,
                                       mappings, just_in_time, allow_local_accounts, sso_required, break_glass, created_at)
            VALUES (\(bind: provider.organisationID), \(bind: provider.slug), \(bind: provider.name), \(bind: provider.issuer),
                    \(bind: provider.clientID), \(bind: provider.secret.description), \(bind: try JSONCoding.text(provider.scopes)),
                    \(bind: provider.keyClaim.rawValue), \(bind: provider.groupClaim), \(bind: try JSONCoding.text(provider.mappings)),
                    \(bind: provider.justInTime ? 1 : 0), \(bind: provider.allowLocalAccounts ? 1 : 0), \(bind: provider.ssoRequired ? 1 : 0),
                    \(bind: try JSONCoding.text(provider.breakGlass)), \(bind: Timestamp.string(from: provider.createdAt)))
            RETURNING id
            """).first() else { throw StoreError.conflict("The provider was not stored") }
        var stored = provider
        stored.id = try row.int64("id")
        try await AuditLog.record(db, organisationID: stored.organisationID, entity: "single sign-on provider", id: stored.id,
                                  change: .create, before: nil as SSOProviderInTrail?, after: SSOProviderInTrail(stored))
        return stored
    }

    static func ssoProvider(from row: any SQLRow) throws -> SSOProvider {
        let source = try row.string("secret_source")
        guard let secret = SSOSecretSource(source) else { throw StoredValueError(column: "secret_source", value: String(source.prefix(80))) }
        return SSOProvider(id: try row.int64("id"), organisationID: try row.int64("organisation_id"), slug: try row.string("slug"),
                           name: try row.string("name"), issuer: try row.string("issuer"), clientID: try row.string("client_id"),
                           secret: secret, scopes: try row.json("scopes", as: [String].self),
                           keyClaim: try row.enumeration("key_claim", as: SSOKeyClaim.self), groupClaim: try row.string("group_claim"),
                           mappings: try row.json("mappings", as: [SSORoleMapping].self), justInTime: try row.bool("just_in_time"),
                           allowLocalAccounts: try row.bool("allow_local_accounts"), ssoRequired: try row.bool("sso_required"),
                           breakGlass: try row.json("break_glass", as: [String].self), createdAt: try row.date("created_at"))
    }

    // MARK: Pending sign-ins

    public func createPendingSSOSignIn(_ pending: PendingSSOSignIn) async throws {
        try await gateway.write { db in
            // Abandoned sign-ins are cleared as new ones start, so the table stays small.
            try await db.raw("DELETE FROM sso_pending_sign_ins WHERE expires_at < \(bind: Timestamp.string(from: pending.createdAt))").run()
            try await db.raw("""
                INSERT INTO sso_pending_sign_ins (state_hash, provider_id, nonce, code_verifier, next, created_at, expires_at)
                VALUES (\(bind: pending.stateHash), \(bind: pending.providerID), \(bind: pending.nonce), \(bind: pending.codeVerifier),
                        \(bind: pending.next), \(bind: Timestamp.string(from: pending.createdAt)), \(bind: Timestamp.string(from: pending.expiresAt)))
                """).run()
        }
    }

    public func consumePendingSSOSignIn(stateHash: String, at now: Date) async throws -> PendingSSOSignIn? {
        try await gateway.write { db in
            let at = Timestamp.string(from: now)
            return try await db.raw("""
                UPDATE sso_pending_sign_ins SET used_at = \(bind: at)
                WHERE state_hash = \(bind: stateHash) AND used_at IS NULL AND expires_at > \(bind: at)
                RETURNING *
                """).first().map { row in
                    PendingSSOSignIn(stateHash: try row.string("state_hash"), providerID: try row.int64("provider_id"),
                                     nonce: try row.string("nonce"), codeVerifier: try row.string("code_verifier"),
                                     next: try row.optionalString("next"), createdAt: try row.date("created_at"),
                                     expiresAt: try row.date("expires_at"))
                }
        }
    }

    // MARK: External identities and sign-ins

    public func externalIdentity(issuer: String, subject: String, organisationID: Int64) async throws -> ExternalIdentity? {
        try await gateway.read { db in
            try await db.raw("""
                SELECT * FROM external_identities
                WHERE issuer = \(bind: issuer) AND subject = \(bind: subject) AND organisation_id = \(bind: organisationID)
                """).first().map { row in
                    ExternalIdentity(issuer: try row.string("issuer"), subject: try row.string("subject"),
                                     organisationID: try row.int64("organisation_id"), personID: try row.int64("person_id"),
                                     lastSignInAt: try row.optionalDate("last_sign_in_at"))
                }
        }
    }

    public func applySSOSignIn(provider: SSOProvider, claims: SSOClaims, personID: Int64?, email: String, name: String,
                               plan: SSOSignInPlan, at now: Date) async throws -> Person {
        try await gateway.write { db in
            let at = Timestamp.string(from: now)
            var id: Int64
            if plan.createAccount {
                let normalised = Person.normalisedEmail(email)
                if try await db.raw("SELECT id FROM people WHERE email = \(bind: normalised)").first() != nil {
                    throw StoreError.conflict("Someone with the email address \(normalised) already has an account")
                }
                // Not a bcrypt hash: no password matches it, so the account signs in only through the provider.
                guard let row = try await db.raw("""
                    INSERT INTO people (email, name, password_hash, disabled, failed_attempts, created_at)
                    VALUES (\(bind: normalised), \(bind: name), 'single-sign-on', 0, 0, \(bind: at))
                    RETURNING *
                    """).first() else { throw StoreError.conflict("The account was not stored") }
                let person = try Self.person(from: row)
                id = person.id
                try await AuditLog.record(db, organisationID: provider.organisationID, entity: "person", id: id, change: .create,
                                          before: nil as AccountInTrail?, after: AccountInTrail.created(person))
            } else if let personID {
                id = personID
            } else {
                throw StoreError.notFound(entity: "person", id: "")
            }
            try await db.raw("""
                INSERT INTO external_identities (issuer, subject, organisation_id, person_id, created_at, last_sign_in_at)
                VALUES (\(bind: claims.issuer), \(bind: claims.subject), \(bind: provider.organisationID), \(bind: id), \(bind: at), \(bind: at))
                ON CONFLICT (issuer, subject, organisation_id) DO UPDATE SET last_sign_in_at = excluded.last_sign_in_at
                """).run()
            if let role = plan.setRole {
                try await Self.setMembership(db, Membership(personID: id, organisationID: provider.organisationID, role: role))
            } else if plan.removeRole {
                try await Self.removeMembership(db, personID: id, organisationID: provider.organisationID, at: now)
            }
            if plan.signsIn {
                try await db.raw("""
                    UPDATE people SET last_sign_in_at = \(bind: at), last_sign_in_method = \(bind: provider.name) WHERE id = \(bind: id)
                    """).run()
                try await AuditLog.record(db, organisationID: provider.organisationID, entity: "sign-in", id: id, change: .create,
                                          before: nil as SignInInTrail?,
                                          after: SignInInTrail(person: try await Self.personInTrail(db, id: id), method: provider.name))
            }
            guard let row = try await db.raw("SELECT * FROM people WHERE id = \(bind: id)").first() else {
                throw StoreError.notFound(entity: "person", id: String(id))
            }
            return try Self.person(from: row)
        }
    }

    public func recordPasswordSignIn(personID: Int64, at now: Date) async throws {
        try await gateway.write { db in
            try await db.raw("""
                UPDATE people SET last_sign_in_at = \(bind: Timestamp.string(from: now)), last_sign_in_method = 'password'
                WHERE id = \(bind: personID)
                """).run()
        }
    }

    public func lastSignIns(organisationID: Int64) async throws -> [Int64: SignInRecord] {
        try await gateway.read { db in
            var records: [Int64: SignInRecord] = [:]
            for row in try await db.raw("""
                SELECT p.id, p.last_sign_in_at, p.last_sign_in_method FROM people p JOIN memberships m ON m.person_id = p.id
                WHERE m.organisation_id = \(bind: organisationID) AND p.last_sign_in_at IS NOT NULL
                """).all() {
                guard let at = try row.optionalDate("last_sign_in_at") else { continue }
                records[try row.int64("id")] = SignInRecord(at: at, method: try row.optionalString("last_sign_in_method") ?? "password")
            }
            return records
        }
    }
}

/// A provider as the audit trail records it: never a secret, only where it is read from.
struct SSOProviderInTrail: Encodable, Equatable {
    var name: String
    var slug: String
    var issuer: String
    var clientID: String
    var secretReadFrom: String
    var scopes: [String]
    var keyClaim: String
    var groupClaim: String
    var mappings: [String]
    var justInTime: Bool
    var allowLocalAccounts: Bool
    var ssoRequired: Bool
    var breakGlass: [String]

    init(_ provider: SSOProvider) {
        name = provider.name
        slug = provider.slug
        issuer = provider.issuer
        clientID = provider.clientID
        secretReadFrom = provider.secret.description
        scopes = provider.scopes
        keyClaim = provider.keyClaim.rawValue
        groupClaim = provider.groupClaim
        mappings = provider.mappings.map { "\($0.group) → \($0.role.word)" }
        justInTime = provider.justInTime
        allowLocalAccounts = provider.allowLocalAccounts
        ssoRequired = provider.ssoRequired
        breakGlass = provider.breakGlass
    }
}

/// A sign-in through a provider, as the trail records it.
struct SignInInTrail: Encodable {
    var person: String
    var method: String
}
