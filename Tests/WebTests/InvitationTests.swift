import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// An administrator of one organisation cannot attach, disable or find out about an account that
/// belongs to another: adding an email always makes an invitation, answered the same way; the
/// person accepts it themselves; removing someone ends only that organisation's access.
@Suite("Invitations and organisation-only removal")
struct InvitationTests {
    /// Organisation A (the test environment's) with Pat, a viewer there; organisation B with its
    /// own administrator. Pat is not in B.
    struct TwoOrganisations: Sendable {
        var pat: TestCredentials
        var adminB: TestCredentials
        var organisationB: Organisation
    }

    static func setUp(_ env: AppEnvironment, _ store: SQLStore) async throws -> TwoOrganisations {
        let organisationB = try await store.createOrganisation(Organisation(name: "Borderland Council"))
        let pat = try await TestPeople.credentials(env, role: .viewer, name: "Pat Existing")
        let adminB = try await TestPeople.credentials(env, role: .administrator, name: "Bea Admin", organisationID: organisationB.id)
        return TwoOrganisations(pat: pat, adminB: adminB, organisationB: organisationB)
    }

    static func invite(_ client: any TestClientProtocol, email: String, name: String) async throws -> TestResponse {
        try await client.execute(uri: "/people", method: .post, headers: formHeaders,
                                 body: formEncoded([("name", name), ("email", email), ("role", "editor")])) { $0 }
    }

