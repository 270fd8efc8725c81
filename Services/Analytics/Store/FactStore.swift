import Foundation
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// What a trend read needs: the window's sessions and study days, and the current path's percent.
struct TrendFacts: Sendable, Equatable {
    var sessions: [SessionFact]
    var learning: [LearningDay]
    var pathPercent: Int?
}

/// Analytics's facts: written as events arrive (in the inbox's unit of work, so each is applied once),
/// read by the two routes without calling any other service.
protocol FactStore: Sendable {
    /// A session completed: its fact is made, or given its completion time.
    func record(_ event: SessionCompleted, in work: UnitOfWork) async throws
    /// A session evaluated: its scores and weak dimensions, and the lessons found for them.
    func record(_ event: EvaluationCreated, weak: Set<ScoreDimension>, lessons: [ScoreDimension: [LessonReferenceDTO]], in work: UnitOfWork)
        async throws
    /// A lesson's progress: the day's study seconds, a first completion, the path's percent if newer.
    func record(_ event: ProgressUpdated, in work: UnitOfWork) async throws
    /// A new path: its percent starts at 0, unless a newer event said otherwise.
    func record(_ event: PathCreated, in work: UnitOfWork) async throws
    /// Notes that the person's facts changed, so no trend snapshot made before serves again.
    func noteChange(of user: UUID, in work: UnitOfWork) async throws
    /// The trend answer kept for `days` ending on `day`, if the facts have not changed since it was made;
    /// and the facts' version now, to keep a new one under.
    func snapshot(of user: UUID, days: Int, on day: Date) async throws -> (trends: String?, version: Int64)
    /// Keeps a trend answer made from the facts at `version`.
    func keep(_ trends: String, of user: UUID, days: Int, on day: Date, version: Int64) async throws
    /// The sessions completed or evaluated since `since`, the study days since then, and the path's percent.
    func trendFacts(of user: UUID, since: Date) async throws -> TrendFacts
    /// The newest `limit` evaluated sessions, and the lessons kept for each dimension.
    func recentEvaluated(of user: UUID, limit: Int) async throws -> (sessions: [SessionFact], lessons: [ScoreDimension: [LessonReferenceDTO]])
}

struct PostgresFactStore: FactStore {
    let client: PostgresClient
    let logger: Logger

    func record(_ event: SessionCompleted, in work: UnitOfWork) async throws {
        try await work.connection().query(
            """
            INSERT INTO session_facts (session_id, user_id, preparation_type, completed_at, at)
            VALUES (\(event.sessionID), \(event.userID), \(event.preparationType.rawValue), \(event.completedAt), \(event.completedAt))
            ON CONFLICT (session_id) DO UPDATE SET completed_at = EXCLUDED.completed_at, at = EXCLUDED.completed_at
            """,
            logger: work.logger
        )
    }

    func record(_ event: EvaluationCreated, weak: Set<ScoreDimension>, lessons: [ScoreDimension: [LessonReferenceDTO]], in work: UnitOfWork)
        async throws
    {
        let connection = try work.connection()
        let scores = ScoreDimension.allCases.map { Int16(clamping: min(max(event.scores[$0] ?? 0, 0), 10)) }
        let weakNames = ScoreDimension.allCases.filter(weak.contains).map(\.rawValue)
        try await connection.query(
            """
            INSERT INTO session_facts (session_id, user_id, preparation_type, evaluated_at, at, overall_score, scores, weak)
            VALUES (\(event.sessionID), \(event.userID), \(event.preparationType.rawValue), \(event.createdAt), \(event.createdAt),
                \(Int16(clamping: min(max(event.overallScore, 0), 100))), \(scores), \(weakNames))
            ON CONFLICT (session_id) DO UPDATE SET evaluated_at = EXCLUDED.evaluated_at, overall_score = EXCLUDED.overall_score,
                scores = EXCLUDED.scores, weak = EXCLUDED.weak
            """,
            logger: work.logger
        )
        for (dimension, found) in lessons {
            for lesson in found {
                try await connection.query(
                    """
                    INSERT INTO weakness_lessons (user_id, dimension, lesson_id, title, seen_at)
                    VALUES (\(event.userID), \(dimension.rawValue), \(lesson.id), \(lesson.title), \(event.createdAt))
                    ON CONFLICT (user_id, dimension, lesson_id) DO UPDATE SET title = EXCLUDED.title,
                        seen_at = greatest(weakness_lessons.seen_at, EXCLUDED.seen_at)
                    """,
                    logger: work.logger
                )
            }
        }
    }

