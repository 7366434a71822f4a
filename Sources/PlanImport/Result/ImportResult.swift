import Core
import Documents
import Foundation

/// Something a person should check after an import, with where it is in the file.
public struct ImportWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Read, but perhaps not as the person meant: check it.
        case warning
        /// For information: prose skipped between tables, a header row without a table.
        case note
    }

    public var kind: Kind
    public var fileName: String
    /// 1-based table in the document, when the message is about a table.
    public var table: Int?
    /// The row's number in the file (`TableRow.number`), or a paragraph's line.
    public var row: Int?
    public var column: Int?
    /// Where, as a person reads it: `plan.txt, table 3, line 40, column 4`.
    public var location: String
    public var message: String
    /// Which plan of the result (0-based) it concerns, if one.
    public var plan: Int?

    public init(kind: Kind = .warning, fileName: String, table: Int? = nil, row: Int? = nil, column: Int? = nil,
                location: String, message: String, plan: Int? = nil) {
        self.kind = kind
        self.fileName = fileName
        self.table = table
        self.row = row
        self.column = column
        self.location = location
        self.message = message
        self.plan = plan
    }

    public var description: String { "\(location): \(message)" }
}

/// One plan found in a file, ready to store.
public struct ImportedPlan: Sendable, Hashable {
    public var draft: PlanDraft
    /// The document tables (1-based) it was read from.
    public var tables: [Int]
    /// The columns as recognised in its tables, to save and reuse.
    public var mapping: ColumnMapping
    /// Measure code → the ref of the area it sits in.
    public var measureAreas: [String: String]
    /// For each of `actions`, in order, the fields the file states (not worked out): what a
    /// re-import may change on the stored action.
    public var given: [Set<ReimportedAction.Field>] = []

    public init(draft: PlanDraft, tables: [Int], mapping: ColumnMapping, measureAreas: [String: String]) {
        self.draft = draft
        self.tables = tables
        self.mapping = mapping
        self.measureAreas = measureAreas
    }

    public var areas: [Area] { draft.themes.flatMap { $0.areas.map(\.area) } }
    public var actions: [Action] { draft.themes.flatMap { $0.areas.flatMap { $0.actions.map(\.action) } } }
    public var milestones: [Milestone] { actions.flatMap(\.milestones) }

    /// Every action with its theme and area as read and the fields the file states, to compare
    /// with a stored plan (`PlanReimport.comparing`).
    public var reimported: [ReimportedAction] {
        var list: [ReimportedAction] = []
        for theme in draft.themes {
            for area in theme.areas {
                for action in area.actions {
                    let fields = given.indices.contains(list.count) ? given[list.count] : Set(ReimportedAction.Field.allCases)
                    list.append(ReimportedAction(action: action.action, measureCodes: action.measureCodes,
                                                 theme: theme.theme, area: area.area, given: fields))
                }
            }
        }
        return list
    }
}

/// What one table of the file was taken for, and why: shown in the preview so a person can
/// see that the agenda was left out and the plan read.
public struct TableReading: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Actions of an improvement plan (or the rows of a tracker): read into `plan`.
        case plan
        /// No header row of its own; read as more rows of the plan before (a page break).
        case continuation
        /// A board's work programme: meetings and the items planned for them.
        case workProgramme = "work programme"
        /// A meeting's agenda (item, subject, page or purpose).
        case agenda
        /// Measures and their figures, not actions.
        case measures
        /// Anything else: a membership list, contacts, a RAG key, a glossary, figures.
        case notAPlan = "not a plan"
    }

    /// 1-based, as in warnings.
    public var table: Int
    /// Where it is, as a person finds it: `pack.docx, table 3` or `plan.xlsx, sheet 'RAG key'`.
    public var location: String
    public var kind: Kind
    /// Why, in a sentence: "its header row names Ref, Action, Lead(s), Due".
    public var reason: String
    /// The plan of the result (0-based) it was read into, if any.
    public var plan: Int?

    public init(table: Int, location: String, kind: Kind, reason: String, plan: Int? = nil) {
        self.table = table
        self.location = location
        self.kind = kind
        self.reason = reason
        self.plan = plan
    }
}

/// What an import found: the plans in the file, and what to check.
public struct ImportResult: Sendable, Hashable {
    public var fileName: String
    public var plans: [ImportedPlan]
    public var warnings: [ImportWarning]
    public var notes: [ImportWarning]
    /// Every table of the file, in order, with what it was taken for and why.
    public var tables: [TableReading]
    /// Boards' work programmes found in the file: imported into a board, never as a plan.
    public var workProgrammes: [ImportedWorkProgramme]

    public init(fileName: String, plans: [ImportedPlan], warnings: [ImportWarning], notes: [ImportWarning],
                tables: [TableReading] = [], workProgrammes: [ImportedWorkProgramme] = []) {
        self.fileName = fileName
        self.plans = plans
        self.warnings = warnings
        self.notes = notes
        self.tables = tables
        self.workProgrammes = workProgrammes
    }

    /// Every work programme item of the file, in order: what goes into the board chosen.
    public var workProgrammeEntries: [WorkProgrammeImport.Entry] { workProgrammes.flatMap(\.entries) }

    /// Whether the file holds anything to import: a plan or a work programme.
    public var isEmpty: Bool { plans.isEmpty && workProgrammes.isEmpty }

    public var drafts: [PlanDraft] { plans.map(\.draft) }
    public var measures: [Measure] { plans.flatMap(\.draft.measures) }

    /// The drafts with their plan and measures given to an organisation, to store.
    public func drafts(organisationID: Int64) -> [PlanDraft] {
        drafts.map { draft in
            var draft = draft
            draft.plan.organisationID = organisationID
            for index in draft.measures.indices { draft.measures[index].organisationID = organisationID }
            return draft
        }
    }

    /// Every column mapping used, merged: the file to save with `--save-mapping`.
    public var mapping: ColumnMapping {
        var merged = ColumnMapping()
        for plan in plans { merged.columns.merge(plan.mapping.columns) { first, _ in first } }
        return merged
    }

    /// Why each plan could not be stored as it stands, from Core's validation.
    public var validationErrors: [(plan: Int, errors: [ValidationError])] {
        plans.enumerated().compactMap { index, plan in
            let errors = PlanValidation.errors(in: plan.draft)
            return errors.isEmpty ? nil : (index, errors)
        }
    }

    public static func == (a: ImportResult, b: ImportResult) -> Bool {
        a.fileName == b.fileName && a.plans == b.plans && a.warnings == b.warnings && a.notes == b.notes && a.tables == b.tables
            && a.workProgrammes == b.workProgrammes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fileName)
        hasher.combine(plans)
    }
}

/// How to import.
public struct ImportOptions: Sendable {
    /// Columns named by the person; they win over recognition.
    public var mapping: ColumnMapping
    /// The date for progress, evidence and completion that the file does not date, when the
    /// document has no date near its start (such as "August 2023" on its cover). Today if nil.
    public var asAt: Day?

    public init(mapping: ColumnMapping = ColumnMapping(), asAt: Day? = nil) {
        self.mapping = mapping
        self.asAt = asAt
    }
}
