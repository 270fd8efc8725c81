import Crypto
import Foundation
import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Content

/// The bundled library and its catalog, built once for the content tests.
enum ContentFixtures {
    static let library = try! LessonLibrary.bundled()
    static let taxonomy = try! Taxonomy.bundled()
    static let catalog = Catalog(library: library, taxonomy: taxonomy)
    static let coverage = CoverageIndex(catalog: catalog, taxonomy: taxonomy, matcher: SkillMatcher(taxonomy: taxonomy), threshold: 0.75)

    static let matcher = SkillMatcher(taxonomy: taxonomy)

    /// Content's dependencies over the bundled catalog, accepting `tokens`' tokens; `search` is the
    /// live index where a test needs one.
    static func dependencies(
        tokens: StandInTokenIssuer = StandInTokenIssuer(), search: any SearchStore = NoSearchIndex(), explanations: Explanations = explanations()
    ) -> ContentDependencies {
        ContentDependencies(
            catalog: catalog, taxonomy: taxonomy, matcher: matcher, coverage: coverage, search: search, explanations: explanations,
            erasure: UserErasure(tables: ContentMigrations.userOwnedTables), verifier: tokens.verifier(), inbox: Inbox(receipts: MemoryInboxReceipts()),
            maxBodyBytes: 1 << 20
        )
    }

    /// Content's router over the bundled catalog, accepting `tokens`' tokens.
    static func router(
        tokens: StandInTokenIssuer = StandInTokenIssuer(), search: any SearchStore = NoSearchIndex(), explanations: Explanations = explanations()
    ) throws -> Router<ServiceRequestContext> {
        try buildRouter(dependencies(tokens: tokens, search: search, explanations: explanations))
    }

    /// Personalized explanations over the bundled catalog, the audiences `audiences` knows, and `store`.
    static func explanations(
        audiences: KnownAudiences = KnownAudiences(), store: any ExplanationStore = MemoryExplanationStore(), model: LanguageModelExplainer? = nil,
        regenerationLimit: Int = 20, clock: WallClock = .system, catalog: Catalog = catalog
    ) -> Explanations {
        Explanations(
            catalog: catalog, composer: ExplanationComposer(catalog: catalog, taxonomy: taxonomy, matcher: matcher),
            audiences: RecentAudiences(source: audiences, clock: clock), store: store, model: model, regenerationLimit: regenerationLimit, clock: clock,
            logger: testLogger
        )
    }
}

/// For router tests that do not search: a search fails the test.
struct NoSearchIndex: SearchStore {
    func search(_ query: SearchQuery) async throws -> [SearchHitDTO] {
        Issue.record("this test was not meant to search")
        return []
    }
}

