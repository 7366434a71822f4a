import Core
import Foundation
import Testing

/// The rules of single sign-on: role mapping, the token checks after the signature, the key
/// claim, just-in-time accounts and who may still use a password.
@Suite("Single sign-on rules")
struct SingleSignOnRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func provider(mappings: [SSORoleMapping] = [], justInTime: Bool = false, allowLocal: Bool = true,
                         required: Bool = false, breakGlass: [String] = []) -> SSOProvider {
        SSOProvider(organisationID: 1, slug: "northmoor", name: "Northmoor Council", issuer: "https://login.example/tenant",
                    clientID: "oversight", secret: .environment("SECRET"), mappings: mappings, justInTime: justInTime,
                    allowLocalAccounts: allowLocal, ssoRequired: required, breakGlass: breakGlass)
    }

    static func claims(issuer: String = "https://login.example/tenant", audience: [String] = ["oversight"],
                       expires: TimeInterval = 300, issued: TimeInterval = -5, nonce: String? = "n1") -> SSOClaims {
        SSOClaims(issuer: issuer, subject: "abc", audience: audience, expiresAt: now.addingTimeInterval(expires),
                  issuedAt: now.addingTimeInterval(issued), nonce: nonce, email: "Sam@Example.org", emailVerified: true)
    }

    static let mappings = [
        SSORoleMapping(group: "csc-viewers", role: .viewer),
        SSORoleMapping(group: "csc-leads", role: .actionLead),
        SSORoleMapping(group: "csc-editors", role: .editor),
        SSORoleMapping(group: "csc-managers", role: .editor),
        SSORoleMapping(group: "csc-admins", role: .administrator),
    ]

    @Test("Several groups give the highest of their roles; several groups may give one role; no group, no role")
    func mapping() {
        #expect(SSORules.mappedRole(groups: ["csc-viewers", "csc-editors"], mappings: Self.mappings) == .editor)
        #expect(SSORules.mappedRole(groups: ["csc-admins", "csc-viewers"], mappings: Self.mappings) == .administrator)
        #expect(SSORules.mappedRole(groups: ["csc-managers"], mappings: Self.mappings) == .editor)
        #expect(SSORules.mappedRole(groups: ["csc-leads", "other"], mappings: Self.mappings) == .actionLead)
        #expect(SSORules.mappedRole(groups: ["other"], mappings: Self.mappings) == nil)
        #expect(SSORules.mappedRole(groups: [], mappings: Self.mappings) == nil)
        // Exact match: a group name differing in case is another group.
        #expect(SSORules.mappedRole(groups: ["CSC-ADMINS"], mappings: Self.mappings) == nil)
    }

    @Test("A mapping is written group=role")
    func mappingText() {
        #expect(SSORoleMapping("CSC Admins = administrator") == SSORoleMapping(group: "CSC Admins", role: .administrator))
        #expect(SSORoleMapping("a=b=action-lead") == SSORoleMapping(group: "a=b", role: .actionLead))
        #expect(SSORoleMapping("admins=boss") == nil)
        #expect(SSORoleMapping("=viewer") == nil)
        #expect(SSORoleMapping("viewer") == nil)
    }

    @Test("A verified token with the right issuer, audience, times and nonce passes")
    func goodToken() {
        #expect(SSORules.problem(with: Self.claims(), issuer: "https://login.example/tenant", clientID: "oversight", nonce: "n1", now: Self.now) == nil)
        // Within the leeway either side.
        #expect(SSORules.problem(with: Self.claims(expires: -30, issued: 30), issuer: "https://login.example/tenant",
                                 clientID: "oversight", nonce: "n1", now: Self.now) == nil)
    }

    @Test("Another issuer, another audience, expired, from the future, or another nonce: each refused as itself")
    func badTokens() {
        func problem(_ claims: SSOClaims) -> SSORefusal? {
            SSORules.problem(with: claims, issuer: "https://login.example/tenant", clientID: "oversight", nonce: "n1", now: Self.now)
        }
        #expect(problem(Self.claims(issuer: "https://login.example/other")) == .wrongIssuer)
        #expect(problem(Self.claims(issuer: "https://login.example/tenant/")) == .wrongIssuer)
        #expect(problem(Self.claims(audience: ["someone-else"])) == .wrongAudience)
        #expect(problem(Self.claims(audience: [])) == .wrongAudience)
        #expect(problem(Self.claims(expires: -61)) == .expired)
        #expect(problem(Self.claims(issued: 120)) == .issuedInFuture)
        #expect(problem(Self.claims(nonce: "n2")) == .nonceMismatch)
        #expect(problem(Self.claims(nonce: nil)) == .nonceMismatch)
    }

    @Test("Email keys a person only when the provider verified it")
    func emailKey() {
        var claims = Self.claims()
        #expect(SSORules.key(claims, claim: .email) == .success("sam@example.org"))
        claims.emailVerified = false
        #expect(SSORules.key(claims, claim: .email) == .failure(.emailNotVerified))
        claims.emailVerified = nil
        #expect(SSORules.key(claims, claim: .email) == .failure(.emailNotVerified))
        claims.email = " "
        #expect(SSORules.key(claims, claim: .email) == .failure(.missingKeyClaim(.email)))
        // Another key claim does not need the email verified.
        claims.oid = "0000-1111"
        #expect(SSORules.key(claims, claim: .oid) == .success("0000-1111"))
        #expect(SSORules.key(claims, claim: .preferredUsername) == .failure(.missingKeyClaim(.preferredUsername)))
        claims.preferredUsername = "Sam@Council.gov.uk"
        #expect(SSORules.key(claims, claim: .preferredUsername) == .success("sam@council.gov.uk"))
    }

    @Test("Roles from the provider are applied on every sign-in: a new group changes the role, no group removes it")
    func planWithMapping() throws {
        let provider = Self.provider(mappings: Self.mappings)
        let first = try SSORules.plan(provider: provider, hasAccount: true, currentRole: nil, groups: ["csc-editors"]).get()
        #expect(first == SSOSignInPlan(createAccount: false, setRole: .editor, removeRole: false, signsIn: true))
        let same = try SSORules.plan(provider: provider, hasAccount: true, currentRole: .editor, groups: ["csc-editors"]).get()
        #expect(same == SSOSignInPlan(createAccount: false, setRole: nil, removeRole: false, signsIn: true))
        let changed = try SSORules.plan(provider: provider, hasAccount: true, currentRole: .editor, groups: ["csc-viewers"]).get()
        #expect(changed.setRole == .viewer)
        let removed = try SSORules.plan(provider: provider, hasAccount: true, currentRole: .editor, groups: []).get()
        #expect(removed == SSOSignInPlan(createAccount: false, setRole: nil, removeRole: true, signsIn: false))
    }

    @Test("Just in time: an account is made only when the organisation allows it")
    func justInTime() throws {
        #expect(SSORules.plan(provider: Self.provider(mappings: Self.mappings), hasAccount: false, currentRole: nil, groups: ["csc-admins"])
            == .failure(.noAccount))
        let made = try SSORules.plan(provider: Self.provider(mappings: Self.mappings, justInTime: true), hasAccount: false,
                                     currentRole: nil, groups: ["csc-admins"]).get()
        #expect(made == SSOSignInPlan(createAccount: true, setRole: .administrator, removeRole: false, signsIn: true))
        // Roles managed on /people: the account is made with no role, and waits for one.
        let waiting = try SSORules.plan(provider: Self.provider(justInTime: true), hasAccount: false, currentRole: nil, groups: []).get()
        #expect(waiting == SSOSignInPlan(createAccount: true, setRole: nil, removeRole: false, signsIn: false))
        let managed = try SSORules.plan(provider: Self.provider(), hasAccount: true, currentRole: .analyst, groups: ["csc-admins"]).get()
        #expect(managed == SSOSignInPlan(createAccount: false, setRole: nil, removeRole: false, signsIn: true))
    }

    @Test("When SSO is required only break-glass accounts use a password; without a provider everyone may")
    func passwords() {
        #expect(SSORules.mayUsePassword(email: "a@b.org", provider: nil))
        #expect(SSORules.mayUsePassword(email: "a@b.org", provider: Self.provider()))
        #expect(!SSORules.mayUsePassword(email: "a@b.org", provider: Self.provider(required: true)))
        #expect(!SSORules.mayUsePassword(email: "a@b.org", provider: Self.provider(allowLocal: false)))
        #expect(SSORules.mayUsePassword(email: " A@B.org", provider: Self.provider(required: true, breakGlass: ["a@b.org"])))
    }

    @Test("Secrets are named by file or environment variable, never given")
    func secretSources() {
        #expect(SSOSecretSource("file:/run/secrets/entra") == .file("/run/secrets/entra"))
        #expect(SSOSecretSource("env:OVERSIGHT_ENTRA_SECRET") == .environment("OVERSIGHT_ENTRA_SECRET"))
        #expect(SSOSecretSource("s3cr3t") == nil)
        #expect(SSOSecretSource("env:A B") == nil)
        #expect(SSOSecretSource("file:") == nil)
    }

    @Test("Only asymmetric algorithms are accepted for ID tokens")
    func algorithms() {
        #expect(SSORules.allowedAlgorithms.contains("RS256"))
        #expect(!SSORules.allowedAlgorithms.contains("none"))
        #expect(!SSORules.allowedAlgorithms.contains("HS256"))
    }
}
