import Foundation
import PathwiseProtocol
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Content

/// The bundled library synced into a fresh database, and its search index.
enum SearchFixture {
    static func with(_ body: @Sendable (PostgresSearchStore, TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.migrated(role: "content", ContentMigrations.all) { client, database in
            _ = try await PostgresLibraryStore(client: client, logger: testLogger).sync(ContentFixtures.catalog)
            try await body(PostgresSearchStore(client: client, logger: testLogger), database)
        }
    }

    static func query(_ text: String, book: String? = nil, layer: String? = nil, limit: Int = 10) -> SearchQuery {
        SearchQuery(text: text, book: book, layer: layer, limit: limit, matcher: ContentFixtures.matcher, taxonomy: ContentFixtures.taxonomy)
    }
}

@Suite("Search")
struct SearchTests {
    @Test("queries written for the test find the lesson a reader means in the first three hits")
    func quality() async throws {
        try await SearchFixture.with { store, _ in
            var (atOne, atThree) = (0, 0)
            var misses: [String] = []
            for query in SearchQualityQueries.all {
                let hits = try await store.search(SearchFixture.query(query.text, limit: 3)).map(\.lessonID)
                if hits.first == query.expected { atOne += 1 }
                if hits.contains(query.expected) { atThree += 1 } else { misses.append("\(query) got \(hits)") }
            }
            let total = SearchQualityQueries.all.count
            print("search quality: \(atOne)/\(total) at 1, \(atThree)/\(total) at 3")
            #expect(total >= 30)
            #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
        }
    }

    @Test("the taxonomy reads the query: an alias names its skill, and the skill's lessons are found")
    func taxonomyExpansion() async throws {
        try await SearchFixture.with { store, _ in
            let gbm = SearchFixture.query("GBM")
            #expect(gbm.skills.map(\.id).contains("gradient_boosting"), "GBM also names geometric Brownian motion")
            let gbmHits = try await store.search(gbm).prefix(3).map(\.lessonID)
            #expect(gbmHits.contains("random-forests-gradient-boosting"))
            let ab = SearchFixture.query("A/B testing")
            #expect(ab.skills.map(\.id).contains("ab_testing"))
            let abHits = try await store.search(ab).prefix(3).map(\.lessonID)
            #expect(abHits.contains("ml-system-design"))
            let torch = SearchFixture.query("torch")
            #expect(torch.skills.map(\.id) == ["pytorch"])
            let torchHits = try await store.search(torch).prefix(3).map(\.lessonID)
            #expect(torchHits.contains("neural-networks-backpropagation"))
            #expect(SearchFixture.query("k8s").skills.map(\.id) == ["kubernetes"])
        }
    }

