import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Lessons content has renamed or merged, each an old id and the id the lesson has now.
protocol LessonRenameStore: Sendable {
    /// Adopts each rename not adopted before, in one transaction: every person's record, time
    /// receipts and paths under the old id move to the new one. Where a person has records under
    /// both (two lessons merged), the new id's record stays and the old one's study time is added to
    /// it. Answers the old ids it moved.
    func adopt(_ renames: [String: String], at now: Date) async throws -> [String]
}

struct PostgresLessonRenames: LessonRenameStore {
    let client: PostgresClient
    let logger: Logger

    func adopt(_ renames: [String: String], at now: Date) async throws -> [String] {
        try await client.inTransaction(logger: logger) { connection in
            var moved: [String] = []
            for (old, new) in renames.sorted(by: { $0.key < $1.key }) where old != new {
                let claimed = try await connection.query(
                    "INSERT INTO lesson_renames (old_id, new_id, adopted_at) VALUES (\(old), \(new), \(now)) ON CONFLICT DO NOTHING RETURNING old_id",
                    logger: logger
                )
                guard try await claimed.collect().count == 1 else { continue }
                try await connection.query(
                    """
                    UPDATE lesson_progress AS kept SET seconds_spent = kept.seconds_spent + merged.seconds_spent
                    FROM lesson_progress AS merged
                    WHERE merged.lesson_id = \(old) AND kept.lesson_id = \(new) AND kept.user_id = merged.user_id
                    """,
                    logger: logger
                )
                try await connection.query(
                    """
                    DELETE FROM lesson_progress AS merged USING lesson_progress AS kept
                    WHERE merged.lesson_id = \(old) AND kept.lesson_id = \(new) AND kept.user_id = merged.user_id
                    """,
                    logger: logger
                )
                try await connection.query("UPDATE lesson_progress SET lesson_id = \(new) WHERE lesson_id = \(old)", logger: logger)
                try await connection.query("UPDATE time_receipts SET lesson_id = \(new) WHERE lesson_id = \(old)", logger: logger)
                // Lesson ids are JSON strings in the stored path, so the quoted id names exactly that lesson.
                try await connection.query(
                    """
                    UPDATE learning_paths
                    SET lesson_ids = ARRAY(
                            SELECT id FROM unnest(array_replace(lesson_ids, \(old), \(new))) WITH ORDINALITY AS listed(id, place)
                            GROUP BY id ORDER BY min(place)
                        ),
                        path = replace(path, '"' || \(old) || '"', '"' || \(new) || '"')
                    WHERE \(old) = ANY(lesson_ids)
                    """,
                    logger: logger
                )
                moved.append(old)
            }
            return moved
        }
    }
}
