import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// A PostgreSQL database, shared by every server a council runs: a pool of connections, and
/// writes that each take one advisory lock for their transaction, so writers go one at a time
/// across all servers exactly as on SQLite (see `SQLGateway.write`).
public final class PostgresGateway: SQLGateway {
    private let client: PostgresClient
    private let running: Task<Void, Never>
    private let writeGate = SerialGate()
    /// Where the database is, without the password: for messages and logs.
    public let location: PostgresLocation

    /// The advisory lock key every write takes for its transaction. Fixed, so servers of any
    /// version agree; any 64-bit number no other program on the database uses.
    static let writeLockKey: Int64 = 0x4F76_6572_7369_6768 // "Oversigh"
    /// The session lock that lets one server at a time migrate.
    static let migrationLockKey: Int64 = 0x4F76_6572_4D69_6772 // "OverMigr"

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`), brings
    /// its schema up to date under a lock (two servers starting at once do not both migrate) and
    /// opens the pool.
    public static func open(url: String, migrating: Bool = true, maximumConnections: Int = 10,
                            logger: Logger = Logger(label: "oversight.store")) async throws -> PostgresGateway {
        let location = try PostgresLocation(url: url)
        let configuration = location.clientConfiguration(maximumConnections: maximumConnections)
        // One plain connection first: a server that cannot be reached or refuses the account is
        // an error now, in words naming where, rather than a pool retrying in the background.
        let connection = try await location.connect(logger: logger)
        do {
            if migrating {
                // A session lock, held across the migrations' own transactions; a failure closes
                // the connection below, which ends the session and releases it.
                let db = PostgresRowsDatabase(base: connection.sql(queryLogLevel: nil))
                try await db.raw("SELECT pg_advisory_lock(\(bind: migrationLockKey))").run()
                try await Migrations.run(on: db)
                try await db.raw("SELECT pg_advisory_unlock(\(bind: migrationLockKey))").run()
            }
            try await connection.close()
        } catch {
            try? await connection.close()
            if error is PSQLError || error is PostgresQueryError {
                throw PostgresOpenError(location: location, reason: PostgresOpenError.reason(of: error))
            }
            throw error
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // The pool should be running before the first lease (PostgresClient warns otherwise): the
        // opener waits until the task has started; `run()` marks itself running as it begins.
        let (started, signal) = AsyncStream<Void>.makeStream()
        let running = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        return PostgresGateway(client: client, running: running, location: location)
    }

    private init(client: PostgresClient, running: Task<Void, Never>, location: PostgresLocation) {
        self.client = client
        self.running = running
        self.location = location
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(PostgresRowsDatabase(base: connection.sql(queryLogLevel: nil)))
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        // This server's writes queue here first, so at most one of its connections waits for the
        // database's write lock and the rest of the pool stays free for reads.
        try await writeGate.withExclusiveAccess { try await self.lockedWrite(body) }
    }

    private func lockedWrite<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let db = PostgresRowsDatabase(base: connection.sql(queryLogLevel: nil))
            try await db.raw("BEGIN").run()
            return try await committed(db) { db in
                try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.writeLockKey))").run()
                return try await body(db)
            }
        }
    }

    public func close() async throws {
        running.cancel()
        await running.value
    }
}

/// Where a PostgreSQL database is, read from a `postgres://` address. The password is kept for
/// connecting and never shown: `description` names the user, host, port and database only.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    var password: String?
    public var database: String
    /// `sslmode` from the address: disable, prefer (the default) or require.
    public var sslMode: SSLMode

    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(url text: String) throws {
        guard Self.isAddress(text), let components = URLComponents(string: text) else {
            throw PostgresAddressError(reason: "it is not a postgres://user@host:port/database address")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresAddressError(reason: "it names no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresAddressError(reason: "it names no user (postgres://user@\(host)/database)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw PostgresAddressError(reason: "it names no database (postgres://\(user)@\(host)/database)")
        }
        let given = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: given) else {
            throw PostgresAddressError(reason: "sslmode must be disable, prefer or require")
        }
        self.host = host
        port = components.port ?? 5432
        username = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        self.sslMode = sslMode
    }

    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    /// One plain connection, or an error in words naming where (never the password).
    func connect(logger: Logger) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: try connectionConfiguration(), id: 1, logger: logger)
        } catch {
            throw PostgresOpenError(location: self, reason: PostgresOpenError.reason(of: error))
        }
    }

    /// The same server and account, another database (tests make one per test).
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// The address with the password, for opening the same database again.
    public var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.host = host
        components.port = port
        components.user = username
        components.password = password
        components.path = "/" + database
        if sslMode != .prefer { components.queryItems = [URLQueryItem(name: "sslmode", value: sslMode.rawValue)] }
        return components.string ?? description
    }

    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    func clientConfiguration(maximumConnections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .require: .require(.makeClientConfiguration())
        case .prefer: .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }
}

