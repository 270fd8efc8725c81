import Crypto
import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// Practice sessions: planned for the person when they start, answered turn by turn by the coach
/// (each turn idempotent under its key), completed, renamed and archived.
struct PracticeSessions: Sendable, LogsPerRequest {
    /// How a turn request begins: with a stored answer to give back, or with a turn to answer.
    enum TurnStart: Sendable, Equatable {
        /// The key answered this same request before.
        case replay(TurnExchangeDTO)
        /// The key is held for this request; `finish` answers it.
        case answer(PendingTurn)
    }

    /// A turn whose key is held: the session as it stood, the answer and the key.
    struct PendingTurn: Sendable, Equatable {
        var session: PracticeSession
        var answer: String
        var key: TurnKey
    }

    let planner: SessionPlanner
    let coach: Coach
    let contexts: any CoachingContextSource
    let store: any SessionStore
    let clock: WallClock
    var logger: Logger

    /// Plans a session for the person and stores it with the coach's opening turn.
    func create(_ brief: SessionBrief, title: String?, for user: UUID) async throws -> SessionDTO {
        let context = await contexts.context(of: user, logger: logger)
        let plan = planner.plan(brief, context: context)
        let now = clock.now
        let session = PracticeSession(
            id: UUID(), userID: user, title: title ?? PracticeSession.defaultTitle(for: brief, context: context), brief: brief, status: .inProgress,
            plan: plan, engine: coach.engine,
            turns: [TurnDTO(turnNumber: 1, role: .coach, content: SessionPlanner.openingTurn(plan), createdAt: now)],
            userTurns: 0, createdAt: now, completedAt: nil
        )
        try await store.create(session)
        logger.info(
            "coaching.session.created",
            metadata: [
                "user_id": .id(user), "session_id": .id(session.id), "preparation_type": "\(brief.preparationType.rawValue)",
                "questions": "\(plan.questions.count)", "gaps": "\(context.gaps.count)",
            ]
        )
        return session.dto
    }

    func session(_ id: UUID, of user: UUID) async throws -> SessionDTO {
        guard let session = try await store.session(id, of: user) else { throw CoachingError.sessionNotFound }
        return session.dto
    }

    func list(for user: UUID, filter: SessionFilter, page: PageRequest) async throws -> Page<SessionSummaryDTO> {
        try await store.list(for: user, filter: filter, page: page)
    }

    /// Renames the session and moves it to `status`, where `SessionStatus.allowsPatch(to:)` allows.
    func update(_ id: UUID, of user: UUID, title: String?, status: SessionStatus?) async throws -> SessionDTO {
        let now = clock.now
        let session = try await store.update(id, of: user, at: now) { session in
            if let status {
                guard session.status.allowsPatch(to: status) else { throw CoachingError.transitionNotAllowed(from: session.status, to: status) }
                session.status = status
            }
            if let title { session.title = title }
        }
        return session.dto
    }

    /// Archives the session (kept, hidden from the default list); archiving twice changes nothing.
    func archive(_ id: UUID, of user: UUID) async throws {
        _ = try await store.update(id, of: user, at: clock.now) { session in session.status = .archived }
        logger.info("coaching.session.archived", metadata: ["user_id": .id(user), "session_id": .id(id)])
    }

    /// Completes the session once it has enough answers, publishing `session.completed`.
    func complete(_ id: UUID, of user: UUID) async throws -> SessionDTO {
        let now = clock.now
        let session = try await store.update(id, of: user, at: now) { session in
            try session.mayComplete()
            session.status = .completed
            session.completedAt = now
        }
        logger.info("coaching.session.completed", metadata: ["user_id": .id(user), "session_id": .id(id), "answers": "\(session.userTurns)"])
        return session.dto
    }

    /// Takes the turn's key: the stored answer when the key answered this same request, else the turn to answer.
    func begin(_ answer: String, in id: UUID, for user: UUID, key: String) async throws -> TurnStart {
        let turnKey = TurnKey(key: key, fingerprint: Self.fingerprint(session: id, answer: answer))
        switch try await store.claimTurn(turnKey, session: id, of: user, at: clock.now) {
        case .replay(let exchange):
            logger.info("coaching.turn.replayed", metadata: ["user_id": .id(user), "session_id": .id(id), "turn": "\(exchange.turnNumber)"])
            return .replay(exchange)
        case .claimed(let session):
            return .answer(PendingTurn(session: session, answer: answer, key: turnKey))
        }
    }

    /// Answers the held turn (its pieces to `deltas` as they are made) and stores both turns with the
    /// key's answer. On any failure the key is let go, so the same request can be sent again.
    func finish(_ pending: PendingTurn, deltas: CoachDeltas?) async throws -> TurnExchangeDTO {
        let session = pending.session
        do {
            var transcript = session.turns
            transcript.append(TurnDTO(turnNumber: (transcript.last?.turnNumber ?? 0) + 1, role: .user, content: pending.answer, createdAt: clock.now))
            let reply = try await coach.reply(plan: session.plan, brief: session.brief, transcript: transcript, deltas: deltas, logger: logger)
            let exchange = try await store.storeTurn(
                pending.key, session: session.id, of: session.userID, answer: pending.answer, reply: reply.text, at: clock.now
            )
            logger.info(
                "coaching.turn.answered",
                metadata: [
                    "user_id": .id(session.userID), "session_id": .id(session.id), "turn": "\(exchange.turnNumber)", "engine": "\(reply.engine)",
                    "fallback": "\(reply.fallback)",
                ]
            )
            return exchange
        } catch CoachingError.turnInProgress {
            // The key's lease ran out and a retry holds it now: it is the retry's to let go.
            throw CoachingError.turnInProgress
        } catch {
            do {
                try await store.releaseTurn(pending.key, of: session.userID)
            } catch let releaseError {
                // The key's lease frees it in time; the original failure is what the caller needs.
                logger.warning("coaching.turn.release_failed", metadata: ["error": "\(String(describing: releaseError))"])
            }
            throw error
        }
    }

    /// What a turn request asked, as its key remembers it: the session and the answer's SHA-256.
    static func fingerprint(session: UUID, answer: String) -> String {
        SHA256.hex(of: Data("\(session.uuidString.lowercased())\n\(answer)".utf8))
    }
}
