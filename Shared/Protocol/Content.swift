public import Foundation

/// A taxonomy skill as every contract shows it: `{id, name, category}`.
public struct SkillDTO: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var category: String

    public init(id: String, name: String, category: String) {
        self.id = id
        self.name = name
        self.category = category
    }
}

/// `GET /api/v1/books`: one book of the library.
public struct BookSummaryDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var summary: String
    public var lessonCount: Int
    /// Minutes of study, summed over the book's lessons.
    public var minutes: Int

    public init(id: String, title: String, summary: String, lessonCount: Int, minutes: Int) {
        self.id = id
        self.title = title
        self.summary = summary
        self.lessonCount = lessonCount
        self.minutes = minutes
    }

    enum CodingKeys: String, CodingKey {
        case id, title, summary, minutes
        case lessonCount = "lesson_count"
    }
}

/// `LessonSummary`: a lesson as lists show it.
public struct LessonSummaryDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// `L1`, `L2` or `L3`.
    public var layer: String
    public var minutes: Int
    public var interviewCritical: Bool
    public var summary: String
    public var topics: [SkillDTO]
    /// Lesson ids to read first.
    public var prerequisites: [String]

    public init(
        id: String, title: String, layer: String, minutes: Int, interviewCritical: Bool, summary: String, topics: [SkillDTO], prerequisites: [String]
    ) {
        self.id = id
        self.title = title
        self.layer = layer
        self.minutes = minutes
        self.interviewCritical = interviewCritical
        self.summary = summary
        self.topics = topics
        self.prerequisites = prerequisites
    }

    enum CodingKeys: String, CodingKey {
        case id, title, layer, minutes, summary, topics, prerequisites
        case interviewCritical = "interview_critical"
    }
}

/// A chapter of a book, with its lessons in reading order.
public struct ChapterDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var summary: String
    public var lessons: [LessonSummaryDTO]

    public init(id: String, title: String, summary: String, lessons: [LessonSummaryDTO]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.lessons = lessons
    }
}

/// A part of a book, with its chapters in reading order.
public struct PartDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var summary: String
    public var chapters: [ChapterDTO]

    public init(id: String, title: String, summary: String, chapters: [ChapterDTO]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.chapters = chapters
    }
}

/// `GET /api/v1/books/{book}`: the book's tree, parts → chapters → lessons, in reading order.
public struct BookDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var summary: String
    public var parts: [PartDTO]

    public init(id: String, title: String, summary: String, parts: [PartDTO]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.parts = parts
    }
}

/// A heading of a lesson's Markdown, with the anchor a link to it uses.
public struct HeadingDTO: Codable, Sendable, Equatable {
    /// 1 for `#`, up to 6.
    public var level: Int
    public var text: String
    public var anchor: String

    public init(level: Int, text: String, anchor: String) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

/// `Lesson`: a lesson to read, with where it sits and its neighbours in reading order.
public struct LessonDTO: Codable, Sendable, Equatable {
    public var summary: LessonSummaryDTO
    public var book: String
    public var part: String
    public var chapter: String
    public var markdown: String
    /// SHA-256 of the lesson's file; the `ETag`.
    public var contentHash: String
    public var headings: [HeadingDTO]
    /// The lesson before this one in reading order; `nil` for the first.
    public var previous: String?
    /// The lesson after this one; `nil` for the last.
    public var next: String?

    public init(
        summary: LessonSummaryDTO, book: String, part: String, chapter: String, markdown: String, contentHash: String, headings: [HeadingDTO],
        previous: String?, next: String?
    ) {
        self.summary = summary
        self.book = book
        self.part = part
        self.chapter = chapter
        self.markdown = markdown
        self.contentHash = contentHash
        self.headings = headings
        self.previous = previous
        self.next = next
    }

    enum CodingKeys: String, CodingKey {
        case book, part, chapter, markdown, headings, previous, next
        case contentHash = "content_hash"
    }

