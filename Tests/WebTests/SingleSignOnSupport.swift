import AsyncHTTPClient
import Core
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import NIOCore
import NIOFoundationCompat
import Store
import SQLKit
import Testing
@testable import Web

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A free loopback port, by binding port 0 and reading what the system gave.
func freeLoopbackPort() throws -> Int {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socketFD) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// An HTTP client that does not follow redirects: the tests follow them by hand, as a browser would.
let ssoTestHTTP = HTTPClient(eventLoopGroupProvider: .singleton,
                             configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

/// `oidc-provider-mock` from PyPI (`scripts/test` installs it): a real OpenID provider on a free
/// loopback port. Users and their claims are set through its `PUT /users/{sub}`; its
/// authorisation form is submitted with the user's `sub`.
final class MockOpenIDProvider: @unchecked Sendable {
    let issuer: String
    private let process: Process
    private let logFile: URL

    struct DidNotStart: Error, CustomStringConvertible {
        var log: String
        var description: String { "oidc-provider-mock did not start (pip install oidc-provider-mock): \(log)" }
    }

    /// `port`: the port of a provider stopped before, so a new one has its issuer; a new
    /// process makes a new signing key (a key rotation, as far as Oversight can tell).
    init(port: Int? = nil) async throws {
        let port = try port ?? freeLoopbackPort()
        issuer = "http://127.0.0.1:\(port)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", String(port), "--require-nonce", "true"]
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("oidc-mock-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        for _ in 0..<150 {
            try await Task.sleep(for: .milliseconds(200))
            if let response = try? await ssoTestHTTP.execute(HTTPClientRequest(url: issuer + "/.well-known/openid-configuration"), timeout: .seconds(2)),
               response.status == .ok { return }
            guard process.isRunning else { break }
        }
        let log = String(decoding: (try? Data(contentsOf: logFile)) ?? Data(), as: UTF8.self)
        stop()
        throw DidNotStart(log: log)
    }

    var port: Int { Int(issuer.split(separator: ":").last ?? "") ?? 0 }

    /// The key ids the provider publishes now.
    func keyIDs() async throws -> [String] {
        let response = try await ssoTestHTTP.execute(HTTPClientRequest(url: issuer + "/jwks"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let keys = (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])?["keys"] as? [[String: Any]] ?? []
        return keys.compactMap { $0["kid"] as? String }
    }

    /// Sets the claims the provider gives `sub` from now on (its groups, email…).
    func setUser(_ sub: String, claims: [String: Any]) async throws {
        var request = HTTPClientRequest(url: issuer + "/users/" + sub)
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: claims)))
        let response = try await ssoTestHTTP.execute(request, timeout: .seconds(10))
        #expect(response.status == .noContent)
    }

    /// Submits the provider's authorisation form as `sub` for the request at `location`; returns
    /// the address the provider sends the browser back to.
    func authorise(_ location: String, as sub: String) async throws -> String {
        var request = HTTPClientRequest(url: location)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "sub=" + sub))
        let response = try await ssoTestHTTP.execute(request, timeout: .seconds(10))
        let back = try #require(response.headers.first(name: "Location"), "the provider answered \(response.status)")
        return back
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: on SIGTERM uvicorn waits for open keep-alive connections, which the
            // shared HTTP clients hold.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: logFile)
    }
}

/// A provider the test controls completely, for tokens `oidc-provider-mock` will not make:
/// another audience, expired, `alg: none`, HS256, an unpublished key, a rotated key, another
/// issuer. It serves a discovery document, a JWKS and a token endpoint that answers with the
/// token the test made; Oversight reaches it over HTTP exactly as it reaches a real provider.
final class FakeOpenIDProvider: @unchecked Sendable {
    let issuer: String
    private let task: Task<Void, any Error>
    private let state: State