    @Test("a hit is the lesson's best section: its heading, anchor and a plain-text snippet whose highlights are the query's words")
    func snippets() async throws {
        try await SearchFixture.with { store, _ in
            let hits = try await store.search(SearchFixture.query("implied volatility smile"))
            let hit = try #require(hits.first)
            #expect(hit.lessonID == "black-scholes-model")
            let lesson = try #require(ContentFixtures.catalog.lessons[hit.lessonID])
            if let anchor = hit.anchor { #expect(lesson.headings.contains { $0.anchor == anchor && $0.text == hit.heading }) }
            #expect(!hit.snippet.contains("<") && !hit.snippet.contains("**") && !hit.snippet.contains("\u{2}"))
            #expect(!hit.highlights.isEmpty)
            // The query's words, and the words of the skill it names (implied volatility, alias "implied vol").
            let asked = Set(SearchFixture.query("implied volatility smile implied vol").words)
            let scalars = Array(hit.snippet.unicodeScalars)
            for range in hit.highlights {
                let word = String(String.UnicodeScalarView(scalars[range[0]..<range[1]])).lowercased()
                #expect(asked.contains { word.hasPrefix($0) || $0.hasPrefix(word) }, "\(word)")
            }
            #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
            #expect(Set(hits.map(\.lessonID)).count == hits.count, "one hit per lesson")
        }
    }

    @Test("filters by book and layer keep only those lessons; a query that matches nothing answers no hits")
    func filters() async throws {
        try await SearchFixture.with { store, _ in
            let catalog = ContentFixtures.catalog
            let inBook = try await store.search(SearchFixture.query("variance", book: "machine-learning", limit: 50))
            #expect(!inBook.isEmpty && inBook.allSatisfy { catalog.lessons[$0.lessonID]?.book == "machine-learning" })
            let foundations = try await store.search(SearchFixture.query("variance", layer: "L1", limit: 50))
            #expect(!foundations.isEmpty && foundations.allSatisfy { catalog.lessons[$0.lessonID]?.summary.layer == "L1" })
            #expect(try await store.search(SearchFixture.query("zzzyzx qqqq")).isEmpty)
            #expect(try await store.search(SearchFixture.query("variance", limit: 2)).count == 2)
        }
    }

    @Test("websearch syntax: a quoted phrase, and -word to exclude")
    func syntax() async throws {
        try await SearchFixture.with { store, _ in
            let all = try await store.search(SearchFixture.query("gradient descent", limit: 50)).map(\.lessonID)
            #expect(all.contains("linear-regression-gradient-descent"))
            let phrase = try await store.search(SearchFixture.query("\"put-call parity\"", limit: 5)).map(\.lessonID)
            #expect(phrase.first == "black-scholes-model")
        }
    }

    @Test("the route refuses an empty or huge query, a limit outside 1–100, an unknown book or layer, and unknown fields")
    func badRequests() async throws {
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let cases: [([String: JSONValue], String)] = [
                (["query": .string("")], "query"),
                (["query": .string("   ")], "query"),
                (["query": .string(String(repeating: "a", count: 1_000_000))], "query"),
                (["limit": .number(5)], "query"),
                (["query": .string("sql"), "limit": .number(0)], "limit"),
                (["query": .string("sql"), "limit": .number(1000)], "limit"),
                (["query": .string("sql"), "limit": .string("5")], "limit"),
                (["query": .string("sql"), "book": .string("no-such-book")], "book"),
                (["query": .string("sql"), "layer": .string("L9")], "layer"),
                (["query": .string("sql"), "sort": .string("new")], "sort"),
            ]
            for (body, field) in cases {
                let response = try await caller.send(.POST, "/api/v1/search", json: JSONValue.object(body))
                #expect(response.status == 400, "\(field)")
                #expect(response.invalidFields.contains(field), "\(field): \(response.invalidFields)")
            }
        }
    }

    @Test("through the router against Postgres: hits and the query's skills, no token needed")
    func route() async throws {
        try await SearchFixture.with { store, _ in
            try await RouterCaller.with(try ContentFixtures.router(search: store)) { caller in
                let response = try await caller.send(.POST, "/api/v1/search", json: SearchRequest(query: "Black Sholes", limit: 5))
                #expect(response.status == 200)
                let results = try response.json(SearchResultsDTO.self)
                #expect(results.items.first?.lessonID == "black-scholes-model")
                let skills = try await caller.send(.POST, "/api/v1/search", json: SearchRequest(query: "pandas groupby")).json(SearchResultsDTO.self)
                #expect(skills.querySkills.map(\.id).contains("pandas"))
                #expect(skills.items.first?.lessonID == "numpy-pandas-vectorisation")
            }
        }
    }
}

@Suite("Search text")
struct SearchTextTests {
    @Test("a lesson is cut at its headings; the lead holds the summary; sections are plain text")
    func sections() throws {
        let lesson = try #require(ContentFixtures.catalog.lessons["black-scholes-model"])
        let sections = SearchSection.cut(lesson)
        #expect(sections.count == lesson.headings.count + 1)
        #expect(sections[0].heading == nil && sections[0].body.hasPrefix(lesson.summary.summary))
        #expect(sections.dropFirst().map(\.heading) == lesson.headings.map(Optional.some))
        #expect(sections.allSatisfy { !$0.body.contains("**") && !$0.body.contains("$") && !$0.body.contains("\n") })
        #expect(sections.first { $0.heading?.text == "In code" }?.body.contains("def bs_price") == true)
    }

    @Test("query words: lower-cased runs of letters and digits; -word and `or` are not read for correction")
    func words() {
        let query = SearchFixture.query("Itô's lemma -martingale or put-call k8s")
        #expect(query.words == ["itô", "s", "lemma", "put", "call", "k8s"])
    }

    @Test("a marked snippet reads into plain text and scalar ranges")
    func marked() {
        let (text, ranges) = MarkedSnippet.read("Itô \u{2}lemma\u{3} and \u{2}Itô\u{3}")
        #expect(text == "Itô lemma and Itô")
        #expect(ranges == [[4, 9], [14, 17]])
    }
}
