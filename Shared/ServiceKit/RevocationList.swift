public import Foundation
public import Logging
import NIOConcurrencyHelpers
public import PathwiseProtocol
public import ServiceLifecycle

/// Where a service learns which users' earlier access tokens stopped working.
public protocol RevocationSource: Sendable {
    /// Feed entries after `cursor`.
    func revocations(after cursor: Int64) async throws -> TokenRevocationFeed
}

/// The per-user `tokens_valid_after` cutoffs this process knows, kept only as long as a token issued
/// before them could still be alive.
public final class RevocationList: Sendable {
    private struct State {
        var cutoffs: [UUID: Int] = [:]
        var cursor: Int64 = 0
    }

    private let state = NIOLockedValueBox(State())
    /// How long a cutoff matters: the access-token lifetime plus clock-skew leeway.
    private let retention: Int

    public init(retentionSeconds: Int = 300 + 60) {
        self.retention = retentionSeconds
    }

    /// The cutoff for `user`: tokens with `iat` below it are revoked.
    public func tokensValidAfter(for user: UUID) -> Int? {
        state.withLockedValue { $0.cutoffs[user] }
    }

    /// Records cutoffs and advances the cursor, forgetting cutoffs no live token can predate.
    public func apply(_ feed: TokenRevocationFeed, now: Int = Int(Date().timeIntervalSince1970)) {
        state.withLockedValue { state in
            for entry in feed.items {
                state.cutoffs[entry.userID] = max(state.cutoffs[entry.userID] ?? 0, entry.tokensValidAfter)
            }
            state.cursor = max(state.cursor, feed.cursor)
            state.cutoffs = state.cutoffs.filter { $0.value + retention > now }
        }
    }

    /// Records one cutoff at once (identity, for the revocations it makes itself).
    public func record(user: UUID, tokensValidAfter cutoff: Int) {
        state.withLockedValue { $0.cutoffs[user] = max($0.cutoffs[user] ?? 0, cutoff) }
    }

    /// The feed position to ask after next.
    public var cursor: Int64 { state.withLockedValue { $0.cursor } }
}

/// Polls the revocation feed so that a logout or password change reaches every replica within one interval.
public struct RevocationPoller: Service {
    let list: RevocationList
    let source: any RevocationSource
    let interval: Duration
    let logger: Logger

    public init(list: RevocationList, source: any RevocationSource, interval: Duration, logger: Logger) {
        self.list = list
        self.source = source
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try await PeriodicTask("auth.revocations.poll", every: interval, warnAfter: 5, warnEvery: 60, logger: logger) { [list, source] in
            list.apply(try await source.revocations(after: list.cursor))
        }.run()
    }
}

/// An empty key set: identity has not made its first key yet.
enum KeySetError: Error {
    case empty
}

/// Keeps the verifier's key set loaded: retries quickly until the first load, then refreshes periodically.
public struct KeySetRefresher: Service {
    let verifier: AccessTokenVerifier
    let interval: Duration
    let logger: Logger

    public init(verifier: AccessTokenVerifier, interval: Duration = .seconds(300), logger: Logger) {
        self.verifier = verifier
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try await PeriodicTask(
            "auth.keys.refresh", every: interval, retryAfter: .milliseconds(500), warnAfter: 10, warnEvery: 120, logger: logger
        ) { [verifier] in
            try await verifier.reload()
            guard verifier.isReady else { throw KeySetError.empty }
        }.run()
    }
}
