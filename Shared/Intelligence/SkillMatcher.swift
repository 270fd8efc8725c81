import Foundation

/// One place a text names a skill.
public struct SkillMention: Sendable, Hashable {
    public let skillID: String
    /// The words as written in the text.
    public let matchedText: String
    /// Where they stand in the text.
    public let range: Range<String.Index>
    /// The sentence (or list line) they came from; mentions in one sentence share one string.
    public let sentence: String
    /// Where that sentence stands in the text: mentions with the same range are in the same sentence.
    public let sentenceRange: Range<String.Index>
}

/// What a text says about skills.
public struct SkillScan: Sendable {
    /// Every mention, in text order.
    public let mentions: [SkillMention]
    /// The skills mentioned, each once, in order of first mention.
    public let mentioned: [String]
    /// Skills the mentioned ones entail but the text does not name.
    public let implied: [String]
}

/// Finds taxonomy skills in free text in one pass: words are folded (case, NFKC, diacritics, plurals),
/// multi-word names are matched longest-first through a word trie, and names that are also ordinary
/// words ("R", "Go", "Excel") count only where the text uses them as technologies. Build it once per
/// process; `scan` is linear in the length of the text, whatever its shape (one long line, one long
/// sentence, thousands of ambiguous names): every step looks at a bounded neighbourhood of a word.
public struct SkillMatcher: Sendable {
    struct Entry: Sendable {
        let skill: Int
        /// The exact spelling a context alias must have ("R", "Go"); `nil` for ordinary names.
        let contextForm: String?
    }

