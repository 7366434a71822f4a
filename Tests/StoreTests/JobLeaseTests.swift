import Core
import Foundation
import Store
import Testing

@Suite("Job leases: a background job runs on one server at a time")
struct JobLeaseTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    @Test("The first claim wins; another holder waits until the lease expires; the holder renews its own", arguments: TestDatabase.all)
    func claims(database: TestDatabase) async throws {
        try await withStore(database) { (store: SQLStore) async throws in
            let hour: TimeInterval = 3600
            #expect(try await store.claimLease(job: "sweep", holder: "a", until: Self.start + 2 * hour, now: Self.start))
            #expect(try await !store.claimLease(job: "sweep", holder: "b", until: Self.start + 3 * hour, now: Self.start + hour))
            #expect(try await store.claimLease(job: "sweep", holder: "a", until: Self.start + 3 * hour, now: Self.start + hour), "renewed by its holder")
            #expect(try await !store.claimLease(job: "sweep", holder: "b", until: Self.start + 4 * hour, now: Self.start + 3 * hour - 1), "a second before expiry")
            #expect(try await store.claimLease(job: "sweep", holder: "b", until: Self.start + 5 * hour, now: Self.start + 3 * hour), "at expiry it passes on")
            #expect(try await !store.claimLease(job: "sweep", holder: "a", until: Self.start + 5 * hour, now: Self.start + 3 * hour))
            // Another job's lease is its own.
            #expect(try await store.claimLease(job: "other", holder: "a", until: Self.start + 5 * hour, now: Self.start + 3 * hour))
        }
    }

    @Test("Fifty servers claiming at once: exactly one holds the lease", arguments: TestDatabase.all)
    func race(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<50 {
                    group.addTask { try await store.claimLease(job: "sweep", holder: "server-\(n)", until: Self.start + 7200, now: Self.start) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
        }
    }
}