@Suite("The catalog and the library routes, in memory")
struct CatalogTests {
    @Test("books list every book with its lessons and minutes; a book's tree holds its lessons in reading order")
    func booksAndTree() async throws {
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let books = try await caller.send(.GET, "/api/v1/books").json(Page<BookSummaryDTO>.self).items
            #expect(books.count == 5)
            #expect(books.reduce(0) { $0 + $1.lessonCount } == ContentFixtures.catalog.lessons.count)
            let first = try #require(books.first)
            #expect(first.id == "probability-statistics" && first.minutes > 0)
            let tree = try await caller.send(.GET, "/api/v1/books/\(first.id)").json(BookDTO.self)
            let ids = tree.parts.flatMap(\.chapters).flatMap(\.lessons).map(\.id)
            #expect(ids.count == first.lessonCount)
            #expect(ids == ContentFixtures.catalog.readingOrder.prefix(ids.count).map { $0 })
            #expect(tree.parts.first?.chapters.first?.title == "Counting and Conditioning")
            let missing = try await caller.send(.GET, "/api/v1/books/no-such-book")
            #expect(missing.status == 404 && missing.code == "not_found")
        }
    }

    @Test("a lesson has its Markdown, topics as skills, headings with anchors, and its neighbours; unknown ids are 404")
    func lesson() async throws {
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let response = try await caller.send(.GET, "/api/v1/lessons/counting-and-combinatorics")
            #expect(response.status == 200)
            let lesson = try response.json(LessonDTO.self)
            #expect(lesson.summary.title == "Counting and combinatorics" && lesson.summary.layer == "L1")
            #expect(lesson.summary.topics.first == SkillDTO(id: "combinatorics", name: ContentFixtures.taxonomy.skill("combinatorics")?.name ?? "", category: ContentFixtures.taxonomy.skill("combinatorics")?.category ?? ""))
            #expect(lesson.book == "probability-statistics" && lesson.previous == nil && lesson.next == ContentFixtures.catalog.readingOrder[1])
            #expect(lesson.headings.contains(HeadingDTO(level: 2, text: "The idea", anchor: "the-idea")))
            #expect(lesson.markdown.contains("## The idea"))
            let last = try #require(ContentFixtures.catalog.readingOrder.last)
            #expect(try await caller.send(.GET, "/api/v1/lessons/\(last)").json(LessonDTO.self).next == nil)
            #expect(try await caller.send(.GET, "/api/v1/lessons/nope").status == 404)
        }
    }

    @Test("a renamed lesson keeps answering under its old id, names where it lives now, and lists its old ids in the graph")
    func renamedLesson() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("library-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("b/p/c/01-merged.md")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try """
            ---
            id: bayes-in-practice
            title: "Bayes in practice"
            layer: L1
            prerequisites: []
            topics: [bayes_theorem]
            minutes: 20
            interview_critical: true
            summary: "One sentence."
            aliases: [bayes-rule, bayes-examples]
            ---
            ## The idea
            Words.
            """.write(to: file, atomically: true, encoding: .utf8)
        let catalog = Catalog(library: try LessonLibrary.load(from: root), taxonomy: ContentFixtures.taxonomy)
        let routes = try LibraryRoutes(catalog: catalog, verifier: StandInTokenIssuer().verifier())
        let router = ServiceRuntime.router(maxBodyBytes: 1 << 20)
        router.addRoutes(routes.endpoints)
        try await RouterCaller.with(router) { caller in
            let old = try await caller.send(.GET, "/api/v1/lessons/bayes-rule")
            #expect(old.status == 200)
            #expect(try old.json(LessonDTO.self).summary.id == "bayes-in-practice")
            #expect(old.headers.first(name: "Content-Location") == "/api/v1/lessons/bayes-in-practice")
            let current = try await caller.send(.GET, "/api/v1/lessons/bayes-in-practice")
            #expect(current.status == 200 && current.headers.first(name: "Content-Location") == nil)
            #expect(try await caller.send(.GET, "/api/v1/lessons/bayes-other").status == 404)
        }
        let graph = try JSONCoding.decoder.decode(LessonGraphDTO.self, from: Data(buffer: routes.graph.body))
        #expect(graph.items.map(\.aliases) == [["bayes-examples", "bayes-rule"]])
        #expect(catalog.lessonID("bayes-examples") == "bayes-in-practice" && catalog.lessonID("nope") == nil)
        let explanation = try await ContentFixtures.explanations(catalog: catalog).explanation(of: "bayes-rule", for: UUID())
        #expect(explanation.lessonID == "bayes-in-practice")
    }

    @Test("a lesson's ETag is its content hash; If-None-Match with it (or in a list, or weak) answers 304 with no body")
    func etag() async throws {
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let first = try await caller.send(.GET, "/api/v1/lessons/counting-and-combinatorics")
            let etag = try #require(first.headers.first(name: "ETag"))
            #expect(etag == "\"\(try first.json(LessonDTO.self).contentHash)\"")
            for condition in [etag, "\"other\", \(etag)", "W/\(etag)", "*"] {
                let again = try await caller.send(.GET, "/api/v1/lessons/counting-and-combinatorics", headers: [("If-None-Match", condition)])
                #expect(again.status == 304 && again.body.readableBytes == 0, "\(condition)")
            }
            let stale = try await caller.send(.GET, "/api/v1/lessons/counting-and-combinatorics", headers: [("If-None-Match", "\"stale\"")])
            #expect(stale.status == 200)
        }
    }

    @Test("reading needs no token, but a token that is sent must be valid")
    func openReads() async throws {
        let tokens = StandInTokenIssuer()
        try await RouterCaller.with(try ContentFixtures.router(tokens: tokens)) { caller throws in
            #expect(try await caller.send(.GET, "/api/v1/books", bearer: tokens.accessToken(for: UUID())).status == 200)
            #expect(try await caller.send(.GET, "/api/v1/books", bearer: "not-a-token").status == 401)
        }
    }

    @Test("headings: fenced code is not a heading, repeats get numbered anchors, closing hashes are dropped")
    func headings() {
        let markdown = "# Title\n\n```python\n# not a heading\n```\n## Worked example ##\n## Worked example\n####### seven\n#nospace\n### C++ & Python: a *tour*\n"
        #expect(MarkdownHeadings.read(markdown) == [
            HeadingDTO(level: 1, text: "Title", anchor: "title"),
            HeadingDTO(level: 2, text: "Worked example", anchor: "worked-example"),
            HeadingDTO(level: 2, text: "Worked example", anchor: "worked-example-1"),
            HeadingDTO(level: 3, text: "C++ & Python: a *tour*", anchor: "c--python-a-tour"),
        ])
    }
}

/// The library in Postgres: synced at start, idempotent, and safe with replicas starting together.
@Suite("Library sync")
struct LibrarySyncTests {
    @Test("a first sync inserts the library; a second changes no row; an edit updates one lesson; a removal deletes it")
    func idempotentSync() async throws {
        try await TestDatabase.migrated(role: "content", ContentMigrations.all) { client, database in
            let store = PostgresLibraryStore(client: client, logger: testLogger)
            let catalog = ContentFixtures.catalog
            let first = try await store.sync(catalog)
            let rows = catalog.books.count + catalog.books.flatMap(\.parts).count + catalog.books.flatMap(\.parts).flatMap(\.chapters).count
                + catalog.lessons.count
            #expect(first == LibrarySyncReport(inserted: rows, updated: 0, deleted: 0))
            let sections = catalog.lessons.values.reduce(0) { $0 + SearchSection.cut($1).count }
            #expect(try await database.count("SELECT count(*) FROM content.lesson_sections") == sections)
            #expect(try await database.count("SELECT count(*) FROM content.search_words") > 1000)
            let before = try await database.text("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM content.lessons")
            #expect(try await store.sync(catalog) == LibrarySyncReport())
            #expect(try await database.text("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM content.lessons") == before, "no row rewritten")
            #expect(try await database.text("SELECT fingerprint FROM content.library_state") == catalog.fingerprint)

            var library = ContentFixtures.library
            library.lessons[0].body += "\nOne more line."
            library.lessons[0].contentHash = SHA256.hex(of: Data(library.lessons[0].body.utf8))
            let removed = library.lessons.remove(at: 1).meta.id
            let edited = Catalog(library: library, taxonomy: ContentFixtures.taxonomy)
            let report = try await store.sync(edited)
            // The edited lesson changes; so does every lesson after the removed one (its position moved up).
            #expect(report.inserted == 0 && report.deleted == 1 && report.updated == catalog.lessons.count - 1, "\(report)")
            #expect(try await database.count("SELECT count(*) FROM content.lessons WHERE id = '\(removed)'") == 0)
            #expect(
                try await database.text("SELECT content_hash FROM content.lessons WHERE id = '\(library.lessons[0].meta.id)'")
                    == library.lessons[0].contentHash
            )
            // Search sections follow: the edited lesson's are cut from its new text, the removed lesson's are gone.
            #expect(try await database.count("SELECT count(*) FROM content.lesson_sections WHERE lesson_id = '\(removed)'") == 0)
            #expect(
                try await database.count(
                    "SELECT count(*) FROM content.lesson_sections WHERE lesson_id = '\(library.lessons[0].meta.id)' AND content_hash <> '\(library.lessons[0].contentHash)'"
                ) == 0
            )
            #expect(try await database.count("SELECT count(*) FROM content.lesson_sections WHERE body LIKE '%One more line.%'") == 1)
        }
    }

    @Test("two replicas syncing at once both succeed, and the library is stored once")
    func concurrentSync() async throws {
        try await TestDatabase.migrated(role: "content", ContentMigrations.all) { client, database in
            let store = PostgresLibraryStore(client: client, logger: testLogger)
            async let a = store.sync(ContentFixtures.catalog)
            async let b = store.sync(ContentFixtures.catalog)
            let (first, second) = try await (a, b)
            #expect([first.changed, second.changed].filter { $0 }.count == 1, "one inserted, the other found nothing to do")
            #expect(try await database.count("SELECT count(*) FROM content.lessons") == ContentFixtures.catalog.lessons.count)
        }
    }
}
