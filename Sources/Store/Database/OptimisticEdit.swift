import Core

/// The steps every optimistic edit shares, inside the write transaction: refuse an edit made
/// against an older version, apply the caller's change to a copy, put back what the caller may
/// not change (identity, owner, history), and validate. Saving is left to the caller.
enum OptimisticEdit {
    static func apply<Record>(
        to stored: Record, entity: String, id: Int64, storedVersion: Int, expectedVersion: Int?,
        _ edit: (inout Record) throws -> Void,
        keeping keep: (inout Record, Record) -> Void = { _, _ in },
        validate: (Record) -> [ValidationError]
    ) throws -> Record {
        try refuseStale(entity: entity, id: id, storedVersion: storedVersion, expectedVersion: expectedVersion)
        var edited = stored
        try edit(&edited)
        keep(&edited, stored)
        let errors = validate(edited)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return edited
    }

    /// Refuses a change made against an older version than the one stored.
    static func refuseStale(entity: String, id: Int64, storedVersion: Int, expectedVersion: Int?) throws {
        if let expectedVersion, expectedVersion != storedVersion {
            throw StoreError.staleVersion(entity: entity, id: id, expected: expectedVersion, current: storedVersion)
        }
    }
}
