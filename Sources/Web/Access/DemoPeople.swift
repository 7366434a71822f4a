import Core

/// One person for each role in the demo council, with a fixed password printed when the demo
/// starts. The demo is fictional; never use these accounts with real data.
public enum DemoPeople {
    /// Shared by every demo account, and printed by `oversight serve --demo`.
    public static let password = "northmoor-demo-2026"

    public struct Account: Sendable {
        public var email: String
        public var name: String
        public var role: Role
    }

    /// The action lead's name is a lead named in the demo plan, so they lead real actions.
    public static let accounts: [Account] = [
        Account(email: "admin@northmoor.example", name: "Alex Morgan", role: .administrator),
        Account(email: "editor@northmoor.example", name: "Priya Shah", role: .editor),
        Account(email: "lead@northmoor.example", name: "Principal Social Worker", role: .actionLead),
        Account(email: "board@northmoor.example", name: "Cllr Jo Bennett", role: .boardMember),
        Account(email: "analyst@northmoor.example", name: "Sam Okafor", role: .analyst),
        Account(email: "viewer@northmoor.example", name: "Chris Lee", role: .viewer),
    ]

    /// Creates the accounts missing from the organisation (a second run adds nothing).
    @discardableResult
    public static func ensure(organisationID: Int64, authentication: Authentication) async throws -> [Account] {
        var added: [Account] = []
        for account in accounts where try await authentication.people.person(email: account.email) == nil {
            _ = try await authentication.addPerson(email: account.email, name: account.name, password: password,
                                                   role: account.role, organisationID: organisationID)
            added.append(account)
        }
        return added
    }
}