    final class State: @unchecked Sendable {
        let lock = NSLock()
        var jwks = #"{"keys":[]}"#
        var token = ""
        var jwksFetches = 0
        /// The `code_challenge` of the authorisation request, when the test gives it: the token
        /// endpoint then checks the `code_verifier` against it as RFC 7636 says (S256).
        var challenge: String?
    }

    init() async throws {
        let port = try freeLoopbackPort()
        let issuer = "http://127.0.0.1:\(port)"
        self.issuer = issuer
        let state = State()
        self.state = state
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: """
                {"issuer":"\(issuer)","authorization_endpoint":"\(issuer)/authorize","token_endpoint":"\(issuer)/token",
                 "jwks_uri":"\(issuer)/jwks","end_session_endpoint":"\(issuer)/logout",
                 "token_endpoint_auth_methods_supported":["client_secret_post"]}
                """)))
        }
        router.get("/jwks") { _, _ in
            let jwks = state.lock.withLock { state.jwksFetches += 1; return state.jwks }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: jwks)))
        }
        router.post("/token") { request, _ in
            // client_secret_post, as the discovery document says: the secret must come in the body.
            let body = String(buffer: try await request.body.collect(upTo: 1 << 16))
            guard body.contains("client_secret=fake-secret"), body.contains("code_verifier=") else {
                return Response(status: .unauthorized, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: #"{"error":"invalid_client"}"#)))
            }
            if let challenge = state.lock.withLock({ state.challenge }) {
                let verifier = body.split(separator: "&").first { $0.hasPrefix("code_verifier=") }
                    .flatMap { String($0.dropFirst("code_verifier=".count)).removingPercentEncoding } ?? ""
                guard pkceS256(verifier) == challenge else {
                    return Response(status: .badRequest, headers: [.contentType: "application/json"],
                                    body: .init(byteBuffer: ByteBuffer(string: #"{"error":"invalid_grant","error_description":"PKCE verification failed"}"#)))
                }
            }
            let token = state.lock.withLock { state.token }
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: #"{"access_token":"a","token_type":"Bearer","id_token":"\#(token)"}"#)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        task = Task { try await app.runService() }
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(50))
            if let response = try? await ssoTestHTTP.execute(HTTPClientRequest(url: issuer + "/jwks"), timeout: .seconds(2)),
               response.status == .ok { return }
        }
        Issue.record("the fake provider did not start")
    }

    /// Publishes these keys (replacing the ones before: a rotation).
    func publish(_ keys: [TestSigningKey]) {
        let jwks = #"{"keys":["# + keys.map(\.jwk).joined(separator: ",") + "]}"
        state.lock.withLock { state.jwks = jwks }
    }

    /// Check the next token requests' `code_verifier` against this `code_challenge`.
    func expect(challenge: String) { state.lock.withLock { state.challenge = challenge } }

    /// The ID token the token endpoint answers with next.
    func answer(with token: String) { state.lock.withLock { state.token = token } }

    var jwksFetches: Int { state.lock.withLock { state.jwksFetches } }

    func stop() { task.cancel() }
}

/// An ES256 key the tests sign ID tokens with, and its public JWK.
struct TestSigningKey: Sendable {
    var kid: String
    var key = ES256PrivateKey()

    var jwk: String {
        let parameters = key.publicKey.parameters!
        return #"{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"\#(kid)","x":"\#(parameters.x)","y":"\#(parameters.y)"}"#
    }

    func sign(_ claims: [String: ClaimValue]) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        return try await keys.sign(IDTokenPayload(values: claims), kid: JWKIdentifier(string: kid))
    }
}

/// A browser going through single sign-on against the test app: it keeps the state cookie
/// between the start and the callback, as a browser does.
struct SSOBrowser {
    let client: any TestClientProtocol

    struct Started {
        var location: String
        var state: String
        var nonce: String
    }

