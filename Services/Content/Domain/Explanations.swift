import Foundation
import Intelligence
import Logging
import Metrics
import NIOConcurrencyHelpers
import PathwiseProtocol
import ServiceKit

/// Audiences kept for a short while (API.md: at most 60 s), so that a person reading lesson after
/// lesson costs profile one call a minute, and dropped when the person's job target changes.
final class RecentAudiences: Sendable {
    let source: any AudienceSource
    let lifetime: TimeInterval
    let clock: WallClock
    /// Expired entries are let go when the table has doubled since the last sweep: O(1) a read, amortised.
    private let entries = NIOLockedValueBox((kept: [UUID: (audience: AudienceDTO, fetchedAt: Date)](), sweepAt: 1024))

    init(source: any AudienceSource, lifetime: TimeInterval = 60, clock: WallClock = .system) {
        self.source = source
        self.lifetime = lifetime
        self.clock = clock
    }

    func audience(of user: UUID) async throws -> AudienceDTO {
        let now = clock.now
        if let kept = entries.withLockedValue({ $0.kept[user] }), now.timeIntervalSince(kept.fetchedAt) < lifetime { return kept.audience }
        let audience = try await source.audience(of: user, resume: nil)
        entries.withLockedValue { entries in
            entries.kept[user] = (audience, now)
            if entries.kept.count >= entries.sweepAt {
                entries.kept = entries.kept.filter { now.timeIntervalSince($0.value.fetchedAt) < lifetime }
                entries.sweepAt = max(1024, entries.kept.count * 2)
            }
        }
        return audience
    }

    /// Drops what is kept of `user`: their target changed, or they were erased.
    func forget(_ user: UUID) {
        _ = entries.withLockedValue { $0.kept.removeValue(forKey: user) }
    }
}

/// Shared explanations (a role template's, or no target's) held in memory: such an entry never
/// changes once made (a new lesson text is a new key, `DELETE` and erasure leave shared entries
/// alone), so a process may keep it and answer without Postgres. A person's own entries and fallback
/// answers (which expire) are never held. Bounded: when full, the oldest half is let go.
final class SharedExplanationCache: Sendable {
    let capacity: Int
    private let entries = NIOLockedValueBox((byKey: [ExplanationKey: StoredExplanation](), order: [ExplanationKey]()))

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    func find(_ key: ExplanationKey) -> StoredExplanation? {
        guard key.owner == nil else { return nil }
        return entries.withLockedValue { $0.byKey[key] }
    }

    func keep(_ explanation: StoredExplanation, for key: ExplanationKey) {
        guard key.owner == nil, !explanation.fallback else { return }
        entries.withLockedValue { entries in
            guard entries.byKey[key] == nil else { return }
            if entries.order.count >= capacity {
                for old in entries.order.prefix(capacity / 2) { entries.byKey[old] = nil }
                entries.order.removeFirst(capacity / 2)
            }
            entries.byKey[key] = explanation
            entries.order.append(key)
        }
    }
}

/// Personalized explanations: found in the cache (shared ones in memory first) or made once (single flight) by the LLM engine when
/// one is configured, else by the embedded one, then given the person's own `connections`.
struct Explanations: Sendable, LogsPerRequest {
    /// How long an answer the embedded engine gave in place of a failed LLM is kept: the LLM is asked
    /// again after it.
    static let fallbackLifetime: TimeInterval = 600

    let catalog: Catalog
    let composer: ExplanationComposer
    let audiences: RecentAudiences
    let store: any ExplanationStore
    let model: LanguageModelExplainer?
    let flights: SingleFlight<ExplanationKey, StoredExplanation>
    let shared: SharedExplanationCache
    let regenerationLimit: Int
    let regenerationWindow: TimeInterval
    let clock: WallClock
    var logger: Logger
    /// `/metrics`: explanations answered from the cache and made afresh.
    let hits = Counter(label: "content_explanations_total", dimensions: [("cache", "hit")])
    let misses = Counter(label: "content_explanations_total", dimensions: [("cache", "miss")])