    // Events come from other services' code, checked only by their producer's certificate: numbers are
    // clamped into their columns' ranges, so an out-of-range value is stored at its bound, never a crash.
    func record(_ event: ProgressUpdated, in work: UnitOfWork) async throws {
        let connection = try work.connection()
        let user = event.userID
        if event.secondsAdded > 0 {
            try await connection.query(
                """
                INSERT INTO learning_days (user_id, day, seconds) VALUES (\(user), (\(event.occurredAt)::timestamptz AT TIME ZONE 'UTC')::date, \(Int32(clamping: event.secondsAdded)))
                ON CONFLICT (user_id, day) DO UPDATE SET seconds = learning_days.seconds + EXCLUDED.seconds
                """,
                logger: work.logger
            )
        }
        let rows = try await connection.query(
            "SELECT status, status_at, completed_at FROM lesson_facts WHERE user_id = \(user) AND lesson_id = \(event.lessonID) FOR UPDATE",
            logger: work.logger
        )
        var stored: (status: LessonStatus?, statusAt: Date, completedAt: Date?)?
        for try await (status, statusAt, completedAt) in rows.decode((String, Date, Date?).self) {
            stored = (LessonStatus(rawValue: status), statusAt, completedAt)
        }
        // A completion counts once, on the day of the earliest event that reports the lesson completed
        // (a review says "completed" too, and events may arrive out of order).
        var completedAt = stored?.completedAt
        if event.status == .completed {
            if let earlier = completedAt, earlier <= event.occurredAt {
                // Already counted on an earlier day.
            } else {
                if let later = completedAt { try await Self.countCompletion(-1, of: user, at: later, on: connection, logger: work.logger) }
                try await Self.countCompletion(1, of: user, at: event.occurredAt, on: connection, logger: work.logger)
                completedAt = event.occurredAt
            }
        }
        let newer = stored.map { Self.supersedes(event.status, at: event.occurredAt, $0.status, at: $0.statusAt) } ?? true
        try await connection.query(
            """
            INSERT INTO lesson_facts (user_id, lesson_id, status, status_at, completed_at)
            VALUES (\(user), \(event.lessonID), \(event.status.rawValue), \(event.occurredAt), \(completedAt))
            ON CONFLICT (user_id, lesson_id) DO UPDATE SET
                status = CASE WHEN \(newer) THEN EXCLUDED.status ELSE lesson_facts.status END,
                status_at = greatest(lesson_facts.status_at, EXCLUDED.status_at),
                completed_at = EXCLUDED.completed_at
            """,
            logger: work.logger
        )
        if let path = event.pathID, let percent = event.pathPercent {
            try await Self.notePath(path, percent: percent, lessons: nil, of: user, at: event.occurredAt, on: connection, logger: work.logger)
        }
    }

    func record(_ event: PathCreated, in work: UnitOfWork) async throws {
        try await Self.notePath(
            event.pathID, percent: 0, lessons: event.lessonCount, of: event.userID, at: event.createdAt, on: try work.connection(), logger: work.logger
        )
    }

    func noteChange(of user: UUID, in work: UnitOfWork) async throws {
        try await work.connection().query(
            """
            INSERT INTO fact_versions (user_id, version) VALUES (\(user), 1)
            ON CONFLICT (user_id) DO UPDATE SET version = fact_versions.version + 1
            """,
            logger: work.logger
        )
    }

