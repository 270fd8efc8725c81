import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// The library's search index.
protocol SearchStore: Sendable {
    /// The best section of each lesson that matches `query`, best lesson first, at most `query.limit`.
    func search(_ query: SearchQuery) async throws -> [SearchHitDTO]
}

/// Search in one prepared statement: misspelled words corrected to the library's nearest word
/// (trigram similarity), a full-text query over the corrected words and the taxonomy skills' names,
/// sections found through the full-text index (and the leads of lessons the query names by topic or
/// title), ranked by title, heading and body weights with a bonus where every word matched
/// (`websearch_to_tsquery` of the text as sent), where the lesson is about a skill the query names,
/// and where its title is close to the query; then a plain-text snippet of each hit's section with
/// its matches marked. Only the matched sections' documents are read.
struct PostgresSearchStore: SearchStore {
    let client: PostgresClient
    let logger: Logger

    func search(_ query: SearchQuery) async throws -> [SearchHitDTO] {
        var hits: [SearchHitDTO] = []
        for try await (lessonID, title, heading, anchor, marked, score) in try await client.execute(SearchStatement(query: query), logger: logger) {
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

/// The search, prepared once per connection.
struct SearchStatement: PostgresPreparedStatement {
    typealias Row = (String, String, String?, String?, String, Double)

    static let bindingDataTypes: [PostgresDataType] = [.text, .textArray, .text, .textArray, .textArray, .text, .text, .int8]

    // Weights of ts_rank: {D (unused), C body, B heading, A title}. A query word at least 0.45
    // similar (pg_trgm) to a library word is read as that word; a title at least 0.6 word-similar
    // to the query names its lesson. Matches are marked with two control characters for MarkedSnippet.
    static let sql = """
        WITH corrected AS MATERIALIZED (
            SELECT coalesce(
                (SELECT word FROM search_words WHERE word = input.word),
                (SELECT word FROM search_words
                    WHERE length(input.word) >= 4 AND word % input.word AND similarity(word, input.word) >= 0.45
                    ORDER BY similarity(word, input.word) DESC, word LIMIT 1),
                input.word
            ) AS word
            FROM unnest($2::text[]) AS input (word)
        ), terms AS MATERIALIZED (
            SELECT
                websearch_to_tsquery('english', $1) AS every_word,
                to_tsquery('english', concat_ws(' | ', nullif((SELECT string_agg(word, ' | ') FROM corrected), ''), nullif($3, ''))) AS any_word,
                coalesce((SELECT string_agg(word, ' ') FROM corrected), '') AS corrected_text
        ), lesson_scores AS MATERIALIZED (
            SELECT lessons.id, lessons.content_hash,
                CASE WHEN lessons.topics && $4::text[] THEN 0.6 WHEN lessons.topics && $5::text[] THEN 0.3 ELSE 0 END
                    + 0.5 * word_similarity(terms.corrected_text, lessons.title) AS bonus,
                lessons.topics && $4::text[] OR lessons.topics && $5::text[] OR word_similarity(terms.corrected_text, lessons.title) >= 0.6 AS named
            FROM lessons CROSS JOIN terms
            WHERE ($6::text IS NULL OR lessons.book_id = $6) AND ($7::text IS NULL OR lessons.layer = $7)
        ), matched AS (
            SELECT sections.lesson_id, sections.content_hash, sections.position FROM lesson_sections AS sections, terms
            WHERE sections.document @@ terms.any_word
            UNION
            SELECT id, content_hash, 0 FROM lesson_scores WHERE named
        ), ranked AS (
            SELECT DISTINCT ON (sections.lesson_id)
                sections.lesson_id, sections.title, sections.heading, sections.anchor, sections.body,
                ts_rank('{0.05, 0.2, 0.5, 1.0}', sections.document, terms.any_word, 1)
                    + CASE WHEN sections.document @@ terms.every_word THEN 0.5 ELSE 0 END + lesson_scores.bonus AS score
            FROM matched
            JOIN lesson_scores ON lesson_scores.id = matched.lesson_id AND lesson_scores.content_hash = matched.content_hash
            JOIN lesson_sections AS sections
                ON sections.lesson_id = matched.lesson_id AND sections.content_hash = matched.content_hash AND sections.position = matched.position
            CROSS JOIN terms
            ORDER BY sections.lesson_id, score DESC, sections.position
        )
        SELECT best.lesson_id, best.title, best.heading, best.anchor,
            ts_headline('english', best.body, terms.any_word,
                'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=28, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "'),
            best.score::float8
        FROM (SELECT * FROM ranked ORDER BY score DESC, lesson_id LIMIT $8) AS best CROSS JOIN terms
        ORDER BY best.score DESC, best.lesson_id
        """

    let query: SearchQuery

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 8)
        bindings.append(query.text)
        bindings.append(query.words)
        bindings.append(query.skillPhrases)
        bindings.append(query.skills.map(\.id))
        bindings.append(query.relatedSkillIDs)
        if let book = query.book { bindings.append(book) } else { bindings.appendNull() }
        if let layer = query.layer { bindings.append(layer) } else { bindings.appendNull() }
        bindings.append(query.limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
