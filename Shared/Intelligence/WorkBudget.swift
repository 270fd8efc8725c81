/// A deadline for CPU-bound analysis. Long loops call `check()` every few thousand steps and stop
/// with `Exceeded` once it has passed, so no single text can hold a thread for longer than its budget.
public struct WorkBudget: Sendable {
    /// Thrown by `check()` once the deadline has passed.
    public struct Exceeded: Error, Sendable, Equatable {
        public init() {}
    }

    /// When the work must stop; `nil` for no limit.
    public let deadline: ContinuousClock.Instant?

    /// A budget that runs out at `deadline`.
    public init(until deadline: ContinuousClock.Instant) {
        self.deadline = deadline
    }

    /// A budget of `duration` from now.
    public init(_ duration: Duration) {
        self.deadline = .now + duration
    }

    private init(unlimited: Void) {
        self.deadline = nil
    }

    /// No limit: for callers that have already bounded their input (tests, batch tools).
    public static let unlimited = WorkBudget(unlimited: ())

    /// Throws once the deadline has passed.
    @inline(__always)
    public func check() throws(Exceeded) {
        if let deadline, ContinuousClock.now >= deadline { throw Exceeded() }
    }
}
