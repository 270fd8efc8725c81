import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// What a library sync changed: rows inserted, updated and deleted, over books, parts, chapters and lessons.
struct LibrarySyncReport: Sendable, Equatable {
    var inserted = 0
    var updated = 0
    var deleted = 0

    var changed: Bool { inserted + updated + deleted > 0 }
}

/// The library as the content schema keeps it, for search, coverage and the other services' reads.
protocol LibraryStore: Sendable {
    /// Makes the stored library equal to `catalog`: new rows inserted, changed rows updated (an edited
    /// lesson gets its new content hash), removed ones deleted; an unchanged library (the same
    /// fingerprint as the last sync) is one read and changes no row.
    func sync(_ catalog: Catalog) async throws -> LibrarySyncReport
}

struct PostgresLibraryStore: LibraryStore {
    let client: PostgresClient
    let logger: Logger

    func sync(_ catalog: Catalog) async throws -> LibrarySyncReport {
        try await client.inTransaction(logger: logger) { connection in
            // Replicas starting at once take turns; the second finds nothing left to change.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('content.library'))", logger: logger)
            // A restart with the library last stored (the usual case) costs this one read.
            let stored = try await connection.query("SELECT fingerprint FROM library_state", logger: logger)
            for try await fingerprint in stored.decode(String.self) where fingerprint == catalog.fingerprint { return LibrarySyncReport() }
            var report = LibrarySyncReport()
            func count(_ rows: PostgresRowSequence) async throws {
                for try await inserted in rows.decode(Bool.self) {
                    if inserted { report.inserted += 1 } else { report.updated += 1 }
                }
            }
            var (bookKeys, partKeys, chapterKeys) = ([String](), [String](), [String]())
            for (bookPosition, book) in catalog.books.enumerated() {
                bookKeys.append(book.id)
                try await count(
                    try await connection.query(
                        """
                        INSERT INTO books (id, position, title, summary) VALUES (\(book.id), \(bookPosition), \(book.title), \(book.summary))
                        ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title, summary = excluded.summary
                        WHERE (books.position, books.title, books.summary) IS DISTINCT FROM (excluded.position, excluded.title, excluded.summary)
                        RETURNING xmax = 0
                        """,
                        logger: logger
                    )
                )
                for (partPosition, part) in book.parts.enumerated() {
                    partKeys.append("\(book.id)/\(part.id)")
                    try await count(
                        try await connection.query(
                            """
                            INSERT INTO parts (book_id, id, position, title, summary) VALUES (\(book.id), \(part.id), \(partPosition), \(part.title), \(part.summary))
                            ON CONFLICT (book_id, id) DO UPDATE SET position = excluded.position, title = excluded.title, summary = excluded.summary
                            WHERE (parts.position, parts.title, parts.summary) IS DISTINCT FROM (excluded.position, excluded.title, excluded.summary)
                            RETURNING xmax = 0
                            """,
                            logger: logger
                        )
                    )
                    for (chapterPosition, chapter) in part.chapters.enumerated() {
                        chapterKeys.append("\(book.id)/\(part.id)/\(chapter.id)")
                        try await count(
                            try await connection.query(
                                """
                                INSERT INTO chapters (book_id, part_id, id, position, title, summary)
                                VALUES (\(book.id), \(part.id), \(chapter.id), \(chapterPosition), \(chapter.title), \(chapter.summary))
                                ON CONFLICT (book_id, part_id, id) DO UPDATE SET position = excluded.position, title = excluded.title, summary = excluded.summary
                                WHERE (chapters.position, chapters.title, chapters.summary)
                                    IS DISTINCT FROM (excluded.position, excluded.title, excluded.summary)
                                RETURNING xmax = 0
                                """,
                                logger: logger
                            )
                        )
                    }
                }
            }
            for (position, id) in catalog.readingOrder.enumerated() {
                guard let lesson = catalog.lessons[id] else { continue }
                let summary = lesson.summary
                try await count(
                    try await connection.query(
                        """
                        INSERT INTO lessons (id, book_id, part_id, chapter_id, position, title, layer, minutes, interview_critical, summary,
                                             topics, prerequisites, markdown, content_hash)
                        VALUES (\(id), \(lesson.book), \(lesson.part), \(lesson.chapter), \(position), \(summary.title), \(summary.layer),
                                \(summary.minutes), \(summary.interviewCritical), \(summary.summary), \(summary.topics.map(\.id)),
                                \(summary.prerequisites), \(lesson.markdown), \(lesson.contentHash))
                        ON CONFLICT (id) DO UPDATE SET
                            book_id = excluded.book_id, part_id = excluded.part_id, chapter_id = excluded.chapter_id, position = excluded.position,
                            title = excluded.title, layer = excluded.layer, minutes = excluded.minutes,
                            interview_critical = excluded.interview_critical, summary = excluded.summary, topics = excluded.topics,
                            prerequisites = excluded.prerequisites, markdown = excluded.markdown, content_hash = excluded.content_hash,
                            synced_at = now()
                        WHERE (lessons.content_hash, lessons.position, lessons.book_id, lessons.part_id, lessons.chapter_id)
                            IS DISTINCT FROM (excluded.content_hash, excluded.position, excluded.book_id, excluded.part_id, excluded.chapter_id)
                        RETURNING xmax = 0
                        """,
                        logger: logger
                    )
                )
            }
            // Children first, so that a removed chapter's lessons are counted as lessons.
            let removals: [PostgresQuery] = [
                "DELETE FROM lessons WHERE NOT (id = ANY(\(catalog.readingOrder))) RETURNING 1",
                "DELETE FROM chapters WHERE NOT (book_id || '/' || part_id || '/' || id = ANY(\(chapterKeys))) RETURNING 1",
                "DELETE FROM parts WHERE NOT (book_id || '/' || id = ANY(\(partKeys))) RETURNING 1",
                "DELETE FROM books WHERE NOT (id = ANY(\(bookKeys))) RETURNING 1",
            ]
            for removal in removals {
                report.deleted += try await connection.query(removal, logger: logger).collect().count
            }
            try await syncSections(catalog, on: connection)
            try await connection.query(
                """
                INSERT INTO library_state (fingerprint) VALUES (\(catalog.fingerprint))
                ON CONFLICT (singleton) DO UPDATE SET fingerprint = excluded.fingerprint
                """,
                logger: logger
            )
            return report
        }
    }

