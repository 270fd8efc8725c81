/// How a text rates a skill, 1 (aware of it) to 5 (expert), from its words: years stated ("5+ years
/// of Python"), then words of proficiency ("expert in", "strong", "familiar with", "exposure to").
/// One set of rules for postings (what a job asks) and resumes (what a person shows). A skill is read
/// in its own clause first ("Python (expert), C++ (familiar)" rates them 5 and 2), then in its sentence
/// ("strong Python, SQL and R" rates all three 4).
public enum ProficiencyWording {
    /// A level and the words it rests on.
    public struct Reading: Sendable, Equatable {
        public var level: Int
        /// "5 years", "familiar", …
        public var phrase: String
        /// Whether the level comes from stated years.
        public var fromYears: Bool
        /// The years stated, if any.
        public var years: Int?
    }

    /// Years of experience to a level: under 2 → 2, 2–3 → 3, 4–6 → 4, 7 or more → 5.
    public static func yearsLevel(_ years: Int) -> Int {
        switch years {
        case ..<2: 2
        case 2...3: 3
        case 4...6: 4
        default: 5
        }
    }

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    ]

    /// The largest "N years" / "N+ yrs" / "five years" in `text`, if any (1–50).
    public static func statedYears(in text: some StringProtocol) -> Int? {
        let words = Tokenizer.words(in: text, digits: true, lowercased: true)
        var best: Int?
        for (index, word) in words.enumerated().dropLast() {
            guard let value = Int(word) ?? numberWords[word], (1...50).contains(value) else { continue }
            let next = words[index + 1]
            if next.hasPrefix("year") || next == "yr" || next == "yrs" { best = max(best ?? 0, value) }
        }
        return best
    }

    /// Phrases of proficiency, strongest first within each level.
    public static let phrases: [(phrase: String, level: Int)] = [
        ("expert", 5), ("expertise", 5), ("mastery", 5), ("deep knowledge", 5), ("deep experience", 5), ("extensive experience", 5),
        ("advanced", 4), ("proficient", 4), ("proficiency", 4), ("strong", 4), ("highly skilled", 4), ("fluent", 4), ("fluency", 4),
        ("in-depth", 4), ("deep", 4), ("led", 4),
        ("solid", 3), ("working knowledge", 3), ("intermediate", 3), ("experience with", 3), ("experience in", 3), ("experienced", 3),
        ("hands-on", 3), ("comfortable", 3),
        ("familiar", 2), ("familiarity", 2), ("basic", 2), ("exposure", 2), ("some experience", 2), ("beginner", 2), ("coursework", 2),
        ("awareness", 2), ("introductory", 1), ("currently learning", 1), ("learning", 1),
    ]

    /// The phrases as whole words, found in one pass.
    static let phraseSet = PhraseSet(phrases.map { " \($0.phrase) " })

    /// The proficiency `text` claims, by whole words: a strong claim ("expert", "proficient") wins;
    /// without one, a hedge ("familiar with", "some experience") beats plain "experience with".
    public static func proficiency(in text: some StringProtocol) -> (level: Int, phrase: String)? {
        let words = " " + Tokenizer.words(in: text, hyphens: true).joined(separator: " ") + " "
        let found = phraseSet.matches(in: words).map { phrases[$0] }
        if let claim = found.filter({ $0.level >= 4 }).max(by: { $0.level < $1.level }) { return (claim.level, claim.phrase) }
        if let hedge = found.filter({ $0.level <= 2 }).max(by: { $0.level < $1.level }) { return (hedge.level, hedge.phrase) }
        return found.first.map { ($0.level, $0.phrase) }
    }

    /// What `text` says of a skill's level: years first, then proficiency words.
    public static func reading(of text: some StringProtocol) -> Reading? {
        let words = proficiency(in: text)
        if let years = statedYears(in: text) {
            var level = yearsLevel(years)
            // "2 years, basic": the hedge caps what the years say.
            if let words, words.level <= 2 { level = min(level, 3) }
            return Reading(level: level, phrase: "\(years) year\(years == 1 ? "" : "s")", fromYears: true, years: years)
        }
        return words.map { Reading(level: $0.level, phrase: $0.phrase, fromYears: false, years: nil) }
    }

    /// What a mention's own clause of `text` says of its level: the words since the last "and"/"or"
    /// before it ("Expert in Python and familiar with C++" rates C++ 2), else its whole list between
    /// commas ("strong Go and Rust" rates Rust 4). A caller falls back to its reading of the whole
    /// sentence, made once per sentence.
    public static func clauseReading(at mention: Range<String.Index>, sentence: Range<String.Index>, in text: String) -> Reading? {
        let clause = clause(around: mention, within: sentence, in: text)
        let lead = text[clause.startIndex..<max(clause.startIndex, mention.lowerBound)].lowercased()
        if let joint = [" and ", " or "].compactMap({ lead.range(of: $0, options: .backwards)?.upperBound }).max() {
            let since = lead.distance(from: lead.startIndex, to: joint)
            if let own = reading(of: text[text.index(clause.startIndex, offsetBy: since)..<clause.endIndex]) { return own }
        }
        return reading(of: clause)
    }

    /// How far a clause reaches on either side of a mention, in characters: a reading never looks at
    /// more of a long sentence than this, however many skills it names.
    public static let clauseReach = 80

    /// The clause of `text` around `mention`, within `sentence` and `clauseReach` of the mention.
    public static func clause(around mention: Range<String.Index>, within sentence: Range<String.Index>, in text: String) -> Substring {
        let lower = max(sentence.lowerBound, min(mention.lowerBound, sentence.upperBound))
        let upper = min(sentence.upperBound, max(mention.upperBound, lower))
        var start = lower
        var reach = clauseReach
        while start > sentence.lowerBound && reach > 0 {
            reach -= 1
            let previous = text.index(before: start)
            if isClauseBreak(text, at: previous, within: sentence) { break }
            start = previous
        }
        var end = upper
        reach = clauseReach
        while end < sentence.upperBound && reach > 0 {
            reach -= 1
            if isClauseBreak(text, at: end, within: sentence, forward: true) { break }
            end = text.index(after: end)
        }
        return text[start..<end]
    }

    /// A comma, semicolon or bullet; or the space before a standalone "but" or "while" (and, going
    /// forward from a mention, "and"/"or", which start the next item). Compares in place: no string is made.
    static func isClauseBreak(_ text: String, at index: String.Index, within sentence: Range<String.Index>, forward: Bool = false) -> Bool {
        let character = text[index]
        if character == "," || character == ";" || character == "•" || character == "|" || character == "·" { return true }
        guard character == " " else { return false }
        let words: [String] = forward ? ["and ", "or ", "but ", "while "] : ["but ", "while "]
        let next = text.index(after: index)
        for word in words where startsWithLowercased(text, at: next, upTo: sentence.upperBound, word) { return true }
        return false
    }

    /// Whether `text` at `index` reads `word` (ASCII, lower case), ignoring case.
    static func startsWithLowercased(_ text: String, at index: String.Index, upTo limit: String.Index, _ word: String) -> Bool {
        var position = index
        for expected in word.utf8 {
            guard position < limit, let byte = text[position].asciiValue else { return false }
            let lowered = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            guard lowered == expected else { return false }
            position = text.index(after: position)
        }
        return true
    }
}
