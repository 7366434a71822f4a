import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import SQLKit
import Testing
@testable import Web

/// Sessions remember how they were started (migration 23): switching organisation keeps to the
/// organisation's own sign-in, and signing out offers only the provider the session came through.
@Suite("Single sign-on sessions")
struct SingleSignOnSessionTests {
    /// Northmoor (the test organisation, no provider) and two more, each with its provider.
    struct World {
        var council: Organisation
        var councilProvider: SSOProvider
        var police: Organisation
        var policeProvider: SSOProvider
    }

    static func world(_ environment: AppEnvironment, _ store: SQLStore, councilRequires: Bool, breakGlass: [String] = []) async throws -> World {
        let council = try await store.createOrganisation(Organisation(name: "Eastvale Council"))
        let police = try await store.createOrganisation(Organisation(name: "Eastvale Police", kind: .partnership))
        let councilProvider = try await store.addSSOProvider(SSOProvider(
            organisationID: council.id, slug: "eastvale", name: "Eastvale Council", issuer: "https://login.eastvale.example",
            clientID: "oversight", secret: .environment("OVERSIGHT_TEST_UNUSED"),
            mappings: Role.allCases.map { SSORoleMapping(group: $0.rawValue, role: $0) }, justInTime: true,
            allowLocalAccounts: !councilRequires, ssoRequired: councilRequires, breakGlass: breakGlass))
        let policeProvider = try await store.addSSOProvider(SSOProvider(
            organisationID: police.id, slug: "police", name: "Eastvale Police", issuer: "https://login.police.example",
            clientID: "oversight", secret: .environment("OVERSIGHT_TEST_UNUSED"),
            mappings: Role.allCases.map { SSORoleMapping(group: $0.rawValue, role: $0) }, justInTime: true))
        return World(council: council, councilProvider: councilProvider, police: police, policeProvider: policeProvider)
    }

