import ServiceKit

/// Pathing's schema history: append-only, applied in order at start.
enum PathingMigrations {
    static let all: [Migration] = [
        Migration(1, "inbox", Inbox.migrationStatements),
        Migration(
            2, "gap reports",
            [
                // The report as answered (it is read whole and never queried inside).
                """
                CREATE TABLE gap_reports (
                    id uuid PRIMARY KEY,
                    user_id uuid NOT NULL,
                    created_at timestamptz NOT NULL,
                    report jsonb NOT NULL
                )
                """,
                "CREATE INDEX gap_reports_by_user ON gap_reports (user_id, created_at DESC, id DESC)",
            ]
        ),
        Migration(
            3, "learning paths and progress",
            Outbox.migrationStatements + [
                // A path as answered, statuses aside, and the plan it was made from (to plan it again when a
                // topic is marked known); `lesson_ids` for the percent done without reading the path.
                """
                CREATE TABLE learning_paths (
                    id uuid PRIMARY KEY,
                    user_id uuid NOT NULL,
                    created_at timestamptz NOT NULL,
                    updated_at timestamptz NOT NULL,
                    target_hash text,
                    lesson_ids text[] NOT NULL,
                    plan jsonb NOT NULL,
                    path jsonb NOT NULL
                )
                """,
                "CREATE INDEX learning_paths_by_user ON learning_paths (user_id, created_at DESC, id DESC)",
                // What pathing last heard of the person's job target (`target_hash` null once cleared), and
                // while a path is owed for it, when to make it (`due_at`, pushed back by each change: the debounce).
                """
                CREATE TABLE path_targets (
                    user_id uuid PRIMARY KEY,
                    target_hash text,
                    changed_at timestamptz NOT NULL,
                    received_at timestamptz NOT NULL,
                    due_at timestamptz
                )
                """,
                "CREATE INDEX path_targets_due ON path_targets (due_at) WHERE due_at IS NOT NULL",
                """
                CREATE TABLE known_topics (
                    user_id uuid NOT NULL,
                    skill_id text NOT NULL,
                    marked_at timestamptz NOT NULL,
                    PRIMARY KEY (user_id, skill_id)
                )
                """,
                """
                CREATE TABLE lesson_progress (
                    user_id uuid NOT NULL,
                    lesson_id text NOT NULL,
                    status text NOT NULL,
                    started_at timestamptz,
                    seconds_spent integer NOT NULL,
                    completed_at timestamptz,
                    stability double precision,
                    difficulty double precision,
                    last_review_at timestamptz,
                    review_due_at timestamptz,
                    reviews integer NOT NULL,
                    updated_at timestamptz NOT NULL,
                    PRIMARY KEY (user_id, lesson_id)
                )
                """,
                // `PUT …/time` requests already counted, by their Idempotency-Key, kept a day.
                """
                CREATE TABLE time_receipts (
                    user_id uuid NOT NULL,
                    idempotency_key text NOT NULL,
                    lesson_id text NOT NULL,
                    seconds integer NOT NULL,
                    created_at timestamptz NOT NULL,
                    PRIMARY KEY (user_id, idempotency_key)
                )
                """,
                // The quarter hours with study in them: streaks in any zone (every zone's offset is whole quarters).
                """
                CREATE TABLE study_activity (
                    user_id uuid NOT NULL,
                    quarter timestamptz NOT NULL,
                    PRIMARY KEY (user_id, quarter)
                )
                """,
            ]
        ),
        Migration(
            4, "paths stored as encoded",
            [
                // The path's JSON exactly as encoded (jsonb would reformat it), so the current path is
                // answered by splicing the person's statuses into it rather than decoding and encoding it.
                "ALTER TABLE learning_paths ALTER COLUMN path TYPE text USING path::text",
            ]
        ),
        Migration(
            5, "lesson renames",
            [
                // Each rename content reports (an alias in the lesson graph) once adopted: records,
                // receipts and paths under the old id have moved to the new one.
                """
                CREATE TABLE lesson_renames (
                    old_id text PRIMARY KEY,
                    new_id text NOT NULL,
                    adopted_at timestamptz NOT NULL
                )
                """,
            ]
        ),
    ]

    /// Tables holding a person's rows, erased when `user.deleted` arrives (children first). Each
    /// migration that adds such a table adds it here too.
    static let userOwnedTables = [
        "gap_reports", "learning_paths", "path_targets", "known_topics", "lesson_progress", "time_receipts", "study_activity",
    ]
}
