import ServiceKit

/// Coaching's schema history: append-only, applied in order at start.
enum CoachingMigrations {
    static let all: [Migration] = [
        Migration(1, "outbox and inbox", Outbox.migrationStatements + Inbox.migrationStatements),
        Migration(
            2, "sessions, turns, evaluations and turn keys",
            [
                // A session's settings, the coach's plan for it (read whole, never queried inside) and its counts,
                // kept here so a turn checks the cap and a list shows them without counting turns.
                """
                CREATE TABLE sessions (
                    id uuid PRIMARY KEY,
                    user_id uuid NOT NULL,
                    title text NOT NULL,
                    preparation_type text NOT NULL,
                    meeting_subtype text,
                    agenda text,
                    tone text NOT NULL,
                    role_context text,
                    status text NOT NULL CHECK (status IN ('in_progress', 'completed', 'archived')),
                    plan jsonb NOT NULL,
                    engine text NOT NULL,
                    turn_count integer NOT NULL,
                    user_turns integer NOT NULL,
                    created_at timestamptz NOT NULL,
                    completed_at timestamptz,
                    updated_at timestamptz NOT NULL
                )
                """,
                "CREATE INDEX sessions_by_user ON sessions (user_id, created_at DESC, id DESC)",
                """
                CREATE TABLE session_turns (
                    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                    turn_number integer NOT NULL,
                    user_id uuid NOT NULL,
                    role text NOT NULL CHECK (role IN ('coach', 'user')),
                    content text NOT NULL,
                    created_at timestamptz NOT NULL,
                    PRIMARY KEY (session_id, turn_number)
                )
                """,
                "CREATE INDEX session_turns_by_user ON session_turns (user_id)",
                // The evaluation as answered; its overall score apart, for the session list.
                """
                CREATE TABLE evaluations (
                    session_id uuid PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
                    user_id uuid NOT NULL,
                    overall_score integer NOT NULL,
                    evaluation text NOT NULL,
                    created_at timestamptz NOT NULL
                )
                """,
                "CREATE INDEX evaluations_by_user ON evaluations (user_id)",
                // A turn's `Idempotency-Key`: the request it was used for (`fingerprint`), and the stored
                // answer once the turn is written (`exchange` null while it runs). Kept a day.
                """
                CREATE TABLE turn_keys (
                    user_id uuid NOT NULL,
                    idempotency_key text NOT NULL,
                    session_id uuid NOT NULL,
                    fingerprint text NOT NULL,
                    exchange text,
                    created_at timestamptz NOT NULL,
                    PRIMARY KEY (user_id, idempotency_key)
                )
                """,
                "CREATE INDEX turn_keys_running ON turn_keys (session_id) WHERE exchange IS NULL",
                "CREATE INDEX turn_keys_by_age ON turn_keys (created_at)",
            ]
        ),
    ]

    /// Tables holding a person's rows, erased when `user.deleted` arrives (children first).
    static let userOwnedTables: [String] = ["turn_keys", "evaluations", "session_turns", "sessions"]
}
