import Core
import SQLKit

/// The one way a versioned record is written: the UPDATE names the version the writer read
/// (`… AND version = <read>`) and returns a row only when it matched, so a write overtaken by
/// another writer changes nothing and is refused as stale instead of overwriting it.
///
/// With SQLite, `SQLGateway.write` lets one writer in at a time, so the version read inside the
/// transaction is still current when the UPDATE runs and this check never fails there. It is
/// what keeps edits safe where writers run side by side (PostgreSQL, several servers), and the
/// contract is tested by writing with a version read before someone else's write.
enum VersionedUpdate {
    /// The tables that hold versioned records, by the entity name errors use.
    enum Table: String {
        case plans, themes, areas, actions, measures, boards, meetings
        case actionPoints = "action_points"
        case workProgrammeItems = "work_programme_items"
    }

    /// Runs `statement`, an UPDATE of one row of `table` whose WHERE clause includes
    /// `version = <read>` and which ends `RETURNING version`; throws `StoreError.staleVersion`
    /// when no row came back.
    static func run(_ db: any SQLDatabase, _ statement: SQLQueryString, table: Table, entity: String, id: Int64, read: Int) async throws {
        guard try await db.raw(statement).first() == nil else { return }
        let current = try await db.raw("SELECT version FROM \(unsafeRaw: table.rawValue) WHERE id = \(bind: id)").first()
        guard let current else { throw StoreError.notFound(entity: entity, id: String(id)) }
        throw StoreError.staleVersion(entity: entity, id: id, expected: read, current: try current.int("version"))
    }
}
