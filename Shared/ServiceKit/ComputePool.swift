import NIOCore
public import NIOPosix

/// Runs CPU-bound work (text analysis, document parsing) on threads of its own, never on the event
/// loops or Swift's cooperative pool, so one heavy request cannot stall the service's other requests
/// or its health checks. Each job gets a deadline, fixed when it starts, that its long loops check.
public struct ComputePool: Sendable {
    /// The process's pool: one thread per core. Its threads live as long as the process.
    public static let shared = ComputePool(threads: System.coreCount)

    private let pool: NIOThreadPool

    /// A pool of `threads` threads, started at once.
    public init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    /// Runs `work` on a pool thread, handing it the instant by which it must finish (`timeLimit` from
    /// when it starts running, so time spent queued behind other jobs does not count against it).
    public func run<Result: Sendable>(
        timeLimit: Duration, _ work: @escaping @Sendable (_ deadline: ContinuousClock.Instant) throws -> Result
    ) async throws -> Result {
        try await pool.runIfActive { try work(.now + timeLimit) }
    }
}
