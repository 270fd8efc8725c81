import Foundation
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// What pathing last heard of a person's job target.
struct TargetState: Sendable, Equatable {
    /// `nil` once the target was cleared.
    var targetHash: String?
    /// When pathing heard of the change.
    var receivedAt: Date
    /// A path is owed for it (made after the debounce).
    var owed: Bool
}

/// A person whose path is due to be made, claimed by one replica for a while.
struct PathClaim: Sendable, Equatable {
    var user: UUID
    /// The change the claim is for; a newer one leaves the owed path in place when this one settles.
    var changedAt: Date
}

/// The newest path (with the person's statuses) and the target state, read together.
struct CurrentPath: Sendable {
    var path: StoredPath?
    var target: TargetState?
}

/// A person's learning paths, newest first, what pathing knows of their job target, and the topics they marked known.
protocol LearningPathStore: Sendable {
    /// Saves a new path and publishes `path.created`, together; `settling` clears the owed path it was
    /// made for. False, saving nothing, when the claim's person was erased meanwhile.
    @discardableResult
    func create(_ path: LearningPathDTO, plan: PathPlan, for user: UUID, settling claim: PathClaim?) async throws -> Bool
    /// The newest path and the target state.
    func current(of user: UUID) async throws -> CurrentPath
    /// The path and its plan, if it is `user`'s (`nil` for `id` asks for the newest).
    func path(_ id: UUID?, of user: UUID) async throws -> (path: LearningPathDTO, plan: PathPlan)?
    /// A page of `user`'s paths, newest first.
    func list(for user: UUID, page: PageRequest) async throws -> Page<LearningPathDTO>
    /// Rewrites a path planned again (a topic marked known), and records the topic as known for later paths.
    func replace(_ path: LearningPathDTO, plan: PathPlan, for user: UUID, known skill: String, at time: Date) async throws
    /// The skills the person marked known.
    func knownTopics(of user: UUID) async throws -> [String]
    /// Records a target change unless a newer one is recorded; `dueAt` owes a path then (`nil`: none, the target is cleared).
    func targetChanged(_ event: JobTargetChanged, receivedAt: Date, dueAt: Date?, in work: UnitOfWork) async throws
    /// Claims up to `limit` people whose paths are due at `now`, until `leaseUntil` (a crashed replica's claim runs out).
    func claimDue(at now: Date, leaseUntil: Date, limit: Int) async throws -> [PathClaim]
    /// Clears an owed path that needs no making (the target went away meanwhile).
    func settle(_ claim: PathClaim) async throws
}

struct PostgresLearningPathStore: LearningPathStore {
    /// `current(of:)`'s one row: the target state, the newest path, the person's statuses.
    private typealias CurrentRow = (String?, Date?, Bool, UUID?, Date?, [String]?, String?, [String], [String])

    let client: PostgresClient
    let outbox: Outbox
    let logger: Logger

    func create(_ path: LearningPathDTO, plan: PathPlan, for user: UUID, settling claim: PathClaim?) async throws -> Bool {
        let json = String(decoding: try JSONCoding.encoder.encode(path), as: UTF8.self)
        let planJSON = String(decoding: try JSONCoding.encoder.encode(plan), as: UTF8.self)
        let lessons = path.lessons.map(\.lessonID)
        return try await outbox.transaction(on: client, logger: logger) { connection, events in
            if let claim {
                // Locks the target row; gone means the person was erased while the path was being made.
                let target = try await connection.query("SELECT 1 FROM path_targets WHERE user_id = \(claim.user) FOR UPDATE", logger: logger).collect()
                guard !target.isEmpty else { return false }
                try await connection.query(
                    "UPDATE path_targets SET due_at = NULL WHERE user_id = \(claim.user) AND changed_at = \(claim.changedAt)", logger: logger
                )
            }
            try await connection.query(
                """
                INSERT INTO learning_paths (id, user_id, created_at, updated_at, target_hash, lesson_ids, plan, path)
                VALUES (\(path.id), \(user), \(path.createdAt), \(path.createdAt), \(path.target.targetHash), \(lessons), \(planJSON)::jsonb, \(json))
                """,
                logger: logger
            )
            try events.emit(
                PathCreated(
                    userID: user, pathID: path.id, lessonCount: lessons.count, estimatedWeeks: path.estimatedWeeks, coveragePercent: path.coveragePercent,
                    createdAt: path.createdAt
                ),
                occurredAt: path.createdAt
            )
            return true
        }
    }

