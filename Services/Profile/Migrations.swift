import ServiceKit

/// Profile's schema history: append-only, applied in order at start.
enum ProfileMigrations {
    static let all: [Migration] = [
        Migration(1, "outbox and inbox", Outbox.migrationStatements + Inbox.migrationStatements),
        Migration(
            2, "profiles",
            [
                """
                CREATE TABLE profiles (
                    user_id uuid PRIMARY KEY,
                    email text NOT NULL,
                    name text,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                )
                """
            ]
        ),
    ]
}
