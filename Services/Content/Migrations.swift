import ServiceKit

/// Content's schema history: append-only, applied in order at start.
enum ContentMigrations {
    static let all: [Migration] = [
        Migration(1, "inbox", Inbox.migrationStatements),
        Migration(
            2, "library",
            [
                "CREATE TABLE books (id text PRIMARY KEY, position integer NOT NULL, title text NOT NULL, summary text NOT NULL)",
                """
                CREATE TABLE parts (
                    book_id text NOT NULL REFERENCES books (id) ON DELETE CASCADE,
                    id text NOT NULL,
                    position integer NOT NULL,
                    title text NOT NULL,
                    summary text NOT NULL,
                    PRIMARY KEY (book_id, id)
                )
                """,
                """
                CREATE TABLE chapters (
                    book_id text NOT NULL,
                    part_id text NOT NULL,
                    id text NOT NULL,
                    position integer NOT NULL,
                    title text NOT NULL,
                    summary text NOT NULL,
                    PRIMARY KEY (book_id, part_id, id),
                    FOREIGN KEY (book_id, part_id) REFERENCES parts (book_id, id) ON DELETE CASCADE
                )
                """,
                """
                CREATE TABLE lessons (
                    id text PRIMARY KEY,
                    book_id text NOT NULL,
                    part_id text NOT NULL,
                    chapter_id text NOT NULL,
                    position integer NOT NULL,
                    title text NOT NULL,
                    layer text NOT NULL CHECK (layer IN ('L1', 'L2', 'L3')),
                    minutes integer NOT NULL,
                    interview_critical boolean NOT NULL,
                    summary text NOT NULL,
                    topics text[] NOT NULL,
                    prerequisites text[] NOT NULL,
                    markdown text NOT NULL,
                    content_hash text NOT NULL,
                    synced_at timestamptz NOT NULL DEFAULT now(),
                    FOREIGN KEY (book_id, part_id, chapter_id) REFERENCES chapters (book_id, part_id, id) ON DELETE CASCADE
                )
                """,
            ]
        ),
        Migration(
            3, "library fingerprint",
            ["CREATE TABLE library_state (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), fingerprint text NOT NULL)"]
        ),
    ]

    /// Tables holding a person's rows, erased when `user.deleted` arrives (children first). Each
    /// migration that adds such a table adds it here too; none has yet.
    static let userOwnedTables: [String] = []
}
