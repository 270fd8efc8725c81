import Crypto
import Foundation
import Intelligence
import PathwiseProtocol
import ServiceKit

/// The library as readers browse it, built once at start from the bundled files: the books' trees,
/// every lesson with its headings and neighbours in reading order, and the ids of each level.
struct Catalog: Sendable {
    /// The books in reading order.
    let books: [BookDTO]
    let bookSummaries: [BookSummaryDTO]
    /// Every lesson by id.
    let lessons: [String: LessonDTO]
    /// Lesson ids in reading order (book, part, chapter, lesson).
    let readingOrder: [String]
    /// A renamed or merged lesson's old id → its id now.
    let aliases: [String: String]
    /// SHA-256 over the whole tree and every lesson's content hash: equal exactly when nothing stored differs.
    let fingerprint: String

    /// Builds the catalog; topics are resolved through `taxonomy` (an id it does not know keeps its
    /// id as its name, under `unknown`). The first of two lessons with one id wins.
    init(library: LessonLibrary, taxonomy: Taxonomy) {
        func section(_ path: ArraySlice<String>) -> LibrarySection {
            library.sections[path.joined(separator: "/")] ?? LibrarySection(title: Self.id(of: path.last ?? ""), summary: "")
        }
        func skill(_ id: String) -> SkillDTO {
            taxonomy.skill(id).map { SkillDTO(id: $0.id, name: $0.name, category: $0.category) } ?? SkillDTO(id: id, name: id, category: "unknown")
        }
        let placed = library.lessons.filter { $0.path.count == 4 }
        var seen: Set<String> = []
        let ordered = placed.filter { seen.insert($0.meta.id).inserted }
        var lessons: [String: LessonDTO] = [:]
        var books: [BookDTO] = []
        for (index, lesson) in ordered.enumerated() {
            let meta = lesson.meta
            let summary = LessonSummaryDTO(
                id: meta.id, title: meta.title, layer: meta.layer.rawValue, minutes: meta.minutes, interviewCritical: meta.interviewCritical,
                summary: meta.summary, topics: meta.topics.map(skill), prerequisites: meta.prerequisites
            )
            let (bookID, partID, chapterID) = (Self.id(of: lesson.path[0]), Self.id(of: lesson.path[1]), Self.id(of: lesson.path[2]))
            lessons[meta.id] = LessonDTO(
                summary: summary, book: bookID, part: partID, chapter: chapterID, markdown: lesson.body, contentHash: lesson.contentHash,
                headings: MarkdownHeadings.read(lesson.body), previous: index > 0 ? ordered[index - 1].meta.id : nil,
                next: index + 1 < ordered.count ? ordered[index + 1].meta.id : nil
            )
            // Files arrive sorted by path, so a new book, part or chapter starts where its id changes.
            if books.last?.id != bookID {
                let heading = section(lesson.path[0..<1])
                books.append(BookDTO(id: bookID, title: heading.title, summary: heading.summary, parts: []))
            }
            if books[books.count - 1].parts.last?.id != partID {
                let heading = section(lesson.path[0..<2])
                books[books.count - 1].parts.append(PartDTO(id: partID, title: heading.title, summary: heading.summary, chapters: []))
            }
            let part = books[books.count - 1].parts.count - 1
            if books[books.count - 1].parts[part].chapters.last?.id != chapterID {
                let heading = section(lesson.path[0..<3])
                books[books.count - 1].parts[part].chapters.append(ChapterDTO(id: chapterID, title: heading.title, summary: heading.summary, lessons: []))
            }
            let chapter = books[books.count - 1].parts[part].chapters.count - 1
            books[books.count - 1].parts[part].chapters[chapter].lessons.append(summary)
        }
        self.books = books
        self.bookSummaries = books.map { book in
            let all = book.parts.flatMap(\.chapters).flatMap(\.lessons)
            return BookSummaryDTO(id: book.id, title: book.title, summary: book.summary, lessonCount: all.count, minutes: all.reduce(0) { $0 + $1.minutes })
        }
        self.lessons = lessons
        self.readingOrder = ordered.map(\.meta.id)
        var aliases: [String: String] = [:]
        // An old id never shadows a lesson that exists under it, and the first lesson to claim it keeps it.
        for lesson in ordered {
            for alias in lesson.meta.aliases where lessons[alias] == nil && aliases[alias] == nil { aliases[alias] = lesson.meta.id }
        }
        self.aliases = aliases
        let tree = (try? JSONCoding.encoder.encode(books)) ?? Data()
        self.fingerprint = SHA256.hex(of: tree + Data(ordered.map(\.contentHash).joined(separator: ",").utf8))
    }

    /// The id a lesson answers to now: `id` itself, or the lesson that took it over as an alias.
    func lessonID(_ id: String) -> String? {
        lessons[id] != nil ? id : aliases[id]
    }

    /// The old ids of `lessonID`, sorted.
    func aliases(of lessonID: String) -> [String] {
        aliases.filter { $0.value == lessonID }.map(\.key).sorted()
    }

    /// The book with this id.
    func book(_ id: String) -> BookDTO? {
        books.first { $0.id == id }
    }

    /// A folder's id: its name without the number that orders it (`01-probability-statistics` → `probability-statistics`).
    static func id(of folder: String) -> String {
        let digits = folder.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, folder.dropFirst(digits.count).first == "-" else { return folder }
        return String(folder.dropFirst(digits.count + 1))
    }
}

/// The headings of a Markdown text (ATX `#` headings outside fenced code), each with the anchor a
/// link to it uses: lower case, letters, digits, `-` and `_` kept, spaces as `-`, a repeat numbered (`-1`, `-2`).
enum MarkdownHeadings {
    static func read(_ markdown: String) -> [HeadingDTO] {
        locate(markdown.split(separator: "\n", omittingEmptySubsequences: false)).map(\.heading)
    }

    /// The headings of `lines` (a text split at `\n`), each with the index of its line.
    static func locate(_ lines: [Substring]) -> [(heading: HeadingDTO, line: Int)] {
        var headings: [(heading: HeadingDTO, line: Int)] = []
        var used: [String: Int] = [:]
        var fence: Substring?
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            let hashes = trimmed.prefix { $0 == "#" }.count
            guard (1...6).contains(hashes), line.count - trimmed.count < 4 else { continue }
            let rest = trimmed.dropFirst(hashes)
            guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { continue }
            var text = rest.trimmingCharacters(in: .whitespaces)
            // A closing run of `#` is not part of the text.
            if let last = text.lastIndex(where: { $0 != "#" }), text[text.index(after: last)...].count > 0, text[last] == " " {
                text = String(text[...last]).trimmingCharacters(in: .whitespaces)
            }
            guard !text.isEmpty else { continue }
            let base = slug(text)
            let count = used[base, default: 0]
            used[base] = count + 1
            headings.append((HeadingDTO(level: hashes, text: text, anchor: count == 0 ? base : "\(base)-\(count)"), index))
        }
        return headings
    }

    /// GitHub's rule for heading anchors.
    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        return slug
    }
}
