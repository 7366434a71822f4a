import ArgumentParser
import Core
import Foundation
import Store

/// Applies an `--sso-config` file (or `OVERSIGHT_SSO_CONFIG`) at start-up: every provider it
/// lists is created or brought up to date in one transaction, audited as the configuration's.
/// Any problem stops the server before it serves, with nothing applied.
enum SSOConfiguration {
    static let environmentVariable = "OVERSIGHT_SSO_CONFIG"

    /// The message names the file and each field (`providers[1].issuer`).
    static func apply(path: String, to store: SQLStore) async throws -> [SSOSaveOutcome] {
        func failure(_ message: String) -> ArgumentParser.ValidationError { ArgumentParser.ValidationError("Single sign-on configuration \(path): \(message)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw failure("the file cannot be read") }
        let entries: [SSOConfigurationEntry]
        do {
            entries = try SSOConfigurationFile.entries(from: data)
        } catch {
            throw failure(error.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        }
        let organisations = try await store.organisations()
        var providers: [SSOProvider] = []
        var problems: [String] = []
        for (index, entry) in entries.enumerated() {
            guard let organisation = organisations.first(where: { $0.name == entry.organisation }) else {
                problems.append("providers[\(index)].organisation: there is no organisation called ‘\(entry.organisation)’")
                continue
            }
            providers.append(try entry.settings.provider(organisationID: organisation.id, slug: entry.slug))
        }
        guard problems.isEmpty else { throw failure(problems.joined(separator: "; ")) }
        do {
            return try await AuditActor.$current.withValue(.system(reason: "single sign-on configuration \(path)")) {
                try await store.saveSSOProviders(providers)
            }
        } catch let StoreError.conflict(message) {
            throw failure(message + " (nothing was applied)")
        }
    }
}

extension SSOConfiguration {
    /// "northmoor set up", "northmoor changed", "northmoor unchanged".
    static func describe(_ outcome: SSOSaveOutcome) -> String {
        switch outcome {
        case let .created(provider): "\(provider.slug) set up"
        case let .replaced(provider): "\(provider.slug) changed"
        case let .unchanged(provider): "\(provider.slug) unchanged"
        }
    }
}
