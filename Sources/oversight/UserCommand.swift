import ArgumentParser
import Core
import Foundation
import Store
import Web

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable the people who sign in, and start password resets.",
        discussion: "The first administrator is created with: oversight user add --email E --name N --admin (password on standard input).",
        subcommands: [UserAdd.self, UserList.self, UserDisable.self, UserReset.self]
    )
}

/// What the user and token commands share: the database, the organisation and bcrypt's cost.
struct PeopleOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The organisation (by name); the only or first one by default.", valueName: "name"))
    var organisation: String?

    @Option(help: .hidden)
    var bcryptCost: UInt8 = 12

    func open() async throws -> (SQLStore, Authentication) {
        let store = try await SQLStore.open(database.db)
        return (store, Authentication(people: store, hasher: PasswordHasher(cost: bcryptCost)))
    }

    static func role(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return role
    }
}

struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person with a role in an organisation; the password is read from standard input (one line).",
        discussion: """
            Example: echo 'three random words here' | oversight user add --email sam@example.org --name 'Sam Okafor' --role editor
            The password must be at least 12 characters and not a common one. An email that already has an account is \
            given the role in the organisation (--organisation) and keeps its password: this is how an operator joins \
            someone's existing account to another organisation. On the web, an administrator invites them instead, and \
            they accept on their account page.
            """
    )

    @OptionGroup var options: PeopleOptions

    @Option(help: "Their email address, which they sign in with.")
    var email: String

    @Option(help: "Their name, as shown in the header (for an action lead, as the plan names them in their actions' leads).")
    var name: String

    @Option(help: ArgumentHelp("administrator, editor, action-lead, board-member, analyst or viewer.", valueName: "role"))
    var role: String?

    @Flag(help: "Make them an administrator (the same as --role administrator).")
    var admin = false

    func validate() throws {
        guard admin || role != nil else { throw ValidationError("Give --role, or --admin for an administrator") }
        if let role { _ = try PeopleOptions.role(role) }
    }

    func run() async throws {
        let chosen = admin ? Role.administrator : try PeopleOptions.role(role ?? "")
        let (store, authentication) = try await options.open()
        do {
            let organisation = try await OrganisationChoice.choose(in: store, named: options.organisation)
            let existing = try await store.person(email: email)
            var password: String?
            if existing == nil {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw ValidationError("Type the password on standard input (one line), for example: echo 'three random words here' | oversight user add …")
                }
                password = line
            }
            let (person, created) = try await authentication.addPerson(email: email, name: name, password: password,
                                                                       role: chosen, organisationID: organisation.id)
            try await store.close()
            print(created ? "Added \(person.email) as \(chosen.word.lowercased()) in \(organisation.name)."
                          : "\(person.email) already had an account; now \(chosen.word.lowercased()) in \(organisation.name) (password unchanged).")
        } catch let error as Core.ValidationError {
            try? await store.close()
            throw ValidationError(error.message)
        } catch {
            try? await store.close()
            throw error
        }
    }
}

struct UserList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List people with their organisations and roles.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        let rows = try await store.allMemberships()
        try await store.close()
        if rows.isEmpty { print("No one has an account yet."); return }
        for row in rows {
            let status = row.person.isDisabled ? "  (disabled)" : ""
            print("\(row.person.email)\t\(row.person.name)\t\(row.organisation.name)\t\(row.role.rawValue)\(status)")
        }
    }
}

struct UserDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account in every organisation: it can no longer sign in, its sessions end and its API tokens are revoked. (Removing someone on /people ends their access to that organisation only.)")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Their email address.")
    var email: String

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        guard let person = try await store.person(email: email) else {
            try await store.close()
            throw ValidationError("No one has an account with the email \(Person.normalisedEmail(email))")
        }
        try await store.setDisabled(personID: person.id, true, at: Date())
        try await store.close()
        print("Disabled \(person.email).")
    }
}

struct UserReset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Start a password reset: prints a link that lets the person set a new password (once, within 24 hours).",
        discussion: "Give the link to the person by a channel you trust. Using it signs them out everywhere and lifts any lockout."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Their email address.")
    var email: String

    @Option(help: ArgumentHelp("The address people use to reach Oversight.", valueName: "url"))
    var baseURL: String = "http://127.0.0.1:8080"

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        let authentication = Authentication(people: store)
        do {
            let (token, person) = try await authentication.startPasswordReset(email: email)
            try await store.close()
            let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            print("\(base)/reset/\(token)")
            FileHandle.standardError.write(Data("A one-time link for \(person.email), valid for 24 hours.\n".utf8))
        } catch StoreError.notFound {
            try? await store.close()
            throw ValidationError("No one has an account with the email \(Person.normalisedEmail(email))")
        }
    }
}
