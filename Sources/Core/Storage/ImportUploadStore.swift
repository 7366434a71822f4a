import Foundation

/// A plan file uploaded to be imported, held between its preview and the person's confirmation,
/// so the file is sent once however many times the columns are changed.
public struct ImportUpload: Sendable, Hashable {
    /// An upload is held for an hour; an older one is gone, as if it had never been sent.
    public static let lifetime: TimeInterval = 60 * 60

    /// 32 hexadecimal digits (128 random bits) chosen by the store, never a counter: an id is
    /// never given to a second upload, so a preview's form can only ever confirm its own file.
    public var id: String
    public var organisationID: Int64
    /// Only the person who uploaded the file may preview or import it.
    public var personID: Int64
    public var fileName: String
    public var bytes: Data
    /// The columns the person named, as the JSON of a column mapping file (`{"columns": {…}}`);
    /// recognition reads the others.
    public var columnMapping: Data
    public var createdAt: Date

    public init(id: String = "", organisationID: Int64, personID: Int64, fileName: String, bytes: Data, columnMapping: Data,
                createdAt: Date) {
        self.id = id
        self.organisationID = organisationID
        self.personID = personID
        self.fileName = fileName
        self.bytes = bytes
        self.columnMapping = columnMapping
        self.createdAt = createdAt
    }
}

/// Where uploaded plan files wait to be imported, and are imported into new plans or the plans
/// they update (`PlanReimportStore`). Implemented by the Store module.
///
/// Every call names the organisation and the person: another person's upload, or one held for
/// longer than `ImportUpload.lifetime` before `now`, is `StoreError.notFound`.
public protocol ImportUploadStore: PlanReimportStore {
    /// Holds the file under a new random id (whatever `upload.id` says), and deletes every
    /// upload that has outlived its hour.
    func saveImportUpload(_ upload: ImportUpload, now: Date) async throws -> ImportUpload
    func importUpload(id: String, organisationID: Int64, personID: Int64, now: Date) async throws -> ImportUpload
    /// Replaces the columns the person named, after they change them on the preview.
    func setImportUploadMapping(id: String, organisationID: Int64, personID: Int64, now: Date, columnMapping: Data) async throws
    /// Stores the plans read from the upload and deletes the upload, in one transaction: all the
    /// plans or none (as `PlanStore.createPlans`), and a second confirmation finds no upload.
    func importPlans(_ drafts: [PlanDraft], fromUpload id: String, organisationID: Int64, personID: Int64,
                     now: Date) async throws -> [Plan]
}