    let taxonomy: Taxonomy
    private var children: [[String: Int]] = [[:]]
    private var entries: [Int: [Entry]] = [:]

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        for (position, skill) in taxonomy.skills.enumerated() {
            let contextForms = Set(skill.contextAliases)
            for form in Set(skill.surfaceForms) {
                let keys = Tokenizer.tokenize(form).map(\.key)
                guard !keys.isEmpty else { continue }
                insert(keys, Entry(skill: position, contextForm: contextForms.contains(form) ? form : nil))
            }
        }
    }

    /// Whether `words` are written exactly as `form` (or as `form` in capitals): "R" and "Go", not "r" and "go".
    static func written(_ words: ArraySlice<Token>, as form: String) -> Bool {
        let text = words.map { String($0.raw) }.joined(separator: " ")
        return text == form || text == form.uppercased()
    }

    private mutating func insert(_ keys: [String], _ entry: Entry) {
        var node = 0
        for key in keys {
            if let next = children[node][key] {
                node = next
            } else {
                children.append([:])
                children[node][key] = children.count - 1
                node = children.count - 1
            }
        }
        if !(entries[node] ?? []).contains(where: { $0.skill == entry.skill && $0.contextForm == entry.contextForm }) {
            entries[node, default: []].append(entry)
        }
    }

    private struct Candidate {
        let start: Int
        let end: Int
        let entries: [Entry]
    }

    /// The skills `text` mentions, with where and in which sentence, and the skills they imply.
    public func scan(_ text: String) -> SkillScan {
        // An unlimited budget never throws.
        (try? scan(text, within: .unlimited)) ?? SkillScan(mentions: [], mentioned: [], implied: [])
    }

    /// `scan(_:)` that stops with `WorkBudget.Exceeded` once `budget` has run out.
    public func scan(_ text: String, within budget: WorkBudget) throws(WorkBudget.Exceeded) -> SkillScan {
        let tokens = Tokenizer.tokenize(text)
        try budget.check()
        var candidates: [Candidate] = []
        var position = 0
        while position < tokens.count {
            if position & 0xFFF == 0 { try budget.check() }
            var node = 0
            var cursor = position
            var found: [(end: Int, entries: [Entry])] = []
            while cursor < tokens.count, let next = children[node][tokens[cursor].key] {
                node = next
                cursor += 1
                if let terminal = entries[node] { found.append((cursor, terminal)) }
            }
            // Longest first; a longer match that is only an ambiguous word falls back to a shorter one.
            if let best = found.last(where: { match in match.entries.contains { $0.contextForm == nil } }) ?? found.last {
                candidates.append(Candidate(start: position, end: best.end, entries: best.entries))
                position = best.end
            } else {
                position += 1
            }
        }

        let context = AmbiguityContext(
            tokens: tokens,
            candidates: candidates.map { candidate in
                AmbiguityContext.Span(
                    start: candidate.start, end: candidate.end,
                    isTechnology: candidate.entries.contains { $0.contextForm == nil && taxonomy.skills[$0.skill].kind == .technology },
                    spelledAsTechnology: candidate.entries.contains { entry in
                        entry.contextForm.map { Self.written(tokens[candidate.start..<candidate.end], as: $0) } ?? false
                    }
                )
            }
        )
        try budget.check()
        let sentences = SentenceIndex(text)
        // Each sentence is trimmed and copied once, however many mentions it holds.
        var sentenceText: [Int: (range: Range<String.Index>, text: String)] = [:]
        var mentions: [SkillMention] = []
        for (index, candidate) in candidates.enumerated() {
            if index & 0x3FF == 0 { try budget.check() }
            let accepted = candidate.entries.filter { entry in
                guard let form = entry.contextForm else { return true }
                return Self.written(tokens[candidate.start..<candidate.end], as: form) && context.usedAsTechnology(candidate: index)
            }
            guard !accepted.isEmpty else { continue }
            let range = tokens[candidate.start].range.lowerBound..<tokens[candidate.end - 1].range.upperBound
            let number = sentences.number(containing: range.lowerBound)
            let sentence: (range: Range<String.Index>, text: String)
            if let known = sentenceText[number] {
                sentence = known
            } else {
                let trimmed = sentences.range(number, in: text)
                sentence = (trimmed, String(text[trimmed]))
                sentenceText[number] = sentence
            }
            for entry in accepted {
                mentions.append(
                    SkillMention(
                        skillID: taxonomy.skills[entry.skill].id, matchedText: String(text[range]), range: range, sentence: sentence.text,
                        sentenceRange: sentence.range
                    )
                )
            }
        }
        var mentioned: [String] = []
        var seen: Set<String> = []
        for mention in mentions where seen.insert(mention.skillID).inserted { mentioned.append(mention.skillID) }
        return SkillScan(mentions: mentions, mentioned: mentioned, implied: taxonomy.implied(by: mentioned))
    }
}

/// Decides whether an ambiguous short name ("R", "Go", "Excel", "Spark"), written as the technology is
/// written, is used as one: listed beside other technologies, introduced by "experience with",
/// "proficient in", "using" …, followed by "programming", "package", "job" …, or on a "Skills:" line.
struct AmbiguityContext {
    struct Span {
        let start: Int
        let end: Int
        /// An unambiguous technology ("Python", "SQL").
        let isTechnology: Bool
        /// An ambiguous name written as its technology is ("R", not "r").
        let spelledAsTechnology: Bool
    }

    let tokens: [Token]
    let candidates: [Span]
    /// For each token, the index of the first token on its line: found once, so that asking about a
    /// word never walks back along a long line.
    let lineStarts: [Int]