    // The summary's fields sit at the top level beside the lesson's own (`Lesson` = `LessonSummary` + …).
    public init(from decoder: any Decoder) throws {
        summary = try LessonSummaryDTO(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        book = try container.decode(String.self, forKey: .book)
        part = try container.decode(String.self, forKey: .part)
        chapter = try container.decode(String.self, forKey: .chapter)
        markdown = try container.decode(String.self, forKey: .markdown)
        contentHash = try container.decode(String.self, forKey: .contentHash)
        headings = try container.decode([HeadingDTO].self, forKey: .headings)
        previous = try container.decodeIfPresent(String.self, forKey: .previous)
        next = try container.decodeIfPresent(String.self, forKey: .next)
    }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(book, forKey: .book)
        try container.encode(part, forKey: .part)
        try container.encode(chapter, forKey: .chapter)
        try container.encode(markdown, forKey: .markdown)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(headings, forKey: .headings)
        try container.encode(previous, forKey: .previous)
        try container.encode(next, forKey: .next)
    }
}

/// `POST /api/v1/coverage` and `POST /internal/coverage`: 1–200 topics, each a skill id or free text.
public struct CoverageRequest: Codable, Sendable, JSONRequest {
    public var topics: [String]

    public init(topics: [String]) {
        self.topics = topics
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case topics
    }
}

/// A lesson as a coverage answer or a recommendation names it.
public struct LessonReferenceDTO: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// Somewhere outside the library to learn a skill the library does not cover.
public struct ExternalResourceDTO: Codable, Sendable, Equatable {
    public var title: String
    public var url: String
    /// `book`, `course`, `practice_site` or `documentation`.
    public var kind: String

    public init(title: String, url: String, kind: String) {
        self.title = title
        self.url = url
        self.kind = kind
    }
}

/// `Coverage`: how well the library teaches one topic.
public struct CoverageDTO: Codable, Sendable, Equatable {
    /// The topic as asked.
    public var topic: String
    /// The taxonomy skill it resolved to; `nil` for free text that names none.
    public var skill: SkillDTO?
    /// `confidence ≥ threshold`.
    public var covered: Bool
    /// 0–1: 1 where a lesson is about the skill, less where it is only taught or mentioned in passing.
    public var confidence: Double
    /// Why the confidence is what it is, in words.
    public var reason: String
    /// The lessons that teach it, best first.
    public var lessons: [LessonReferenceDTO]
    /// Where to learn it outside the library, when it is not covered.
    public var externalResources: [ExternalResourceDTO]

    public init(
        topic: String, skill: SkillDTO?, covered: Bool, confidence: Double, reason: String, lessons: [LessonReferenceDTO],
        externalResources: [ExternalResourceDTO]
    ) {
        self.topic = topic
        self.skill = skill
        self.covered = covered
        self.confidence = confidence
        self.reason = reason
        self.lessons = lessons
        self.externalResources = externalResources
    }

    enum CodingKeys: String, CodingKey {
        case topic, skill, covered, confidence, reason, lessons
        case externalResources = "external_resources"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(topic, forKey: .topic)
        try container.encode(skill, forKey: .skill)
        try container.encode(covered, forKey: .covered)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(reason, forKey: .reason)
        try container.encode(lessons, forKey: .lessons)
        try container.encode(externalResources, forKey: .externalResources)
    }
}

/// The answer to a coverage request: the threshold used, and one item per topic, in the order asked.
public struct CoverageReportDTO: Codable, Sendable, Equatable {
    public var threshold: Double
    public var items: [CoverageDTO]

    public init(threshold: Double, items: [CoverageDTO]) {
        self.threshold = threshold
        self.items = items
    }
}

/// A lesson in the graph other services read: its summary, where it sits, and its place in reading order.
public struct LessonNodeDTO: Codable, Sendable, Equatable {
    public var summary: LessonSummaryDTO
    public var book: String
    public var part: String
    public var chapter: String
    /// 0-based position in the library's reading order.
    public var position: Int
    public var contentHash: String
    /// Ids the lesson had before it was renamed or merged: progress and paths stored under them are its.
    public var aliases: [String]

