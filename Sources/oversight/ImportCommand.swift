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

            A plan the organisation already has (the same title, or most of the same actions — a tracker \
            exported from Oversight and filled in) is updated, not stored twice: new progress, status, \
            % complete and dates become dated changes by --by, new actions are added, and actions missing \
            from the file are listed and kept. --new-plan stores the file as new plans instead; --update \
            names the plan to update.

            A board's work programme in the file (meeting dates with the items planned for them, standing \
            items) is never a plan: --board names the board (by name or id) whose work programme its items \
            go into, beside the plans, in the same transaction. Items already on that work programme with \
            the same title and meeting or rule are not added again.

            Examples:
              oversight import plan plan.docx --dry-run
              oversight import plan tracker-march.xlsx --by 'Sam Jones' --dry-run
              oversight import plan tracker.xlsx --organisation 'Anytown Council' --save-mapping columns.json
              oversight import plan tracker.xlsx --mapping columns.json
              oversight import plan work-programme.docx --board 'Corporate Parenting Panel'
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

    @Flag(help: "Store the file's plans as new plans even where the organisation has the plan already.")
    var newPlan = false

    @Option(help: ArgumentHelp("The id of the plan the file updates (a file with one plan), instead of the one found by title or actions.", valueName: "plan id"))
    var update: Int64?

    @Option(help: ArgumentHelp("Who the changes to an existing plan are recorded as made by (progress updates, reprogrammings).", valueName: "name"))
    var by: String?

    @Option(help: ArgumentHelp("The board (name or id) whose work programme the file's work programme items go into.", valueName: "board"))
    var board: String?

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
        guard !result.isEmpty else { throw Failure("No plan was found in \(result.fileName); nothing stored.") }
        if !result.workProgrammes.isEmpty, board == nil, !dryRun {
            throw ValidationError("\(result.fileName) holds a board's work programme: name the board it goes into with --board.")
        }
        if result.workProgrammes.isEmpty, board != nil {
            throw ValidationError("--board names the board a work programme goes into; \(result.fileName) holds none.")
        }

        let invalid = result.validationErrors
        if !invalid.isEmpty {
            var lines = ["Nothing stored: \(invalid.count == 1 ? "a plan does" : "some plans do") not pass the checks every plan must pass:"]
            for (index, errors) in invalid {
                lines.append("  Plan \(index + 1) (\(result.plans[index].draft.plan.title)):")
                lines += errors.map { "    \($0.field): \($0.message)" }
            }
            throw Failure(lines.joined(separator: "\n"))
        }
        if update != nil, newPlan { throw ValidationError("Give --update or --new-plan, not both.") }
        if update != nil, result.plans.count != 1 {
            throw ValidationError("--update names the one plan a file updates; \(result.fileName) holds \(result.plans.count) plans.")
        }
        // A dry run reads a database that exists (to say what would be updated) and creates none.
        guard !dryRun || database.exists else {
            print("\nDry run: nothing stored.")
            return
        }

        let store = try await SQLStore.open(database.db)
        do {
            let org = try await organisation(in: store, creating: !dryRun)
            let today = options.asAt ?? Day.today()
            let person = by ?? "\(AuditActor.current.name) (\(AuditActor.current.source ?? "unknown"))"
            let (creating, updating) = try await targets(result, organisationID: org.id, store: store, today: today, person: person)
            if !updating.isEmpty { print("") }
            for update in updating { print(ImportPreview.updateText(update)) }
            guard !dryRun else {
                try await store.close()
                print("\nDry run: nothing stored.")
                return
            }
            var workProgramme: WorkProgrammeImportRequest?
            if let board {
                let boards = try await store.boards(organisationID: org.id)
                guard let found = boards.first(where: { $0.name.caseInsensitiveCompare(board) == .orderedSame || String($0.id) == board }) else {
                    throw Failure("There is no board called \(board) in \(org.name). Its boards: " + boards.map { "\($0.id) \($0.name)" }.joined(separator: "; "))
                }
                workProgramme = WorkProgrammeImportRequest(boardID: found.id, entries: result.workProgrammeEntries)
            }
            let both = try await store.importFile(creating: creating.map(\.draft), updating: updating, workProgramme: workProgramme,
                                                  fileName: result.fileName, organisationID: org.id,
                                                  by: Importer(personID: 0, name: person, role: nil), today: today)
            let outcome = both.plans
            try await store.close()
            print("")
            if let added = both.workProgramme {
                print(WorkProgrammeImport.sentence(added: added.added.count, skipped: added.skipped, fileName: result.fileName)
                      + " into the work programme of \(added.board.name) (board \(added.board.id)).")
            }
            for (plan, imported) in zip(outcome.created, creating.map(\.imported)) {
                print("Stored plan \(plan.id): \(plan.title) (\(imported.areas.count) areas, \(imported.actions.count) actions, "
                      + "\(imported.draft.measures.count) measures) for \(org.name) in \(database.shown).")
            }
            for update in outcome.updated {
                print("Updated plan \(update.planID): \(update.planTitle) (\(update.summary)) for \(org.name) in \(database.shown).")
            }
        } catch {
            try? await store.close()
            if let errors = error as? ValidationErrors {
                throw Failure("Nothing stored:\n" + errors.errors.map { "  \($0.field): \($0.message)" }.joined(separator: "\n"))
            }
            throw Failure("Nothing stored: \(error)")
        }
    }

    /// The plans of the file to store as new, and the updates of stored plans: a plan the
    /// organisation has (`PlanReimport.match`, or `--update`) is updated unless `--new-plan`.
    func targets(_ result: ImportResult, organisationID: Int64, store: SQLStore, today: Day,
                 person: String) async throws -> (creating: [(draft: PlanDraft, imported: ImportedPlan)], updating: [PlanReimport]) {
        let drafts = result.drafts(organisationID: organisationID)
        guard !newPlan else { return (Array(zip(drafts, result.plans)).map { ($0, $1) }, []) }
        let stored = try await store.plans(organisationID: organisationID)
        var candidates: [(plan: Plan, inspection: Inspection?, actions: [Action])] = []
        for plan in stored {
            let contents = try await store.planContents(id: plan.id, organisationID: organisationID, fullHistory: false)
            candidates.append((plan, contents.inspection, contents.actions))
        }
        var creating: [(draft: PlanDraft, imported: ImportedPlan)] = []
        var updating: [PlanReimport] = []
        for (draft, imported) in zip(drafts, result.plans) {
            let target: Plan?
            if let update {
                guard let plan = stored.first(where: { $0.id == update }) else {
                    throw Failure("There is no plan \(update) in this organisation. Its plans: "
                                  + stored.map { "\($0.id) \($0.title)" }.joined(separator: "; "))
                }
                target = plan
            } else {
                target = PlanReimport.match(title: draft.plan.title, inspection: draft.inspection, actions: imported.actions,
                                            among: candidates)?.plan
            }
            guard let target else {
                creating.append((draft, imported))
                continue
            }
            guard !updating.contains(where: { $0.planID == target.id }) else {
                throw Failure("Two plans of \(result.fileName) would update plan \(target.id) \(target.title). Use --new-plan, or import them one at a time.")
            }
            let contents = try await store.planContents(id: target.id, organisationID: organisationID, fullHistory: true)
            updating.append(PlanReimport.comparing(imported.reimported, with: contents, fileName: result.fileName, on: today, by: person))
        }
        return (creating, updating)
    }

    /// The named organisation (created if missing, unless `creating` is false), else the only or first one.
    func organisation(in store: SQLStore, creating: Bool = true) async throws -> Organisation {
        if let organisation {
            if let found = try await store.organisation(named: organisation) { return found }
            guard creating else { throw Failure("There is no organisation called \(organisation) in \(database.shown).") }
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
