import ArgumentParser
import Core
import Documents
import Foundation
import PlanImport
import Store

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring existing plans in from Excel, Word, CSV, HTML or text tables.",
        subcommands: [ImportPlan.self]
    )
}

struct ImportPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Read the plans in a file, show what was found, and store them.",
        discussion: """
            Reads .xlsx, .docx, .csv, .html and tab-separated text. Columns are recognised by their \
            headers (Ref, Action, Leads, Due, Progress Summary, Evidence of impact …); each family of \
            tables becomes a plan, with its areas, actions, milestones and numbered measures (KPIs). \
            Everything found is printed first, with warnings naming the file, table, row and column to \
            check. All the file's plans are stored in one go, or none (with the reasons).

            Examples:
              oversight import plan plan.docx --dry-run
              oversight import plan tracker.xlsx --organisation 'Anytown Council' --save-mapping columns.json
              oversight import plan tracker.xlsx --mapping columns.json
            See docs/import.md for what is recognised and the mapping file.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The file to read.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The organisation the plans belong to (created if missing); the only or first one by default.", valueName: "name"))
    var organisation: String?

    @Option(help: ArgumentHelp("A JSON column mapping (header or column number → field) that overrides recognition.", valueName: "file.json"))
    var mapping: String?

    @Option(help: ArgumentHelp("Save the column mapping used, to edit and give with --mapping next time.", valueName: "file.json"))
    var saveMapping: String?

    @Flag(help: "Show what would be imported; store nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Date undated progress as at this day (YYYY-MM-DD) when the document has no date of its own.", valueName: "date"))
    var asAt: String?

    func run() async throws {
        var options = ImportOptions()
        if let asAt {
            guard let day = Day(iso: asAt) else { throw ValidationError("--as-at must be a date in the form YYYY-MM-DD, not '\(asAt)'") }
            options.asAt = day
        }
        if let mapping {
            guard let data = FileManager.default.contents(atPath: mapping) else {
                throw ValidationError("There is no mapping file at \(mapping).")
            }
            do {
                options.mapping = try ColumnMapping.read(from: data)
            } catch {
                throw ValidationError("\(mapping): \(error)")
            }
        }

        let result: ImportResult
        do {
            result = try PlanImporter.importPlans(url: URL(fileURLWithPath: file), options: options)
        } catch {
            throw Failure(error.description)
        }
        print(ImportPreview.text(result))

        if let saveMapping {
            try result.mapping.json().write(to: URL(fileURLWithPath: saveMapping))
            print("\nSaved the column mapping to \(saveMapping).")
        }
        guard !result.plans.isEmpty else { throw Failure("No plan was found in \(result.fileName); nothing stored.") }

        let invalid = result.validationErrors
        if !invalid.isEmpty {
            var lines = ["Nothing stored: \(invalid.count == 1 ? "a plan does" : "some plans do") not pass the checks every plan must pass:"]
            for (index, errors) in invalid {
                lines.append("  Plan \(index + 1) (\(result.plans[index].draft.plan.title)):")
                lines += errors.map { "    \($0.field): \($0.message)" }
            }
            throw Failure(lines.joined(separator: "\n"))
        }
        guard !dryRun else {
            print("\nDry run: nothing stored.")
            return
        }

        let store = try await SQLStore.sqlite(path: database.db)
        do {
            let org = try await organisation(in: store)
            let plans = try await store.createPlans(result.drafts(organisationID: org.id))
            try await store.close()
            print("")
            for (plan, imported) in zip(plans, result.plans) {
                print("Stored plan \(plan.id): \(plan.title) (\(imported.areas.count) areas, \(imported.actions.count) actions, "
                      + "\(imported.draft.measures.count) measures) for \(org.name) in \(database.db).")
            }
        } catch {
            try? await store.close()
            if let errors = error as? ValidationErrors {
                throw Failure("Nothing stored:\n" + errors.errors.map { "  \($0.field): \($0.message)" }.joined(separator: "\n"))
            }
            throw Failure("Nothing stored: \(error)")
        }
    }

    /// The named organisation (created if missing), else the only or first one.
    func organisation(in store: SQLStore) async throws -> Organisation {
        if let organisation {
            if let found = try await store.organisation(named: organisation) { return found }
            let created = try await store.createOrganisation(Organisation(name: organisation))
            print("Created the organisation \(created.name).")
            return created
        }
        guard let first = try await store.organisations().first else {
            throw Failure("The database has no organisation yet. Name the plans' organisation with --organisation (it will be created).")
        }
        return first
    }
}

/// A message for the person at the terminal, and a non-zero exit.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