    public init(summary: LessonSummaryDTO, book: String, part: String, chapter: String, position: Int, contentHash: String, aliases: [String] = []) {
        self.summary = summary
        self.book = book
        self.part = part
        self.chapter = chapter
        self.position = position
        self.contentHash = contentHash
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey {
        case book, part, chapter, position, aliases
        case contentHash = "content_hash"
    }

    // The summary's fields sit at the top level, as in `Lesson`.
    public init(from decoder: any Decoder) throws {
        summary = try LessonSummaryDTO(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        book = try container.decode(String.self, forKey: .book)
        part = try container.decode(String.self, forKey: .part)
        chapter = try container.decode(String.self, forKey: .chapter)
        position = try container.decode(Int.self, forKey: .position)
        contentHash = try container.decode(String.self, forKey: .contentHash)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(book, forKey: .book)
        try container.encode(part, forKey: .part)
        try container.encode(chapter, forKey: .chapter)
        try container.encode(position, forKey: .position)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(contentHash, forKey: .contentHash)
    }
}

extension InternalPath {
    /// Content's open search (a POST of `SearchRequest`), which other services call directly over mTLS.
    public static let search = "/api/v1/search"
}

/// `GET /internal/lessons`: every lesson, in reading order (prerequisites name lesson ids).
public struct LessonGraphDTO: Codable, Sendable, Equatable {
    public var items: [LessonNodeDTO]

    public init(items: [LessonNodeDTO]) {
        self.items = items
    }
}

extension InternalAPI {
    /// Content's lesson graph.
    public static var lessons: InternalEndpoint<LessonGraphDTO> {
        InternalEndpoint(service: .content, path: InternalPath.lessons)
    }
}

/// `POST /api/v1/search`.
public struct SearchRequest: Codable, Sendable, JSONRequest {
    /// Hits answered when `limit` is not sent.
    public static let defaultLimit = 20
    /// The range `limit` must fall in.
    public static let limits = 1...100

    /// Words, phrases in quotes, `or`, `-word` (Postgres `websearch_to_tsquery` syntax).
    public var query: String
    public var limit: Int?
    /// Only lessons of this book.
    public var book: String?
    /// Only lessons of this layer (`L1`, `L2`, `L3`).
    public var layer: String?

    public init(query: String, limit: Int? = nil, book: String? = nil, layer: String? = nil) {
        self.query = query
        self.limit = limit
        self.book = book
        self.layer = layer
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case query, limit, book, layer
    }
}

/// `SearchHit`: the best section of one lesson for a query, with a plain-text snippet.
public struct SearchHitDTO: Codable, Sendable, Equatable {
    public var lessonID: String
    public var title: String
    /// The section's heading; `nil` for the text before a lesson's first heading.
    public var heading: String?
    /// The heading's anchor in the lesson (`Lesson.headings[].anchor`); `nil` with `heading`.
    public var anchor: String?
    /// Plain text from the section, never HTML.
    public var snippet: String
    /// `[start, end)` ranges of `snippet` that match the query, in Unicode scalars.
    public var highlights: [[Int]]
    /// Relevance; higher is better, comparable within one answer only.
    public var score: Double

    public init(lessonID: String, title: String, heading: String?, anchor: String?, snippet: String, highlights: [[Int]], score: Double) {
        self.lessonID = lessonID
        self.title = title
        self.heading = heading
        self.anchor = anchor
        self.snippet = snippet
        self.highlights = highlights
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case lessonID = "lesson_id"
        case title, heading, anchor, snippet, highlights, score
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lessonID, forKey: .lessonID)
        try container.encode(title, forKey: .title)
        try container.encode(heading, forKey: .heading)
        try container.encode(anchor, forKey: .anchor)
        try container.encode(snippet, forKey: .snippet)
        try container.encode(highlights, forKey: .highlights)
        try container.encode(score, forKey: .score)
    }
}

/// The answer to a search: hits, best first, and the taxonomy skills the query named.
public struct SearchResultsDTO: Codable, Sendable, Equatable {
    public var items: [SearchHitDTO]
    public var querySkills: [SkillDTO]

