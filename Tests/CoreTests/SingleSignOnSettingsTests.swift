import Core
import Foundation
import Testing

/// The settings of a provider, as the API, the --sso-config file and oversight sso add give them.
@Suite("Single sign-on settings rules")
struct SingleSignOnSettingsTests {
    @Test("Settings: defaults as oversight sso add, and every problem named by field")
    func settings() throws {
        let good = SSOProviderSettings(name: " Northmoor ", issuer: "https://login.example/t", clientId: "abc", secret: "file:/run/secrets/x")
        let provider = try good.provider(organisationID: 4, slug: "northmoor")
        #expect(provider.name == "Northmoor")
        #expect(provider.scopes == ["openid", "email", "profile"] && provider.keyClaim == .email && provider.groupClaim == "groups")
        #expect(provider.allowLocalAccounts && !provider.ssoRequired && !provider.justInTime)
        let bad = SSOProviderSettings(name: " ", issuer: "http://login.example", clientId: "", secret: "plain-secret", scopes: ["email"],
                                      keyClaim: "upn", groupClaim: "", mappings: [.init(group: "", role: "boss")], breakGlass: ["nope"])
        #expect(throws: ValidationErrors.self) { try bad.provider(organisationID: 4, slug: "Bad Slug") }
        do {
            _ = try bad.provider(organisationID: 4, slug: "Bad Slug")
        } catch {
            #expect(error.errors.map(\.field) == ["slug", "name", "issuer", "clientId", "secret", "scopes", "keyClaim", "groupClaim",
                                                  "mappings[0].group", "mappings[0].role", "breakGlass[0]"])
            #expect(!error.description.contains("plain-secret"))
        }
        #expect(SSORules.issuerProblem("http://127.0.0.1:8000") == nil)
        #expect(SSORules.issuerProblem("http://localhost/realms/x") == nil)
        #expect(SSORules.issuerProblem("ftp://127.0.0.1") != nil)
        #expect(SSORules.issuerProblem("https://") != nil)
        #expect(SSOProviderSettings.fieldProblems(["name", "clientSecret", "client_secret", "secret"]).map(\.field) == ["clientSecret", "client_secret"])
    }

    @Test("A configuration file is read whole: each problem names providers[i] and the field; duplicates refused")
    func configurationFile() throws {
        let good = Data("""
            {"providers": [{"organisation": "Northmoor", "slug": "northmoor", "name": "Northmoor", "issuer": "https://login.example",
                            "clientId": "abc", "secret": "env:NORTHMOOR_SECRET", "mappings": [{"group": "g", "role": "editor"}]}]}
            """.utf8)
        let entries = try SSOConfigurationFile.entries(from: good)
        #expect(entries.map(\.slug) == ["northmoor"] && entries.first?.organisation == "Northmoor")
        let bad = Data("""
            {"providers": [{"organisation": "Northmoor", "slug": "northmoor", "name": "Northmoor", "issuer": "https://login.example",
                            "clientId": "abc", "secret": "env:NORTHMOOR_SECRET", "clientSecret": "hunter2"},
                           {"organisation": "Northmoor", "slug": "northmoor", "name": "Again", "issuer": "http://login.example",
                            "clientId": "abc", "secret": "env:X", "justInTime": "yes"},
                           {"slug": "third", "name": "Third", "issuer": "https://login.example", "secret": "env:X"}]}
            """.utf8)
        do {
            _ = try SSOConfigurationFile.entries(from: bad)
            Issue.record("a bad file was accepted")
        } catch {
            let fields = error.errors.map(\.field)
            #expect(fields.contains("providers[0].clientSecret"))
            #expect(fields.contains("providers[1].justInTime"))
            #expect(fields.contains("providers[2].organisation"))
            #expect(fields.contains("providers[2].clientId"))
            #expect(!error.description.contains("hunter2"))
        }
        let duplicate = Data("""
            {"providers": [{"organisation": "A", "slug": "a", "name": "A", "issuer": "https://a.example", "clientId": "a", "secret": "env:A"},
                           {"organisation": "A", "slug": "a", "name": "A", "issuer": "https://a.example", "clientId": "a", "secret": "env:A"}]}
            """.utf8)
        #expect(throws: ValidationErrors.self) { try SSOConfigurationFile.entries(from: duplicate) }
        #expect(throws: ValidationErrors.self) { try SSOConfigurationFile.entries(from: Data("[]".utf8)) }
    }
}