    func current(of user: UUID) async throws -> CurrentPath {
        let rows = try await client.query(
            """
            SELECT t.target_hash, t.received_at, t.due_at IS NOT NULL, p.id, p.created_at, p.lesson_ids, p.path,
                   ARRAY(SELECT lesson_id FROM lesson_progress WHERE user_id = \(user) AND status <> 'not_started' ORDER BY lesson_id),
                   ARRAY(SELECT status FROM lesson_progress WHERE user_id = \(user) AND status <> 'not_started' ORDER BY lesson_id)
            FROM (SELECT 1) AS one
            LEFT JOIN path_targets t ON t.user_id = \(user)
            LEFT JOIN LATERAL (
                SELECT id, created_at, lesson_ids, path FROM learning_paths WHERE user_id = \(user) ORDER BY created_at DESC, id DESC LIMIT 1
            ) p ON true
            """,
            logger: logger
        )
        for try await row in rows.decode(CurrentRow.self) {
            let (hash, received, owed, id, created, lessonIDs, json, lessons, statuses) = row
            var path: StoredPath?
            if let id, let created, let lessonIDs, let json {
                path = StoredPath(id: id, createdAt: created, json: json, lessonIDs: lessonIDs, statuses: Self.statuses(lessons, statuses))
            }
            return CurrentPath(path: path, target: received.map { TargetState(targetHash: hash, receivedAt: $0, owed: owed) })
        }
        return CurrentPath()
    }

    func path(_ id: UUID?, of user: UUID) async throws -> (path: LearningPathDTO, plan: PathPlan)? {
        let rows = try await client.query(
            """
            SELECT path, plan::text,
                   ARRAY(SELECT lesson_id FROM lesson_progress WHERE user_id = \(user) AND status <> 'not_started' ORDER BY lesson_id),
                   ARRAY(SELECT status FROM lesson_progress WHERE user_id = \(user) AND status <> 'not_started' ORDER BY lesson_id)
            FROM learning_paths
            WHERE user_id = \(user) AND (\(id)::uuid IS NULL OR id = \(id))
            ORDER BY created_at DESC, id DESC LIMIT 1
            """,
            logger: logger
        )
        // The path, its plan and the person's statuses in one round trip (no second query while this one is read).
        var found: (json: String, plan: String, statuses: [String: LessonStatus])?
        for try await (json, plan, lessons, statuses) in rows.decode((String, String, [String], [String]).self) {
            found = (json, plan, Self.statuses(lessons, statuses))
        }
        guard let found else { return nil }
        return (PathStanding.overlay(found.statuses, on: try Self.decode(found.json)), try JSONCoding.decoder.decode(PathPlan.self, from: Data(found.plan.utf8)))
    }

    func list(for user: UUID, page: PageRequest) async throws -> Page<LearningPathDTO> {
        let rows = try await client.query(
            """
            SELECT path, (extract(epoch FROM created_at) * 1000000)::bigint FROM learning_paths
            WHERE user_id = \(user)
              AND (\(page.after?.micros)::bigint IS NULL OR ((extract(epoch FROM created_at) * 1000000)::bigint, id) < (\(page.after?.micros), \(page.after?.id)))
            ORDER BY created_at DESC, id DESC LIMIT \(page.limit + 1)
            """,
            logger: logger
        )
        var found: [(LearningPathDTO, PageCursor)] = []
        for try await (json, micros) in rows.decode((String, Int64).self) {
            let path = try Self.decode(json)
            found.append((path, PageCursor(micros: micros, id: path.id)))
        }
        let statuses = found.isEmpty ? [:] : try await statuses(of: user)
        return Page(rows: found.map { (PathStanding.overlay(statuses, on: $0.0), $0.1) }, limit: page.limit)
    }

