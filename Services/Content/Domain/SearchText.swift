import Intelligence
import PathwiseProtocol

/// One searchable piece of a lesson: the text under one heading (or before the first, with the
/// lesson's summary), as plain text.
struct SearchSection: Sendable, Equatable {
    var lessonID: String
    var contentHash: String
    /// 0 for the lead, then one per heading in order.
    var position: Int
    var title: String
    var heading: HeadingDTO?
    /// Plain text: Markdown marks removed, white space runs made one space.
    var body: String

    /// A lesson cut at its headings (any level), so that a hit can point at the part that matched.
    static func cut(_ lesson: LessonDTO) -> [SearchSection] {
        let lines = lesson.markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let headings = MarkdownHeadings.locate(lines)
        let starts = headings.map(\.line)
        var sections = [
            SearchSection(
                lessonID: lesson.summary.id, contentHash: lesson.contentHash, position: 0, title: lesson.summary.title, heading: nil,
                body: PlainText.from(lesson.summary.summary + "\n" + lines[0..<(starts.first ?? lines.count)].joined(separator: "\n"))
            )
        ]
        for (index, located) in headings.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : lines.count
            sections.append(
                SearchSection(
                    lessonID: lesson.summary.id, contentHash: lesson.contentHash, position: index + 1, title: lesson.summary.title,
                    heading: located.heading, body: PlainText.from(lines[(located.line + 1)..<end].joined(separator: "\n"))
                )
            )
        }
        return sections
    }
}

/// Markdown read as a person reads it aloud: emphasis, code ticks, math dollars and fence lines
/// dropped, control characters removed, white space collapsed.
enum PlainText {
    static func from(_ markdown: String) -> String {
        var text = ""
        text.unicodeScalars.reserveCapacity(markdown.unicodeScalars.count)
        var pendingSpace = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                pendingSpace = true
                continue
            }
            for scalar in line.unicodeScalars {
                switch scalar {
                case "*", "`", "$":
                    continue
                case _ where scalar.properties.isWhitespace || scalar.properties.generalCategory == .control:
                    pendingSpace = true
                default:
                    if pendingSpace && !text.isEmpty { text.unicodeScalars.append(" ") }
                    pendingSpace = false
                    text.unicodeScalars.append(scalar)
                }
            }
            pendingSpace = true
        }
        return text
    }
}

/// A search as the store runs it: the text, its words for spelling correction, the taxonomy
/// skills it names and their names as a text-search query, and the filters.
struct SearchQuery: Sendable, Equatable {
    /// Words longer than this are not corrected (nothing in the library is that long).
    static let longestWord = 40
    /// Words a query is read for; the rest still count through the full-text query.
    static let wordsRead = 24

    var text: String
    /// Lower-case words of letters and digits, each once, excluding `-word` exclusions and `or`.
    var words: [String]
    var skills: [SkillDTO]
    /// Skills the named ones entail (`torch` → PyTorch → deep learning, neural networks): their lessons are near misses.
    var relatedSkillIDs: [String]
    /// The skills' names and aliases as a `to_tsquery` text: phrases of plain words joined by `|`.
    var skillPhrases: String
    var book: String?
    var layer: String?
    var limit: Int

    init(text: String, book: String? = nil, layer: String? = nil, limit: Int = SearchRequest.defaultLimit, matcher: SkillMatcher, taxonomy: Taxonomy) {
        self.text = text
        self.book = book
        self.layer = layer
        self.limit = limit
        var words: [String] = []
        for (word, excluded) in Self.words(of: text) where !excluded && word != "or" && word.count <= Self.longestWord && !words.contains(word) {
            words.append(word)
            if words.count == Self.wordsRead { break }
        }
        self.words = words
        let skills = matcher.scan(text).mentioned.compactMap(taxonomy.skill)
        self.skills = skills.map { SkillDTO(id: $0.id, name: $0.name, category: $0.category) }
        self.relatedSkillIDs = taxonomy.implied(by: skills.map(\.id))
        var phrases: [String] = []
        for skill in skills {
            for form in skill.surfaceForms {
                let phrase = Self.words(of: form).map(\.word).joined(separator: " <-> ")
                if !phrase.isEmpty && !phrases.contains(phrase) { phrases.append(phrase) }
            }
        }
        self.skillPhrases = phrases.map { "(\($0))" }.joined(separator: " | ")
    }

    /// Runs of letters and digits, lower-cased, each with whether a `-` right before it excludes it.
    static func words(of text: String) -> [(word: String, excluded: Bool)] {
        var words: [(word: String, excluded: Bool)] = []
        var current = String.UnicodeScalarView()
        var excluded = false
        // `-word` excludes only where the `-` starts a word of its own (not in `put-call`).
        var (previous, beforePrevious): (Unicode.Scalar, Unicode.Scalar) = (" ", " ")
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if current.isEmpty { excluded = previous == "-" && beforePrevious.properties.isWhitespace }
                current.append(scalar)
            } else if !current.isEmpty {
                words.append((String(current).lowercased(), excluded))
                current = String.UnicodeScalarView()
            }
            (beforePrevious, previous) = (previous, scalar)
        }
        if !current.isEmpty { words.append((String(current).lowercased(), excluded)) }
        return words
    }
}

/// A snippet as Postgres marks it (`ts_headline` with control characters around each match), read
/// into plain text and the ranges of the matches, counted in Unicode scalars.
enum MarkedSnippet {
    static let start: Unicode.Scalar = "\u{2}"
    static let stop: Unicode.Scalar = "\u{3}"

    static func read(_ marked: String) -> (text: String, highlights: [[Int]]) {
        var text = String.UnicodeScalarView()
        var highlights: [[Int]] = []
        var open: Int?
        var count = 0
        for scalar in marked.unicodeScalars {
            switch scalar {
            case start:
                open = count
            case stop:
                if let begin = open, begin < count { highlights.append([begin, count]) }
                open = nil
            default:
                text.append(scalar)
                count += 1
            }
        }
        return (String(text), highlights)
    }
}