    func start(_ slug: String, next: String? = nil) async throws -> Started {
        let uri = Path.ssoStart(slug).href(queryItems: [("next", next ?? "")])
        let response = try await client.execute(uri: uri, method: .get)
        #expect(response.status == .seeOther)
        let location = try #require(response.headers[.location])
        let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix(SingleSignOnController.stateCookie + "=") })
        let state = String(cookie.dropFirst(SingleSignOnController.stateCookie.count + 1).prefix { $0 != ";" })
        let query = try #require(URLComponents(string: location)?.queryItems)
        #expect(query.first { $0.name == "state" }?.value == state)
        #expect(query.first { $0.name == "code_challenge_method" }?.value == "S256")
        #expect(query.first { $0.name == "code_challenge" }?.value?.count == 43)
        return Started(location: location, state: state, nonce: try #require(query.first { $0.name == "nonce" }?.value))
    }

    /// Follows the provider's redirect back to Oversight, with the browser's state cookie.
    func callback(_ address: String, stateCookie: String) async throws -> TestResponse {
        let components = try #require(URLComponents(string: address))
        let uri = components.path + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        return try await client.execute(uri: uri, method: .get, headers: [.cookie: "\(SingleSignOnController.stateCookie)=\(stateCookie)"])
    }

    /// The session token a successful callback set.
    static func sessionToken(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(SessionCookie.name + "=") }
            .map { String($0.dropFirst(SessionCookie.name.count + 1).prefix { $0 != ";" }) }
            .flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// Counts of everything a sign-in could store, to show a refusal stored nothing.
func signInFootprint(_ store: SQLStore) async throws -> [String: Int] {
    try await store.gateway.read { db in
        var counts: [String: Int] = [:]
        for table in ["people", "memberships", "sessions", "external_identities", "audit_log"] {
            counts[table] = try await db.raw("SELECT count(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
        }
        return counts
    }
}

/// A file holding a client secret, as an operator would keep it: in the test process's folder,
/// which goes when the process ends.
func secretFile(_ secret: String) throws -> String {
    let path = DemoDatabaseTemplates.processFolder() + "/secret-\(UUID().uuidString)"
    try secret.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

extension TestPeople {
    /// A provider for the environment's organisation whose groups are the role names.
    static func matrixProvider(_ environment: AppEnvironment) async throws -> SSOProvider {
        try await environment.store.addSSOProvider(SSOProvider(
            organisationID: environment.organisationID, slug: "matrix", name: "Matrix Council", issuer: "https://login.matrix.example",
            clientID: "oversight", secret: .environment("OVERSIGHT_TEST_UNUSED"),
            mappings: Role.allCases.map { SSORoleMapping(group: $0.rawValue, role: $0) }, justInTime: true))
    }

    /// A person whose account single sign-on made, signed in through the same code as the
    /// callback once the token is verified, with an API token of the same role.
    static func singleSignOnCredentials(_ environment: AppEnvironment, role: Role, name: String?, provider: SSOProvider) async throws -> TestCredentials {
        let email = "sso-\(role.rawValue)-\(UUID().uuidString.prefix(8))@test.example"
        let claims = SSOClaims(issuer: provider.issuer, subject: UUID().uuidString, audience: [provider.clientID], expiresAt: nil,
                               issuedAt: nil, nonce: nil, email: email, emailVerified: true, name: name ?? "SSO \(role.word)",
                               groups: [role.rawValue])
        let started = try await environment.singleSignOn.signIn(claims, provider: provider)
        let person = try #require(try await environment.store.person(email: email))
        #expect(!person.passwordHash.hasPrefix("$"), "made by single sign-on, with no password")
        let (token, _) = try await environment.authentication.createToken(email: email, organisationID: provider.organisationID, role: role)
        return TestCredentials(person: person, identity: started.identity, sessionToken: started.token,
                               csrf: started.session.csrfToken, apiToken: token)
    }
}

/// RFC 7636's S256, written here apart from Oversight's own: base64url, unpadded, of the
/// SHA-256 of the verifier's ASCII.
func pkceS256(_ verifier: String) -> String {
    Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}
