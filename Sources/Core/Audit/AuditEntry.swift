import Foundation

/// One change in the audit trail: who, when, from where, what, and the values before and after.
/// Entries are only ever appended; each carries the hash of the one before, so editing or
/// deleting a stored entry breaks the chain at that entry (`oversight audit verify`).
public struct AuditEntry: Sendable, Hashable, Codable, Identifiable {
    public enum Change: String, Sendable, Codable, CaseIterable {
        case create, update, delete
    }

    public var id: Int64
    /// UTC, to the millisecond, ISO 8601.
    public var at: String
    public var organisationID: Int64?
    public var actor: String
    public var source: String?
    /// "plan", "area", "action", "progress update", "measure", "measure value", …
    public var entity: String
    public var entityID: String
    public var change: Change
    /// The record as JSON before and after the change (nil for a create's before, a delete's after).
    public var before: String?
    public var after: String?
    public var previousHash: String
    public var hash: String

    public init(id: Int64 = 0, at: String, organisationID: Int64?, actor: String, source: String?, entity: String,
                entityID: String, change: Change, before: String?, after: String?, previousHash: String = "", hash: String = "") {
        self.id = id
        self.at = at
        self.organisationID = organisationID
        self.actor = actor
        self.source = source
        self.entity = entity
        self.entityID = entityID
        self.change = change
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The text the hash is taken over: every field but the id and the hash itself, each
    /// length-prefixed so no two different entries can run together into the same text.
    public var chainedText: String {
        [previousHash, at, organisationID.map(String.init) ?? "", actor, source ?? "", entity, entityID,
         change.rawValue, before ?? "", after ?? ""]
            .map { "\($0.utf8.count):\($0)" }
            .joined(separator: "|")
    }
}

/// What checking the chain found.
public enum AuditVerification: Sendable, Equatable {
    case intact(entries: Int)
    /// The first entry whose stored hash or link does not match, with why.
    case broken(entryID: Int64, reason: String)
}
