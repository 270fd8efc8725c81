import Foundation
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// A `PUT …/time` request's `Idempotency-Key` and what it asked for.
struct TimeReceipt: Sendable, Equatable {
    /// How long a key is remembered.
    static let lifetime: TimeInterval = 86_400

    var key: String
    var seconds: Int
}

/// A change to one lesson's record: what it adds, and whether it counts as a day of study.
struct ProgressChange: Sendable {
    var secondsAdded = 0
    var studied = true
    var receipt: TimeReceipt?
}

/// A person's lesson records, their study days, and `progress.updated` for every change.
protocol ProgressStore: Sendable {
    /// Applies `rule` to the lesson's record under a row lock. When it changes anything, writes it, notes
    /// the quarter hour studied and publishes `progress.updated`, in one transaction. A receipt already
    /// used for the same request applies nothing and answers the record as it is.
    func update(
        _ lesson: String, of user: UUID, at now: Date, _ change: ProgressChange, _ rule: @Sendable (inout LessonRecord) throws -> Bool
    ) async throws -> LessonRecord
    /// The lesson's record, if the person has touched it.
    func record(_ lesson: String, of user: UUID) async throws -> LessonRecord?
    /// Every lesson the person has touched.
    func records(of user: UUID) async throws -> [LessonRecord]
    /// The quarter hours with study in them since `since`.
    func studyTimes(of user: UUID, since: Date) async throws -> [Date]
}

struct PostgresProgressStore: ProgressStore {
    let client: PostgresClient
    let outbox: Outbox
    let logger: Logger

    private static let columns = "lesson_id, status, started_at, seconds_spent, completed_at, stability, difficulty, last_review_at, review_due_at, reviews"
    private typealias Row = (String, String, Date?, Int32, Date?, Double?, Double?, Date?, Date?, Int32)

