import Core
import Documents
import Foundation
import Hummingbird
import PlanImport

/// `/import`: the upload form, with what it reads.
struct ImportUploadPage: PageModel, Sendable {
    static let template = Template.importUpload

    var title = "Import a plan"
    var navPlans = true
    var hasErrors: Bool
    var errors: [ErrorLink]
    var planFileError: String?
    var mappingFileError: String?

    init(problem: ErrorLink? = nil) {
        errors = problem.map { [$0] } ?? []
        hasErrors = problem != nil
        planFileError = problem.flatMap { $0.href == "#plan-file" ? $0.message : nil }
        mappingFileError = problem.flatMap { $0.href == "#mapping-file" ? $0.message : nil }
        if hasErrors { title = "Error: " + title }
    }
}

/// `/import/{upload}`: what was found in the file, as `oversight import plan --dry-run` prints
/// it — each plan with its areas, counts and first actions, every warning with where it is —
/// the columns as they were read (a form to change them), and the button that stores it all.
struct ImportPreviewPage: PageModel, Sendable {
    static let template = Template.importPreview

    struct PlanView: Sendable {
        var id: String
        var heading: String
        var kind: String
        var tables: String
        var areaCount: String
        var actionCount: String
        var milestoneCount: String
        var measureCount: String
        var areas: [AreaRow]
        var firstActions: [ActionRow]
        var firstActionsCaption: String
        /// What the plan becomes: a new plan, or an update of a stored one (radios).
        var targetName: String
        var targetChoices: [TargetChoice]
        /// "A plan called … already exists": said whenever the organisation has one by that title.
        var existing: String?
        var update: UpdateView?
    }

    /// One way to import a plan of the file.
    struct TargetChoice: Sendable {
        var id: String
        var value: String
        var label: String
        var checked: Bool
    }

    /// What updating a stored plan changes, before it is confirmed (and after, on the result page).
    struct UpdateView: Sendable {
        struct ChangeRow: Sendable {
            var ref: String
            var title: String
            var href: String
            var sentences: [String]
        }
        struct ItemRow: Sendable {
            var ref: String
            var title: String
            var detail: String
            var href: String?
        }
        var heading: String
        var planHref: String
        var summary: String
        var changes: [ChangeRow]
        var hasChanges: Bool
        var additions: [ItemRow]
        var hasAdditions: Bool
        var newAreas: [String]
        var hasNewAreas: Bool
        var missing: [ItemRow]
        var hasMissing: Bool
        var nothing: Bool

        init(_ update: PlanReimport) {
            heading = "What importing changes in \(update.planTitle)"
            planHref = Path.plan(update.planID).href
            summary = update.summary.prefix(1).uppercased() + update.summary.dropFirst() + "."
            changes = update.changes.map { change in
                ChangeRow(ref: change.ref, title: change.title, href: Path.action(change.actionID).href,
                          sentences: (change.fileRef.map { ["Found by its title (\($0) in the file)"] } ?? []) + change.sentences)
            }
            hasChanges = !changes.isEmpty
            additions = update.additions.map { ItemRow(ref: $0.action.ref, title: $0.action.title, detail: "Added to \($0.areaText)") }
            hasAdditions = !additions.isEmpty
            newAreas = update.newAreas.map(\.description)
            hasNewAreas = !newAreas.isEmpty
            missing = update.missing.map {
                ItemRow(ref: $0.ref, title: $0.title, detail: "Kept as it is", href: Path.action($0.actionID).href)
            }
            hasMissing = !missing.isEmpty
            nothing = update.changesNothing
        }
    }

    /// A hidden field of the confirm form.
    struct HiddenField: Sendable {
        var name: String
        var value: String
    }

    struct AreaRow: Sendable {
        var ref: String
        var title: String
        var lead: String
        var actions: Int
    }

    struct ActionRow: Sendable {
        var ref: String
        var title: String
        var leads: [String]
        var due: String
        var milestones: String
        var status: String
    }

    struct WarningRow: Sendable {
        var location: String
        var message: String
    }

    /// One column of the file, and what it is read as.
    struct ColumnRow: Sendable {
        var number: Int
        var header: String
        var foundIn: String
        var choices: [Choice]
    }

    struct Banner: Sendable {
        var message: String
    }

    /// The first actions of each plan shown in the preview; the counts cover the rest.
    static let actionsShown = 10

