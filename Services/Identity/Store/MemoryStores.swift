import Foundation
import NIOConcurrencyHelpers
import PathwiseProtocol
import ServiceKit

/// Accounts held in memory, with the same rules as `PostgresUserStore`: for router tests, which check
/// identity's routes in milliseconds without a database.
final class MemoryUserStore: UserStore, RevocationSource {
    private struct Family {
        var user: UUID
        var expiresAt: Date
        var revokedAt: Date?
    }

    private struct State {
        var users: [UUID: UserRecord] = [:]
        var byEmail: [String: UUID] = [:]
        var families: [UUID: Family] = [:]
        /// Token hash → (family, used at).
        var tokens: [String: (family: UUID, usedAt: Date?)] = [:]
        var revocations: [TokenRevocation] = []
        /// Events the Postgres store would have written to its outbox, in order.
        var published: [String] = []

        mutating func cutOff(_ user: UUID, now: Date) {
            users[user]?.tokensValidAfter = RevocationCutoff.seconds(for: now)
            revocations.append(
                TokenRevocation(sequence: Int64(revocations.count + 1), userID: user, tokensValidAfter: RevocationCutoff.seconds(for: now))
            )
        }
    }

    private let state = NIOLockedValueBox(State())

    /// How many accounts exist.
    var count: Int { state.withLockedValue { $0.users.count } }

    /// The types of the events published so far, oldest first.
    var publishedEvents: [String] { state.withLockedValue { $0.published } }

    func createUser(_ user: UserRecord, normalisedEmail: String, firstSession: NewSession) async throws -> Date {
        try state.withLockedValue { state in
            guard state.byEmail[normalisedEmail] == nil else { throw SignupConflict.emailTaken }
            state.users[user.id] = user
            state.byEmail[normalisedEmail] = user.id
            state.families[firstSession.family] = Family(user: user.id, expiresAt: firstSession.expiresAt)
            state.tokens[firstSession.tokenHash] = (firstSession.family, nil)
            state.published.append(UserRegistered.type)
            return user.createdAt
        }
    }

    func user(id: UUID) async throws -> UserRecord? {
        state.withLockedValue { $0.users[id] }
    }

    func user(normalisedEmail: String) async throws -> UserRecord? {
        state.withLockedValue { state in state.byEmail[normalisedEmail].flatMap { state.users[$0] } }
    }

    func startSession(_ session: NewSession) async throws -> Date {
        state.withLockedValue { state in
            state.families[session.family] = Family(user: session.user, expiresAt: session.expiresAt)
            state.tokens[session.tokenHash] = (session.family, nil)
        }
        return session.expiresAt
    }

    func rotate(presented: String, replacement: String, now: Date) async throws -> RefreshOutcome {
        state.withLockedValue { state in
            guard let token = state.tokens[presented], let family = state.families[token.family], family.revokedAt == nil,
                family.expiresAt > now
            else { return .invalid }
            if token.usedAt != nil {
                state.families[token.family]?.revokedAt = now
                return .reused(user: family.user)
            }
            state.tokens[presented]?.usedAt = now
            state.tokens[replacement] = (token.family, nil)
            guard let user = state.users[family.user] else { return .invalid }
            return .rotated(user: user, family: token.family, familyExpiresAt: family.expiresAt)
        }
    }

    func logout(presented: String, now: Date) async throws -> UUID? {
        state.withLockedValue { state in
            guard let token = state.tokens[presented], let family = state.families[token.family] else { return nil }
            if family.revokedAt == nil { state.families[token.family]?.revokedAt = now }
            state.cutOff(family.user, now: now)
            return family.user
        }
    }

    func updatePasswordHash(user: UUID, hash: String) async throws {
        state.withLockedValue { $0.users[user]?.passwordHash = hash }
    }

    func changePassword(user: UUID, hash: String, keepSession: UUID, now: Date) async throws {
        state.withLockedValue { state in
            state.users[user]?.passwordHash = hash
            for (id, family) in state.families where family.user == user && id != keepSession && family.revokedAt == nil {
                state.families[id]?.revokedAt = now
            }
            state.cutOff(user, now: now)
        }
    }

    func deleteUser(id: UUID, now: Date) async throws {
        state.withLockedValue { state in
            state.users[id] = nil
            state.byEmail = state.byEmail.filter { $0.value != id }
            let families = Set(state.families.filter { $0.value.user == id }.keys)
            state.families = state.families.filter { !families.contains($0.key) }
            state.tokens = state.tokens.filter { !families.contains($0.value.family) }
            state.cutOff(id, now: now)
            state.published.append(UserDeleted.type)
        }
    }

    func markActivated(user: UUID, in work: UnitOfWork) async throws {
        state.withLockedValue { _ = $0.users[user]?.activated = true }
    }

    func revocations(after sequence: Int64) async throws -> TokenRevocationFeed {
        state.withLockedValue { state in
            let items = state.revocations.filter { $0.sequence > sequence }
            return TokenRevocationFeed(items: items, cursor: items.last?.sequence ?? max(sequence, Int64(state.revocations.count)))
        }
    }
}

/// Failed-login counters in memory, by the same schedule as `PostgresLoginThrottleStore`.
final class MemoryLoginThrottleStore: LoginThrottleStore {
    private let states = NIOLockedValueBox([String: ThrottleState]())

    func retryAfter(keys: [String], now: Date) async throws -> Int {
        states.withLockedValue { states in keys.compactMap { states[$0]?.retryAfter(at: now) }.max() ?? 0 }
    }

    func recordFailure(_ keys: [(key: String, schedule: ThrottleSchedule)], now: Date) async throws {
        states.withLockedValue { states in
            for (key, schedule) in keys {
                states[key] = states[key]?.recordingFailure(at: now, schedule: schedule) ?? .firstFailure(at: now, schedule: schedule)
            }
        }
    }

    func reset(key: String) async throws {
        _ = states.withLockedValue { $0.removeValue(forKey: key) }
    }
}

/// Signing keys in memory.
final class MemorySigningKeyStore: SigningKeyStore {
    private let keys = NIOLockedValueBox([SigningKeyRecord]())

    func allKeys() async throws -> [SigningKeyRecord] {
        keys.withLockedValue { $0.sorted { $0.signsFrom < $1.signsFrom } }
    }

    func add(_ key: SigningKeyRecord, onlyIfNoUnretiredKey: Bool) async throws {
        keys.withLockedValue { keys in
            if onlyIfNoUnretiredKey && keys.contains(where: { $0.retiredAt == nil }) { return }
            keys.append(key)
        }
    }

    func retire(kids: [String], at date: Date) async throws {
        keys.withLockedValue { keys in
            for index in keys.indices where kids.contains(keys[index].kid) && keys[index].retiredAt == nil { keys[index].retiredAt = date }
        }
    }
}
