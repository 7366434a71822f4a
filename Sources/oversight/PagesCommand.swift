import ArgumentParser
import Foundation
import Store
import Web

/// For the browser tests (`Tests/Browser/axe_walk.py`): every page with a real address in the
/// database's organisation, as JSON. Hidden from help: it is a test's tool, not an operator's.
struct PagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "Print every page's address in the organisation's data, with the roles that may open it, as JSON.",
        shouldDisplay: false
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The organisation (default: the only or first one).", valueName: "name"))
    var organisation: String?

    func run() async throws {
        guard database.exists else { throw ValidationError("There is no database at \(database.shown).") }
        let store = try await SQLStore.open(database.db)
        let organisation = try await OrganisationChoice.choose(in: store, named: organisation)
        let pages = try await PageAddresses.all(in: store, organisationID: organisation.id)
        try await store.close()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(pages), as: UTF8.self))
    }
}
