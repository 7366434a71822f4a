import Core
import Foundation
import Logging
import ServiceLifecycle
import Store
import Synchronization
import Testing
@testable import Web

@Suite("Background jobs: once across servers, stopped with the server")
struct BackgroundJobsTests {
    /// Counts the rounds a job did, across the "servers" sharing it.
    final class Tally: Sendable {
        let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    static let logger = Logger(label: "test.jobs")

    @Test("Two servers on one database: only the lease holder does the work each round; when it stops, the other takes over after the lease expires")
    func onceAcrossServers() async throws {
        let (_, store) = try await makeTestEnvironment()
        let clock = TestClock()
        let tally = Tally()
        let job = BackgroundJobs.Job(name: "count") { tally.add() }
        let a = BackgroundJobs(jobs: [job], leases: store, holder: "server-a", interval: .seconds(3600), now: { clock.now }, logger: Self.logger)
        let b = BackgroundJobs(jobs: [job], leases: store, holder: "server-b", interval: .seconds(3600), now: { clock.now }, logger: Self.logger)

        for _ in 0..<3 {
            let done = (await a.round(), await b.round())
            #expect(done.0 == ["count"] && done.1.isEmpty)
            clock.advance(by: 3600)
        }
        #expect(tally.value == 3, "once a round, not once per server")

        // Server A stops. Its lease, renewed for two rounds at its last round, runs out.
        #expect(await b.round().isEmpty, "A's lease still runs")
        clock.advance(by: 3600)
        #expect(await b.round() == ["count"])
        #expect(await a.round().isEmpty, "A, restarted, finds B holding the lease")
        #expect(tally.value == 4)
        await removeTestEnvironment(store)
    }

    @Test("A job that fails is logged and tried again next round; the others still run")
    func failureDoesNotStop() async throws {
        struct Broken: Error {}
        let (_, store) = try await makeTestEnvironment()
        let tally = Tally()
        let jobs = BackgroundJobs(jobs: [BackgroundJobs.Job(name: "broken") { throw Broken() }, BackgroundJobs.Job(name: "count") { tally.add() }],
                                  leases: store, holder: "server-a", logger: Self.logger)
        #expect(await jobs.round() == ["count"])
        #expect(await jobs.round() == ["count"])
        #expect(tally.value == 2)
        await removeTestEnvironment(store)
    }

    @Test("A graceful shutdown of the service group stops the jobs between rounds, without waiting out the hour")
    func gracefulShutdown() async throws {
        let (_, store) = try await makeTestEnvironment()
        let tally = Tally()
        let jobs = BackgroundJobs(jobs: [BackgroundJobs.Job(name: "count") { tally.add() }], leases: store, logger: Self.logger)
        let group = ServiceGroup(configuration: .init(services: [jobs], logger: Self.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // The first round runs at start.
            while tally.value == 0 { try await Task.sleep(for: .milliseconds(10)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(tally.value == 1)
        await removeTestEnvironment(store)
    }
}
