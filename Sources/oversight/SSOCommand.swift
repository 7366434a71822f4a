import ArgumentParser
import Core
import Foundation
import Store

struct SSOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sso",
        abstract: "Set up, list and remove an organisation's OpenID Connect single sign-on (Microsoft Entra ID, Okta, Keycloak…).",
        discussion: "The client secret is never given on the command line nor stored: --secret names a file (file:/run/secrets/entra) or an environment variable (env:OVERSIGHT_ENTRA_SECRET) that the server reads when someone signs in. See docs/operations.md.",
        subcommands: [SSOAdd.self, SSOList.self, SSORemove.self]
    )
}

struct SSOAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add single sign-on for an organisation (one provider each); audited.",
        discussion: "Register the redirect URI <site address>/sso/callback at the provider first."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The organisation (by name); the only or first one by default.", valueName: "name"))
    var organisation: String?

    @Option(help: ArgumentHelp("Short name in the sign-in address /sso/<slug>/start: lower-case letters, digits, hyphens.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("Shown on the button: Sign in with <name>.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The issuer URL, exactly as the provider's discovery document gives it.", valueName: "url"))
    var issuer: String

    @Option(help: "The application's client id at the provider.")
    var clientID: String

    @Option(help: ArgumentHelp("Where the client secret is read: file:<path> or env:<VARIABLE>.", valueName: "source"))
    var secret: String

    @Option(help: ArgumentHelp("Scopes, space separated.", valueName: "scopes"))
    var scopes: String = "openid email profile"

    @Option(help: ArgumentHelp("The claim that names the person: email, preferred_username, oid or sub.", valueName: "claim"))
    var keyClaim: String = "email"

    @Option(help: ArgumentHelp("The claim holding groups or app roles.", valueName: "claim"))
    var groupClaim: String = "groups"

    @Option(name: .customLong("map"), help: ArgumentHelp("A group (or app role) and the role it gives, group=role; repeat for more. None: roles are managed on /people.", valueName: "group=role"))
    var mappings: [String] = []

    @Flag(help: "Create an account on a person's first sign-in.")
    var justInTime = false

    @Flag(help: "Hide the password form from this organisation's people (only break-glass accounts keep it).")
    var noLocalAccounts = false

    @Flag(help: "Everyone must sign in through the provider except the --break-glass accounts.")
    var ssoRequired = false

    @Option(help: ArgumentHelp("The email of an account that may still use its password; repeat for more.", valueName: "email"))
    var breakGlass: [String] = []

    /// The options as Core's settings, the same rules as the API and the --sso-config file.
    var settings: SSOProviderSettings {
        get throws {
            let mapped = try mappings.map { text -> SSOProviderSettings.Mapping in
                guard let equals = text.lastIndex(of: "=") else { throw ValidationError("--map must be group=role, not '\(text)'") }
                return .init(group: String(text[..<equals]), role: text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces))
            }
            return SSOProviderSettings(name: name, issuer: issuer, clientId: clientID, secret: secret,
                                       scopes: scopes.split(separator: " ").map(String.init), keyClaim: keyClaim, groupClaim: groupClaim,
                                       mappings: mapped, justInTime: justInTime, allowLocalAccounts: !noLocalAccounts,
                                       ssoRequired: ssoRequired, breakGlass: breakGlass)
        }
    }

    /// Core's field names as this command's options.
    static let options = ["slug": "--slug", "name": "--name", "issuer": "--issuer", "clientId": "--client-id", "secret": "--secret",
                          "scopes": "--scopes", "keyClaim": "--key-claim", "groupClaim": "--group-claim", "mappings": "--map",
                          "breakGlass": "--break-glass"]

    func provider(organisationID: Int64) throws -> SSOProvider {
        do {
            return try settings.provider(organisationID: organisationID, slug: slug)
        } catch let problems as ValidationErrors {
            throw ValidationError(problems.errors.map { problem in
                let field = String(problem.field.prefix { $0 != "[" && $0 != "." })
                return "\(Self.options[field] ?? field): \(problem.message)"
            }.joined(separator: "\n"))
        }
    }

    func validate() throws {
        _ = try provider(organisationID: 0)
    }

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        do {
            let chosen = try await OrganisationChoice.choose(in: store, named: organisation)
            let provider = try await store.addSSOProvider(try self.provider(organisationID: chosen.id))
            try await store.close()
            print("Added single sign-on \(provider.slug) for \(chosen.name). Register the redirect URI <site address>/sso/callback at the provider.")
        } catch let StoreError.conflict(message) {
            try? await store.close()
            throw ValidationError(message)
        }
    }
}

struct SSOList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List each organisation's single sign-on (never a secret, only where it is read).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        let organisations = Dictionary(uniqueKeysWithValues: try await store.organisations().map { ($0.id, $0.name) })
        let lines = try await store.ssoProviders().map { provider in
            let mappings = provider.mappings.isEmpty ? "roles managed on /people" : provider.mappings.map { "\($0.group)=\($0.role.rawValue)" }.joined(separator: ", ")
            return [provider.slug, organisations[provider.organisationID] ?? "?", provider.name, provider.issuer, "client \(provider.clientID)",
                    "secret from \(provider.secret)", "key \(provider.keyClaim.rawValue)", "groups in \(provider.groupClaim): \(mappings)",
                    provider.justInTime ? "just-in-time accounts" : "no new accounts",
                    provider.ssoRequired ? "SSO required" : (provider.allowLocalAccounts ? "passwords allowed" : "password form hidden"),
                    "break-glass: \(provider.breakGlass.isEmpty ? "none" : provider.breakGlass.joined(separator: ", "))"].joined(separator: "\t")
        }
        try await store.close()
        print(lines.isEmpty ? "No single sign-on is set up." : lines.joined(separator: "\n"))
    }
}

struct SSORemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an organisation's single sign-on and the links to its accounts; audited.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The slug (from sso list).")
    var slug: String

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        do {
            try await store.removeSSOProvider(slug: slug)
            try await store.close()
            print("Removed single sign-on \(slug).")
        } catch StoreError.notFound {
            try? await store.close()
            throw ValidationError("There is no single sign-on called '\(slug)'")
        }
    }
}
