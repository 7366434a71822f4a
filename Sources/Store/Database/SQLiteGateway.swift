import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// The embedded database: one SQLite file in WAL mode, with one connection for writes and one
/// for reads, so a page can be read while a write is committing.
public final class SQLiteGateway: SQLGateway {
    private let writer: SQLiteConnection
    private let reader: SQLiteConnection
    /// The gateway's own threads. SQLite waits for another connection's write lock by sleeping
    /// on the thread that runs the statement; on a pool shared with other gateways (two servers
    /// in one test process) waiting writers could take every thread, including the one the lock
    /// holder needs to commit, until the busy timeout. Two threads: the writer and the reader.
    private let threads: NIOThreadPool
    private let writeGate = SerialGate()
    private let readGate = SerialGate()
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Two processes starting on a new file at once (two app servers, or a server and a
    /// command) race to switch it to WAL and migrate it; SQLite can answer the loser "busy"
    /// at once rather than waiting out the busy timeout. The loser tries again shortly, and
    /// then finds the schema already migrated.
    /// `migrating: false` opens the schema as it is (a backup being checked must not change).
    public static func open(path: String, migrating: Bool = true, logger: Logger = Logger(label: "oversight.store")) async throws -> SQLiteGateway {
        var attempt = 0
        while true {
            do {
                return try await openOnce(path: path, migrating: migrating, logger: logger)
            } catch let error as SQLiteError where attempt < 20 && Self.isContention(error) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(25 * attempt))
            }
        }
    }

    static func isContention(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache, .lockedVirtualTable: true
        default: false
        }
    }

    private static func openOnce(path: String, migrating: Bool, logger: Logger) async throws -> SQLiteGateway {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let threads = NIOThreadPool(numberOfThreads: 2)
        threads.start()
        func connection() async throws -> SQLiteConnection {
            try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger,
                                            on: MultiThreadedEventLoopGroup.singleton.any())
        }
        let writer: SQLiteConnection
        do {
            writer = try await connection()
        } catch {
            try? await threads.shutdownGracefully()
            throw error
        }
        do {
            try await configure(writer, logger: logger)
            if migrating { try await Migrations.run(on: writer.sql(queryLogLevel: nil)) }
        } catch {
            // A connection must be closed before it is released, or SQLiteNIO traps.
            try? await writer.close()
            try? await threads.shutdownGracefully()
            throw error
        }
        let reader: SQLiteConnection
        do {
            reader = try await connection()
        } catch {
            try? await writer.close()
            try? await threads.shutdownGracefully()
            throw error
        }
        do {
            try await configure(reader, logger: logger)
        } catch {
            try? await reader.close()
            try? await writer.close()
            try? await threads.shutdownGracefully()
            throw error
        }
        return SQLiteGateway(writer: writer, reader: reader, threads: threads, path: path)
    }

    private init(writer: SQLiteConnection, reader: SQLiteConnection, threads: NIOThreadPool, path: String) {
        self.writer = writer
        self.reader = reader
        self.threads = threads
        self.path = path
    }

    private static func configure(_ connection: SQLiteConnection, logger: Logger) async throws {
        let db = connection.sql(queryLogLevel: nil)
        // The busy timeout first: switching to WAL waits for a lock another connection may hold.
        try await db.raw("PRAGMA busy_timeout = 5000").run()
        try await db.raw("PRAGMA journal_mode = WAL").run()
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA synchronous = NORMAL").run()
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = SQLiteRowsDatabase(connection: reader)
        return try await readGate.withExclusiveAccess { try await body(db) }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let db = SQLiteRowsDatabase(connection: writer)
        return try await writeGate.withExclusiveAccess {
            try await Self.begin(db)
            return try await committed(db, body)
        }
    }

    /// Takes the file's write lock. SQLite's busy handler is not fair: a server that writes
    /// again the moment it commits can hold the lock for longer than the busy timeout while
    /// another server on the same file waits (two servers, a hundred writes queued on each, a
    /// slow machine). Nothing has been done when `BEGIN IMMEDIATE` is refused, so asking again
    /// is safe; a write waits up to `writeLockPatience` in all before the person sees "busy".
    private static func begin(_ db: any SQLDatabase) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + writeLockPatience
        while true {
            do {
                try await db.raw("BEGIN IMMEDIATE").run()
                return
            } catch let error as SQLiteError where isContention(error) && clock.now < deadline {
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...20)))
            }
        }
    }

    /// How long a write waits for another server's writes on the same file, busy timeouts included.
    static let writeLockPatience: Duration = .seconds(60)

    public func close() async throws {
        try await reader.close()
        try await writer.close()
        try await threads.shutdownGracefully()
    }
}
