import Core

/// The audit trail as CSV for Excel: what `oversight audit export` writes and administrators
/// download from `/audit.csv`. Columns: entry, when (UTC), who, from, what, which, change,
/// before, after, hash.
public enum AuditTrailCSV {
    public static let header = ["entry", "when", "who", "from", "what", "which", "change", "before", "after", "hash"]

    public static func text(_ entries: [AuditEntry]) -> String {
        var document = CSVDocument(rows: [header])
        for entry in entries {
            document.append([String(entry.id), entry.at, entry.actor, entry.source ?? "", entry.entity, entry.entityID,
                             entry.change.rawValue, entry.before ?? "", entry.after ?? "", entry.hash])
        }
        return document.text
    }
}
