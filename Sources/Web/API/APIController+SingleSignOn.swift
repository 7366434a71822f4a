import Core
import Foundation
import Hummingbird

/// `/api/v1/sso-providers`: the organisation's single sign-on, for its administrators — what
/// `oversight sso add|list|remove` does, through the same rules (`SSOProviderSettings`) and the
/// same audited store calls. Only where the client secret is read is ever sent or shown.
extension APIController {
    static let singleSignOnRoutes: [Route<APIController>] = [
        Route(method: .get, api: .ssoProviders, access: .permission(.managePeople), handler: { $0.listSSOProviders }),
        Route(method: .get, api: .ssoProvider(.parameter), access: .permission(.managePeople), handler: { $0.getSSOProvider }),
        Route(method: .put, api: .ssoProvider(.parameter), access: .permission(.managePeople), handler: { $0.putSSOProvider }),
        Route(method: .delete, api: .ssoProvider(.parameter), access: .permission(.managePeople), handler: { $0.deleteSSOProvider }),
    ]

    var ssoStore: any SingleSignOnStore { environment.store }

    /// The organisation's provider with the path's slug; another organisation's is not found.
    func ownSSOProvider(_ context: AppContext) async throws -> SSOProvider {
        let slug = context.parameters.get("slug") ?? ""
        guard let provider = try await ssoStore.ssoProvider(slug: slug), provider.organisationID == org else {
            throw StoreError.notFound(entity: "single sign-on provider", id: String(slug.prefix(40)))
        }
        return provider
    }

    func resource(_ provider: SSOProvider) -> SSOProviderResource {
        SSOProviderResource(provider, redirectURI: environment.security.siteAddress + Path.ssoCallback.href)
    }

    @Sendable func listSSOProviders(_ request: Request, context: AppContext) async throws -> Response {
        let providers = try await ssoStore.ssoProviders().filter { $0.organisationID == org }
        return try json(["providers": providers.map(resource)])
    }

    @Sendable func getSSOProvider(_ request: Request, context: AppContext) async throws -> Response {
        try json(resource(try await ownSSOProvider(context)))
    }

    /// Creates the organisation's provider, or replaces it: 201 with its address when new.
    @Sendable func putSSOProvider(_ request: Request, context: AppContext) async throws -> Response {
        let slug = context.parameters.get("slug") ?? ""
        // Another organisation's slug is not found, whatever the body: before the body is read.
        if let taken = try await ssoStore.ssoProvider(slug: slug), taken.organisationID != org {
            throw StoreError.notFound(entity: "single sign-on provider", id: String(slug.prefix(40)))
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        let keys = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]).map { Array($0.keys) } ?? []
        let problems = SSOProviderSettings.fieldProblems(keys) + RequestBodyCheck.problems(in: data, schemaName: "SSOProviderInput")
        if !problems.isEmpty { throw ValidationErrors(problems) }
        let settings = try JSONDecoder().decode(SSOProviderSettings.self, from: data)
        let provider = try settings.provider(organisationID: org, slug: slug)
        guard let outcome = try await ssoStore.saveSSOProviders([provider]).first else {
            throw StoreError.conflict("The single sign-on was not stored")
        }
        if case let .created(created) = outcome {
            return try json(resource(created), status: .created, location: .ssoProvider(created.slug))
        }
        return try json(resource(outcome.provider))
    }

    /// Removes the provider and the links to its accounts, as `oversight sso remove`.
    @Sendable func deleteSSOProvider(_ request: Request, context: AppContext) async throws -> Response {
        let provider = try await ownSSOProvider(context)
        try await ssoStore.removeSSOProvider(slug: provider.slug)
        return Response(status: .noContent)
    }
}

/// A provider as the API shows it: its settings (the secret's source, never a secret), its slug,
/// and the redirect URI to register at the provider.
struct SSOProviderResource: Encodable, Sendable {
    var slug: String
    var name: String
    var issuer: String
    var clientId: String
    var secret: String
    var scopes: [String]
    var keyClaim: String
    var groupClaim: String
    var mappings: [SSOProviderSettings.Mapping]
    var justInTime: Bool
    var allowLocalAccounts: Bool
    var ssoRequired: Bool
    var breakGlass: [String]
    var redirectUri: String
    var createdAt: Date
    var links: [String: String]

    init(_ provider: SSOProvider, redirectURI: String) {
        slug = provider.slug
        name = provider.name
        issuer = provider.issuer
        clientId = provider.clientID
        secret = provider.secret.description
        scopes = provider.scopes
        keyClaim = provider.keyClaim.rawValue
        groupClaim = provider.groupClaim
        mappings = provider.mappings.map { .init(group: $0.group, role: $0.role.rawValue) }
        justInTime = provider.justInTime
        allowLocalAccounts = provider.allowLocalAccounts
        ssoRequired = provider.ssoRequired
        breakGlass = provider.breakGlass
        redirectUri = redirectURI
        createdAt = provider.createdAt
        links = ["self": Path.api(.ssoProvider(provider.slug)).href, "signIn": Path.ssoStart(provider.slug).href]
    }
}
