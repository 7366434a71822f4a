import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
@testable import Web

/// `/api/v1/sso-providers`: an organisation's administrators set up, change, read and remove
/// its single sign-on, through the rules `oversight sso add` uses, audited in words.
@Suite("Single sign-on API")
struct SingleSignOnAPITests {
    static let body = """
        {"name": "Northmoor Council", "issuer": "https://login.microsoftonline.com/tenant/v2.0", "clientId": "abc-123",
         "secret": "env:OVERSIGHT_ENTRA_SECRET", "keyClaim": "oid", "mappings": [{"group": "CSC Admins", "role": "administrator"},
         {"group": "CSC Staff", "role": "viewer"}], "justInTime": true, "ssoRequired": true, "breakGlass": ["Ada@Northmoor.example"]}
        """

    static func put(_ client: any TestClientProtocol, _ slug: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: Path.api(.ssoProvider(slug)).href, method: .put, headers: APITests.jsonHeaders, body: ByteBuffer(string: body))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        (try object(response)["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test("Create (201), read, list, replace (200, audited with what changed), unchanged, delete (204); the audit trail reads in words")
    func lifecycle() async throws {
        try await withTestApp(as: .administrator) { client, environment, store in
            let created = try await Self.put(client, "northmoor", Self.body)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.location] == Path.api(.ssoProvider("northmoor")).href)
            let resource = try Self.object(created)
            #expect(resource["secret"] as? String == "env:OVERSIGHT_ENTRA_SECRET")
            #expect(resource["keyClaim"] as? String == "oid")
            #expect(resource["scopes"] as? [String] == ["openid", "email", "profile"], "defaults as oversight sso add")
            #expect(resource["allowLocalAccounts"] as? Bool == true)
            #expect(resource["breakGlass"] as? [String] == ["ada@northmoor.example"])
            #expect((resource["redirectUri"] as? String)?.hasSuffix("/sso/callback") == true)
            let stored = try #require(try await store.ssoProvider(organisationID: environment.organisationID))
            #expect(stored.mappings == [SSORoleMapping(group: "CSC Admins", role: .administrator), SSORoleMapping(group: "CSC Staff", role: .viewer)])

            let shown = try await client.execute(uri: Path.api(.ssoProvider("northmoor")).href, method: .get)
            #expect(shown.status == .ok)
            #expect(try Self.object(shown)["clientId"] as? String == "abc-123")
            let list = try await client.execute(uri: Path.api(.ssoProviders).href, method: .get)
            #expect((try Self.object(list)["providers"] as? [Any])?.count == 1)

            let changed = try await Self.put(client, "northmoor", Self.body.replacingOccurrences(of: "\"ssoRequired\": true", with: "\"ssoRequired\": false"))
            #expect(changed.status == .ok)
            #expect(try Self.object(changed)["ssoRequired"] as? Bool == false)
            #expect(try await store.ssoProvider(organisationID: environment.organisationID)?.ssoRequired == false)
            #expect(try await store.ssoProvider(organisationID: environment.organisationID)?.id == stored.id, "replaced in place")
            let same = try await Self.put(client, "northmoor", Self.body.replacingOccurrences(of: "\"ssoRequired\": true", with: "\"ssoRequired\": false"))
            #expect(same.status == .ok)

            // One provider per organisation: another slug is a conflict, not a second provider.
            let second = try await Self.put(client, "another", Self.body)
            #expect(second.status == .conflict)
            #expect(second.text.contains("called northmoor"))

            let removed = try await client.execute(uri: Path.api(.ssoProvider("northmoor")).href, method: .delete)
            #expect(removed.status == .noContent)
            #expect(try await store.ssoProvider(organisationID: environment.organisationID) == nil)
            #expect(try await client.execute(uri: Path.api(.ssoProvider("northmoor")).href, method: .get).status == .notFound)

            let trail = try await store.auditTrail(organisationID: environment.organisationID, entity: "single sign-on provider", entityID: nil)
                .filter { $0.entity == "single sign-on provider" }
            #expect(trail.map { AuditWords.summary($0) } .sorted() == ["Changed single sign-on with Northmoor Council", "Removed single sign-on with Northmoor Council",
                                                                       "Set up single sign-on with Northmoor Council"].sorted(), "the unchanged PUT records nothing")
            #expect(trail.allSatisfy { $0.actor.contains("<") }, "each names the administrator: \(trail.map(\.actor))")
        }
    }

    @Test("Bad settings are refused naming each field: an unknown role, an http issuer, no openid scope, a bad key claim, a secret value")
    func validation() async throws {
        try await withTestApp(as: .administrator) { client, environment, store in
            let cases: [(String, String, String)] = [
                (#""role": "viewer""#, #""role": "boss""#, "mappings[1].role"),
                ("https://login.microsoftonline.com/tenant/v2.0", "http://login.example", "issuer"),
                (#""keyClaim": "oid""#, #""keyClaim": "upn""#, "keyClaim"),
                (#""clientId": "abc-123","#, #""clientId": "abc-123", "scopes": ["email"],"#, "scopes"),
                (#""Ada@Northmoor.example""#, #""not an email""#, "breakGlass[0]"),
                // The secret itself where its source belongs, or in a field of its own: refused, and never repeated.
                ("env:OVERSIGHT_ENTRA_SECRET", "s3cr3t-Value~xyz", "secret"),
                (#""clientId": "abc-123","#, #""clientId": "abc-123", "clientSecret": "s3cr3t-Value~xyz","#, "clientSecret"),
            ]
            for (from, to, field) in cases {
                let body = Self.body.replacingOccurrences(of: from, with: to)
                #expect(body != Self.body)
                let response = try await Self.put(client, "northmoor", body)
                #expect(response.status == .badRequest, "\(field): \(response.status)")
                #expect(try Self.fields(response).contains(field), "\(field): \(response.text)")
                #expect(!response.text.contains("s3cr3t"), "the refusal does not repeat a secret")
            }
            let badSlug = try await Self.put(client, "Not_A_Slug", Self.body)
            #expect(badSlug.status == .badRequest)
            #expect(try Self.fields(badSlug) == ["slug"])
            // A loopback provider (a test one on this machine) may be plain http.
            let loopback = try await Self.put(client, "northmoor", Self.body.replacingOccurrences(of: "https://login.microsoftonline.com/tenant/v2.0", with: "http://127.0.0.1:9000"))
            #expect(loopback.status == .created)
            #expect(try await store.auditTrail(organisationID: environment.organisationID, entity: "single sign-on provider", entityID: nil)
                        .filter { $0.entity == "single sign-on provider" }.count == 1,
                    "only the accepted one is stored")
        }
    }

    @Test("Another organisation's provider is not found, whatever the method; the list shows only the organisation's own")
    func otherOrganisation() async throws {
        try await withTestApp(as: .administrator) { client, environment, store in
            let other = try await store.createOrganisation(Organisation(name: "Other Council"))
            _ = try await store.addSSOProvider(SSOProvider(organisationID: other.id, slug: "other", name: "Other", issuer: "https://login.other.example",
                                                           clientID: "x", secret: .environment("X")))
            #expect(try await client.execute(uri: Path.api(.ssoProvider("other")).href, method: .get).status == .notFound)
            #expect(try await Self.put(client, "other", Self.body).status == .notFound)
            #expect(try await client.execute(uri: Path.api(.ssoProvider("other")).href, method: .delete).status == .notFound)
            let list = try await client.execute(uri: Path.api(.ssoProviders).href, method: .get)
            #expect((try Self.object(list)["providers"] as? [Any])?.isEmpty == true)
            #expect(try await store.ssoProvider(slug: "other")?.issuer == "https://login.other.example", "untouched")
        }
    }
}
