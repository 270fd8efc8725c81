public import Logging
import NIOConcurrencyHelpers
public import ServiceLifecycle

/// Work a service repeats for as long as it runs (a poll, a refresh, housekeeping), in one shape: a
/// round, then a pause, until graceful shutdown. The pause is `interval` after a round that asks for
/// it, `retryInterval` after a round that throws or asks to retry soon, none when a round says more
/// work is waiting; a `WakeUpSignal` ends a pause early. Failures in a row are logged as
/// `<name>.failed` on the `warnAfter`-th and every `warnEvery`-th after, so an outage is reported
/// without flooding the log.
public struct PeriodicTask: Service {
    /// What a round asks for next.
    public enum Next: Sendable {
        /// The usual pause (`interval`).
        case pause
        /// A short pause (`retryInterval`): not ready yet.
        case retrySoon
        /// Another round at once: there is more work waiting.
        case runAgain
    }

    let name: String
    let interval: Duration
    let retryInterval: Duration
    let firstAfter: Duration
    let warnAfter: Int
    let warnEvery: Int
    let wakeUp: WakeUpSignal?
    let logger: Logger
    let round: @Sendable () async throws -> Next

    /// A task named `name` (its log events are `<name>.failed`) that runs `round` every `interval`.
    public init(
        _ name: String, every interval: Duration, retryAfter retryInterval: Duration? = nil, firstAfter: Duration = .zero,
        warnAfter: Int = 1, warnEvery: Int = 60, wakeUp: WakeUpSignal? = nil, logger: Logger,
        round: @escaping @Sendable () async throws -> Next
    ) {
        self.name = name
        self.interval = interval
        self.retryInterval = retryInterval ?? interval
        self.firstAfter = firstAfter
        self.warnAfter = max(1, warnAfter)
        self.warnEvery = max(1, warnEvery)
        self.wakeUp = wakeUp
        self.logger = logger
        self.round = round
    }

    /// A task whose round has nothing to say about what comes next: it always pauses `interval`.
    public init(
        _ name: String, every interval: Duration, retryAfter retryInterval: Duration? = nil, firstAfter: Duration = .zero,
        warnAfter: Int = 1, warnEvery: Int = 60, logger: Logger, round: @escaping @Sendable () async throws -> Void
    ) {
        self.init(
            name, every: interval, retryAfter: retryInterval, firstAfter: firstAfter, warnAfter: warnAfter, warnEvery: warnEvery,
            logger: logger
        ) {
            try await round()
            return .pause
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await repeatRounds() }
    }

    private func repeatRounds() async {
        if firstAfter > .zero { try? await Task.sleep(for: firstAfter) }
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let next: Next
            do {
                next = try await round()
                failures = 0
            } catch where !Task.isCancelled {
                failures += 1
                if failures == warnAfter || (failures > warnAfter && (failures - warnAfter) % warnEvery == 0) {
                    logger.warning("\(name).failed", metadata: ["error": "\(String(reflecting: error))", "failures": "\(failures)"])
                }
                next = .retrySoon
            } catch {
                return  // cancelled: shutting down
            }
            switch next {
            case .runAgain: continue
            case .retrySoon: try? await Task.sleep(for: retryInterval)
            case .pause:
                if let wakeUp { await wakeUp.wait(timeout: interval) } else { try? await Task.sleep(for: interval) }
            }
        }
    }
}

/// Ends a `PeriodicTask`'s pause early: `Outbox.committed()` rings it so the relay need not wait for
/// its next poll. A ring that comes while nobody waits is kept, so the next wait returns at once
/// instead of sleeping through it.
public final class WakeUpSignal: Sendable {
    private struct State {
        var waiter: CheckedContinuation<Void, Never>?
        /// A ring that came while nobody waited.
        var pending = false
        /// The current wait timed out before its waiter was registered: it must not wait at all.
        var expired = false
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Wakes the waiting task, or the next one to wait.
    public func ring() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Waits for `ring()` or `timeout`, whichever comes first. One task waits at a time.
    public func wait(timeout: Duration) async {
        beginWait()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await withCheckedContinuation { self.register($0) } }
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.expire()
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Starts a wait: no earlier timeout counts against it.
    func beginWait() {
        state.withLockedValue { $0.expired = false }
    }

    /// Registers the waiter, or lets it go at once when a ring or the timeout came first.
    func register(_ continuation: CheckedContinuation<Void, Never>) {
        let goOn = state.withLockedValue { state -> Bool in
            if state.pending || state.expired {
                state.pending = false
                state.expired = false
                return true
            }
            state.waiter = continuation
            return false
        }
        if goOn { continuation.resume() }
    }

    /// Ends the current wait without leaving a wake-up for the next one; a waiter not yet registered
    /// will find the wait expired and not wait at all.
    func expire() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.expired = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
