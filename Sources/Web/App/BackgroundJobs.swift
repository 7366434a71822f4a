import Core
import Foundation
import Logging
import ServiceLifecycle

/// The server's periodic work, run as a service beside the HTTP server so a graceful shutdown
/// (SIGTERM, Ctrl-C) stops it between steps rather than mid-deletion, and run by one server at a
/// time however many share the database (`JobLeaseStore`).
///
/// Each round, every server tries to claim the lease for two rounds; the holder renews it each
/// round and does the work. If the holder stops, another server takes over once the lease has
/// expired: within two rounds.
public struct BackgroundJobs: Service {
    /// One kind of work: its name (the lease's) and what a round does.
    public struct Job: Sendable {
        public var name: String
        public var work: @Sendable () async throws -> Void

        public init(name: String, work: @escaping @Sendable () async throws -> Void) {
            self.name = name
            self.work = work
        }
    }

    public var jobs: [Job]
    public var leases: any JobLeaseStore
    /// This server, as the lease table names it.
    public var holder: String
    public var interval: Duration
    public var now: @Sendable () -> Date
    public var logger: Logger

    public init(jobs: [Job], leases: any JobLeaseStore, holder: String = BackgroundJobs.defaultHolder(),
                interval: Duration = .seconds(3600), now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.jobs = jobs
        self.leases = leases
        self.holder = holder
        self.interval = interval
        self.now = now
        self.logger = logger
    }

    /// The retention rule's sweep: child-level detail is deleted within a round of its day.
    public static func retention(_ retention: ChildLevelRetention, logger: Logger) -> Job {
        Job(name: "analysis retention") {
            let expired = try await retention.apply()
            if !expired.isEmpty {
                // How many, never whose.
                logger.info("Deleted the child-level detail of analysis runs under the retention rule", metadata: ["runs": "\(expired.count)"])
            }
        }
    }

    /// Host name and process id, with a random part so a restarted process is a new holder.
    public static func defaultHolder() -> String {
        "\(ProcessInfo.processInfo.hostName)#\(ProcessInfo.processInfo.processIdentifier)#\(UUID().uuidString.prefix(8))"
    }

    public func run() async throws {
        let service = self
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await service.round()
                try? await Task.sleep(for: service.interval)
            }
        }
    }

    /// One round: each job whose lease this server holds is done once. A failure is logged and
    /// tried again next round rather than stopping the server.
    @discardableResult
    public func round() async -> [String] {
        var done: [String] = []
        for job in jobs {
            if Task.isCancelled { break }
            do {
                let (seconds, attoseconds) = interval.components
                let length = 2 * (Double(seconds) + Double(attoseconds) / 1e18)
                let at = now()
                guard try await leases.claimLease(job: job.name, holder: holder, until: at.addingTimeInterval(length), now: at) else { continue }
                try await job.work()
                done.append(job.name)
            } catch {
                logger.error("A background job failed; it runs again next round", metadata: ["job": "\(job.name)", "error": "\(String(reflecting: type(of: error)))"])
            }
        }
        return done
    }
}