    func snapshot(of user: UUID, days: Int, on day: Date) async throws -> (trends: String?, version: Int64) {
        let rows = try await client.query(
            """
            SELECT coalesce(v.version, 0), s.trends
            FROM (SELECT \(user)::uuid AS user_id) AS person
            LEFT JOIN fact_versions v ON v.user_id = person.user_id
            LEFT JOIN trend_snapshots s ON s.user_id = person.user_id AND s.days = \(Int32(days))
                AND s.as_of_day = (\(day)::timestamptz AT TIME ZONE 'UTC')::date AND s.version = coalesce(v.version, 0)
            """,
            logger: logger
        )
        for try await (version, trends) in rows.decode((Int64, String?).self) { return (trends, version) }
        return (nil, 0)
    }

    func keep(_ trends: String, of user: UUID, days: Int, on day: Date, version: Int64) async throws {
        try await client.query(
            """
            INSERT INTO trend_snapshots (user_id, days, as_of_day, version, trends)
            VALUES (\(user), \(Int32(days)), (\(day)::timestamptz AT TIME ZONE 'UTC')::date, \(version), \(trends))
            ON CONFLICT (user_id, days) DO UPDATE SET as_of_day = EXCLUDED.as_of_day, version = EXCLUDED.version, trends = EXCLUDED.trends
            WHERE trend_snapshots.version <= EXCLUDED.version
            """,
            logger: logger
        )
    }

    func trendFacts(of user: UUID, since: Date) async throws -> TrendFacts {
        try await client.withConnection { connection in
            // Scores as six plain columns and no weak list: a trend reads a thousand rows, and arrays cost
            // far more to decode than integers.
            // The six scores packed into one integer, a byte each, and no weak list: a trend reads a thousand
            // rows, and arrays cost far more to decode than one integer.
            let rows = try await connection.query(
                """
                SELECT session_id, preparation_type, at, overall_score,
                    (SELECT bit_or(score::int8 << (8 * (position - 1))::int) FROM unnest(scores) WITH ORDINALITY AS s(score, position))
                FROM session_facts WHERE user_id = \(user) AND at >= \(since) ORDER BY at, session_id
                """,
                logger: logger
            )
            var sessions: [SessionFact] = []
            for try await (id, type, at, overall, packed) in rows.decode((UUID, String, Date, Int16?, Int64?).self) {
                let scores = packed.map { packed in ScoreDimension.allCases.indices.map { Int16(truncatingIfNeeded: packed >> (8 * $0) & 0xFF) } }
                sessions.append(try Self.fact((id, type, at, overall, scores, [])))
            }
            let learningRows = try await connection.query(
                """
                SELECT day::timestamp AT TIME ZONE 'UTC', seconds, completions, NULL::smallint FROM learning_days
                WHERE user_id = \(user) AND day >= (\(since)::timestamptz AT TIME ZONE 'UTC')::date
                UNION ALL
                SELECT NULL, NULL, NULL, percent FROM path_facts WHERE user_id = \(user)
                """,
                logger: logger
            )
            var facts = TrendFacts(sessions: sessions, learning: [], pathPercent: nil)
            for try await (day, seconds, completions, percent) in learningRows.decode((Date?, Int32?, Int32?, Int16?).self) {
                if let day { facts.learning.append(LearningDay(day: day, seconds: Int(seconds ?? 0), completions: Int(completions ?? 0))) }
                if let percent { facts.pathPercent = Int(percent) }
            }
            return facts
        }
    }

