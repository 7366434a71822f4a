import Foundation

/// A provider's configuration as an operator or administrator writes it: the body of
/// `PUT /api/v1/sso-providers/{slug}`, each entry of the `--sso-config` file, and what
/// `oversight sso add` builds from its options. Every value is as sent; `provider(…)` checks
/// them all, once for the three ways in, and names each field it refuses.
public struct SSOProviderSettings: Codable, Sendable, Hashable {
    public var name: String
    public var issuer: String
    public var clientId: String
    /// Where the client secret is read, `file:<path>` or `env:<VARIABLE>`: never the secret.
    public var secret: String
    public var scopes: [String]?
    public var keyClaim: String?
    public var groupClaim: String?
    public var mappings: [Mapping]?
    public var justInTime: Bool?
    public var allowLocalAccounts: Bool?
    public var ssoRequired: Bool?
    public var breakGlass: [String]?

    public struct Mapping: Codable, Sendable, Hashable {
        public var group: String
        public var role: String

        public init(group: String, role: String) {
            self.group = group
            self.role = role
        }
    }

    public init(name: String, issuer: String, clientId: String, secret: String, scopes: [String]? = nil, keyClaim: String? = nil,
                groupClaim: String? = nil, mappings: [Mapping]? = nil, justInTime: Bool? = nil, allowLocalAccounts: Bool? = nil,
                ssoRequired: Bool? = nil, breakGlass: [String]? = nil) {
        self.name = name
        self.issuer = issuer
        self.clientId = clientId
        self.secret = secret
        self.scopes = scopes
        self.keyClaim = keyClaim
        self.groupClaim = groupClaim
        self.mappings = mappings
        self.justInTime = justInTime
        self.allowLocalAccounts = allowLocalAccounts
        self.ssoRequired = ssoRequired
        self.breakGlass = breakGlass
    }

    /// The settings of a stored provider, as the API shows them (the secret's source only).
    public init(_ provider: SSOProvider) {
        self.init(name: provider.name, issuer: provider.issuer, clientId: provider.clientID, secret: provider.secret.description,
                  scopes: provider.scopes, keyClaim: provider.keyClaim.rawValue, groupClaim: provider.groupClaim,
                  mappings: provider.mappings.map { Mapping(group: $0.group, role: $0.role.rawValue) }, justInTime: provider.justInTime,
                  allowLocalAccounts: provider.allowLocalAccounts, ssoRequired: provider.ssoRequired, breakGlass: provider.breakGlass)
    }

