import Foundation
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// A turn's `Idempotency-Key` and the request it stands for.
struct TurnKey: Sendable, Equatable {
    /// How long a key is remembered.
    static let lifetime: TimeInterval = 86_400
    /// How long a turn being answered holds its key (and its session) before a retry may take over:
    /// longer than the language model's longest answer.
    static let lease: TimeInterval = 180

    var key: String
    /// What the request asked (its session and its content), so the same key with another body is told apart.
    var fingerprint: String
}

/// What claiming a turn's key found.
enum TurnClaim: Sendable, Equatable {
    /// The key is new and the session takes the answer: the session as it stands, to answer.
    case claimed(PracticeSession)
    /// The key was used before for this same request: its stored answer.
    case replay(TurnExchangeDTO)
}

/// Which sessions a list shows.
struct SessionFilter: Sendable, Equatable {
    /// `nil`: every status but `archived`.
    var status: SessionStatus?
    var preparationType: PreparationType?
}

/// A person's practice sessions, their turns and evaluations, the turns' idempotency keys, and the
/// events they publish.
protocol SessionStore: Sendable {
    /// Stores a new session with its opening turn.
    func create(_ session: PracticeSession) async throws
    /// The session with its whole transcript, if it is the person's.
    func session(_ id: UUID, of user: UUID) async throws -> PracticeSession?
    /// A page of the person's sessions, newest first, with their evaluation's overall score.
    func list(for user: UUID, filter: SessionFilter, page: PageRequest) async throws -> Page<SessionSummaryDTO>
    /// Applies `change` to the session under a row lock and writes its title, status and completion;
    /// publishes `session.completed` when it moved to `completed`. Answers the session as written.
    func update(_ id: UUID, of user: UUID, at now: Date, _ change: @Sendable (inout PracticeSession) throws -> Void) async throws -> PracticeSession
    /// Takes `key` for a turn of the session: a replay when it answered this same request before; else,
    /// when the session takes the answer and no other turn of it is running, holds the key as running.
    func claimTurn(_ key: TurnKey, session id: UUID, of user: UUID, at now: Date) async throws -> TurnClaim
    /// Writes the person's turn and the coach's after the transcript, and the answer under the key, in one transaction.
    func storeTurn(_ key: TurnKey, session id: UUID, of user: UUID, answer: String, reply: String, at now: Date) async throws -> TurnExchangeDTO
    /// Lets go of a running key whose turn was not stored, so the request can be sent again.
    func releaseTurn(_ key: TurnKey, of user: UUID) async throws
    /// Forgets every key older than `TurnKey.lifetime` at `now` (with the answers they hold); how many went.
    func forgetExpiredKeys(at now: Date) async throws -> Int
    /// The session's evaluation, if it has one.
    func evaluation(of session: UUID, user: UUID) async throws -> EvaluationDTO?
    /// Stores the evaluation and publishes `evaluation.created`, unless the session already has one:
    /// then the stored one, and `created` false.
    func storeEvaluation(_ evaluation: EvaluationDTO, of session: PracticeSession) async throws -> (evaluation: EvaluationDTO, created: Bool)
}

struct PostgresSessionStore: SessionStore {
    let client: PostgresClient
    let outbox: Outbox
    let logger: Logger

    private static let columns =
        "id, user_id, title, preparation_type, meeting_subtype, agenda, tone, role_context, status, plan::text, engine, user_turns, created_at, completed_at"
    private typealias Row = (UUID, UUID, String, String, String?, String?, String, String?, String, String, String, Int32, Date, Date?)

    func create(_ session: PracticeSession) async throws {
        let plan = String(decoding: try JSONCoding.encoder.encode(session.plan), as: UTF8.self)
        let brief = session.brief
        try await client.inTransaction(logger: logger) { connection in
            try await connection.query(
                """
                INSERT INTO sessions (id, user_id, title, preparation_type, meeting_subtype, agenda, tone, role_context, status, plan, engine,
                    turn_count, user_turns, created_at, completed_at, updated_at)
                VALUES (\(session.id), \(session.userID), \(session.title), \(brief.preparationType.rawValue), \(brief.meetingSubtype), \(brief.agenda),
                    \(brief.tone.rawValue), \(brief.roleContext), \(session.status.rawValue), \(plan)::jsonb, \(session.engine),
                    \(Int32(session.turns.count)), \(Int32(session.userTurns)), \(session.createdAt), \(session.completedAt), \(session.createdAt))
                """,
                logger: logger
            )
            for turn in session.turns {
                try await Self.insert(turn, session: session.id, of: session.userID, on: connection, logger: logger)
            }
        }
    }

