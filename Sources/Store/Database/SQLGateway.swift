import SQLKit

/// A database as the store sees it: reads, and writes that are each one transaction.
///
/// SQLite and PostgreSQL differ in how connections and transactions are held; the store's SQL
/// does not care which one runs it.
public protocol SQLGateway: Sendable {
    /// Runs `body` against a connection that sees committed data.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// The contract every gateway keeps: **one write runs at a time on a database, across every
    /// process using it.** A write's transaction does not begin its body until every other
    /// write's transaction on the database has ended, so what it reads is still true when it
    /// writes. The store relies on this for its read-then-write rules: the audit chain's append
    /// (read the last hash, write the next), minute numbering (read the board's highest, take
    /// the next), and checks such as "no other action in the plan has this reference". Unique
    /// indexes and versioned updates also hold these rules, as a second line.
    ///
    /// SQLite keeps it with `BEGIN IMMEDIATE` (the file's one write lock) behind one writer
    /// connection per process; PostgreSQL with `pg_advisory_xact_lock` on one fixed key taken as
    /// each write transaction's first statement (`PostgresGateway.writeLockKey`), released at
    /// commit or rollback. A new gateway must keep it too, or those rules race.
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async throws
}

/// The end of every write transaction, once begun (each gateway begins its own way): committed
/// when `body` returns, rolled back when anything in it throws, so nothing is half-stored.
func committed<T: Sendable>(_ db: any SQLDatabase, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
    do {
        let result = try await body(db)
        try await db.raw("COMMIT").run()
        return result
    } catch {
        try? await db.raw("ROLLBACK").run()
        throw error
    }
}

/// Hands a resource to one task at a time, in arrival order.
actor SerialGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    func withExclusiveAccess<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}
