import Foundation

/// How long a key (an account or an address) must wait after repeated failed logins: the first
/// `freeFailures` cost nothing, then each failure doubles the wait, up to `maximumDelay`. A key whose
/// last failure is older than `forgetAfter` starts again from zero.
struct ThrottleSchedule: Sendable, Equatable {
    var freeFailures: Int
    var baseDelay: Int
    var maximumDelay: Int
    var forgetAfter: Int

    /// Per account: five free tries, then 1 s, 2 s, 4 s … up to 15 minutes.
    static let account = ThrottleSchedule(freeFailures: 5, baseDelay: 1, maximumDelay: 900, forgetAfter: 3600)
    /// Per address: more generous, since many people can share one address.
    static let address = ThrottleSchedule(freeFailures: 20, baseDelay: 1, maximumDelay: 900, forgetAfter: 3600)

    /// Seconds to block after the `failures`-th consecutive failure.
    func delay(afterFailures failures: Int) -> Int {
        guard failures > freeFailures else { return 0 }
        let exponent = min(failures - freeFailures - 1, 30)
        return min(maximumDelay, baseDelay << exponent)
    }
}

/// The stored state of one throttle key.
struct ThrottleState: Sendable, Equatable {
    var failures: Int
    var lastFailureAt: Date
    var blockedUntil: Date?

    /// Seconds the caller must still wait at `now`, or 0.
    func retryAfter(at now: Date) -> Int {
        guard let blockedUntil, blockedUntil > now else { return 0 }
        return Int(blockedUntil.timeIntervalSince(now).rounded(.up))
    }

    /// The state after one more failure at `now`.
    func recordingFailure(at now: Date, schedule: ThrottleSchedule) -> ThrottleState {
        let stale = now.timeIntervalSince(lastFailureAt) > Double(schedule.forgetAfter)
        let failures = (stale ? 0 : self.failures) + 1
        let delay = schedule.delay(afterFailures: failures)
        return ThrottleState(
            failures: failures, lastFailureAt: now, blockedUntil: delay > 0 ? now.addingTimeInterval(Double(delay)) : nil
        )
    }

    /// A key's first failure.
    static func firstFailure(at now: Date, schedule: ThrottleSchedule) -> ThrottleState {
        ThrottleState(failures: 0, lastFailureAt: now, blockedUntil: nil).recordingFailure(at: now, schedule: schedule)
    }
}

/// The keys a login attempt is throttled under. The account key is a hash of the normalised email, so
/// the throttle table holds no addresses of people who never signed up.
enum ThrottleKey {
    static func account(_ normalisedEmail: String) -> String {
        "account:" + RefreshTokenSecret.digestHex(normalisedEmail)
    }

    static func address(_ address: String) -> String {
        "address:" + address
    }
}
