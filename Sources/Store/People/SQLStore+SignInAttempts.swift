import Core
import Foundation
import SQLKit

extension SQLStore: SignInAttemptStore {
    public func admitSignInAttempt(address: String, rules: SignInRules, at now: Date) async throws -> SignInAttemptAdmission {
        try await gateway.write { db in
            // Every admission sweeps the whole table, so addresses that stop trying do not stay.
            let cutoff = Timestamp.string(from: now.addingTimeInterval(-rules.addressWindow))
            try await db.raw("DELETE FROM sign_in_attempts WHERE at <= \(bind: cutoff)").run()
            if let wait = rules.addressWait(refusals: try await Self.attemptTimes(db, address: address, after: cutoff), at: now) {
                return .wait(max(1, wait))
            }
            guard let row = try await db.raw("""
                INSERT INTO sign_in_attempts (address, at) VALUES (\(bind: address), \(bind: Timestamp.string(from: now))) RETURNING id
                """).first() else {
                throw StoreError.conflict("The sign-in attempt was not recorded")
            }
            return .admitted(attemptID: try row.int64("id"))
        }
    }

    public func withdrawSignInAttempt(id: Int64) async throws {
        try await gateway.write { db in
            try await db.raw("DELETE FROM sign_in_attempts WHERE id = \(bind: id)").run()
        }
    }

    public func recordRefusedSignIn(address: String, at now: Date) async throws {
        try await gateway.write { db in
            try await db.raw("INSERT INTO sign_in_attempts (address, at) VALUES (\(bind: address), \(bind: Timestamp.string(from: now)))").run()
        }
    }

    public func signInWait(address: String, rules: SignInRules, at now: Date) async throws -> TimeInterval? {
        try await gateway.read { db in
            let cutoff = Timestamp.string(from: now.addingTimeInterval(-rules.addressWindow))
            return rules.addressWait(refusals: try await Self.attemptTimes(db, address: address, after: cutoff), at: now)
        }
    }

    static func attemptTimes(_ db: any SQLDatabase, address: String, after cutoff: String) async throws -> [Date] {
        try await db.raw("SELECT at FROM sign_in_attempts WHERE address = \(bind: address) AND at > \(bind: cutoff)").all().compactMap {
            Timestamp.date(from: try $0.string("at"))
        }
    }
}