    var title: String
    var navPlans = true
    var fileName: String
    var counts: String
    var plans: [PlanView]
    var noPlan: String?
    var hasWarnings: Bool
    var warningsHeading: String
    var warnings: [WarningRow]
    var hasNotes: Bool
    var notes: [WarningRow]
    var hasColumns: Bool
    var columns: [ColumnRow]
    var columnsAction: String
    var hasTables: Bool
    var tables: [TableRow]
    var tablesAction: String
    var mappingHref: String
    var mappingFileName: String
    var confirmAction: String
    /// Names the file and columns this preview shows; confirming checks it still matches.
    var previewFingerprint: String
    var confirmLabel: String
    var mayConfirm: Bool
    /// The preview's own address: the choice of plan to update is shown again with a GET form.
    var previewAction: String
    /// What each plan becomes, and the fingerprint of the changes shown, for the confirm form.
    var targetFields: [HiddenField]
    var changesFingerprint: String
    var updatesSome: Bool
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?
    var banner: Banner?
    /// The boards' work programmes in the file, and the board they go into (a select in the confirm form).
    var workProgrammes: [WorkProgrammeView]
    var hasWorkProgrammes: Bool
    var boardChoices: [Choice]
    var hasBoards: Bool
    var boardError: String?
    var boardsHref: String

    init(upload: ImportUpload, preview: HeldPreview, targets: ImportTargets, problems: [ErrorLink], changed: String?,
         boards: [Board] = [], board: Int64? = nil) {
        let result = preview.result
        fileName = upload.fileName
        title = "Check what was found in \(upload.fileName)"
        counts = ImportPreview.counts(result)
        plans = result.plans.enumerated().map { Self.planView($1, number: $0 + 1, targets: targets) }
        previewAction = Path.importPreview(upload: upload.id).href
        targetFields = targets.targets.enumerated().map { HiddenField(name: ImportTargets.fieldName($0), value: $1.formValue) }
        changesFingerprint = targets.fingerprint
        updatesSome = !targets.updates.isEmpty
        noPlan = result.isEmpty ? Self.noPlanSentence(upload.fileName) : nil
        workProgrammes = result.workProgrammes.enumerated().map { WorkProgrammeView($1, number: $0 + 1) }
        hasWorkProgrammes = !workProgrammes.isEmpty
        boardChoices = [Choice(value: "", label: "Choose a board", selected: board == nil)]
            + boards.map { Choice(value: String($0.id), label: $0.name, selected: $0.id == board) }
        hasBoards = !boards.isEmpty
        boardError = problems.first { $0.href == "#board" }?.message
        boardsHref = Path.boards.href
        warnings = result.warnings.map { WarningRow(location: $0.location, message: $0.message) }
        hasWarnings = !warnings.isEmpty
        warningsHeading = result.warnings.count == 1 ? "1 warning to check" : "\(result.warnings.count) warnings to check"
        notes = result.notes.map { WarningRow(location: $0.location, message: $0.message) }
        hasNotes = !notes.isEmpty
        columns = preview.columns
        hasColumns = !columns.isEmpty
        columnsAction = Path.importColumns(upload: upload.id).href
        tables = Self.tableRows(result)
        hasTables = !tables.isEmpty
        tablesAction = Path.importTables(upload: upload.id).href
        mappingHref = Path.importMapping(upload: upload.id).href
        mappingFileName = Self.mappingFileName(for: upload.fileName)
        confirmAction = Path.importConfirmation(upload: upload.id).href
        previewFingerprint = preview.fingerprint
        let updating = targets.updates.count
        if result.plans.isEmpty {
            confirmLabel = "Import the work programme"
        } else if updating == 0 {
            confirmLabel = result.plans.count == 1 ? "Import this plan" : "Import these \(result.plans.count) plans"
        } else if updating == result.plans.count {
            confirmLabel = updating == 1 ? "Update \(targets.updates.values.first?.planTitle ?? "the plan")" : "Update these \(updating) plans"
        } else {
            confirmLabel = "Import the new plans and update the others"
        }
        if !result.plans.isEmpty, hasWorkProgrammes { confirmLabel += " and the work programme" }
        // The checks every plan must pass are shown before the button, not after it is pressed.
        var invalid = Self.validationProblems(result) + targets.problems
        if hasWorkProgrammes, boards.isEmpty {
            invalid.append(ErrorLink(href: "#board", message: "Your organisation has no board to take the work programme: add the board first, then import the file again"))
        }
        errors = problems.isEmpty ? invalid : problems
        hasErrors = !errors.isEmpty
        errorIntro = hasErrors ? "Nothing has been stored." : nil
        mayConfirm = invalid.isEmpty && !result.isEmpty
        let again = changed == "tables" ? "The file has been read again with your choice of what each table is." : "The file has been read again with your columns."
        banner = changed != nil && !hasErrors ? Banner(message: again) : nil
        if hasErrors { title = "Error: " + title }
    }