    func session(_ id: UUID, of user: UUID) async throws -> PracticeSession? {
        try await client.withConnection { connection in
            try await Self.session(id, of: user, lock: false, on: connection, logger: logger)
        }
    }

    func list(for user: UUID, filter: SessionFilter, page: PageRequest) async throws -> Page<SessionSummaryDTO> {
        let rows = try await client.query(
            """
            SELECT s.id, s.title, s.preparation_type, s.meeting_subtype, s.tone, s.status, s.user_turns, s.created_at, s.completed_at, e.overall_score,
                (extract(epoch FROM s.created_at) * 1000000)::bigint
            FROM sessions s LEFT JOIN evaluations e ON e.session_id = s.id
            WHERE s.user_id = \(user)
              AND ((\(filter.status?.rawValue)::text IS NULL AND s.status <> 'archived') OR s.status = \(filter.status?.rawValue))
              AND (\(filter.preparationType?.rawValue)::text IS NULL OR s.preparation_type = \(filter.preparationType?.rawValue))
              AND (\(page.after?.micros)::bigint IS NULL
                   OR ((extract(epoch FROM s.created_at) * 1000000)::bigint, s.id) < (\(page.after?.micros), \(page.after?.id)))
            ORDER BY s.created_at DESC, s.id DESC LIMIT \(page.limit + 1)
            """,
            logger: logger
        )
        var found: [(SessionSummaryDTO, PageCursor)] = []
        for try await (id, title, type, subtype, tone, status, answers, createdAt, completedAt, overall, micros) in rows.decode(
            (UUID, String, String, String?, String, String, Int32, Date, Date?, Int32?, Int64).self
        ) {
            let summary = SessionSummaryDTO(
                id: id, title: title, preparationType: try Self.decoded(type), meetingSubtype: subtype, tone: try Self.decoded(tone),
                status: try Self.decoded(status), userTurns: Int(answers), createdAt: createdAt, completedAt: completedAt, overallScore: overall.map(Int.init)
            )
            found.append((summary, PageCursor(micros: micros, id: id)))
        }
        return Page(rows: found, limit: page.limit)
    }

    func update(_ id: UUID, of user: UUID, at now: Date, _ change: @Sendable (inout PracticeSession) throws -> Void) async throws -> PracticeSession {
        try await outbox.transaction(on: client, logger: logger) { connection, events in
            guard var session = try await Self.session(id, of: user, lock: true, on: connection, logger: logger) else {
                throw CoachingError.sessionNotFound
            }
            let before = session
            try change(&session)
            guard session != before else { return session }
            if session.status == .completed, before.status != .completed {
                // A turn still being answered would land after the session was called complete.
                if try await Self.hasRunningTurn(id, at: now, on: connection, logger: logger) { throw CoachingError.turnInProgress }
                try events.emit(
                    SessionCompleted(
                        userID: user, sessionID: id, preparationType: session.brief.preparationType, userTurns: session.userTurns, completedAt: now
                    ),
                    occurredAt: now
                )
            }
            try await connection.query(
                """
                UPDATE sessions SET title = \(session.title), status = \(session.status.rawValue), completed_at = \(session.completedAt), updated_at = \(now)
                WHERE id = \(id)
                """,
                logger: logger
            )
            return session
        }
    }

