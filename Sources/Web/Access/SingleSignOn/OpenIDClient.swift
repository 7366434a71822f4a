import AsyncHTTPClient
import Core
import Crypto
import Foundation
import JWTKit
import NIOCore
import NIOFoundationCompat

/// A provider's discovery document (`/.well-known/openid-configuration`): the fields sign-in uses.
struct OpenIDConfiguration: Codable, Sendable, Hashable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var jwksURI: String
    var endSessionEndpoint: String?
    var tokenEndpointAuthMethodsSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case endSessionEndpoint = "end_session_endpoint"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
    }

    /// `client_secret_basic` unless the provider offers only `client_secret_post` (the spec's default is basic).
    var usesSecretPost: Bool {
        guard let methods = tokenEndpointAuthMethodsSupported else { return false }
        return !methods.contains("client_secret_basic") && methods.contains("client_secret_post")
    }
}

/// Talks to OpenID providers for every request of this process: discovery documents and key
/// sets are cached per issuer. A token naming a key id the cached set lacks makes the set be
/// fetched again (the provider has rotated its keys), at most once a minute per issuer, so a
/// stream of forged key ids cannot make Oversight hammer the provider.
public actor OpenIDClient {
    let http: HTTPClient
    let now: @Sendable () -> Date
    /// How long a discovery document is trusted before it is read again.
    static let discoveryLifetime: TimeInterval = 60 * 60
    static let refetchInterval: TimeInterval = 60
    static let timeout: TimeAmount = .seconds(10)

    struct KeySet {
        var keys: JWTKeyCollection
        var ids: Set<String>
        var fetchedAt: Date
        var lastRefetchAt: Date?
    }

    private var configurations: [String: (OpenIDConfiguration, Date)] = [:]
    private var keySets: [String: KeySet] = [:]

    public init(http: HTTPClient = .shared, now: @escaping @Sendable () -> Date) {
        self.http = http
        self.now = now
    }

    // MARK: Discovery

    func configuration(for provider: SSOProvider) async throws(SSORefusal) -> OpenIDConfiguration {
        if let (cached, at) = configurations[provider.issuer], now().timeIntervalSince(at) < Self.discoveryLifetime { return cached }
        var issuer = provider.issuer
        while issuer.hasSuffix("/") { issuer.removeLast() }
        let body = try await get(issuer + "/.well-known/openid-configuration")
        guard let configuration = try? JSONDecoder().decode(OpenIDConfiguration.self, from: body) else { throw .providerUnavailable }
        // The document must be the issuer's own: one naming another issuer could point at anyone's keys.
        guard configuration.issuer == provider.issuer else { throw .wrongIssuer }
        configurations[provider.issuer] = (configuration, now())
        return configuration
    }

    // MARK: Keys

    /// The key set that holds `kid`, fetching the provider's JWKS when none is cached or the
    /// cached one lacks it (rotation). Nil when the provider does not publish that key.
    func keys(for configuration: OpenIDConfiguration, kid: String?) async throws(SSORefusal) -> JWTKeyCollection? {
        let at = now()
        if var cached = keySets[configuration.issuer] {
            if kid.map(cached.ids.contains) ?? true { return cached.keys }
            if let last = cached.lastRefetchAt, at.timeIntervalSince(last) < Self.refetchInterval { return nil }
            cached.lastRefetchAt = at
            keySets[configuration.issuer] = cached
        }
        let fetched = try await fetchKeys(configuration)
        keySets[configuration.issuer] = KeySet(keys: fetched.keys, ids: fetched.ids, fetchedAt: at,
                                               lastRefetchAt: keySets[configuration.issuer]?.lastRefetchAt)
        return kid.map(fetched.ids.contains) ?? true ? fetched.keys : nil
    }

    /// The provider's key set fetched again now, for a token naming no key that the cached set
    /// does not verify; nil when the set was fetched again less than a minute ago.
    func refetchedKeys(for configuration: OpenIDConfiguration) async throws(SSORefusal) -> JWTKeyCollection? {
        let at = now()
        if let last = keySets[configuration.issuer]?.lastRefetchAt, at.timeIntervalSince(last) < Self.refetchInterval { return nil }
        let fetched = try await fetchKeys(configuration)
        keySets[configuration.issuer] = KeySet(keys: fetched.keys, ids: fetched.ids, fetchedAt: at, lastRefetchAt: at)
        return fetched.keys
    }

    private func fetchKeys(_ configuration: OpenIDConfiguration) async throws(SSORefusal) -> (keys: JWTKeyCollection, ids: Set<String>) {
        let body = try await get(configuration.jwksURI)
        guard let set = try? JSONDecoder().decode(KeySetDocument.self, from: body) else { throw .providerUnavailable }
        let keys = JWTKeyCollection()
        var ids: Set<String> = []
        // jwt-kit reads RSA, EC and OKP keys only: a symmetric ("oct") key, which would let a
        // forged HS* token through, is skipped with any other key it cannot read.
        for jwk in set.keys.compactMap(\.key) {
            guard let id = jwk.keyIdentifier else { continue }
            if (try? await keys.add(jwk: jwk)) != nil { ids.insert(id.string) }
        }
        return (keys, ids)
    }

    /// A JWKS read key by key, so one key of a kind jwt-kit does not know spoils none of the others.
    struct KeySetDocument: Decodable {
        var keys: [OneKey]

        struct OneKey: Decodable {
            var key: JWK?
            init(from decoder: any Decoder) throws { key = try? JWK(from: decoder) }
        }
    }

    // MARK: Tokens

    /// Exchanges the authorisation code for tokens at the token endpoint; returns the ID token.
    func exchange(code: String, verifier: String, redirectURI: String, provider: SSOProvider, secret: String,
                  configuration: OpenIDConfiguration) async throws(SSORefusal) -> String {
        var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", verifier)]
        var request = HTTPClientRequest(url: configuration.tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        if configuration.usesSecretPost {
            fields += [("client_id", provider.clientID), ("client_secret", secret)]
        } else {
            // RFC 6749 2.3.1: each part form-encoded before the Basic encoding.
            let credentials = Self.formEncode(provider.clientID) + ":" + Self.formEncode(secret)
            request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
            fields.append(("client_id", provider.clientID))
        }
        request.body = .bytes(ByteBuffer(string: fields.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&")))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: Self.timeout)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw .providerUnavailable
        }
        guard response.status == .ok,
              let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
              let idToken = object["id_token"] as? String, !idToken.isEmpty else { throw .tokenExchangeFailed }
        return idToken
    }

    private func get(_ url: String) async throws(SSORefusal) -> Data {
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await http.execute(request, timeout: Self.timeout)
            guard response.status == .ok else { throw SSORefusal.providerUnavailable }
            return Data(buffer: try await response.body.collect(upTo: 1 << 20))
        } catch {
            throw .providerUnavailable
        }
    }

    static func formEncode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
