import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// The library's search index.
protocol SearchStore: Sendable {
    /// The best section of each lesson that matches `query`, best lesson first, at most `query.limit`.
    func search(_ query: SearchQuery) async throws -> [SearchHitDTO]
}

/// Search in one statement: misspelled words corrected to the library's nearest word (trigram
/// similarity), a full-text query over the corrected words and the taxonomy skills' names, ranked
/// by title, heading and body weights, with a bonus where every word matched (`websearch_to_tsquery`
/// of the text as sent), where the lesson is about a skill the query names, and where the title is
/// close to the query; then a plain-text snippet of each hit's section with its matches marked.
struct PostgresSearchStore: SearchStore {
    let client: PostgresClient
    let logger: Logger

    /// Weights of body-only (D, unused), body, heading and title matches, as `ts_rank` takes them.
    static let weights = "{0.05, 0.2, 0.5, 1.0}"
    /// A query word at least this similar (pg_trgm, 0–1) to a library word is read as that word.
    static let correction = 0.45
    /// `ts_headline`'s options: matches between two control characters, one fragment of a few lines.
    static let headline = "StartSel=\u{2}, StopSel=\u{3}, MaxWords=28, MinWords=12, MaxFragments=1, FragmentDelimiter=\" … \""

    func search(_ query: SearchQuery) async throws -> [SearchHitDTO] {
        let skillIDs = query.skills.map(\.id)
        let rows = try await client.query(
            """
            WITH corrected AS (
                SELECT coalesce(
                    (SELECT word FROM search_words WHERE word = input.word),
                    (SELECT word FROM search_words
                        WHERE length(input.word) >= 4 AND word % input.word AND similarity(word, input.word) >= \(Self.correction)
                        ORDER BY similarity(word, input.word) DESC, word LIMIT 1),
                    input.word
                ) AS word
                FROM unnest(\(query.words)::text[]) AS input (word)
            ), terms AS (
                SELECT
                    websearch_to_tsquery('english', \(query.text)) AS every_word,
                    to_tsquery('english', concat_ws(' | ', nullif((SELECT string_agg(word, ' | ') FROM corrected), ''), nullif(\(query.skillPhrases), '')))
                        AS any_word,
                    coalesce((SELECT string_agg(word, ' ') FROM corrected), '') AS corrected_text
            ), ranked AS (
                SELECT DISTINCT ON (sections.lesson_id)
                    sections.lesson_id, sections.title, sections.heading, sections.anchor, sections.body, terms.any_word,
                    ts_rank(\(Self.weights)::float4[], sections.document, terms.any_word, 1)
                        + CASE WHEN sections.document @@ terms.every_word THEN 0.5 ELSE 0 END
                        + CASE WHEN lessons.topics && \(skillIDs)::text[] THEN 0.6 WHEN lessons.topics && \(query.relatedSkillIDs)::text[] THEN 0.3 ELSE 0 END
                        + 0.5 * word_similarity(terms.corrected_text, sections.title) AS score
                FROM lesson_sections AS sections
                JOIN lessons ON lessons.id = sections.lesson_id AND lessons.content_hash = sections.content_hash
                CROSS JOIN terms
                WHERE (sections.document @@ terms.any_word OR lessons.topics && \(skillIDs)::text[] OR lessons.topics && \(query.relatedSkillIDs)::text[]
                       OR word_similarity(terms.corrected_text, sections.title) >= 0.6)
                  AND (\(query.book)::text IS NULL OR lessons.book_id = \(query.book))
                  AND (\(query.layer)::text IS NULL OR lessons.layer = \(query.layer))
                ORDER BY sections.lesson_id, score DESC, sections.position
            )
            SELECT lesson_id, title, heading, anchor, ts_headline('english', body, any_word, \(Self.headline)), score::float8
            FROM (SELECT * FROM ranked ORDER BY score DESC, lesson_id LIMIT \(query.limit)) AS best
            ORDER BY score DESC, lesson_id
            """,
            logger: logger
        )
        var hits: [SearchHitDTO] = []
        for try await (lessonID, title, heading, anchor, marked, score) in rows.decode((String, String, String?, String?, String, Double).self) {
            let snippet = MarkedSnippet.read(marked)
            hits.append(
                SearchHitDTO(
                    lessonID: lessonID, title: title, heading: heading, anchor: anchor, snippet: snippet.text, highlights: snippet.highlights,
                    score: (score * 1000).rounded() / 1000
                )
            )
        }
        return hits
    }
}