    func claimTurn(_ key: TurnKey, session id: UUID, of user: UUID, at now: Date) async throws -> TurnClaim {
        try await client.inTransaction(logger: logger) { connection in
            // The session's row lock orders every claim on it, so two requests with one key cannot both find it free.
            guard let session = try await Self.session(id, of: user, lock: true, on: connection, logger: logger) else {
                throw CoachingError.sessionNotFound
            }
            let earlier = try await connection.query(
                "SELECT fingerprint, exchange, created_at FROM turn_keys WHERE user_id = \(user) AND idempotency_key = \(key.key)", logger: logger
            )
            for try await (fingerprint, exchange, createdAt) in earlier.decode((String, String?, Date).self) {
                if createdAt < now.addingTimeInterval(-TurnKey.lifetime) {
                    // Past its day (the periodic sweep has not reached it yet): the key is free again.
                    try await connection.query("DELETE FROM turn_keys WHERE user_id = \(user) AND idempotency_key = \(key.key)", logger: logger)
                    break
                }
                guard fingerprint == key.fingerprint else { throw CoachingError.idempotencyKeyReused }
                if let exchange { return .replay(try JSONCoding.decoder.decode(TurnExchangeDTO.self, from: Data(exchange.utf8))) }
                guard createdAt < now.addingTimeInterval(-TurnKey.lease) else { throw CoachingError.turnInProgress }
                // Its request died without storing a turn or letting go of the key: this retry takes it over.
                try await connection.query("DELETE FROM turn_keys WHERE user_id = \(user) AND idempotency_key = \(key.key)", logger: logger)
            }
            try session.acceptsAnswer()
            if try await Self.hasRunningTurn(id, at: now, on: connection, logger: logger) { throw CoachingError.turnInProgress }
            try await connection.query(
                """
                INSERT INTO turn_keys (user_id, idempotency_key, session_id, fingerprint, exchange, created_at)
                VALUES (\(user), \(key.key), \(id), \(key.fingerprint), NULL, \(now))
                """,
                logger: logger
            )
            return .claimed(session)
        }
    }

    func storeTurn(_ key: TurnKey, session id: UUID, of user: UUID, answer: String, reply: String, at now: Date) async throws -> TurnExchangeDTO {
        try await client.inTransaction(logger: logger) { connection in
            // The update locks the session's row, so the two turn numbers it hands out are this request's alone.
            let counts = try await connection.query(
                """
                UPDATE sessions SET turn_count = turn_count + 2, user_turns = user_turns + 1, updated_at = \(now)
                WHERE id = \(id) AND user_id = \(user) RETURNING turn_count
                """,
                logger: logger
            )
            var turnCount: Int?
            for try await count in counts.decode(Int32.self) { turnCount = Int(count) - 2 }
            guard let turnCount else { throw CoachingError.sessionNotFound }
            let userTurn = TurnDTO(turnNumber: turnCount + 1, role: .user, content: answer, createdAt: now)
            let coachTurn = TurnDTO(turnNumber: turnCount + 2, role: .coach, content: reply, createdAt: now)
            try await connection.query(
                """
                INSERT INTO session_turns (session_id, turn_number, user_id, role, content, created_at)
                VALUES (\(id), \(Int32(userTurn.turnNumber)), \(user), 'user', \(answer), \(now)),
                       (\(id), \(Int32(coachTurn.turnNumber)), \(user), 'coach', \(reply), \(now))
                """,
                logger: logger
            )
            let exchange = TurnExchangeDTO(userTurn: userTurn, coachTurn: coachTurn, turnNumber: userTurn.turnNumber)
            let stored = String(decoding: try JSONCoding.encoder.encode(exchange), as: UTF8.self)
            let updated = try await connection.query(
                """
                UPDATE turn_keys SET exchange = \(stored)
                WHERE user_id = \(user) AND idempotency_key = \(key.key) AND fingerprint = \(key.fingerprint) AND exchange IS NULL RETURNING 1
                """,
                logger: logger
            ).collect()
            // The key's lease ran out and a retry took it over; the retry stores the turn, not this request.
            guard !updated.isEmpty else { throw CoachingError.turnInProgress }
            return exchange
        }
    }

    func releaseTurn(_ key: TurnKey, of user: UUID) async throws {
        try await client.query(
            "DELETE FROM turn_keys WHERE user_id = \(user) AND idempotency_key = \(key.key) AND fingerprint = \(key.fingerprint) AND exchange IS NULL",
            logger: logger
        )
    }

    func forgetExpiredKeys(at now: Date) async throws -> Int {
        let rows = try await client.query(
            "DELETE FROM turn_keys WHERE created_at < \(now.addingTimeInterval(-TurnKey.lifetime)) RETURNING 1", logger: logger
        ).collect()
        return rows.count
    }

    func evaluation(of session: UUID, user: UUID) async throws -> EvaluationDTO? {
        let rows = try await client.query(
            "SELECT evaluation FROM evaluations WHERE session_id = \(session) AND user_id = \(user)", logger: logger
        )
        for try await text in rows.decode(String.self) {
            return try JSONCoding.decoder.decode(EvaluationDTO.self, from: Data(text.utf8))
        }
        return nil
    }