    public init(items: [SearchHitDTO], querySkills: [SkillDTO]) {
        self.items = items
        self.querySkills = querySkills
    }

    enum CodingKeys: String, CodingKey {
        case items
        case querySkills = "query_skills"
    }
}

/// Who a personalized explanation was made for.
public struct ExplanationAudienceDTO: Codable, Sendable, Equatable, Hashable {
    /// The job target's role; `nil` with no job target.
    public var roleType: String?
    /// The role template named by the target, if any.
    public var roleTemplate: String?
    /// The target's hash when the explanation was made for a posting; `nil` for a template or no target.
    public var jobHash: String?
    public var learningStyle: LearningStyle?
    public var experienceLevel: ExperienceLevel?

    public init(roleType: String?, roleTemplate: String?, jobHash: String?, learningStyle: LearningStyle?, experienceLevel: ExperienceLevel?) {
        self.roleType = roleType
        self.roleTemplate = roleTemplate
        self.jobHash = jobHash
        self.learningStyle = learningStyle
        self.experienceLevel = experienceLevel
    }

    enum CodingKeys: String, CodingKey {
        case roleType = "role_type"
        case roleTemplate = "role_template"
        case jobHash = "job_hash"
        case learningStyle = "learning_style"
        case experienceLevel = "experience_level"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roleType, forKey: .roleType)
        try container.encode(roleTemplate, forKey: .roleTemplate)
        try container.encode(jobHash, forKey: .jobHash)
        try container.encode(learningStyle, forKey: .learningStyle)
        try container.encode(experienceLevel, forKey: .experienceLevel)
    }
}

/// One section of an explanation.
public struct ExplanationSectionDTO: Codable, Sendable, Equatable {
    /// What a section is for; the order below is the default one.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case whyItMatters = "why_it_matters"
        case explanation
        case workedExample = "worked_example"
        case connections
        case interviewAngle = "interview_angle"
        case practice
    }

    public var kind: Kind
    public var title: String
    public var markdown: String

    public init(kind: Kind, title: String, markdown: String) {
        self.kind = kind
        self.title = title
        self.markdown = markdown
    }
}

/// `Explanation`: a lesson explained for one person's job target and preferences.
public struct ExplanationDTO: Codable, Sendable, Equatable {
    public var lessonID: String
    /// The lesson text it was made from.
    public var contentHash: String
    public var audience: ExplanationAudienceDTO
    public var sections: [ExplanationSectionDTO]
    /// `embedded` or `llm:<model>`.
    public var engine: String
    /// The LLM was asked and failed; the embedded engine answered.
    public var fallback: Bool
    /// `hit` when it came from the cache, `miss` when it was made for this request.
    public var cache: String
    public var generatedAt: Date

    public init(
        lessonID: String, contentHash: String, audience: ExplanationAudienceDTO, sections: [ExplanationSectionDTO], engine: String, fallback: Bool,
        cache: String, generatedAt: Date
    ) {
        self.lessonID = lessonID
        self.contentHash = contentHash
        self.audience = audience
        self.sections = sections
        self.engine = engine
        self.fallback = fallback
        self.cache = cache
        self.generatedAt = generatedAt
    }

    enum CodingKeys: String, CodingKey {
        case lessonID = "lesson_id"
        case contentHash = "content_hash"
        case audience, sections, engine, fallback, cache
        case generatedAt = "generated_at"
    }
}
