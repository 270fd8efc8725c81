import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Failed-login counters per account and per address.
protocol LoginThrottleStore: Sendable {
    /// The longest wait, in seconds, any of `keys` is blocked for at `now` (0 when none is).
    func retryAfter(keys: [String], now: Date) async throws -> Int
    /// Counts one failure against each key, each by its own schedule.
    func recordFailure(_ keys: [(key: String, schedule: ThrottleSchedule)], now: Date) async throws
    /// Forgets a key's failures (after a successful login).
    func reset(key: String) async throws
}

struct PostgresLoginThrottleStore: LoginThrottleStore {
    let client: PostgresClient
    let logger: Logger

    func retryAfter(keys: [String], now: Date) async throws -> Int {
        let rows = try await client.query(
            "SELECT blocked_until FROM login_throttle WHERE key = ANY(\(keys)) AND blocked_until > \(now)", logger: logger
        )
        var wait = 0
        for try await (until) in rows.decode(Date.self) {
            wait = max(wait, Int(until.timeIntervalSince(now).rounded(.up)))
        }
        return wait
    }

    func recordFailure(_ keys: [(key: String, schedule: ThrottleSchedule)], now: Date) async throws {
        try await client.inTransaction(logger: logger) { connection in
            for (key, schedule) in keys {
                let rows = try await connection.query(
                    "SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE key = \(key) FOR UPDATE", logger: logger
                )
                var current: ThrottleState?
                for try await (failures, last, blocked) in rows.decode((Int, Date, Date?).self) {
                    current = ThrottleState(failures: failures, lastFailureAt: last, blockedUntil: blocked)
                }
                let next = current?.recordingFailure(at: now, schedule: schedule) ?? .firstFailure(at: now, schedule: schedule)
                try await connection.query(
                    """
                    INSERT INTO login_throttle (key, failures, last_failure_at, blocked_until)
                    VALUES (\(key), \(next.failures), \(next.lastFailureAt), \(next.blockedUntil))
                    ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
                        last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until
                    """,
                    logger: logger
                )
            }
        }
    }

    func reset(key: String) async throws {
        try await client.query("DELETE FROM login_throttle WHERE key = \(key)", logger: logger)
    }
}
