import Core
import SQLKit

/// Any gateway, its reads and writes timed for the operator (`DatabaseActivity`). It wraps the
/// gateway rather than living inside one, so SQLite and PostgreSQL are measured the same way:
/// the wait is from asking to the transaction's first statement (the one-writer queue, and on
/// SQLite the `BEGIN IMMEDIATE` another process may hold up), the hold from there to the end.
public struct ObservedGateway: SQLGateway {
    public let base: any SQLGateway
    let activity: any DatabaseActivity

    public init(_ base: any SQLGateway, activity: any DatabaseActivity) {
        self.base = base
        self.activity = activity
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let asked = ContinuousClock.now
        defer { activity.readEnded(took: ContinuousClock.now - asked) }
        return try await base.read(body)
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let asked = ContinuousClock.now
        let progress = WriteProgress()
        activity.writeQueued()
        let activity = activity
        do {
            let value = try await base.write { db in
                let began = ContinuousClock.now
                await progress.begin(at: began)
                activity.writeStarted(waited: began - asked)
                return try await body(db)
            }
            if let began = await progress.began { activity.writeEnded(held: ContinuousClock.now - began, committed: true) }
            return value
        } catch {
            if let began = await progress.began {
                activity.writeEnded(held: ContinuousClock.now - began, committed: false)
            } else {
                // The gateway failed before the transaction began: the write stops waiting.
                activity.writeStarted(waited: ContinuousClock.now - asked)
            }
            throw error
        }
    }

    public func close() async throws {
        try await base.close()
    }
}

/// When one write's transaction began, set from inside the gateway's closure and read after it,
/// so a failure is counted as a rolled-back transaction or as a write that never began.
private actor WriteProgress {
    private(set) var began: ContinuousClock.Instant?

    func begin(at instant: ContinuousClock.Instant) {
        began = instant
    }
}
