import Core
import Foundation
import Testing

@Suite("Single sign-on session rules")
struct SingleSignOnSessionRulesTests {
    static func provider(id: Int64, required: Bool, local: Bool = true, breakGlass: [String] = []) -> SSOProvider {
        SSOProvider(id: id, organisationID: id * 10, slug: "p\(id)", name: "Provider \(id)", issuer: "https://login.example/\(id)", clientID: "c",
                    secret: .environment("X"), allowLocalAccounts: local, ssoRequired: required, breakGlass: breakGlass)
    }

    @Test("Entering an organisation: its own provider's session always; any other only where a password would do or for break-glass")
    func entry() {
        let required = Self.provider(id: 1, required: true, breakGlass: ["glass@example.org"])
        let open = Self.provider(id: 2, required: false)
        let hidden = Self.provider(id: 3, required: false, local: false)
        #expect(SSORules.entryRefusal(into: "A", provider: nil, email: "x@example.org", origin: .password, originName: nil) == nil)
        #expect(SSORules.entryRefusal(into: "A", provider: open, email: "x@example.org", origin: .password, originName: nil) == nil)
        #expect(SSORules.entryRefusal(into: "A", provider: required, email: "x@example.org", origin: .singleSignOn(providerID: 1), originName: "Provider 1") == nil)
        #expect(SSORules.entryRefusal(into: "A", provider: required, email: "Glass@Example.org", origin: .password, originName: nil) == nil)
        #expect(SSORules.entryRefusal(into: "A", provider: required, email: "x@example.org", origin: .password, originName: nil)?.code == "password-session")
        #expect(SSORules.entryRefusal(into: "A", provider: hidden, email: "x@example.org", origin: .password, originName: nil)?.code == "password-session",
                "no local accounts: a password does not open it either")
        let other = SSORules.entryRefusal(into: "A", provider: required, email: "x@example.org", origin: .singleSignOn(providerID: 2), originName: "Provider 2")
        #expect(other?.code == "other-provider")
        #expect(other?.message == "You signed in with Provider 2. A requires you to sign in with Provider 1: sign out, then use ‘Sign in with Provider 1’.")
        // A removed provider's session is not its own provider's.
        #expect(SSORules.entryRefusal(into: "A", provider: required, email: "x@example.org", origin: .singleSignOn(providerID: nil), originName: nil)?.code == "other-provider")
    }

    @Test("Sign-out offers the provider the session came through, if it is still there; none for a password session")
    func signOut() {
        let providers = [Self.provider(id: 1, required: false), Self.provider(id: 2, required: false)]
        #expect(SSORules.signOutProvider(origin: .singleSignOn(providerID: 2), providers: providers)?.slug == "p2")
        #expect(SSORules.signOutProvider(origin: .singleSignOn(providerID: 9), providers: providers) == nil)
        #expect(SSORules.signOutProvider(origin: .singleSignOn(providerID: nil), providers: providers) == nil)
        #expect(SSORules.signOutProvider(origin: .password, providers: providers) == nil)
    }
}
