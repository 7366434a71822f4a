import Foundation

/// Why a session may not move into an organisation: it was not started the way that
/// organisation requires. The message says how to get in.
public struct SSOEntryRefusal: Error, Sendable, Hashable {
    public var message: String
    /// For the log line: `password-session` or `other-provider`.
    public var code: String

    public init(message: String, code: String) {
        self.message = message
        self.code = code
    }
}

extension SSORules {
    /// Whether a session started by `origin` may act in an organisation whose provider is
    /// `provider` (nil: it has none). A session through that provider always may. Any other
    /// session — a password, or another organisation's provider — may only where a password
    /// would open the organisation: local accounts allowed and SSO not required, or the person
    /// is one of its break-glass accounts. Otherwise switching would be a way round the
    /// organisation's own sign-in, and its leavers would keep access through another door.
    /// `originName` is the name of the provider the session came through, when it still exists.
    public static func entryRefusal(into organisationName: String, provider: SSOProvider?, email: String,
                                    origin: SessionOrigin, originName: String?) -> SSOEntryRefusal? {
        guard let provider else { return nil }
        if case let .singleSignOn(providerID) = origin, providerID == provider.id { return nil }
        if mayUsePassword(email: email, provider: provider) { return nil }
        let how = "sign out, then use ‘Sign in with \(provider.name)’"
        switch origin {
        case .password:
            return SSOEntryRefusal(message: "\(organisationName) requires you to sign in with \(provider.name), not a password: \(how).",
                                   code: "password-session")
        case .singleSignOn:
            let through = originName.map { "with \($0)" } ?? "through another organisation's sign-in service"
            return SSOEntryRefusal(message: "You signed in \(through). \(organisationName) requires you to sign in with \(provider.name): \(how).",
                                   code: "other-provider")
        }
    }

    /// The provider whose end-session address is offered when the session ends: the one it was
    /// started through, if it is still configured; none for a password session.
    public static func signOutProvider(origin: SessionOrigin, providers: [SSOProvider]) -> SSOProvider? {
        guard case let .singleSignOn(providerID?) = origin else { return nil }
        return providers.first { $0.id == providerID }
    }
}
