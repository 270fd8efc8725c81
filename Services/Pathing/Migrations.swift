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
    ]

    /// Tables holding a person's rows, erased when `user.deleted` arrives (children first). Each
    /// migration that adds such a table adds it here too.
    static let userOwnedTables = ["gap_reports"]
}
