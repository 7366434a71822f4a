import Foundation

/// The organisation's accessibility statement and privacy notice. Implemented by the Store module.
public protocol NoticeStore: Sendable {
    /// The notice as the organisation last saved it; nil until it saves one (the page then
    /// shows the default text).
    func notice(_ kind: Notice.Kind, organisationID: Int64) async throws -> Notice?
    /// Saves the text as the next version, in the audit trail; `expectedVersion` is the version
    /// the editor opened (nil for none yet), and a different one is `StoreError.staleVersion`.
    func saveNotice(_ kind: Notice.Kind, text: String, organisationID: Int64, updatedBy: String, at: Date,
                    expectedVersion: Int?) async throws -> Notice
}
