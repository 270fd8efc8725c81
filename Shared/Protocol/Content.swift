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

/// A lesson as a coverage answer names it.
public struct LessonReferenceDTO: Codable, Sendable, Equatable {
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

    public init(summary: LessonSummaryDTO, book: String, part: String, chapter: String, position: Int, contentHash: String) {
        self.summary = summary
        self.book = book
        self.part = part
        self.chapter = chapter
        self.position = position
        self.contentHash = contentHash
    }

    enum CodingKeys: String, CodingKey {
        case book, part, chapter, position
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
    }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(book, forKey: .book)
        try container.encode(part, forKey: .part)
        try container.encode(chapter, forKey: .chapter)
        try container.encode(position, forKey: .position)
        try container.encode(contentHash, forKey: .contentHash)
    }
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
