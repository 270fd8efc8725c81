import ServiceKit

/// Analytics's schema history: append-only, applied in order at start.
enum AnalyticsMigrations {
    static let all: [Migration] = [
        Migration(1, "inbox", Inbox.migrationStatements),
        Migration(
            2, "facts",
            [
                // A practice session: its completion (`session.completed`) and its scores (`evaluation.created`),
                // whichever came first; `at` is the completion, or the evaluation until the completion arrives.
                // `scores` follow `ScoreDimension.allCases`.
                """
                CREATE TABLE session_facts (
                    session_id uuid PRIMARY KEY,
                    user_id uuid NOT NULL,
                    preparation_type text NOT NULL,
                    completed_at timestamptz,
                    evaluated_at timestamptz,
                    at timestamptz NOT NULL,
                    overall_score smallint,
                    scores smallint[],
                    weak text[] NOT NULL DEFAULT '{}'
                )
                """,
                "CREATE INDEX session_facts_by_user ON session_facts (user_id, at DESC)",
                "CREATE INDEX session_facts_evaluated ON session_facts (user_id, at DESC, session_id DESC) WHERE overall_score IS NOT NULL",
                // A lesson's newest status and when it was first completed (so a completion counts once, on its day).
                """
                CREATE TABLE lesson_facts (
                    user_id uuid NOT NULL,
                    lesson_id text NOT NULL,
                    status text NOT NULL,
                    status_at timestamptz NOT NULL,
                    completed_at timestamptz,
                    PRIMARY KEY (user_id, lesson_id)
                )
                """,
                // Study per UTC day: the rollup trends read.
                """
                CREATE TABLE learning_days (
                    user_id uuid NOT NULL,
                    day date NOT NULL,
                    seconds integer NOT NULL DEFAULT 0,
                    completions integer NOT NULL DEFAULT 0,
                    PRIMARY KEY (user_id, day)
                )
                """,
                // The current path's percent as of the newest event that said it.
                """
                CREATE TABLE path_facts (
                    user_id uuid PRIMARY KEY,
                    path_id uuid NOT NULL,
                    percent smallint NOT NULL,
                    lesson_count integer,
                    as_of timestamptz NOT NULL
                )
                """,
                // Lessons that teach a dimension the person was weak in, found when the evaluation arrived.
                """
                CREATE TABLE weakness_lessons (
                    user_id uuid NOT NULL,
                    dimension text NOT NULL,
                    lesson_id text NOT NULL,
                    title text NOT NULL,
                    seen_at timestamptz NOT NULL,
                    PRIMARY KEY (user_id, dimension, lesson_id)
                )
                """,
            ]
        ),
        Migration(
            3, "trend snapshots",
            [
                // How many times the person's facts changed: every applied event adds one.
                "CREATE TABLE fact_versions (user_id uuid PRIMARY KEY, version bigint NOT NULL)",
                // A trend answer as sent, for a window ending on `as_of_day` (UTC), made from the facts at
                // `version`: served again until the facts change or the day ends.
                """
                CREATE TABLE trend_snapshots (
                    user_id uuid NOT NULL,
                    days integer NOT NULL,
                    as_of_day date NOT NULL,
                    version bigint NOT NULL,
                    trends text NOT NULL,
                    PRIMARY KEY (user_id, days)
                )
                """,
            ]
        ),
    ]

    /// Tables holding a person's rows, erased when `user.deleted` arrives (children first).
    static let userOwnedTables: [String] = [
        "session_facts", "lesson_facts", "learning_days", "path_facts", "weakness_lessons", "fact_versions", "trend_snapshots",
    ]
}