    func update(
        _ lesson: String, of user: UUID, at now: Date, _ change: ProgressChange, _ rule: @Sendable (inout LessonRecord) throws -> Bool
    ) async throws -> LessonRecord {
        try await outbox.transaction(on: client, logger: logger) { connection, events in
            try await connection.query(
                """
                INSERT INTO lesson_progress (user_id, lesson_id, status, seconds_spent, reviews, updated_at)
                VALUES (\(user), \(lesson), 'not_started', 0, 0, \(now)) ON CONFLICT DO NOTHING
                """,
                logger: logger
            )
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2 FOR UPDATE", binds: Self.binds(user, lesson)),
                logger: logger
            )
            var record = LessonRecord.untouched(lesson)
            for try await row in rows.decode(Row.self) { record = Self.record(row) }
            if let receipt = change.receipt, try await !Self.firstUse(receipt, lesson: lesson, of: user, at: now, on: connection, logger: logger) {
                return record
            }
            guard try rule(&record) else { return record }
            try await connection.query(
                """
                UPDATE lesson_progress SET status = \(record.status.rawValue), started_at = \(record.startedAt), seconds_spent = \(Int32(record.secondsSpent)),
                    completed_at = \(record.completedAt), stability = \(record.memory?.stability), difficulty = \(record.memory?.difficulty),
                    last_review_at = \(record.memory?.lastReview), review_due_at = \(record.memory?.due), reviews = \(Int32(record.memory?.reviews ?? 0)),
                    updated_at = \(now)
                WHERE user_id = \(user) AND lesson_id = \(lesson)
                """,
                logger: logger
            )
            if change.studied {
                try await connection.query(
                    """
                    INSERT INTO study_activity (user_id, quarter)
                    VALUES (\(user), to_timestamp(floor(extract(epoch FROM \(now)::timestamptz) / 900) * 900)) ON CONFLICT DO NOTHING
                    """,
                    logger: logger
                )
            }
            let standing = try await Self.pathStanding(of: user, on: connection, logger: logger)
            try events.emit(
                ProgressUpdated(
                    userID: user, lessonID: lesson, status: record.status, secondsAdded: change.secondsAdded, secondsSpent: record.secondsSpent,
                    pathID: standing?.path, pathPercent: standing?.percent, occurredAt: now
                ),
                occurredAt: now
            )
            return record
        }
    }

    /// Records the receipt; false when its key was used before for this same request, and
    /// `PathingError.idempotencyKeyReused` when it was used for another.
    private static func firstUse(
        _ receipt: TimeReceipt, lesson: String, of user: UUID, at now: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> Bool {
        try await connection.query(
            "DELETE FROM time_receipts WHERE user_id = \(user) AND created_at < \(now.addingTimeInterval(-TimeReceipt.lifetime))", logger: logger
        )
        let inserted = try await connection.query(
            """
            INSERT INTO time_receipts (user_id, idempotency_key, lesson_id, seconds, created_at)
            VALUES (\(user), \(receipt.key), \(lesson), \(Int32(receipt.seconds)), \(now)) ON CONFLICT DO NOTHING RETURNING 1
            """,
            logger: logger
        ).collect()
        guard inserted.isEmpty else { return true }
        let earlier = try await connection.query(
            "SELECT lesson_id, seconds FROM time_receipts WHERE user_id = \(user) AND idempotency_key = \(receipt.key)", logger: logger
        )
        for try await (earlierLesson, earlierSeconds) in earlier.decode((String, Int32).self)
        where earlierLesson == lesson && Int(earlierSeconds) == receipt.seconds {
            return false
        }
        throw PathingError.idempotencyKeyReused
    }

    /// The newest path's id and the percent of it done, as `progress.updated` carries them.
    private static func pathStanding(of user: UUID, on connection: PostgresConnection, logger: Logger) async throws -> (path: UUID, percent: Int)? {
        let rows = try await connection.query(
            """
            SELECT p.id, cardinality(p.lesson_ids),
                   (SELECT count(*) FROM lesson_progress lp WHERE lp.user_id = p.user_id AND lp.lesson_id = ANY(p.lesson_ids) AND lp.status = 'completed'),
                   (SELECT count(*) FROM lesson_progress lp WHERE lp.user_id = p.user_id AND lp.lesson_id = ANY(p.lesson_ids) AND lp.status = 'skipped')
            FROM learning_paths p WHERE p.user_id = \(user) ORDER BY p.created_at DESC, p.id DESC LIMIT 1
            """,
            logger: logger
        )
        for try await (id, total, completed, skipped) in rows.decode((UUID, Int32, Int64, Int64).self) {
            let counted = Int(total) - Int(skipped)
            let percent = counted > 0 ? Int(100 * completed) / counted : (total > 0 ? 100 : 0)
            return (id, percent)
        }
        return nil
    }

    func record(_ lesson: String, of user: UUID) async throws -> LessonRecord? {
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2", binds: Self.binds(user, lesson)),
            logger: logger
        )
        for try await row in rows.decode(Row.self) { return Self.record(row) }
        return nil
    }

    func records(of user: UUID) async throws -> [LessonRecord] {
        var bindings = PostgresBindings()
        bindings.append(user)
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM lesson_progress WHERE user_id = $1 AND status <> 'not_started'", binds: bindings),
            logger: logger
        )
        var records: [LessonRecord] = []
        for try await row in rows.decode(Row.self) { records.append(Self.record(row)) }
        return records
    }

    func studyTimes(of user: UUID, since: Date) async throws -> [Date] {
        let rows = try await client.query("SELECT quarter FROM study_activity WHERE user_id = \(user) AND quarter >= \(since)", logger: logger)
        var times: [Date] = []
        for try await time in rows.decode(Date.self) { times.append(time) }
        return times
    }

    private static func binds(_ user: UUID, _ lesson: String) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(user)
        bindings.append(lesson)
        return bindings
    }

    private static func record(_ row: Row) -> LessonRecord {
        let (lesson, status, started, seconds, completed, stability, difficulty, lastReview, due, reviews) = row
        var memory: SpacedReview.Memory?
        if let stability, let difficulty, let lastReview, let due {
            memory = SpacedReview.Memory(stability: stability, difficulty: difficulty, lastReview: lastReview, due: due, reviews: Int(reviews))
        }
        return LessonRecord(
            lessonID: lesson, status: LessonStatus(rawValue: status) ?? .notStarted, startedAt: started, secondsSpent: Int(seconds), completedAt: completed,
            memory: memory
        )
    }
}