/// An address that is not a usable `postgres://` address, saying why (without the password).
public struct PostgresAddressError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "The database address is not usable: \(reason)" }
}

/// The server could not be reached, or refused the account or the database: one line naming
/// where, never the password.
public struct PostgresOpenError: Error, CustomStringConvertible {
    public var location: PostgresLocation
    public var reason: String

    public var description: String {
        "Cannot open the PostgreSQL database \(location.database) on \(location.host):\(location.port) as \(location.username): \(reason)"
    }

    /// What went wrong in a person's words. PostgresNIO keeps the server's message out of an
    /// error's description (it may hold query text); the message and the socket error are read here.
    static func reason(of error: any Error) -> String {
        if let error = error as? PostgresQueryError { return error.message }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return String(describing: error.code)
        }
        return String(describing: error)
    }
}

/// A PostgreSQL connection as the store's SQL expects it: binds and values the same types as on
/// SQLite, where there is no boolean type (a `Bool` is stored as 0 or 1) and `SUM`/`AVG` of
/// integers come back as integers or reals rather than `numeric`.
struct PostgresRowsDatabase: SQLDatabase {
    let base: any SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        base.execute(sql: prepared(query)) { onRow(PostgresStoredRow(base: $0)) }
            .flatMapErrorThrowing { throw PostgresQueryError.readable($0) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        do {
            try await base.execute(sql: prepared(query)) { onRow(PostgresStoredRow(base: $0)) }
        } catch {
            throw PostgresQueryError.readable(error)
        }
    }

    private func prepared(_ query: any SQLExpression) -> SerializedQuery {
        let (sql, binds) = serialize(query)
        return SerializedQuery(sql: sql, binds: binds.map { bind in
            if let flag = bind as? Bool { return Int64(flag ? 1 : 0) }
            return bind
        })
    }
}

/// The server refusing a statement, in its own words. PostgresNIO's error describes itself as
/// "Generic description to prevent accidental leakage" because its fields may hold the query and
/// its values; this keeps only the server's message and SQLSTATE code, which name the rule broken
/// (`duplicate key value violates unique constraint "actions_plan_ref"`) without the values.
public struct PostgresQueryError: Error, CustomStringConvertible {
    public var message: String
    public var code: String

    public var description: String { "PostgreSQL refused the statement: \(message) (SQLSTATE \(code))" }

    static func readable(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError, let message = error.serverInfo?[.message] else { return error }
        return PostgresQueryError(message: message, code: error.serverInfo?[.sqlState] ?? "")
    }
}

/// A query already written out with its placeholders, passed on unchanged.
private struct SerializedQuery: SQLExpression {
    let sql: String
    let binds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.sql += sql
        serializer.binds += binds
    }
}

/// One PostgreSQL row, read as the SQLite rows are: a boolean expression as 0 or 1, a `numeric`
/// (what `SUM` of integers gives) as an integer or a real.
struct PostgresStoredRow: SQLRow {
    let base: any SQLRow

    var allColumns: [String] { base.allColumns }
    func contains(column: String) -> Bool { base.contains(column: column) }
    func decodeNil(column: String) throws -> Bool { try base.decodeNil(column: column) }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        do {
            return try base.decode(column: column, as: D.self)
        } catch {
            if D.self == Int.self || D.self == Int64.self || D.self == Double.self,
               let value = try? wholeNumber(column) {
                if D.self == Int.self, let result = Int(exactly: value) as? D { return result }
                if D.self == Int64.self, let result = Int64(exactly: value) as? D { return result }
                if D.self == Double.self, let result = value as? D { return result }
            }
            throw error
        }
    }

    /// The column as a number, whatever numeric or boolean type the server sent.
    private func wholeNumber(_ column: String) throws -> Double {
        if let flag = try? base.decode(column: column, as: Bool.self) { return flag ? 1 : 0 }
        if let number = try? base.decode(column: column, as: Decimal.self) { return NSDecimalNumber(decimal: number).doubleValue }
        if let number = try? base.decode(column: column, as: Int32.self) { return Double(number) }
        if let number = try? base.decode(column: column, as: Int64.self) { return Double(number) }
        return try base.decode(column: column, as: Double.self)
    }
}
