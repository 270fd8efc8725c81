/// One piece of work per key at a time: callers asking for a key that is already being worked on
/// wait for that work's result instead of starting their own (a cache miss made once however many
/// requests meet it at once). The work runs in its own task, so a caller that gives up waiting does
/// not cancel it for the others.
public actor SingleFlight<Key: Hashable & Sendable, Value: Sendable> {
    private var running: [Key: Task<Value, any Error>] = [:]

    public init() {}

    /// `work`'s result for `key`, from the run in flight if there is one, else from a new run.
    public func run(_ key: Key, _ work: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = running[key] { return try await task.value }
        let task = Task { try await work() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }

    /// Keys being worked on now.
    public var inFlight: Int { running.count }
}
