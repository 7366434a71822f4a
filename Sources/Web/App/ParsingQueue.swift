import Foundation
import Hummingbird
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Where uploaded files are read: on threads of its own, at most `width` files at once, so a
/// file that takes its whole time limit holds neither the event loops nor Swift's cooperative
/// threads (two on a 2-core server), and pages and `/healthz` keep answering while it is read.
///
/// A job that finds every thread busy waits its turn; when `waitingLimit` jobs are already
/// waiting the request is refused at once with 503 and a sentence asking to try again in a
/// minute. Each wait is bounded: a job ahead of it ends within its `ReadingLimits.upload`
/// time limit.
actor ParsingQueue {
    /// The server's queue: two files at once, or one on a single core.
    static let shared = ParsingQueue(width: min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)), waitingLimit: 16)

    /// A queue bound for the work a test starts, so it can hold that queue's threads without
    /// holding up other tests' uploads; nil everywhere else (`AppEnvironment.readingQueue`).
    @TaskLocal static var current: ParsingQueue?

    nonisolated let width: Int
    nonisolated let waitingLimit: Int
    private let threads: NIOThreadPool
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Jobs running now.
    private(set) var running = 0
    /// The most jobs that ran at once since the queue was made.
    private(set) var mostRunning = 0
    /// Jobs finished (read or refused) since the queue was made.
    private(set) var finished = 0

    static let busySentence = "Oversight is reading other files just now. Wait a minute and send the file again."

    init(width: Int, waitingLimit: Int) {
        self.width = max(1, width)
        self.waitingLimit = max(0, waitingLimit)
        threads = NIOThreadPool(numberOfThreads: self.width)
        threads.start()
    }

    /// Jobs waiting for a thread.
    var waitingCount: Int { waiting.count }

    /// Runs `work` on the queue's threads once one is free, and returns what it returns.
    /// Throws 503 (`busySentence`) when too many jobs are waiting already.
    func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        if running < width {
            running += 1
        } else {
            guard waiting.count < waitingLimit else { throw HTTPError(.serviceUnavailable, message: Self.busySentence) }
            // `release()` hands its place straight to the first waiter, so `running` already counts this job.
            await withCheckedContinuation { waiting.append($0) }
        }
        mostRunning = max(mostRunning, running)
        defer { release() }
        return try await threads.runIfActive {
            if !Self.isOnQueueThread {
                Thread.current.threadDictionary[Self.threadKey] = true
                Self.yieldToEventLoops()
            }
            return try work()
        }
    }

    private static let threadKey = "oversight.parsing-queue"

    /// True on one of a queue's threads: never an event loop or one of Swift's cooperative threads.
    nonisolated static var isOnQueueThread: Bool {
        Thread.current.threadDictionary[threadKey] as? Bool == true
    }

    /// How much less CPU a queue thread asks for than the event loops: Linux's `nice` scale
    /// (0 normal, 19 least). On a 2-core server both queue threads can be busy at once; at
    /// equal priority the event loops then wait their turn for a core and `/healthz` answered
    /// in up to 236 ms (docs/benchmarks.md). Lowered, a read still gets every idle cycle.
    static let niceness: Int32 = 10

    /// Lowers the calling thread's scheduling priority. On Linux the nice value belongs to the
    /// thread, and `who` 0 names the calling thread, so the event loops keep theirs (tested).
    /// Where that is not possible the read simply runs at the normal priority.
    private static func yieldToEventLoops() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }

    /// The calling thread's niceness (Linux), for tests; nil elsewhere.
    nonisolated static var currentNiceness: Int32? {
        #if os(Linux)
        errno = 0
        let value = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        return errno == 0 ? value : nil
        #else
        return nil
        #endif
    }

    private func release() {
        finished += 1
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
