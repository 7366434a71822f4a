import Foundation

/// Who imports a file, as the history records them: progress updates, reprogrammings and the
/// audit trail name this person, not the file.
public struct Importer: Sendable, Hashable {
    public var personID: Int64
    public var name: String
    /// Their role in the organisation ("Editor"), kept on the progress updates they file.
    public var role: String?

    public init(personID: Int64, name: String, role: String?) {
        self.personID = personID
        self.name = name
        self.role = role
    }
}

/// What importing a file did: the plans it created and those it updated.
public struct ImportOutcome: Sendable, Hashable {
    public var created: [Plan]
    public var updated: [PlanReimport]

    public init(created: [Plan], updated: [PlanReimport]) {
        self.created = created
        self.updated = updated
    }
}

/// Importing a file into plans already stored (`PlanReimport`), beside creating new ones.
/// Implemented by the Store module.
///
/// One transaction for the whole file: every new plan created and every update applied, or
/// nothing. An update names the version of each action it changes; if any has changed since,
/// `StoreError.staleVersion` and nothing is saved. Nothing is ever deleted: actions missing from
/// the file stay. One audit entry (`import`) names the file and what it did, beside the entries
/// of each record created or changed.
public protocol PlanReimportStore: Sendable {
    /// From a held upload, which is deleted in the same transaction (a second confirmation finds
    /// nothing: `StoreError.notFound`).
    func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], fromUpload id: String,
                    organisationID: Int64, by importer: Importer, today: Day, now: Date) async throws -> ImportOutcome
    /// From the command line: no upload (the importer's `personID` is not used).
    func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], fileName: String,
                    organisationID: Int64, by importer: Importer, today: Day) async throws -> ImportOutcome
}