    /// The provider these settings describe, or every problem with them. Fields left out take
    /// the defaults `oversight sso add` has.
    public func provider(organisationID: Int64, slug: String) throws(ValidationErrors) -> SSOProvider {
        var problems: [ValidationError] = []
        func refuse(_ field: String, _ message: String) { problems.append(ValidationError(field: field, message: message)) }
        if !SSORules.isValidSlug(slug) { refuse("slug", "The slug must be 1 to 40 lower-case letters, digits or hyphens") }
        let trimmedName = name.trimmingCharacters(in: .whitespaces)
        if trimmedName.isEmpty || trimmedName.count > 100 { refuse("name", "Enter the name shown on the button, 100 characters or fewer") }
        if let problem = SSORules.issuerProblem(issuer) { refuse("issuer", problem) }
        let client = clientId.trimmingCharacters(in: .whitespaces)
        if client.isEmpty || client.count > 200 { refuse("clientId", "Enter the application's client id at the provider, 200 characters or fewer") }
        let source = SSOSecretSource(secret)
        if source == nil {
            refuse("secret", "Give where the client secret is read, file:<path> or env:<VARIABLE>: the secret itself is never sent to Oversight")
        }
        let scopes = self.scopes ?? ["openid", "email", "profile"]
        if !scopes.contains("openid") { refuse("scopes", "The scopes must include openid") }
        for (index, scope) in scopes.enumerated() where scope.isEmpty || scope.contains(where: \.isWhitespace) {
            refuse("scopes[\(index)]", "A scope is one word with no spaces")
        }
        let key = SSOKeyClaim(rawValue: keyClaim ?? SSOKeyClaim.email.rawValue)
        if key == nil {
            refuse("keyClaim", "The key claim must be one of \(SSOKeyClaim.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let groupClaim = (self.groupClaim ?? "groups").trimmingCharacters(in: .whitespaces)
        if groupClaim.isEmpty { refuse("groupClaim", "Enter the claim that holds the groups or app roles, like groups or roles") }
        var mapped: [SSORoleMapping] = []
        for (index, mapping) in (mappings ?? []).enumerated() {
            let group = mapping.group.trimmingCharacters(in: .whitespaces)
            if group.isEmpty { refuse("mappings[\(index)].group", "Enter the group or app role") }
            if let role = Role(rawValue: mapping.role) {
                mapped.append(SSORoleMapping(group: group, role: role))
            } else {
                refuse("mappings[\(index)].role", "‘\(mapping.role.prefix(40))’ is not a role: use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        for (index, email) in (breakGlass ?? []).enumerated() where !Person.isPlausibleEmail(email) {
            refuse("breakGlass[\(index)]", "A break-glass account is an email address, like name@example.org")
        }
        guard problems.isEmpty, let source, let key else { throw ValidationErrors(problems) }
        return SSOProvider(organisationID: organisationID, slug: slug, name: trimmedName, issuer: issuer, clientID: client, secret: source,
                           scopes: scopes, keyClaim: key, groupClaim: groupClaim, mappings: mapped, justInTime: justInTime ?? false,
                           allowLocalAccounts: allowLocalAccounts ?? true, ssoRequired: ssoRequired ?? false, breakGlass: breakGlass ?? [])
    }
}

extension SSORules {
    /// An issuer is an https address; plain http only on this machine (a provider run for
    /// testing), where nothing crosses a network. Nil when it is acceptable.
    public static func issuerProblem(_ issuer: String) -> String? {
        guard let url = URLComponents(string: issuer), let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil else {
            return "The issuer must be an address like https://login.microsoftonline.com/<tenant>/v2.0"
        }
        if url.scheme == "https" { return nil }
        if url.scheme == "http", ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) { return nil }
        return "The issuer must be an https address (plain http only on this machine, 127.0.0.1 or localhost)"
    }
}

extension SSOProviderSettings {
    /// The fields a body may have. Anything else that looks like a secret is refused rather than
    /// ignored: whoever sent it believes Oversight took the secret, and it must not sit in a
    /// request log as if it had.
    public static let fields: Set<String> = ["name", "issuer", "clientId", "secret", "scopes", "keyClaim", "groupClaim", "mappings",
                                             "justInTime", "allowLocalAccounts", "ssoRequired", "breakGlass"]

    /// Problems with the names of a body's fields (never their values, which may be secrets).
    public static func fieldProblems(_ keys: [String]) -> [ValidationError] {
        keys.filter { !fields.contains($0) && $0.lowercased().contains("secret") }.sorted().map {
            ValidationError(field: $0, message: "Oversight never takes a client secret: give where it is read in secret, as file:<path> or env:<VARIABLE>")
        }
    }
}

/// One provider of an `--sso-config` file: the organisation (by name), the slug, and the same
/// settings as the API's body.
public struct SSOConfigurationEntry: Sendable, Hashable {
    public var organisation: String
    public var slug: String
    public var settings: SSOProviderSettings
}

/// The file `oversight serve --sso-config` (or `OVERSIGHT_SSO_CONFIG`) names:
/// `{"providers": [{"organisation": "…", "slug": "…", <the API body's fields>}]}`. Read whole
/// and checked whole before anything is applied; each problem names its field
/// (`providers[1].issuer`).
public enum SSOConfigurationFile {
    public static func entries(from data: Data) throws(ValidationErrors) -> [SSOConfigurationEntry] {
        guard let top = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ValidationErrors([ValidationError(field: "file", message: "The file is not a JSON object like {\"providers\": [...]}")])
        }
        guard let list = top["providers"] as? [Any] else {
            throw ValidationErrors([ValidationError(field: "providers", message: "The file must have a list of providers")])
        }
        var problems: [ValidationError] = []
        var entries: [SSOConfigurationEntry] = []
        for (index, element) in list.enumerated() {
            let at = "providers[\(index)]"
            func refuse(_ field: String, _ message: String) { problems.append(ValidationError(field: at + "." + field, message: message)) }
            guard var fields = element as? [String: Any] else {
                problems.append(ValidationError(field: at, message: "Each provider is a JSON object"))
                continue
            }
            let organisation = (fields.removeValue(forKey: "organisation") as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
            if organisation.isEmpty { refuse("organisation", "Name the organisation, exactly as Oversight has it") }
            let slug = fields.removeValue(forKey: "slug") as? String ?? ""
            for problem in SSOProviderSettings.fieldProblems(Array(fields.keys)) { refuse(problem.field, problem.message) }
            for key in fields.keys.sorted() where !SSOProviderSettings.fields.contains(key) && !key.lowercased().contains("secret") {
                refuse(key, "Not a setting of single sign-on: the settings are organisation, slug, \(SSOProviderSettings.fields.sorted().joined(separator: ", "))")
            }
            let settings: SSOProviderSettings
            do {
                settings = try JSONDecoder().decode(SSOProviderSettings.self, from: try JSONSerialization.data(withJSONObject: fields))
            } catch let DecodingError.keyNotFound(key, _) {
                refuse(key.stringValue, "Give \(key.stringValue)")
                continue
            } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
                let field = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
                refuse(String(field.drop { $0 == "." }), "Has the wrong kind of value (text, true/false or a list)")
                continue
            } catch {
                refuse("settings", "Cannot be read")
                continue
            }
            do {
                _ = try settings.provider(organisationID: 0, slug: slug)
            } catch {
                for problem in error.errors { refuse(problem.field, problem.message) }
            }
            if entries.contains(where: { $0.slug == slug }) { refuse("slug", "Another provider in the file has the slug \(slug)") }
            if entries.contains(where: { $0.organisation == organisation }) {
                refuse("organisation", "Another provider in the file is for \(organisation): an organisation has one")
            }
            entries.append(SSOConfigurationEntry(organisation: organisation, slug: slug, settings: settings))
        }
        guard problems.isEmpty else { throw ValidationErrors(problems) }
        return entries
    }
}