    static func switchTo(_ client: any TestClientProtocol, _ credentials: TestCredentials, _ organisationID: Int64) async throws -> TestResponse {
        try await SignedInClient(base: client, credentials: credentials).execute(
            uri: Path.accountOrganisation.href, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "organisation=\(organisationID)"))
    }

    static func sessionOrganisation(_ store: SQLStore, _ credentials: TestCredentials) async throws -> Int64? {
        try await store.session(idHash: Secrets.digest(credentials.sessionToken))?.organisationID
    }

    @Test("A password session may not move into an organisation that requires single sign-on, unless the person is a break-glass account")
    func passwordSessionRefused() async throws {
        try await withTestApp(as: nil) { client, environment, store in
            let world = try await Self.world(environment, store, councilRequires: true, breakGlass: ["glass@eastvale.example"])
            let person = try await TestPeople.credentials(environment, role: .editor, name: "Pat Password")
            try await store.setMembership(Membership(personID: person.person.id, organisationID: world.council.id, role: .viewer))

            let refused = try await Self.switchTo(client, person, world.council.id)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("<title>Error: Your account"))
            #expect(refused.text.contains(##"href="#organisation""##), "the error summary links to the field")
            #expect(refused.text.contains("Eastvale Council requires you to sign in with Eastvale Council, not a password"))
            #expect(refused.text.contains(#"id="organisation-error""#))
            #expect(try await Self.sessionOrganisation(store, person) == environment.organisationID, "nothing changed")

            // A break-glass account of the council may: a password would open it anyway.
            let (glassPerson, _) = try await environment.authentication.addPerson(
                email: "glass@eastvale.example", name: "Glass", password: TestPeople.password, role: .administrator, organisationID: environment.organisationID)
            try await store.setMembership(Membership(personID: glassPerson.id, organisationID: world.council.id, role: .administrator))
            var glass = person
            glass.person = glassPerson
            glass.identity.organisationID = environment.organisationID
            glass = try await TestPeople.newSession(environment, glass)
            let allowed = try await Self.switchTo(client, glass, world.council.id)
            #expect(allowed.status == .seeOther)
            #expect(try await Self.sessionOrganisation(store, glass) == world.council.id)

            // Into an organisation with no provider, or one that allows passwords: as before.
            let police = try await Self.switchTo(client, person, world.police.id)
            #expect(police.status == .notFound, "not a member of the police")
        }
    }

    @Test("A session through one provider may not move into an organisation whose provider is another; through that one it may")
    func otherProviderRefused() async throws {
        try await withTestApp(as: nil) { client, environment, store in
            let world = try await Self.world(environment, store, councilRequires: true)
            // A police officer on the council's board: signed in through the police's provider.
            let officer = try await TestPeople.singleSignOnCredentials(environment, role: .viewer, name: "Officer Dibble", provider: world.policeProvider)
            #expect(try await store.session(idHash: Secrets.digest(officer.sessionToken))?.origin == .singleSignOn(providerID: world.policeProvider.id))
            try await store.setMembership(Membership(personID: officer.person.id, organisationID: world.council.id, role: .boardMember))

            let refused = try await Self.switchTo(client, officer, world.council.id)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("You signed in with Eastvale Police. Eastvale Council requires you to sign in with Eastvale Council"))
            #expect(try await Self.sessionOrganisation(store, officer) == world.police.id)

            // Signed in through the council's own provider, the same person may.
            let claims = SSOClaims(issuer: world.councilProvider.issuer, subject: "dibble-at-council", audience: ["oversight"], expiresAt: nil,
                                   issuedAt: nil, nonce: nil, email: officer.person.email, emailVerified: true, name: "Officer Dibble",
                                   groups: [Role.boardMember.rawValue])
            let started = try await environment.singleSignOn.signIn(claims, provider: world.councilProvider)
            var throughCouncil = officer
            throughCouncil.sessionToken = started.token
            throughCouncil.csrf = started.session.csrfToken
            // Back to the police from the council's session: the police allow passwords, so any way in will do.
            let toPolice = try await Self.switchTo(client, throughCouncil, world.police.id)
            #expect(toPolice.status == .seeOther)
            let back = try await Self.switchTo(client, throughCouncil, world.council.id)
            #expect(back.status == .seeOther)
            #expect(try await Self.sessionOrganisation(store, throughCouncil) == world.council.id)
        }
    }

    @Test("Signing out offers the end-session link of the provider the session started with, and none after a password session")
    func signOutOffersOwnProvider() async throws {
        try await withTestApp(as: nil) { client, environment, store in
            let world = try await Self.world(environment, store, councilRequires: false)
            let officer = try await TestPeople.singleSignOnCredentials(environment, role: .viewer, name: "Officer Dibble", provider: world.policeProvider)
            let out = try await SignedInClient(base: client, credentials: officer).execute(
                uri: Path.signOut.href, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: nil)
            #expect(out.status == .seeOther)
            let location = try #require(out.headers[.location])
            #expect(location == Path.signIn.href(queryItems: [("done", "signed-out"), ("via", "police")]))
            let page = try await client.execute(uri: location, method: .get)
            #expect(page.text.contains("You have signed out."))
            #expect(page.text.contains("Sign out of Eastvale Police too"))
            #expect(page.text.contains(Path.ssoSignOut("police").href))
            #expect(!page.text.contains("Sign out of Eastvale Council"), "only the session's own provider")
            #expect(try await store.session(idHash: Secrets.digest(officer.sessionToken)) == nil)

            let password = try await TestPeople.credentials(environment, role: .editor)
            let passwordOut = try await SignedInClient(base: client, credentials: password).execute(
                uri: Path.signOut.href, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: nil)
            let passwordLocation = try #require(passwordOut.headers[.location])
            #expect(passwordLocation == Path.signIn.href(query: "done=signed-out"))
            let passwordPage = try await client.execute(uri: passwordLocation, method: .get)
            #expect(!passwordPage.text.contains("Sign out of"))
        }
    }

    @Test("Sessions from before migration 23 read as password sessions; a removed provider's sessions still read as single sign-on")
    func storedOrigins() async throws {
        try await withTestApp(as: nil) { _, environment, store in
            let world = try await Self.world(environment, store, councilRequires: false)
            let officer = try await TestPeople.singleSignOnCredentials(environment, role: .viewer, name: nil, provider: world.policeProvider)
            try await store.removeSSOProvider(slug: "police")
            #expect(try await store.session(idHash: Secrets.digest(officer.sessionToken))?.origin == .singleSignOn(providerID: nil))
            let indexes = try await store.gateway.read { db in
                try await db.raw(db.dialect.name == "postgresql"
                    ? "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'sso_pending_sign_ins'"
                    : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sso_pending_sign_ins'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(indexes.contains("sso_pending_sign_ins_expires"))
            let defaultMethod = try await store.gateway.read { db in
                try await db.raw(db.dialect.name == "postgresql"
                    ? "SELECT column_default AS dflt_value FROM information_schema.columns WHERE table_name = 'sessions' AND column_name = 'sign_in_method'"
                    : "SELECT dflt_value FROM pragma_table_info('sessions') WHERE name = 'sign_in_method'").first()?
                    .decode(column: "dflt_value", as: String.self)
            }
            // PostgreSQL writes the default with its type ('password'::text).
            #expect(defaultMethod?.hasPrefix("'password'") == true, "\(defaultMethod ?? "no default")")
        }
    }
}