    func recentEvaluated(of user: UUID, limit: Int) async throws -> (sessions: [SessionFact], lessons: [ScoreDimension: [LessonReferenceDTO]]) {
        try await client.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT session_id, preparation_type, at, overall_score, scores, weak FROM session_facts
                WHERE user_id = \(user) AND overall_score IS NOT NULL ORDER BY at DESC, session_id DESC LIMIT \(limit)
                """,
                logger: logger
            )
            var sessions: [SessionFact] = []
            for try await row in rows.decode(FactRow.self) { sessions.append(try Self.fact(row)) }
            let lessonRows = try await connection.query(
                "SELECT dimension, lesson_id, title FROM weakness_lessons WHERE user_id = \(user) ORDER BY seen_at DESC, lesson_id", logger: logger
            )
            var lessons: [ScoreDimension: [LessonReferenceDTO]] = [:]
            for try await (dimension, id, title) in lessonRows.decode((String, String, String).self) {
                guard let dimension = ScoreDimension(rawValue: dimension) else { continue }
                lessons[dimension, default: []].append(LessonReferenceDTO(id: id, title: title))
            }
            return (sessions, lessons)
        }
    }

    // MARK: Rows

    private typealias FactRow = (UUID, String, Date, Int16?, [Int16]?, [String])

    private static func fact(_ row: FactRow) throws -> SessionFact {
        let (id, type, at, overall, scores, weak) = row
        guard let preparation = PreparationType(rawValue: type) else { throw InvariantViolation("a stored preparation type \(type) is unknown") }
        var byDimension: [ScoreDimension: Int] = [:]
        if let scores, scores.count == ScoreDimension.allCases.count {
            for (dimension, score) in zip(ScoreDimension.allCases, scores) { byDimension[dimension] = Int(score) }
        }
        return SessionFact(
            sessionID: id, preparationType: preparation, at: at, overallScore: overall.map(Int.init), scores: byDimension,
            weak: Set(weak.compactMap(ScoreDimension.init(rawValue:)))
        )
    }

    /// Whether a status reported at `time` replaces the one stored. Event times are whole seconds, so
    /// two events of one second are ordered by how far along they say the lesson is.
    static func supersedes(_ status: LessonStatus, at time: Date, _ stored: LessonStatus?, at storedTime: Date) -> Bool {
        if time != storedTime { return time > storedTime }
        let rank: (LessonStatus?) -> Int = { status in
            switch status {
            case .notStarted, nil: 0
            case .inProgress: 1
            case .skipped: 2
            case .completed: 3
            }
        }
        return rank(status) > rank(stored)
    }

    /// Adds `change` completions to the UTC day of `time`.
    private static func countCompletion(_ change: Int32, of user: UUID, at time: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO learning_days (user_id, day, completions) VALUES (\(user), (\(time)::timestamptz AT TIME ZONE 'UTC')::date, greatest(\(change), 0))
            ON CONFLICT (user_id, day) DO UPDATE SET completions = greatest(learning_days.completions + \(change), 0)
            """,
            logger: logger
        )
    }

    /// The path's percent as of `time`, kept only when no newer event said otherwise.
    private static func notePath(
        _ path: UUID, percent: Int, lessons: Int?, of user: UUID, at time: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO path_facts (user_id, path_id, percent, lesson_count, as_of)
            VALUES (\(user), \(path), \(Int16(clamping: min(max(percent, 0), 100))), \(lessons.map { Int32(clamping: $0) }), \(time))
            ON CONFLICT (user_id) DO UPDATE SET path_id = EXCLUDED.path_id, percent = EXCLUDED.percent,
                lesson_count = coalesce(EXCLUDED.lesson_count, CASE WHEN path_facts.path_id = EXCLUDED.path_id THEN path_facts.lesson_count END),
                as_of = EXCLUDED.as_of
            WHERE path_facts.as_of < EXCLUDED.as_of
                -- Event times are whole seconds. In a tie, a new path replaces the old one (its progress comes
                -- after it), and the same path's higher percent wins (progress within a second only adds up).
                OR (path_facts.as_of = EXCLUDED.as_of AND (
                    (\(lessons != nil) AND path_facts.path_id <> EXCLUDED.path_id)
                    OR (path_facts.path_id = EXCLUDED.path_id AND EXCLUDED.percent > path_facts.percent)))
            """,
            logger: logger
        )
    }
}
