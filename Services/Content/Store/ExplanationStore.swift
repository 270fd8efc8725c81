import Foundation
import Logging
import NIOConcurrencyHelpers
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// Which cached explanation: one lesson text, one audience key, and whose entry it is (`nil`: shared).
struct ExplanationKey: Hashable, Sendable {
    var lessonID: String
    var contentHash: String
    var audienceKey: String
    var owner: UUID?
}

/// An explanation as the cache keeps it: never the `connections` section, which names a resume.
struct StoredExplanation: Sendable, Equatable {
    var audience: ExplanationAudienceDTO
    var sections: [ExplanationSectionDTO]
    var engine: String
    var fallback: Bool
    var generatedAt: Date
}

/// The explanation cache and the regeneration log.
protocol ExplanationStore: Sendable {
    /// The entry for `key`, unless it has expired by `now`.
    func find(_ key: ExplanationKey, at now: Date) async throws -> StoredExplanation?
    /// Keeps `explanation` for `key` (until `expiresAt` when given); an entry already there stays.
    func save(_ explanation: StoredExplanation, for key: ExplanationKey, expiresAt: Date?) async throws
    /// Drops `user`'s own entries for a lesson (every text and preference variant); shared ones stay.
    func drop(lessonID: String, for user: UUID) async throws
    /// Records a regeneration by `user` at `now` when fewer than `limit` were recorded in the `window`
    /// before it and answers `nil`; otherwise records nothing and answers when the next one is allowed.
    func recordRegeneration(by user: UUID, at now: Date, limit: Int, window: TimeInterval) async throws -> Date?
}

struct PostgresExplanationStore: ExplanationStore {
    let client: PostgresClient
    let logger: Logger

    func find(_ key: ExplanationKey, at now: Date) async throws -> StoredExplanation? {
        let rows = try await client.query(
            """
            SELECT audience::text, sections::text, engine, fallback, generated_at FROM explanations
            WHERE lesson_id = \(key.lessonID) AND content_hash = \(key.contentHash) AND audience_key = \(key.audienceKey)
              AND user_id IS NOT DISTINCT FROM \(key.owner) AND (expires_at IS NULL OR expires_at > \(now))
            """,
            logger: logger
        )
        for try await (audience, sections, engine, fallback, generatedAt) in rows.decode((String, String, String, Bool, Date).self) {
            return StoredExplanation(
                audience: try JSONCoding.decoder.decode(ExplanationAudienceDTO.self, from: Data(audience.utf8)),
                sections: try JSONCoding.decoder.decode([ExplanationSectionDTO].self, from: Data(sections.utf8)), engine: engine,
                fallback: fallback, generatedAt: generatedAt
            )
        }
        return nil
    }

    func save(_ explanation: StoredExplanation, for key: ExplanationKey, expiresAt: Date?) async throws {
        let audience = String(decoding: try JSONCoding.encoder.encode(explanation.audience), as: UTF8.self)
        let sections = String(decoding: try JSONCoding.encoder.encode(explanation.sections), as: UTF8.self)
        try await client.query(
            """
            INSERT INTO explanations (lesson_id, content_hash, audience_key, user_id, audience, sections, engine, fallback, generated_at, expires_at)
            VALUES (\(key.lessonID), \(key.contentHash), \(key.audienceKey), \(key.owner), \(audience)::jsonb, \(sections)::jsonb,
                    \(explanation.engine), \(explanation.fallback), \(explanation.generatedAt), \(expiresAt))
            ON CONFLICT (lesson_id, content_hash, audience_key, user_id) DO UPDATE SET
                audience = excluded.audience, sections = excluded.sections, engine = excluded.engine, fallback = excluded.fallback,
                generated_at = excluded.generated_at, expires_at = excluded.expires_at
            WHERE explanations.expires_at IS NOT NULL AND explanations.expires_at <= excluded.generated_at
            """,
            logger: logger
        )
    }

    func drop(lessonID: String, for user: UUID) async throws {
        try await client.query("DELETE FROM explanations WHERE lesson_id = \(lessonID) AND user_id = \(user)", logger: logger)
    }

    func recordRegeneration(by user: UUID, at now: Date, limit: Int, window: TimeInterval) async throws -> Date? {
        try await client.inTransaction(logger: logger) { connection in
            // One person's requests take turns, so that two at once cannot both take the last one.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('content.regenerations'), hashtext(\(user.uuidString)))", logger: logger)
            let since = now.addingTimeInterval(-window)
            try await connection.query("DELETE FROM regenerations WHERE user_id = \(user) AND requested_at <= \(since)", logger: logger)
            var recent: [Date] = []
            let rows = try await connection.query(
                "SELECT requested_at FROM regenerations WHERE user_id = \(user) ORDER BY requested_at", logger: logger
            )
            for try await at in rows.decode(Date.self) { recent.append(at) }
            if recent.count >= limit, let oldest = recent.first { return oldest.addingTimeInterval(window) }
            try await connection.query("INSERT INTO regenerations (user_id, requested_at) VALUES (\(user), \(now))", logger: logger)
            return nil
        }
    }
}

/// The cache in memory, for router tests.
final class MemoryExplanationStore: ExplanationStore {
    private let state = NIOLockedValueBox((entries: [ExplanationKey: (StoredExplanation, Date?)](), regenerations: [UUID: [Date]]()))

    func find(_ key: ExplanationKey, at now: Date) async throws -> StoredExplanation? {
        state.withLockedValue { state in
            guard let (explanation, expiresAt) = state.entries[key], expiresAt.map({ $0 > now }) ?? true else { return nil }
            return explanation
        }
    }

    func save(_ explanation: StoredExplanation, for key: ExplanationKey, expiresAt: Date?) async throws {
        state.withLockedValue { state in
            if let (_, expires) = state.entries[key], expires.map({ $0 > explanation.generatedAt }) ?? true { return }
            state.entries[key] = (explanation, expiresAt)
        }
    }

    func drop(lessonID: String, for user: UUID) async throws {
        state.withLockedValue { state in
            state.entries = state.entries.filter { !($0.key.lessonID == lessonID && $0.key.owner == user) }
        }
    }

    func recordRegeneration(by user: UUID, at now: Date, limit: Int, window: TimeInterval) async throws -> Date? {
        state.withLockedValue { state in
            let recent = (state.regenerations[user] ?? []).filter { $0 > now.addingTimeInterval(-window) }
            if recent.count >= limit, let oldest = recent.first {
                state.regenerations[user] = recent
                return oldest.addingTimeInterval(window)
            }
            state.regenerations[user] = recent + [now]
            return nil
        }
    }

    /// Entries kept, for tests.
    var count: Int { state.withLockedValue { $0.entries.count } }
}