    /// Cuts every lesson into its search sections: a lesson whose content hash is new gets its
    /// sections, one whose hash is gone loses them, and the library's words are listed again for
    /// spelling correction when any section changed.
    private func syncSections(_ catalog: Catalog, on connection: PostgresConnection) async throws {
        let sections = catalog.readingOrder.compactMap { catalog.lessons[$0] }.flatMap(SearchSection.cut)
        let inserted = try await connection.query(
            """
            INSERT INTO lesson_sections (lesson_id, content_hash, position, title, heading, anchor, body)
            SELECT lesson_id, content_hash, position, title, NULLIF(heading, ''), NULLIF(anchor, ''), body
            FROM unnest(\(sections.map(\.lessonID)), \(sections.map(\.contentHash)), \(sections.map(\.position)), \(sections.map(\.title)),
                        \(sections.map { $0.heading?.text ?? "" }), \(sections.map { $0.heading?.anchor ?? "" }), \(sections.map(\.body)))
                AS section (lesson_id, content_hash, position, title, heading, anchor, body)
            ON CONFLICT DO NOTHING
            RETURNING 1
            """,
            logger: logger
        ).collect().count
        let deleted = try await connection.query(
            """
            DELETE FROM lesson_sections WHERE NOT EXISTS (
                SELECT FROM lessons WHERE lessons.id = lesson_sections.lesson_id AND lessons.content_hash = lesson_sections.content_hash
            ) RETURNING 1
            """,
            logger: logger
        ).collect().count
        guard inserted + deleted > 0 else { return }
        try await connection.query("DELETE FROM search_words", logger: logger)
        try await connection.query(
            """
            INSERT INTO search_words (word)
            SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', title || '' '' || coalesce(heading, '''') || '' '' || body) FROM lesson_sections')
            WHERE length(word) >= 3 AND word ~ '^[[:alpha:]]+$'
            """,
            logger: logger
        )
    }
}
