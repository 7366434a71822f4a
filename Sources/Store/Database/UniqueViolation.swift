/// Recognises the database refusing a row that a unique index already holds, so the store can
/// say which rule was broken in the words the pages use instead of passing a database error on.
///
/// The application checks first (inside the write transaction, so on SQLite it cannot be raced);
/// the index is what still holds when two servers write side by side.
struct UniqueIndex: Sendable {
    let name: String
    let table: String
    let columns: [String]

    static let actionRefs = UniqueIndex(name: "actions_plan_ref", table: "actions", columns: ["plan_id", "ref_key"])
    static let minuteNumbers = UniqueIndex(name: "minute_numbers_board", table: "minute_numbers", columns: ["board_id", "number"])

    /// Whether `error` is this index refusing a row. SQLite names the columns
    /// ("UNIQUE constraint failed: actions.plan_id, actions.ref_key"), PostgreSQL the index
    /// ("duplicate key value violates unique constraint \"actions_plan_ref\"", or
    /// `constraintName` in the server's fields). PostgresNIO keeps the server's words out of
    /// `description`, so the reflection is read too.
    func refused(_ error: any Error) -> Bool {
        let sqlite = "UNIQUE constraint failed: " + columns.map { "\(table).\($0)" }.joined(separator: ", ")
        return [String(describing: error), String(reflecting: error)].contains { text in
            text.contains(sqlite) || text.contains("unique constraint \"\(name)\"") || text.contains("\"\(name)\"")
        }
    }
}
