import Logging
import NIOConcurrencyHelpers
import ServiceLifecycle
import TestSupport
import Testing

@testable import ServiceKit

/// Every background loop of every service is a `PeriodicTask`: what it promises is tested here once.
@Suite("Periodic tasks")
struct PeriodicTaskTests {
    /// Runs `task` in a service group until `condition` holds (or 40 s pass: the parallel suites can
    /// hold both cores for a while), then shuts it down gracefully and checks that it stopped.
    func run(_ task: PeriodicTask, until condition: @escaping @Sendable () -> Bool) async throws -> Bool {
        let group = ServiceGroup(services: [task], gracefulShutdownSignals: [], logger: testLogger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let deadline = ContinuousClock.now + .seconds(40)
            while !condition() && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let held = condition()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return held
        }
    }

    @Test("rounds repeat at the interval; a thrown round is retried after the retry interval; shutdown ends it")
    func schedule() async throws {
        let rounds = NIOLockedValueBox(0)
        let task = PeriodicTask("test.flaky", every: .milliseconds(50), retryAfter: .milliseconds(10), logger: testLogger) {
            let round = rounds.withLockedValue { $0 += 1; return $0 }
            struct Flaky: Error {}
            if round.isMultiple(of: 2) { throw Flaky() }
        }
        // `run` returns only once the task has ended on the graceful shutdown.
        #expect(try await run(task) { rounds.withLockedValue { $0 } >= 6 })
    }

    @Test("a round with more work runs again at once; a wake-up ends a pause early")
    func runAgainAndWakeUp() async throws {
        let rounds = NIOLockedValueBox(0)
        let wakeUp = WakeUpSignal()
        let task = PeriodicTask("test.queue", every: .seconds(60), wakeUp: wakeUp, logger: testLogger) {
            let round = rounds.withLockedValue { $0 += 1; return $0 }
            return round < 3 ? .runAgain : .pause
        }
        let start = ContinuousClock.now
        let reached = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { try await run(task) { rounds.withLockedValue { $0 } >= 4 } }
            group.addTask {
                // Three rounds back to back, then the 60 s pause: ring once it has begun.
                let deadline = ContinuousClock.now + .seconds(40)
                while rounds.withLockedValue({ $0 }) < 3 && ContinuousClock.now < deadline { await Task.yield() }
                wakeUp.ring()
                return true
            }
            var all = true
            for try await result in group { all = all && result }
            return all
        }
        #expect(reached)
        #expect(ContinuousClock.now - start < .seconds(50), "woken, not after the 60 s pause")
    }

    @Test("the first round waits for firstAfter")
    func firstAfter() async throws {
        let started = NIOLockedValueBox<ContinuousClock.Instant?>(nil)
        let begin = ContinuousClock.now
        let task = PeriodicTask("test.late", every: .seconds(60), firstAfter: .milliseconds(300), logger: testLogger) {
            started.withLockedValue { $0 = $0 ?? .now }
        }
        #expect(try await run(task) { started.withLockedValue { $0 } != nil })
        let first = try #require(started.withLockedValue { $0 })
        #expect(first - begin >= .milliseconds(300))
    }
}
