import ArgumentParser
import Core
import Foundation
import Reports
import Store

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check and export the audit trail.",
        discussion: """
            Every change to plans, areas, actions, progress updates, measures, values, boards, \
            meetings, minutes, action points, the work programme, people, roles and API tokens is \
            recorded with who, when, from where, and the values before and after, in the same transaction as \
            the change. Each entry carries the hash of the one before it, so a changed or removed \
            entry breaks the chain.
            """,
        subcommands: [AuditVerify.self, AuditExport.self]
    )
}

struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the audit trail's hash chain and report the first broken link.",
        discussion: "Exits 0 when the chain is intact and 1 when it is broken."
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await AuditCommand.openExisting(database.db)
        let result = try await store.verifyAuditTrail()
        try await store.close()
        switch result {
        case .intact(let entries):
            print("The audit trail is intact: \(entries) entr\(entries == 1 ? "y" : "ies") checked.")
        case .broken(let id, let reason):
            FileHandle.standardError.write(Data("The audit trail is broken at entry \(id): \(reason).\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct AuditExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an organisation's audit trail as CSV (opens in Excel).",
        discussion: "Columns: entry, when (UTC), who, from, what, which, change, before, after, hash."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The organisation, when the database holds several.", valueName: "name"))
    var organisation: String?

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func run() async throws {
        let store = try await AuditCommand.openExisting(database.db)
        let chosen = try await OrganisationChoice.choose(in: store, named: organisation)
        let entries = try await store.auditTrail(organisationID: chosen.id)
        try await store.close()
        let csv = AuditCommand.csv(entries)
        if let out {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: out))
        } else {
            print(csv, terminator: "")
        }
    }
}

extension AuditCommand {
    static func openExisting(_ path: String) async throws -> SQLStore {
        guard PostgresLocation.isAddress(path) || FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("There is no database at \(path). Name one with --db.")
        }
        return try await SQLStore.open(path)
    }

    static func csv(_ entries: [AuditEntry]) -> String {
        AuditTrailCSV.text(entries)
    }
}
