import Core
import Foundation
import SQLKit

extension SQLStore: JobLeaseStore {
    /// One upsert, so the check and the claim cannot be split by another server's claim: the
    /// row is written only where it is new, already ours, or expired. `RETURNING` gives a row
    /// only when it was written. SQLite and PostgreSQL both read this statement the same way.
    public func claimLease(job: String, holder: String, until: Date, now: Date) async throws -> Bool {
        let (untilText, nowText) = (Timestamp.string(from: until), Timestamp.string(from: now))
        return try await gateway.write { db in
            try await db.raw("""
                INSERT INTO job_leases (job, holder, expires_at) VALUES (\(bind: job), \(bind: holder), \(bind: untilText))
                ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= \(bind: nowText)
                RETURNING holder
                """).first() != nil
        }
    }
}