    init(tokens: [Token], candidates: [Span]) {
        self.tokens = tokens
        self.candidates = candidates
        var lineStarts: [Int] = []
        lineStarts.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            let startsLine = index == 0 || token.gap.contains(where: \.isNewline)
            lineStarts.append(startsLine ? index : lineStarts[index - 1])
        }
        self.lineStarts = lineStarts
    }

    static let listJoiners: Set<String> = ["and", "or"]
    static let listPunctuation: Set<Character> = [",", "/", "&", "(", ")", ";", "|", "+"]
    static let cuePhrases: [[String]] = [
        ["experience", "with"], ["experience", "in"], ["proficient", "in"], ["proficiency", "in"], ["expertise", "in"],
        ["fluent", "in"], ["fluency", "in"], ["skilled", "in"], ["knowledge", "of"], ["familiar", "with"],
        ["familiarity", "with"], ["programming", "in"], ["coding", "in"], ["written", "in"], ["code", "in"],
        ["using"], ["including"], ["such", "as"], ["e.g"],
    ]
    static let cuesAfter: Set<String> = [
        "programming", "language", "code", "script", "package", "library", "developer", "shiny", "studio", "markdown",
        "cluster", "job", "streaming", "spreadsheet", "macro", "vba", "pivot", "module", "service", "microservice",
        "backend", "server", "notebook", "dataframe", "rdd", "mllib", "workbook", "formula", "routine",
    ]
    static let listHeadings: Set<String> = [
        "skill", "language", "tool", "technology", "tech", "stack", "programming", "software", "framework", "platform",
        "environment", "competency", "proficiency",
    ]

    func usedAsTechnology(candidate index: Int) -> Bool {
        let span = candidates[index]
        return listedWithTechnology(index) || cued(span) || followedByCue(span) || onListLine(span.start)
    }

    /// Next to another technology in a list: "Python, R and SQL", "R/Python", "Go (Golang)", "R, Go, SAS".
    private func listedWithTechnology(_ index: Int) -> Bool {
        for neighbour in [index - 1, index + 1] where candidates.indices.contains(neighbour) {
            let other = candidates[neighbour]
            guard other.isTechnology || other.spelledAsTechnology else { continue }
            let (left, right) = neighbour < index ? (other, candidates[index]) : (candidates[index], other)
            let between = tokens[left.end..<right.start]
            guard between.count <= 1, between.allSatisfy({ Self.listJoiners.contains($0.key) }) else { continue }
            let gaps = between.map(\.gap).joined() + tokens[right.start].gap
            if !between.isEmpty || gaps.contains(where: { Self.listPunctuation.contains($0) }) { return true }
        }
        return false
    }

    private func cued(_ span: Span) -> Bool {
        Self.cuePhrases.contains { phrase in
            span.start >= phrase.count && tokens[(span.start - phrase.count)..<span.start].map(\.key) == phrase
        }
    }

    private func followedByCue(_ span: Span) -> Bool {
        tokens.indices.contains(span.end) && Self.cuesAfter.contains(tokens[span.end].key)
    }

    /// On a line whose first one to three words, ended by a colon, name a list of skills.
    private func onListLine(_ start: Int) -> Bool {
        let first = lineStarts[start]
        var last = first
        while last < start && last < first + 3 {
            if tokens[last + 1].gap.contains(":") {
                return tokens[first...last].contains { Self.listHeadings.contains($0.key) }
            }
            last += 1
        }
        return false
    }
}

/// Sentence boundaries of a text: after `.`, `!` or `?` followed by white space, and at every line
/// break (list items are sentences of their own). Found on the UTF-8 bytes, in one pass.
struct SentenceIndex {
    private var starts: [String.Index] = []

    init(_ text: String) {
        let bytes = text.utf8
        starts.append(bytes.startIndex)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let next = bytes.index(after: index)
            if byte == 0x0A {
                starts.append(next)
            } else if byte == 0x2E || byte == 0x21 || byte == 0x3F {
                if next == bytes.endIndex || bytes[next] == 0x20 || bytes[next] == 0x0A || bytes[next] == 0x09 || bytes[next] == 0x0D {
                    starts.append(next)
                }
            }
            index = next
        }
    }

    /// The number of the sentence that contains `position` (a binary search).
    func number(containing position: String.Index) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Where sentence `number` stands in `text`, without surrounding white space.
    func range(_ number: Int, in text: String) -> Range<String.Index> {
        let end = number + 1 < starts.count ? starts[number + 1] : text.endIndex
        let bytes = text.utf8[starts[number]..<end]
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return starts[number]..<starts[number]
        }
        return first..<bytes.index(after: last)
    }

}
