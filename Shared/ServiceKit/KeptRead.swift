import NIOConcurrencyHelpers

/// A value read from another service and kept for `freshFor`, then read again (one read at a time
/// however many callers meet a stale copy). When the read fails, the last copy serves on: what is
/// kept this way (the lesson library) changes with a deploy, not by the minute.
public final class KeptRead<Value: Sendable>: Sendable {
    private let read: @Sendable () async throws -> Value
    private let freshFor: Duration
    private let kept = NIOLockedValueBox<(value: Value, at: ContinuousClock.Instant)?>(nil)
    private let reads = SingleFlight<Int, Value>()

    /// Keeps what `read` answers for `freshFor`.
    public init(freshFor: Duration, _ read: @escaping @Sendable () async throws -> Value) {
        self.read = read
        self.freshFor = freshFor
    }

    /// The kept value while it is fresh, else a new read (or, when that fails, the last value kept).
    public func value() async throws -> Value {
        let copy = kept.withLockedValue { $0 }
        if let copy, ContinuousClock.now - copy.at < freshFor { return copy.value }
        do {
            return try await reads.run(0) { [read, kept] in
                let value = try await read()
                kept.withLockedValue { $0 = (value, ContinuousClock.now) }
                return value
            }
        } catch {
            guard let copy else { throw error }
            return copy.value
        }
    }
}