    func replace(_ path: LearningPathDTO, plan: PathPlan, for user: UUID, known skill: String, at time: Date) async throws {
        let stored = PathStanding.overlay([:], on: path)
        let json = String(decoding: try JSONCoding.encoder.encode(stored), as: UTF8.self)
        let planJSON = String(decoding: try JSONCoding.encoder.encode(plan), as: UTF8.self)
        let lessons = path.lessons.map(\.lessonID)
        try await client.inTransaction(logger: logger) { connection in
            try await connection.query(
                """
                UPDATE learning_paths SET path = \(json), plan = \(planJSON)::jsonb, lesson_ids = \(lessons), updated_at = \(time)
                WHERE id = \(path.id) AND user_id = \(user)
                """,
                logger: logger
            )
            try await connection.query(
                "INSERT INTO known_topics (user_id, skill_id, marked_at) VALUES (\(user), \(skill), \(time)) ON CONFLICT DO NOTHING", logger: logger
            )
        }
    }

    func knownTopics(of user: UUID) async throws -> [String] {
        let rows = try await client.query("SELECT skill_id FROM known_topics WHERE user_id = \(user) ORDER BY marked_at, skill_id", logger: logger)
        var skills: [String] = []
        for try await skill in rows.decode(String.self) { skills.append(skill) }
        return skills
    }

    func targetChanged(_ event: JobTargetChanged, receivedAt: Date, dueAt: Date?, in work: UnitOfWork) async throws {
        try await work.connection().query(
            """
            INSERT INTO path_targets (user_id, target_hash, changed_at, received_at, due_at)
            VALUES (\(event.userID), \(event.targetHash), \(event.changedAt), \(receivedAt), \(dueAt))
            ON CONFLICT (user_id) DO UPDATE SET target_hash = EXCLUDED.target_hash, changed_at = EXCLUDED.changed_at,
                received_at = EXCLUDED.received_at, due_at = EXCLUDED.due_at
            WHERE path_targets.changed_at < EXCLUDED.changed_at
            """,
            logger: work.logger
        )
    }

    func claimDue(at now: Date, leaseUntil: Date, limit: Int) async throws -> [PathClaim] {
        let rows = try await client.query(
            """
            UPDATE path_targets SET due_at = \(leaseUntil)
            WHERE user_id IN (
                SELECT user_id FROM path_targets WHERE due_at <= \(now) ORDER BY due_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            )
            RETURNING user_id, changed_at
            """,
            logger: logger
        )
        var claims: [PathClaim] = []
        for try await (user, changedAt) in rows.decode((UUID, Date).self) { claims.append(PathClaim(user: user, changedAt: changedAt)) }
        return claims
    }

    func settle(_ claim: PathClaim) async throws {
        try await client.query("UPDATE path_targets SET due_at = NULL WHERE user_id = \(claim.user) AND changed_at = \(claim.changedAt)", logger: logger)
    }

    /// The statuses of the lessons `user` has touched.
    private func statuses(of user: UUID) async throws -> [String: LessonStatus] {
        let rows = try await client.query(
            "SELECT lesson_id, status FROM lesson_progress WHERE user_id = \(user) AND status <> 'not_started'", logger: logger
        )
        var statuses: [String: LessonStatus] = [:]
        for try await (lesson, status) in rows.decode((String, String).self) { statuses[lesson] = LessonStatus(rawValue: status) }
        return statuses
    }

    private static func statuses(_ lessons: [String], _ statuses: [String]) -> [String: LessonStatus] {
        var found: [String: LessonStatus] = [:]
        for (lesson, status) in zip(lessons, statuses) { found[lesson] = LessonStatus(rawValue: status) }
        return found
    }

    private static func decode(_ json: String) throws -> LearningPathDTO {
        try JSONCoding.decoder.decode(LearningPathDTO.self, from: Data(json.utf8))
    }
}
