import Foundation

/// A board's work programme read from a file, and the board it goes into.
public struct WorkProgrammeImportRequest: Sendable, Hashable {
    public var boardID: Int64
    public var entries: [WorkProgrammeImport.Entry]

    public init(boardID: Int64, entries: [WorkProgrammeImport.Entry]) {
        self.boardID = boardID
        self.entries = entries
    }
}

/// What importing a file did to a board's work programme.
public struct WorkProgrammeImportOutcome: Sendable, Hashable {
    public var board: Board
    /// The items stored, with their ids.
    public var added: [WorkProgrammeItem]
    /// How many of the file's items were on the work programme already (same title and placement).
    public var skipped: Int

    public init(board: Board, added: [WorkProgrammeItem], skipped: Int) {
        self.board = board
        self.added = added
        self.skipped = skipped
    }
}

/// What importing a file did: its plans (if any) and its work programme (if any).
public struct FileImportOutcome: Sendable, Hashable {
    public var plans: ImportOutcome
    public var workProgramme: WorkProgrammeImportOutcome?

    public init(plans: ImportOutcome, workProgramme: WorkProgrammeImportOutcome?) {
        self.plans = plans
        self.workProgramme = workProgramme
    }
}

/// Importing a file that holds a board's work programme, beside or instead of plans. Implemented
/// by the Store module.
///
/// One transaction: the plans created and updated (as `PlanReimportStore.importFile`) and the
/// work programme items added to the board, or nothing. Items already on the board's work
/// programme with the same title and placement are not added again (`WorkProgrammeImport.plan`);
/// an item for a month in which the board has no meeting refuses the whole import
/// (`ValidationErrors` naming it), as does a request with no entries. Importing the same file
/// again adds nothing and says how many it skipped. One audit entry (`import`) says "Imported N work programme items
/// from <file>", beside the entry of each item created.
public protocol WorkProgrammeImportStore: Sendable {
    /// From a held upload, deleted in the same transaction (a second confirmation finds nothing:
    /// `StoreError.notFound`). A board of another organisation is `StoreError.notFound`.
    func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], workProgramme: WorkProgrammeImportRequest?,
                    fromUpload id: String, organisationID: Int64, by importer: Importer, today: Day, now: Date) async throws -> FileImportOutcome
    /// From the command line: no upload.
    func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], workProgramme: WorkProgrammeImportRequest?,
                    fileName: String, organisationID: Int64, by importer: Importer, today: Day) async throws -> FileImportOutcome
}