    func storeEvaluation(_ evaluation: EvaluationDTO, of session: PracticeSession) async throws -> (evaluation: EvaluationDTO, created: Bool) {
        let text = String(decoding: try JSONCoding.encoder.encode(evaluation), as: UTF8.self)
        let user = session.userID
        return try await outbox.transaction(on: client, logger: logger) { connection, events in
            let inserted = try await connection.query(
                """
                INSERT INTO evaluations (session_id, user_id, overall_score, evaluation, created_at)
                VALUES (\(session.id), \(user), \(Int32(evaluation.overallScore)), \(text), \(evaluation.createdAt))
                ON CONFLICT (session_id) DO NOTHING RETURNING 1
                """,
                logger: logger
            ).collect()
            guard inserted.isEmpty else {
                try events.emit(
                    EvaluationCreated(
                        userID: user, sessionID: session.id, preparationType: session.brief.preparationType, overallScore: evaluation.overallScore,
                        scores: evaluation.scores,
                        improvementAreas: evaluation.improvementAreas.map { EvaluationCreated.Area(dimension: $0.dimension, priority: $0.priority) },
                        practiceSuggestions: evaluation.practiceSuggestions, createdAt: evaluation.createdAt
                    ),
                    occurredAt: evaluation.createdAt
                )
                return (evaluation, true)
            }
            let rows = try await connection.query(
                "SELECT evaluation FROM evaluations WHERE session_id = \(session.id) AND user_id = \(user)", logger: logger
            )
            for try await stored in rows.decode(String.self) {
                return (try JSONCoding.decoder.decode(EvaluationDTO.self, from: Data(stored.utf8)), false)
            }
            throw InvariantViolation("an evaluation that conflicted on insert is gone")
        }
    }

    // MARK: Reading rows

    /// The session and its turns, read on `connection` one query after the other; locked for update when asked.
    private static func session(_ id: UUID, of user: UUID, lock: Bool, on connection: PostgresConnection, logger: Logger) async throws -> PracticeSession? {
        var bindings = PostgresBindings()
        bindings.append(id)
        bindings.append(user)
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(columns) FROM sessions WHERE id = $1 AND user_id = $2\(lock ? " FOR UPDATE" : "")", binds: bindings),
            logger: logger
        )
        var found: PracticeSession?
        for try await row in rows.decode(Row.self) { found = try Self.session(row) }
        guard var session = found else { return nil }
        let turns = try await connection.query(
            "SELECT turn_number, role, content, created_at FROM session_turns WHERE session_id = \(id) ORDER BY turn_number", logger: logger
        )
        for try await (number, role, content, createdAt) in turns.decode((Int32, String, String, Date).self) {
            session.turns.append(TurnDTO(turnNumber: Int(number), role: try decoded(role), content: content, createdAt: createdAt))
        }
        return session
    }

    private static func session(_ row: Row) throws -> PracticeSession {
        let (id, user, title, type, subtype, agenda, tone, roleContext, status, plan, engine, answers, createdAt, completedAt) = row
        return PracticeSession(
            id: id, userID: user, title: title,
            brief: SessionBrief(preparationType: try decoded(type), meetingSubtype: subtype, agenda: agenda, tone: try decoded(tone), roleContext: roleContext),
            status: try decoded(status), plan: try JSONCoding.decoder.decode(SessionPlan.self, from: Data(plan.utf8)), engine: engine, turns: [],
            userTurns: Int(answers), createdAt: createdAt, completedAt: completedAt
        )
    }

    /// A stored enumeration value; one this build does not know means the row was written by something else.
    private static func decoded<Value: RawRepresentable<String>>(_ raw: String) throws -> Value {
        guard let value = Value(rawValue: raw) else { throw InvariantViolation("a stored value \(raw) is no \(Value.self)") }
        return value
    }

    private static func insert(_ turn: TurnDTO, session: UUID, of user: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO session_turns (session_id, turn_number, user_id, role, content, created_at)
            VALUES (\(session), \(Int32(turn.turnNumber)), \(user), \(turn.role.rawValue), \(turn.content), \(turn.createdAt))
            """,
            logger: logger
        )
    }

    /// Whether a turn of the session is being answered (its key held, within its lease).
    private static func hasRunningTurn(_ session: UUID, at now: Date, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT 1 FROM turn_keys WHERE session_id = \(session) AND exchange IS NULL AND created_at >= \(now.addingTimeInterval(-TurnKey.lease)) LIMIT 1
            """,
            logger: logger
        ).collect()
        return !rows.isEmpty
    }
}
