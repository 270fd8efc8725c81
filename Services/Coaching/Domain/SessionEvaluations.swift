import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// Evaluations of finished sessions: one per session, made by the language model when one is
/// configured and its answer holds up, else by the embedded evaluator; practice suggestions point to
/// the library lesson that teaches each weakness.
struct SessionEvaluations: Sendable, LogsPerRequest {
    let evaluator: SessionEvaluator
    let model: LanguageModelEvaluator?
    let lessons: any LessonSearch
    let store: any SessionStore
    let clock: WallClock
    var logger: Logger

    /// The session's evaluation, made and stored (publishing `evaluation.created`) on the first call;
    /// `created` is false when it existed already.
    func evaluate(_ id: UUID, of user: UUID) async throws -> (evaluation: EvaluationDTO, created: Bool) {
        guard let session = try await store.session(id, of: user) else { throw CoachingError.sessionNotFound }
        // An archived session that was completed first keeps its right to an evaluation.
        guard session.completedAt != nil else { throw CoachingError.notCompleted }
        if let existing = try await store.evaluation(of: id, user: user) { return (existing, false) }
        let input = EvaluationInput(
            preparationType: session.brief.preparationType, tone: session.brief.tone, turns: session.turns, focusTerms: session.plan.focusTerms
        )
        let measured = evaluator.evaluate(input)
        var draft = measured
        var engine = "embedded"
        var fallback = false
        if let model {
            do {
                draft = try await model.evaluate(input, measured: measured)
                engine = model.engine
            } catch {
                logger.warning("coaching.evaluation.fallback", metadata: ["session_id": .id(id), "error": "\(error)", "engine": "\(model.engine)"])
                fallback = true
            }
        }
        let evaluation = EvaluationDTO(
            sessionID: id, overallScore: draft.overallScore, scores: draft.scores, evidence: draft.evidence, strengths: draft.strengths,
            improvementAreas: draft.improvementAreas, practiceSuggestions: await suggestions(for: draft.practice), signals: draft.signals,
            engine: engine, fallback: fallback, createdAt: clock.now
        )
        let stored = try await store.storeEvaluation(evaluation, of: session)
        if stored.created {
            logger.info(
                "coaching.evaluation.created",
                metadata: ["user_id": .id(user), "session_id": .id(id), "overall": "\(evaluation.overallScore)", "engine": "\(engine)"]
            )
        }
        return stored
    }

    func evaluation(of id: UUID, user: UUID) async throws -> EvaluationDTO {
        if let evaluation = try await store.evaluation(of: id, user: user) { return evaluation }
        guard try await store.session(id, of: user) != nil else { throw CoachingError.sessionNotFound }
        throw CoachingError.evaluationNotFound
    }

    /// Each need with the lesson that teaches it, looked up at the same time, in the needs' order.
    private func suggestions(for needs: [PracticeNeed]) async -> [PracticeSuggestionDTO] {
        let lessons = self.lessons
        let logger = self.logger
        let found = await withTaskGroup(of: (Int, String?).self) { group in
            for (index, need) in needs.enumerated() {
                group.addTask { (index, await lessons.lesson(for: need.lessonQuery, logger: logger)) }
            }
            var found: [Int: String] = [:]
            for await (index, lesson) in group { found[index] = lesson }
            return found
        }
        return needs.enumerated().map { PracticeSuggestionDTO(text: $0.element.text, lessonID: found[$0.offset], dimension: $0.element.dimension) }
    }
}
