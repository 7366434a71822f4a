import Logging
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO

/// An SQLite connection as SQLKit's `SQLDatabase`, whose rows read plain columns directly.
///
/// SQLiteKit decodes every column through a generic decoder that first asks the runtime whether
/// the type converts itself (a protocol-conformance cast per value); loading a 300-action plan
/// reads about 12,000 values, and that cast was a tenth of the request. Text, integers and reals
/// here are taken straight from the stored value; anything else goes the SQLiteKit way.
struct SQLiteRowsDatabase: SQLDatabase {
    let connection: SQLiteConnection
    private let base: any SQLDatabase
    private let encoder = SQLiteDataEncoder()

    init(connection: SQLiteConnection) {
        self.connection = connection
        base = connection.sql(queryLogLevel: nil)
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let (sql, rawBinds) = serialize(query)
        let binds: [SQLiteData]
        do {
            binds = try rawBinds.map { try encoder.encode($0) }
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return connection.query(sql, binds, logger: logger) { onRow(StoredRow(row: $0)) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, rawBinds) = serialize(query)
        try await connection.query(sql, try rawBinds.map { try encoder.encode($0) }) { onRow(StoredRow(row: $0)) }
    }
}

/// One result row. `decode` answers the plain column types itself and leaves the rest to SQLiteKit.
struct StoredRow: SQLRow {
    let row: SQLiteRow

    var allColumns: [String] { row.columns.map(\.name) }

    func contains(column: String) -> Bool { row.column(column) != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let data = row.column(column) else { return true }
        return data == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = row.column(column) else {
            throw MissingColumnError(column: column)
        }
        // The type checks compare metadata pointers; the bit casts are between identical types.
        switch data {
        case let .text(text) where D.self == String.self:
            return unsafeBitCast(text, to: D.self)
        case let .integer(number) where D.self == Int64.self:
            return unsafeBitCast(Int64(number), to: D.self)
        case let .integer(number) where D.self == Int.self:
            return unsafeBitCast(Int(number), to: D.self)
        case let .float(number) where D.self == Double.self:
            return unsafeBitCast(number, to: D.self)
        case let .integer(number) where D.self == Double.self:
            return unsafeBitCast(Double(number), to: D.self)
        default:
            return try SQLiteDataDecoder().decode(D.self, from: data)
        }
    }
}

/// A query that did not select a column the code reads: a programming error, named plainly.
struct MissingColumnError: Error, CustomStringConvertible {
    var column: String
    var description: String { "The query has no column \(column)" }
}
