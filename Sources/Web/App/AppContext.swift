import Core
import Hummingbird
import Logging

/// The request context of every route. `AuthenticationMiddleware` fills in who is asking; a
/// route's `Access` rule is checked against it before the handler runs, and the handler then
/// reads the organisation from the identity (never from the request).
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is signed in (a browser session or an API token); nil for a visitor.
    public var identity: Identity?
    /// The browser's session, when signed in with the cookie (not a bearer token): its CSRF
    /// token guards every form.
    public var session: Session?
    /// The client's address, for the sign-in rate limit and the audit trail: the connection's
    /// peer, or behind a trusted proxy the address it forwards (`ClientAddressMiddleware`).
    public internal(set) var remoteAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.session = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// An upload form, read once by the CSRF check and handed to the handler: a 50 MB body is
    /// not parsed twice.
    var multipartForm: MultipartForm?

    /// The request's upload form: the one the CSRF check read, or read now.
    func uploadForm(_ request: Request) async throws -> MultipartForm {
        if let multipartForm { return multipartForm }
        let body = try await request.body.collect(upTo: maxUploadSize)
        return try MultipartForm.read(body, contentType: request.headers[.contentType])
    }

    /// Forms and JSON bodies are small; a route that takes uploads raises it (`Route.maxBodySize`).
    public var maxUploadSize: Int = AppContext.formBodySize

    /// The largest form or JSON body: 1 MB.
    public static let formBodySize = 1024 * 1024

    /// The identity, or `AccessRefusal.signedOut`.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw AccessRefusal.signedOut }
        return identity
    }
}