    /// A board's work programme found in the file: its counts, and every item with when it comes.
    struct WorkProgrammeView: Sendable {
        struct ItemRow: Sendable {
            var when: String
            var title: String
            var presenter: String
            var purpose: String
        }
        var id: String
        var heading: String
        var location: String
        var meetingCount: String
        var itemCount: String
        var standingCount: String
        var items: [ItemRow]

        init(_ programme: ImportedWorkProgramme, number: Int) {
            id = "work-programme-\(number)"
            heading = "Work programme \(number): \(programme.title)"
            location = programme.location
            meetingCount = String(programme.meetings.count)
            itemCount = String(programme.plannedCount)
            standingCount = String(programme.standingCount)
            items = programme.entries.map { entry in
                ItemRow(when: entry.when.text, title: entry.title, presenter: entry.presenter, purpose: entry.purpose.word)
            }
        }
    }

    /// The board chosen in the confirm form (`board`): nil when none was chosen or it is not a number.
    static func chosenBoard(inForm body: String) -> Int64? {
        field("board", inForm: body).flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func planView(_ plan: ImportedPlan, number: Int, targets: ImportTargets) -> PlanView {
        let index = number - 1
        let target = targets.targets.indices.contains(index) ? targets.targets[index] : .new
        var choices = targets.storedPlans.map { stored in
            TargetChoice(id: "plan-\(number)-target-\(stored.id)", value: String(stored.id), label: "Update \(stored.title)",
                         checked: target == .update(stored.id))
        }
        choices.append(TargetChoice(id: "plan-\(number)-target", value: "new", label: "Import it as a new plan", checked: target == .new))
        // The first radio carries the id an error links to.
        if choices.count > 1 {
            choices[choices.count - 1].id = "plan-\(number)-target-new"
            choices[0].id = "plan-\(number)-target"
        }
        let match = targets.matches.indices.contains(index) ? targets.matches[index] : nil
        let existing = match.map { match in
            let stored = match.plan
            let found = switch match {
            case .sameTitle: "A plan called “\(stored.title)” already exists in your organisation"
            case let .sameActions(_, shared, total): "\(shared) of the \(total) actions in this file are actions of “\(stored.title)” (the same reference and title)"
            }
            return target == .update(stored.id)
                ? found + ", so importing this file updates that plan: new progress, status, % complete and dates become dated updates by you, new actions are added, and nothing is deleted. Choose “Import it as a new plan” to keep them apart."
                : found + ". This file will be imported as a separate plan."
        }
        var view = planView(plan, number: number)
        view.targetName = ImportTargets.fieldName(index)
        view.targetChoices = choices
        view.existing = existing
        view.update = targets.updates[index].map(UpdateView.init)
        return view
    }

    static func planView(_ plan: ImportedPlan, number: Int) -> PlanView {
        let draft = plan.draft
        let tables = plan.tables.count == 1 ? "Table \(plan.tables[0])" : "Tables \(plan.tables.first ?? 0) to \(plan.tables.last ?? 0)"
        let milestones = plan.milestones
        let areas = draft.themes.flatMap(\.areas).map { area in
            AreaRow(ref: area.area.ref, title: area.area.title, lead: area.area.improvementLead, actions: area.actions.count)
        }
        let actions = plan.actions
        let shown = actions.prefix(actionsShown).map { action in
            ActionRow(ref: action.ref, title: action.title, leads: action.leads, due: action.dueDate?.formatted ?? "",
                      milestones: action.milestones.isEmpty ? "" : "\(action.milestones.count) (\(action.milestones.filter(\.isComplete).count) complete)",
                      status: action.status.word)
        }
        return PlanView(
            id: "plan-\(number)", heading: "Plan \(number): \(draft.plan.title)",
            kind: draft.plan.kind.rawValue.prefix(1).uppercased() + draft.plan.kind.rawValue.dropFirst(),
            tables: tables, areaCount: String(areas.count), actionCount: String(actions.count),
            milestoneCount: "\(milestones.count) (\(milestones.filter(\.isComplete).count) complete)",
            measureCount: String(draft.measures.count), areas: areas, firstActions: Array(shown),
            firstActionsCaption: actions.count > shown.count ? "The first \(shown.count) of \(actions.count) actions" : "Its actions",
            targetName: "plan-\(number)", targetChoices: [], existing: nil, update: nil)
    }

    /// The checks every plan must pass before it is stored (Core's), linked to the plan.
    static func validationProblems(_ result: ImportResult) -> [ErrorLink] {
        result.validationErrors.flatMap { index, errors in
            errors.map { ErrorLink(href: "#plan-\(index + 1)", message: "Plan \(index + 1) (\(result.plans[index].draft.plan.title)), \($0.field): \($0.message)") }
        }
    }

    // MARK: Columns

    /// Every column the plans were read from, once each (a header shared by several plans is
    /// one row, as in the mapping file), in the order the file has them.
    static func columns(_ result: ImportResult, document: Document) -> [ColumnRow] {
        var rows: [ColumnRow] = []
        var rowFor: [String: Int] = [:]
        for (index, plan) in result.plans.enumerated() {
            let ordered = plan.mapping.columns.sorted { a, b in
                let (x, y) = (position(of: a.key, in: plan.tables, document: document), position(of: b.key, in: plan.tables, document: document))
                return x != y ? x < y : a.key < b.key
            }
            for (header, field) in ordered {
                let key = HeaderRecognition.normalise(header).isEmpty ? header : HeaderRecognition.normalise(header)
                if let existing = rowFor[key] {
                    rows[existing].foundIn += ", plan \(index + 1)"
                    continue
                }
                rowFor[key] = rows.count
                rows.append(ColumnRow(number: rows.count + 1, header: header, foundIn: "Plan \(index + 1)",
                                      choices: choices(selected: field)))
            }
        }
        return rows
    }

    /// Where a header sits: its first table and column among the plan's tables. A number names
    /// the column itself.
    static func position(of header: String, in tables: [Int], document: Document) -> (table: Int, column: Int) {
        if let column = Int(header) { return (0, column) }
        let all = document.tables
        for table in tables where table >= 1 && table <= all.count {
            for row in all[table - 1].rows {
                if let column = row.texts.firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == header }) {
                    return (table, column + 1)
                }
            }
        }
        return (Int.max, 0)
    }

    /// Every field the importer reads, then the two ways of not reading a column as one.
    static func choices(selected: ImportField) -> [Choice] {
        let fields = ImportField.allCases.filter { $0 != .note && $0 != .ignore }.map { field in
            Choice(value: field.rawValue, label: field.label.prefix(1).uppercased() + field.label.dropFirst(), selected: field == selected)
        }
        return fields + [
            Choice(value: ImportField.note.rawValue, label: "Keep as notes on each action", selected: selected == .note),
            Choice(value: ImportField.ignore.rawValue, label: "Ignore (leave the column out)", selected: selected == .ignore),
        ]
    }

    /// The columns form as posted: `header-N` (the column's header as written) and `column-N`
    /// (the field) for each column N. Read as the mapping file is.
    /// One field of a URL-encoded form.
    static func field(_ wanted: String, inForm body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            if name == wanted { return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        }
        return nil
    }

    static func mapping(fromForm body: String) throws -> ColumnMapping {
        var headers: [String: String] = [:], fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let name = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            if name.hasPrefix("header-") { headers[String(name.dropFirst("header-".count))] = value }
            if name.hasPrefix("column-") { fields[String(name.dropFirst("column-".count))] = value }
        }
        var mapping = ColumnMapping()
        for (number, header) in headers {
            guard let chosen = fields[number], let field = ImportField(rawValue: chosen) else {
                throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
            }
            mapping.columns[header] = field
        }
        return mapping
    }

    // MARK: Tables

    /// One table of the file: where it is, what it was taken for and why, and the choice of what to read it as.
    struct TableRow: Sendable {
        var number: Int
        var location: String
        var takenFor: String
        var reason: String
        var choices: [Choice]
    }

    /// What a table is read as now, in the terms of the choices.
    static func currentChoice(_ reading: TableReading, in result: ImportResult) -> TableChoice {
        switch reading.kind {
        case .plan, .continuation:
            let plan = reading.plan.flatMap { result.plans.indices.contains($0) ? result.plans[$0] : nil }
            return plan?.draft.plan.kind == .recommendationTracker ? .tracker : .plan
        case .workProgramme: return .workProgramme
        case .measures: return .measures
        case .agenda, .notAPlan: return .ignore
        }
    }

    static func tableRows(_ result: ImportResult) -> [TableRow] {
        result.tables.map { reading in
            let current = currentChoice(reading, in: result)
            let line = ImportPreview.tableLine(reading, in: result)
            // "  Table 3 (pack.docx, table 3): plan 1 "…" — its header row names …": the part before the reason.
            let takenFor = line.components(separatedBy: "): ").dropFirst().joined(separator: "): ").components(separatedBy: " — ").first ?? ""
            return TableRow(number: reading.table, location: reading.location, takenFor: takenFor, reason: reading.reason,
                            choices: TableChoice.allCases.map { Choice(value: $0.rawValue, label: $0.label, selected: $0 == current) })
        }
    }

    /// The tables form as posted (`table-N` for each table N), as the choices to keep with the
    /// upload: those already kept, and each one that differs from what the table is read as now.
    static func tableChoices(fromForm body: String, result: ImportResult, kept: [String: TableChoice]?) throws -> [String: TableChoice]? {
        var choices = kept ?? [:]
        for reading in result.tables {
            guard let posted = field("table-\(reading.table)", inForm: body) else { continue }
            guard let choice = TableChoice(rawValue: posted) else {
                throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
            }
            if choice != currentChoice(reading, in: result) { choices[String(reading.table)] = choice }
        }
        return choices.isEmpty ? nil : choices
    }

    // MARK: Sentences

    static func noPlanSentence(_ fileName: String) -> String {
        "No plan was found in \(fileName). Oversight looks for a table whose header row names an action, recommendation or "
            + "reference column and at least one other it knows (Lead, Due, Status, Progress …), or a board's work programme "
            + "(meeting dates with the items planned for them). If your columns are named "
            + "differently, choose a mapping file that names them and upload the file again."
    }

    static let goneSentence = "There is no file waiting to be imported here. It has been imported already, or it was uploaded "
        + "more than an hour ago, or by someone else. Upload the file again from the Import a plan page."

    /// `tracker-march.xlsx` → `tracker-march-columns.json`, in the characters a download name may hold.
    static func mappingFileName(for fileName: String) -> String {
        let base = URL(fileURLWithPath: fileName).deletingPathExtension().lastPathComponent
        let safe = String(base.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
        return (safe.isEmpty ? "plan" : safe) + "-columns.json"
    }
}

