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
        Migration(
            4, "search",
            [
                // One row per lesson section and content hash; a lesson's text weighs most in its title,
                // then its heading, then its body. pg_trgm lives in this schema (deploy/postgres/bootstrap.sql).
                """
                CREATE TABLE lesson_sections (
                    lesson_id text NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
                    content_hash text NOT NULL,
                    position integer NOT NULL,
                    title text NOT NULL,
                    heading text,
                    anchor text,
                    body text NOT NULL,
                    document tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', coalesce(heading, '')), 'B')
                            || setweight(to_tsvector('english', body), 'C')
                    ) STORED,
                    PRIMARY KEY (lesson_id, content_hash, position)
                )
                """,
                "CREATE INDEX lesson_sections_document ON lesson_sections USING gin (document)",
                // Every word of the library, to correct a misspelled query word to the nearest one.
                "CREATE TABLE search_words (word text PRIMARY KEY)",
                "CREATE INDEX search_words_trigrams ON search_words USING gin (word gin_trgm_ops)",
                // A library stored before sections existed is synced again at the next start.
                "DELETE FROM library_state",
            ]
        ),
        Migration(
            5, "explanations",
            [
                // `user_id` is the person an entry was made for (a posting's key); NULL for an entry many
                // people with one role template share. The `connections` section is never stored.
                """
                CREATE TABLE explanations (
                    lesson_id text NOT NULL,
                    content_hash text NOT NULL,
                    audience_key text NOT NULL,
                    user_id uuid,
                    audience jsonb NOT NULL,
                    sections jsonb NOT NULL,
                    engine text NOT NULL,
                    fallback boolean NOT NULL,
                    generated_at timestamptz NOT NULL,
                    expires_at timestamptz,
                    UNIQUE NULLS NOT DISTINCT (lesson_id, content_hash, audience_key, user_id)
                )
                """,
                "CREATE INDEX explanations_user ON explanations (user_id) WHERE user_id IS NOT NULL",
                "CREATE TABLE regenerations (user_id uuid NOT NULL, requested_at timestamptz NOT NULL)",
                "CREATE INDEX regenerations_user ON regenerations (user_id, requested_at)",
            ]
        ),
    ]

    /// Tables holding a person's rows, erased when `user.deleted` arrives (children first). Each
    /// migration that adds such a table adds it here too. Shared explanations (`user_id` NULL) stay.
    static let userOwnedTables = ["explanations", "regenerations"]
}
