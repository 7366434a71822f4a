import Foundation
import Logging
import PostgresNIO

/// Creating and dropping whole databases on a PostgreSQL server: each test gets a database of
/// its own, as each SQLite test gets a file of its own.
public enum PostgresDatabases {
    /// Creates a new, empty database called `name` on the server `serverURL` names (any database
    /// of it: the account must be allowed to create databases) and returns its address.
    /// With `template`, the new database is the server's copy of that one (which nobody may be connected to).
    public static func create(named name: String, on serverURL: String, template: String? = nil) async throws -> String {
        let server = try PostgresLocation(url: serverURL)
        let copying = try template.map { " TEMPLATE \(try identifier($0))" } ?? ""
        try await run("CREATE DATABASE \(try identifier(name))\(copying)", on: server)
        return server.with(database: name).url
    }

    /// Drops the database `url` names, ending any connection still open to it.
    public static func drop(_ url: String) async throws {
        let location = try PostgresLocation(url: url)
        // Connected to the server's own database: a database cannot be dropped from inside itself.
        try await run("DROP DATABASE IF EXISTS \(try identifier(location.database)) WITH (FORCE)", on: location.with(database: "postgres"))
    }

    /// A database name made only of what needs no quoting, so it can be written into the statement.
    private static func identifier(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= 63, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw PostgresAddressError(reason: "a new database's name must be lower-case letters, digits and _ (\(name))")
        }
        return name
    }

    private static func run(_ statement: String, on location: PostgresLocation) async throws {
        let logger = Logger(label: "oversight.store")
        let connection = try await location.connect(logger: logger)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw PostgresOpenError(location: location, reason: PostgresOpenError.reason(of: error))
        }
    }
}