    init(
        catalog: Catalog, composer: ExplanationComposer, audiences: RecentAudiences, store: any ExplanationStore, model: LanguageModelExplainer?,
        regenerationLimit: Int, regenerationWindow: TimeInterval = 3600, clock: WallClock = .system, logger: Logger
    ) {
        self.catalog = catalog
        self.composer = composer
        self.audiences = audiences
        self.store = store
        self.model = model
        self.flights = SingleFlight()
        self.shared = SharedExplanationCache()
        self.regenerationLimit = regenerationLimit
        self.regenerationWindow = regenerationWindow
        self.clock = clock
        self.logger = logger
    }

    /// The lesson `asked` names (its id, or an id it had before) explained for `user`: from the cache
    /// when there is an entry, else made now.
    func explanation(of asked: String, for user: UUID) async throws -> ExplanationDTO {
        guard let lessonID = catalog.lessonID(asked), let lesson = catalog.lessons[lessonID] else { throw ContentError.lessonNotFound }
        let parts = composer.parts(of: lesson)
        let audience = ExplanationAudience(try await audiences.audience(of: user), taxonomy: composer.taxonomy)
        let key = ExplanationKey(lessonID: lessonID, contentHash: lesson.contentHash, audienceKey: audience.key, owner: audience.owner)
        let cache: String
        let stored: StoredExplanation
        if let found = shared.find(key) {
            (stored, cache) = (found, "hit")
        } else if let found = try await store.find(key, at: clock.now) {
            shared.keep(found, for: key)
            (stored, cache) = (found, "hit")
        } else {
            stored = try await flights.run(key) { [self] in
                // Another request may have stored it between our look and our turn.
                if let found = try await store.find(key, at: clock.now) { return found }
                let made = try await generate(lesson, parts: parts, audience: audience, key: key)
                shared.keep(made, for: key)
                return made
            }
            cache = "miss"
        }
        (cache == "hit" ? hits : misses).increment()
        return ExplanationDTO(
            lessonID: lessonID, contentHash: lesson.contentHash, audience: stored.audience,
            sections: composer.withConnections(stored.sections, lesson: lesson, audience: audience), engine: stored.engine, fallback: stored.fallback,
            cache: cache, generatedAt: stored.generatedAt
        )
    }

    /// Drops `user`'s own entry for the lesson `asked` names, so that the next read makes it afresh; limited to
    /// `regenerationLimit` an hour per person.
    func regenerate(_ asked: String, for user: UUID) async throws {
        guard let lessonID = catalog.lessonID(asked) else { throw ContentError.lessonNotFound }
        let now = clock.now
        if let allowed = try await store.recordRegeneration(by: user, at: now, limit: regenerationLimit, window: regenerationWindow) {
            throw ContentError.regenerationLimited(retryAfter: max(1, Int(allowed.timeIntervalSince(now).rounded(.up))))
        }
        try await store.drop(lessonID: lessonID, for: user)
    }

    private func generate(_ lesson: LessonDTO, parts: LessonParts, audience: ExplanationAudience, key: ExplanationKey) async throws -> StoredExplanation {
        var explanation = StoredExplanation(audience: audience.dto, sections: [], engine: "embedded", fallback: false, generatedAt: clock.now)
        var expiresAt: Date?
        if let model {
            do {
                let sentences = composer.postingSentences(naming: composer.lessonSkills(lesson), in: audience)
                explanation.sections = try await model.sections(for: lesson, audience: audience, postingSentences: sentences)
                explanation.engine = model.engine
            } catch {
                logger.warning("content.explanation.fallback", metadata: ["lesson_id": "\(lesson.summary.id)", "error": "\(error)"])
                explanation.fallback = true
                expiresAt = clock.now.addingTimeInterval(Self.fallbackLifetime)
            }
        }
        if explanation.sections.isEmpty { explanation.sections = composer.storedSections(for: lesson, parts: parts, audience: audience) }
        explanation.generatedAt = clock.now
        try await store.save(explanation, for: key, expiresAt: expiresAt)
        // Another replica may have stored this key first; everyone answers with what is stored.
        if let stored = try await store.find(key, at: clock.now) { explanation = stored }
        Counter(label: "content_explanations_generated_total", dimensions: [("engine", explanation.fallback ? "fallback" : explanation.engine)]).increment()
        logger.info(
            "content.explanation.generated",
            metadata: ["lesson_id": "\(lesson.summary.id)", "engine": "\(explanation.engine)", "fallback": "\(explanation.fallback)", "shared": "\(key.owner == nil)"]
        )
        return explanation
    }
}
