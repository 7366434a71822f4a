import ArgumentParser
import Core
import Foundation
import Store
import Web

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens for scripts (sent as Authorization: Bearer <token>).",
        subcommands: [TokenCreate.self, TokenList.self, TokenRevoke.self]
    )
}

struct TokenCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a token acting for a person with a role; prints only the token, which is shown this once.",
        discussion: "The role may not exceed the person's own role in the organisation. Only the token's SHA-256 is stored."
    )

    @OptionGroup var options: PeopleOptions

    @Option(help: "The email of the person the token acts for.")
    var user: String

    @Option(help: ArgumentHelp("administrator, editor, action-lead, board-member, analyst or viewer.", valueName: "role"))
    var role: String

    func validate() throws { _ = try PeopleOptions.role(role) }

    func run() async throws {
        let (store, authentication) = try await options.open()
        do {
            let organisation = try await OrganisationChoice.choose(in: store, named: options.organisation)
            let (token, _) = try await authentication.createToken(email: user, organisationID: organisation.id, role: try PeopleOptions.role(role))
            try await store.close()
            print(token)
        } catch let error as Core.ValidationError {
            try? await store.close()
            throw ValidationError(error.message)
        } catch StoreError.notFound {
            try? await store.close()
            throw ValidationError("No one has an account with the email \(Person.normalisedEmail(user))")
        }
    }
}

struct TokenList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens: id, prefix, person, role, created and whether revoked.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        let tokens = try await store.tokens()
        var lines: [String] = []
        for token in tokens {
            let email = try await store.person(id: token.personID)?.email ?? "?"
            let state = token.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
            lines.append("\(token.id)\t\(token.prefix)…\t\(email)\t\(token.role.rawValue)\tcreated \(token.createdAt.formatted(.iso8601))\t\(state)")
        }
        try await store.close()
        print(lines.isEmpty ? "No tokens." : lines.joined(separator: "\n"))
    }
}

struct TokenRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its id or the start of the token (at least its 12-character prefix).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The token's id (from token list) or its prefix, like ovt_AbCd1234.")
    var reference: String

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        do {
            let token = try await store.revokeToken(reference: reference, at: Date())
            try await store.close()
            print("Revoked token \(token.id) (\(token.prefix)…).")
        } catch let error as StoreError {
            try? await store.close()
            throw ValidationError(error.description)
        }
    }
}