    /// The link's token in an answer to the administrator.
    static func invitationToken(in text: String) throws -> String {
        let start = try #require(text.range(of: "/invitations/"))
        return String(text[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    /// The page without its table of people, the email typed and the link's token: what must be
    /// the same whether or not the email had an account.
    static func shape(_ text: String, email: String, name: String) throws -> String {
        var page = text
        if let start = page.range(of: "<tbody>"), let end = page.range(of: "</tbody>") {
            page.removeSubrange(start.upperBound..<end.lowerBound)
        }
        let token = try invitationToken(in: page)
        return page.replacingOccurrences(of: token, with: "TOKEN").replacingOccurrences(of: email, with: "EMAIL")
            .replacingOccurrences(of: name, with: "NAME")
    }

    @Test("Adding an email that has an account in another organisation is answered exactly as a new one, and attaches nothing")
    func existingEmailAnsweredAsNew() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let two = try await Self.setUp(env, store)
            let admin = SignedInClient(base: client, credentials: two.adminB)
            let existing = try await Self.invite(admin, email: two.pat.person.email.uppercased(), name: "Pat Typed")
            let new = try await Self.invite(admin, email: "Nobody.Yet@test.example", name: "Nobody Yet")
            #expect(existing.status == .ok)
            #expect(existing.status == new.status)
            #expect(try Self.shape(existing.text, email: two.pat.person.email, name: "Pat Typed")
                    == Self.shape(new.text, email: "nobody.yet@test.example", name: "Nobody Yet"))
            #expect(existing.text.contains("\(two.pat.person.email) has been invited to join as editor"))
            // Nothing about Pat's account or organisation shows.
            #expect(!existing.text.contains("Pat Existing"))
            let nameA = try #require(try await store.organisations().first { $0.id == env.organisationID }?.name)
            #expect(!existing.text.contains(nameA))
            #expect(!existing.text.contains("already had an account"))
            // Pat is not a member of B until Pat accepts; both rows read "Invited".
            #expect(try await store.members(organisationID: two.organisationB.id).contains { $0.person.id == two.pat.person.id } == false)
            try await admin.execute(uri: "/people", method: .get) { response in
                #expect(response.text.components(separatedBy: "Invited (until").count == 3)
            }
            // The invitation pages read the same for both, too.
            let existingPage = try await client.execute(uri: "/invitations/\(try Self.invitationToken(in: existing.text))", method: .get) { $0.text }
            let newPage = try await client.execute(uri: "/invitations/\(try Self.invitationToken(in: new.text))", method: .get) { $0.text }
            func strip(_ page: String, _ email: String) -> String {
                page.replacingOccurrences(of: email, with: "EMAIL").replacingOccurrences(of: #"/invitations/[A-Za-z0-9_-]+"#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: #"value="[A-Za-z0-9_-]{43}""#, with: "", options: .regularExpression)
            }
            #expect(strip(existingPage, two.pat.person.email) == strip(newPage, "nobody.yet@test.example"))
        }
    }

    @Test("An administrator of B cannot affect the account's access to A, before or after the person joins B")
    func crossOrganisationDisableImpossible() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let two = try await Self.setUp(env, store)
            let admin = SignedInClient(base: client, credentials: two.adminB)
            // Not a member of B: B's administrator cannot reach the account at all.
            try await admin.execute(uri: "/people/\(two.pat.person.id)/disable", method: .post, headers: formHeaders, body: formEncoded([])) { response in
                #expect(response.status == .notFound)
            }
            // Pat joins B by accepting the invitation, signed in (in A) on the account page.
            _ = try await Self.invite(admin, email: two.pat.person.email, name: "Pat")
            let pat = SignedInClient(base: client, credentials: two.pat)
            let invitation = try #require(try await store.invitations(email: two.pat.person.email, at: env.now()).first)
            try await pat.execute(uri: "/account", method: .get) { response in
                #expect(response.text.contains("You have been invited to join Borderland Council as editor"))
            }
            try await pat.execute(uri: "/account/invitation", method: .post, headers: formHeaders,
                                  body: formEncoded([("invitation", String(invitation.id))])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/account?saved=joined")
            }
            let memberships = try await store.memberships(personID: two.pat.person.id)
            #expect(Set(memberships.map(\.organisation.id)) == [env.organisationID, two.organisationB.id])
            #expect(memberships.first { $0.organisation.id == two.organisationB.id }?.role == .editor)
            // Pat works in B too, with a session and a token there.
            let patInA = try await TestPeople.newSession(env, two.pat)
            let membershipB = try #require(memberships.first { $0.organisation.id == two.organisationB.id })
            let sessionB = try await env.authentication.startSession(for: two.pat.person, in: membershipB)
            let (tokenB, _) = try await env.authentication.createToken(email: two.pat.person.email, organisationID: two.organisationB.id, role: .viewer)

            // B's administrator removes Pat: from B only.
            try await admin.execute(uri: "/people/\(two.pat.person.id)/disable", method: .post, headers: formHeaders, body: formEncoded([])) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await store.memberships(personID: two.pat.person.id).map(\.organisation.id) == [env.organisationID])
            #expect(try await store.person(id: two.pat.person.id)?.isDisabled == false)
            #expect(try await !SignInTests.isSignedIn(client, sessionB.token))
            #expect(try await env.authentication.identity(bearer: tokenB) == nil)
            // Pat's access to A is untouched: sessions, API token, and signing in.
            #expect(try await SignInTests.isSignedIn(client, patInA.sessionToken))
            #expect(try await env.authentication.identity(bearer: two.pat.apiToken) != nil)
            #expect(try await SignInTests.signIn(client, email: two.pat.person.email, password: TestPeople.password).0 == .seeOther)
            // The trails: B's says who was invited, joined and was removed; A's has no removal.
            let trailB = try await store.auditTrail(organisationID: two.organisationB.id, entity: nil, entityID: nil)
            #expect(trailB.contains { $0.entity == "invitation" && $0.change == .create })
            #expect(trailB.contains { $0.entity == "invitation" && $0.change == .update && ($0.after ?? "").contains("accepted") })
            #expect(trailB.contains { $0.entity == "role" && $0.change == .create && $0.entityID == String(two.pat.person.id) })
            #expect(trailB.contains { $0.entity == "role" && $0.change == .delete && $0.entityID == String(two.pat.person.id) })
            let trailA = try await store.auditTrail(organisationID: env.organisationID, entity: "role", entityID: two.pat.person.id)
            #expect(!trailA.contains { $0.change == .delete })
            try await SignedInClient(base: client, credentials: try await TestPeople.newSession(env, two.adminB))
                .execute(uri: "/audit", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("Invited Pat ("), "the invitation names who was invited")
                    #expect(response.text.contains("Removed \(two.pat.person.name) from the organisation"))
                }
        }
    }

    @Test("Whoever holds the link of an existing account's invitation can neither set its password nor join it to the organisation")
    func linkCannotTakeOverAnAccount() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let two = try await Self.setUp(env, store)
            let admin = SignedInClient(base: client, credentials: two.adminB)
            let existing = try Self.invitationToken(in: try await Self.invite(admin, email: two.pat.person.email, name: "Pat").text)
            let new = try Self.invitationToken(in: try await Self.invite(admin, email: "newcomer@test.example", name: "New Comer").text)
            let fields = [("password", "marmalade orbit pencil"), ("confirm", "marmalade orbit pencil")]
            var answers: [String?] = []
            for token in [existing, new] {
                let (headers, body) = SignInTests.preSessionForm(fields)
                answers.append(try await client.execute(uri: "/invitations/\(token)", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .seeOther)
                    return response.headers[.location]
                })
            }
            #expect(answers == ["/login?done=invitation", "/login?done=invitation"])
            // Pat's password and organisations are unchanged; the newcomer has an account in B.
            #expect(try await store.person(id: two.pat.person.id)?.passwordHash == two.pat.person.passwordHash)
            #expect(try await store.memberships(personID: two.pat.person.id).map(\.organisation.id) == [env.organisationID])
            #expect(try await SignInTests.signIn(client, email: two.pat.person.email, password: "marmalade orbit pencil").0 == .badRequest)
            let newcomer = try #require(try await store.person(email: "newcomer@test.example"))
            #expect(try await store.memberships(personID: newcomer.id).map(\.organisation.id) == [two.organisationB.id])
            #expect(try await SignInTests.signIn(client, email: "newcomer@test.example", password: "marmalade orbit pencil").0 == .seeOther)
            // A used link is used up.
            try await client.execute(uri: "/invitations/\(new)", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("An invitation is for its own email only, and expires")
    func invitationIsPersonal() async throws {
        let clock = TestClock()
        try await withTestApp(as: nil, clock: clock) { client, env, store in
            let two = try await Self.setUp(env, store)
            let admin = SignedInClient(base: client, credentials: two.adminB)
            _ = try await Self.invite(admin, email: two.pat.person.email, name: "Pat")
            let invitation = try #require(try await store.invitations(email: two.pat.person.email, at: env.now()).first)
            // Someone else, signed in, cannot accept Pat's invitation by its number.
            let other = try await TestPeople.credentials(env, role: .editor)
            try await SignedInClient(base: client, credentials: other).execute(
                uri: "/account/invitation", method: .post, headers: formHeaders, body: formEncoded([("invitation", String(invitation.id))])) { response in
                #expect(response.status == .notFound)
            }
            #expect(try await store.memberships(personID: other.person.id).map(\.organisation.id) == [env.organisationID])
            // After 7 days it can no longer be accepted.
            clock.advance(by: 7 * 24 * 3600 + 1)
            let pat = try await TestPeople.newSession(env, two.pat)
            try await SignedInClient(base: client, credentials: pat).execute(
                uri: "/account/invitation", method: .post, headers: formHeaders, body: formEncoded([("invitation", String(invitation.id))])) { response in
                #expect(response.status == .notFound)
            }
            #expect(try await store.memberships(personID: two.pat.person.id).map(\.organisation.id) == [env.organisationID])
        }
    }
}