/// After a file has updated plans: what it changed, added and left out, as it was stored. Shown
/// in answer to the confirmation itself (the upload is gone, so there is no page to come back to);
/// the audit trail keeps the same in its `import` entry.
struct ImportResultPage: PageModel, Sendable {
    static let template = Template.importResult

    struct CreatedPlan: Sendable {
        var title: String
        var href: String
    }

    var title: String
    var navPlans = true
    var fileName: String
    var created: [CreatedPlan]
    var hasCreated: Bool
    var updates: [ImportPreviewPage.UpdateView]
    var plansHref: String
    /// "Imported 7 work programme items from wp.docx", with the board's page.
    var workProgrammeSentence: String?
    var workProgrammeHref: String?
    var workProgrammeBoard: String?

    init(fileName: String, outcome: ImportOutcome, workProgramme: WorkProgrammeImportOutcome? = nil) {
        if let workProgramme {
            workProgrammeSentence = WorkProgrammeImport.sentence(added: workProgramme.added.count, skipped: workProgramme.skipped,
                                                                 fileName: fileName) + " into \(workProgramme.board.name)'s work programme."
            workProgrammeHref = Path.board(workProgramme.board.id).href + "#work-programme"
            workProgrammeBoard = workProgramme.board.name
        }
        self.fileName = fileName
        title = "Imported \(fileName)"
        created = outcome.created.map { CreatedPlan(title: $0.title, href: Path.plan($0.id).href) }
        hasCreated = !created.isEmpty
        updates = outcome.updated.map { update in
            var view = ImportPreviewPage.UpdateView(update)
            view.heading = "\(update.planTitle) was updated"
            return view
        }
        plansHref = Path.plans.href
    }
}
