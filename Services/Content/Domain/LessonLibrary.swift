import Crypto
import Foundation
import ServiceKit
import Yams

/// A lesson's front matter, as written at the top of its Markdown file.
struct LessonFrontMatter: Codable, Sendable, Equatable {
    enum Layer: String, Codable, Sendable, Comparable, CaseIterable {
        case foundations = "L1"
        case core = "L2"
        case advanced = "L3"

        static func < (lhs: Layer, rhs: Layer) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var id: String
    var title: String
    var layer: Layer
    var prerequisites: [String]
    var topics: [String]
    var minutes: Int
    var interviewCritical: Bool
    var summary: String
    /// Ids the lesson had before it was renamed or merged; it keeps answering under them.
    var aliases: [String]

    enum CodingKeys: String, CodingKey {
        case id, title, layer, prerequisites, topics, minutes, summary, aliases
        case interviewCritical = "interview_critical"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        layer = try container.decode(Layer.self, forKey: .layer)
        prerequisites = try container.decode([String].self, forKey: .prerequisites)
        topics = try container.decode([String].self, forKey: .topics)
        minutes = try container.decode(Int.self, forKey: .minutes)
        interviewCritical = try container.decode(Bool.self, forKey: .interviewCritical)
        summary = try container.decode(String.self, forKey: .summary)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }
}

/// One lesson: where it sits in the library, its front matter and its Markdown body.
struct Lesson: Sendable, Equatable {
    /// Book, part and chapter folder names, then the file name; their number prefixes give the order.
    var path: [String]
    var meta: LessonFrontMatter
    var body: String
    /// SHA-256 of the whole file (front matter and body): changes whenever anything a reader sees does.
    var contentHash: String

    /// Words of the body: whitespace-separated runs that contain a letter or a digit.
    var wordCount: Int {
        body.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }

    /// The body in words: without its fenced code blocks and without its mathematics (`$…$`, `$$…$$`),
    /// where `Var(X)` is notation, not value at risk; an escaped `\$` stays, as the dollar it is.
    var prose: String {
        var kept: [Substring] = []
        var fence: Substring?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
            } else {
                kept.append(line)
            }
        }
        // `$…$` and `$$…$$` enclose mathematics; `\$` is a dollar sign in the text (`\$7.2m`).
        var words = ""
        var inMath = false
        var scalars = kept.joined(separator: "\n").unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "\\", pending == "$" {
                if !inMath { words.unicodeScalars.append("$") }
                pending = scalars.next()
            } else if scalar == "$" {
                if pending == "$" { pending = scalars.next() }
                inMath.toggle()
            } else if !inMath {
                words.unicodeScalars.append(scalar)
            }
        }
        return words
    }
}

/// A book, part or chapter heading, from the `_index.md` of its folder.
struct LibrarySection: Codable, Sendable, Equatable {
    var title: String
    var summary: String
}

/// The lesson library as shipped under `Library/`, in reading order, with what could not be read.
struct LessonLibrary: Sendable {
    var lessons: [Lesson]
    /// Folder path (book/part/chapter) → its heading.
    var sections: [String: LibrarySection]
    /// Files whose front matter could not be read, with the reason.
    var unreadable: [(file: String, reason: String)]

    /// The library bundled with the content service.
    static func bundled() throws -> LessonLibrary {
        guard let root = Bundle.module.url(forResource: "Library", withExtension: nil) else { throw CocoaError(.fileNoSuchFile) }
        return try load(from: root)
    }

    /// Reads every `.md` under `root`; a file that cannot be parsed is recorded, not skipped silently.
    static func load(from root: URL) throws -> LessonLibrary {
        var library = LessonLibrary(lessons: [], sections: [:], unreadable: [])
        let rootPath = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: rootPath) else { throw CocoaError(.fileReadUnknown) }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".md") { files.append(relative) }
        }
        for relative in files.sorted() {
            let text = try String(contentsOfFile: rootPath + "/" + relative, encoding: .utf8)
            let components = relative.split(separator: "/").map(String.init)
            do {
                let (yaml, body) = try splitFrontMatter(text)
                if components.last == "_index.md" {
                    library.sections[components.dropLast().joined(separator: "/")] = try YAMLDecoder().decode(LibrarySection.self, from: yaml)
                } else {
                    library.lessons.append(
                        Lesson(
                            path: components, meta: try YAMLDecoder().decode(LessonFrontMatter.self, from: yaml), body: body,
                            contentHash: SHA256.hex(of: Data(text.utf8))
                        )
                    )
                }
            } catch {
                library.unreadable.append((relative, "\(error)"))
            }
        }
        return library
    }

    /// The YAML between the opening and closing `---`, and the Markdown after it.
    static func splitFrontMatter(_ text: String) throws -> (yaml: String, body: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
            let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else { throw FrontMatterError.missing }
        return (lines[1..<close].joined(separator: "\n"), lines[(close + 1)...].joined(separator: "\n"))
    }
}

/// A lesson file without `---` front matter.
enum FrontMatterError: Error, CustomStringConvertible {
    case missing

    var description: String { "no front matter: the file must start with a line `---` and close it with another" }
}
