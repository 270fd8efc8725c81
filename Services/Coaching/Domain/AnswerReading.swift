import Foundation

/// Which parts of a told story an answer shows (situation, task, action, result), each as the first
/// sentence that shows it, and whether the answer opens with its point.
struct StarCoverage: Sendable, Equatable {
    /// Context: a time, a place or a team ("at my last job", "last year", "when I was", "our team was").
    var situation: Substring?
    /// What had to be done ("my job was", "I was responsible for", "the goal was", "needed to").
    var task: Substring?
    /// What the person did themselves: "I" and a past-tense action verb ("I built", "I then led").
    var action: Substring?
    /// How it ended ("as a result", "reduced", "saved", "shipped", "led to", a percentage).
    var result: Substring?
    /// How many of the four parts were found, 0–4.
    var count: Int
    /// The first sentence states the point: 4–25 words, not a question, no hedge, and not a preamble
    /// ("So, um, well, let me think", "That's a good question").
    var headlineFirst: Bool
}

/// One answer read the way a careful interviewer reads it. Everything is found in one pass or a few
/// linear passes over the words, so a 4,000-character answer costs little.
///
/// - Words: runs of letters and digits; an apostrophe between letters ("I’m", "don't"), a hyphen
///   between word characters ("follow-up"), a dot or comma between digits ("3.5", "1,200") and the
///   inner dots of a dotted abbreviation ("e.g.", "U.S.") stay inside a word. Words are compared
///   lower-cased, with a curly apostrophe read as a straight one.
/// - Sentences: split on `.`, `!`, `?`, `…` and line breaks; a dot followed by a non-space ("3.5",
///   "e.g"), by a lower-case word ("etc. and"), after an abbreviation ("Mr.", "vs.") or after a dotted
///   one ("e.g.", "U.S.") does not end a sentence. Leading bullets are trimmed; a piece without a
///   letter ("1.") is not a sentence.
/// - Numbers: a word that starts with a digit, with a currency sign before it and `%` after it
///   ("$2m", "40%", "3.5", "1,200", "2x"), but not an ordinal ("3rd") or a bare year ("2019", which
///   places a story rather than measuring it); and spelled quantities with a unit within three words
///   ("three weeks", "two hundred people", "half the time", "three-week") or a multiplier verb
///   ("doubled", "halved"), unless negated just before ("we never doubled"). "I didn't measure it"
///   cites nothing.
/// - Hedges: "maybe", "perhaps", "probably", "kind of", "sort of" (not after a determiner: "what kind
///   of", "some sort of"), "I guess", "I feel like", "not sure", "I'm not sure", "a bit" (not "a bit
///   of"), "somewhat", "might", "I'd say"… "I think" alone before a firm claim ("I think the answer is
///   to cache it") is an opinion marker and does not count; it counts when a hedge follows within three
///   words ("I think maybe", "I think it might"), as one hedge, or when it ends the sentence ("I think
///   so").
/// - Fillers: "um", "uh", "er", "hmm", "basically", "literally", "you know" (not "do you know", "you
///   know that"), "I mean" (not "what I mean"), "actually" and "honestly" when set apart by a comma or
///   opening a sentence, and "like" when it is not a verb or a comparison: before a comma ("we had,
///   like, three weeks"), before a figure ("like 40 minutes"), right after another filler, opening a
///   clause before a pronoun or an intensifier ("Like we…", "and like so many"), or after "was"/"is"
///   before one ("it was like so hard"). After "I", "would", "looks", "feel", "something" and the like it
///   is a verb or a comparison ("I like", "would like", "looks like", "something like that"), and "tools
///   like Jira" is a comparison too. Words inside a hedge ("I feel like", "sort of") are not counted
///   again as fillers.
/// - Passive clauses: a form of "be" (with "it's", "we're"…), up to two adverbs or "being"/"been", then
///   a past participle: an irregular one ("built", "done", "given") or a word in "-ed" that is not an
///   adjective of feeling or state ("tired", "interested", "based", "involved", "used to").
/// - Rambling: more than 220 words, or more than 120 words whose sentences average over 35 words.
/// - STAR: each part is the first sentence with one of its cues (see `StarCoverage`); a percentage
///   after the first sentence counts as a result.
/// - Story: at least two first-person past-tense clauses ("I built", "we were", "I then led"), or one
///   with a story cue ("last year", "at my previous job", "when I was").
struct AnswerReading: Sendable {
    /// A word of the answer, where it stands and what stands before it.
    struct Word: Sendable {
        /// Where the word stands in `text`.
        let range: Range<String.Index>
        /// Lower-cased, with a curly apostrophe written straight: "I’m" → "i'm".
        let key: String
        /// The index of its sentence in `sentences`.
        let sentence: Int
        /// A comma, semicolon, colon, dash or bracket stands between it and the word before.
        let pauseBefore: Bool
        /// Written with a capital first letter.
        let capitalized: Bool
        /// Written with capitals only ("US", "API").
        let allCapitals: Bool
        /// Starts with a digit.
        let startsWithDigit: Bool
    }

    /// A phrase found in the answer, and the sentence it stands in.
    struct Mark: Sendable {
        /// The phrase, a slice of `text`.
        let text: Substring
        /// The index of its sentence in `sentences`.
        let sentence: Int
    }

    /// A word that carries content (not a stop word, a filler or a figure), with its stem.
    struct ContentWord: Sendable {
        /// As written, lower-cased.
        let word: String
        /// The stem relevance and repetition compare: "pricing", "prices" and "priced" → "pric".
        let stem: String
        /// The index of its sentence in `sentences`.
        let sentence: Int
    }

    /// The answer as given.
    let text: String
    /// Every word, in order.
    let tokens: [Word]
    /// The sentences of `text`, trimmed, each a slice of `text`.
    let sentences: [Substring]
    /// How many words each sentence has, in the order of `sentences`.
    let sentenceWordCounts: [Int]
    /// The word count.
    let words: Int
    /// The longest sentence's word count.
    let longestSentenceWords: Int
    /// Words per sentence.
    let averageSentenceWords: Double
    /// First-person singular words: I, me, my, mine, I'm, I've, I'd, I'll, myself.
    let singularFirstPerson: Int
    /// First-person plural words: we, us, our, ours, we're, we've, we'd, we'll, ourselves.
    let pluralFirstPerson: Int
    /// Story parts found, and whether the answer leads with its point.
    let star: StarCoverage
    /// Too long for a spoken answer.
    let rambles: Bool
    /// Narrates a past event.
    let isStory: Bool
    /// Figures cited.
    let numberMarks: [Mark]
    /// Hedging phrases.
    let hedgeMarks: [Mark]
    /// Fillers.
    let fillerMarks: [Mark]
    /// Vague words and phrases.
    let vagueMarks: [Mark]
    /// Passive clauses, each from the form of "be" to the participle.
    let passiveMarks: [Mark]
    /// Slang and casual words ("gonna", "kinda", "yeah", "stuff", "awesome").
    let slangMarks: [Mark]
    /// Apologies ("sorry", "I apologise").
    let apologyMarks: [Mark]
    /// Contractions ("don't", "we're", "it's"), which mark a spoken, less formal register.
    let contractions: Int
    /// Words that address the listener or their people: you, your, customers, clients, users, investors.
    let audienceWords: Int
    /// Capitalised words inside a sentence (names of firms, tools, places), a sign of specifics.
    let properNouns: Int
    /// Sentences that end with an exclamation mark.
    let exclamations: Int
    /// The indices of the sentences that end with a question mark.
    let questionSentences: [Int]
    /// The content words, in order.
    let contentWords: [ContentWord]

    /// Figures cited: digits ("12", "3.5", "40%", "$2m", "1,200", "2x") and spelled quantities ("three weeks").
    var numbers: [Substring] { numberMarks.map(\.text) }
    /// Hedging phrases ("I think maybe", "kind of", "I'm not sure").
    var hedges: [Substring] { hedgeMarks.map(\.text) }
    /// Fillers ("um", "you know", "like" as a filler).
    var fillers: [Substring] { fillerMarks.map(\.text) }
    /// Vague words ("stuff", "things", "etc", "a lot", "and so on").
    var vagueWords: [Substring] { vagueMarks.map(\.text) }
    /// How many passive clauses the answer has.
    var passiveClauses: Int { passiveMarks.count }
    /// The sentences the person asks (ending in `?`).
    var questions: [Substring] { questionSentences.map { sentences[$0] } }

    /// Reads `text`.
    init(_ text: String) {
        self.text = text
        var sentences: [Substring] = []
        var tokens: [Word] = []
        var counts: [Int] = []
        for range in Self.sentenceRanges(in: text) {
            let trimmed = Self.trimmed(range, in: text)
            let before = tokens.count
            Self.scanWords(text, in: trimmed, sentence: sentences.count, into: &tokens)
            let hasLetter = tokens[before...].contains { word in word.key.unicodeScalars.contains { Self.isLetter($0) } }
            guard tokens.count > before, hasLetter else {
                tokens.removeSubrange(before...)
                continue
            }
            sentences.append(text[trimmed])
            counts.append(tokens.count - before)
        }
        self.tokens = tokens
        self.sentences = sentences
        self.sentenceWordCounts = counts
        self.words = tokens.count
        let longest = counts.max() ?? 0
        let average = counts.isEmpty ? 0 : Double(tokens.count) / Double(counts.count)
        self.longestSentenceWords = longest
        self.averageSentenceWords = average

        let hedges = Self.findHedges(tokens, text)
        let numbers = Self.findNumbers(tokens, text)
        self.hedgeMarks = hedges.marks
        self.fillerMarks = Self.findFillers(tokens, text, skipping: hedges.used)
        self.numberMarks = numbers
        self.vagueMarks = Self.findPhrases(Self.vagueBook, tokens, text)
        self.slangMarks = Self.findPhrases(Self.slangBook, tokens, text)
        self.apologyMarks = Self.findPhrases(Self.apologyBook, tokens, text)
        self.passiveMarks = Self.findPassives(tokens, text)

        var singular = 0
        var plural = 0
        var contractions = 0
        var audience = 0
        var properNouns = 0
        var contentWords: [ContentWord] = []
        for (index, word) in tokens.enumerated() {
            let key = word.key
            if Self.singularPronouns.contains(key) { singular += 1 }
            // "US" in capitals is the country, not "us".
            if Self.pluralPronouns.contains(key) && !(key == "us" && word.allCapitals) { plural += 1 }
            if Self.isContraction(key) { contractions += 1 }
            if Self.audienceKeys.contains(key) { audience += 1 }
            let opensSentence = index == 0 || tokens[index - 1].sentence != word.sentence
            if word.capitalized && !opensSentence && !word.startsWithDigit && !Self.singularPronouns.contains(key) { properNouns += 1 }
            if let content = Self.contentWord(word) { contentWords.append(content) }
        }
        self.singularFirstPerson = singular
        self.pluralFirstPerson = plural
        self.contractions = contractions
        self.audienceWords = audience
        self.properNouns = properNouns
        self.contentWords = contentWords

        let endings = sentences.map { Self.terminal(of: $0) }
        let questionSentences = endings.indices.filter { endings[$0] == "?" }
        self.questionSentences = questionSentences
        self.exclamations = endings.filter { $0 == "!" }.count

        let parts = Self.storyParts(tokens, sentenceCount: sentences.count, numbers: numbers)
        func first(_ flags: [Bool]) -> Substring? { flags.firstIndex(of: true).map { sentences[$0] } }
        let headline = Self.opensWithPoint(tokens, counts: counts, questions: questionSentences, hedges: hedges.marks)
        let found = [parts.situation, parts.task, parts.action, parts.result].filter { $0.contains(true) }.count
        self.star = StarCoverage(
            situation: first(parts.situation), task: first(parts.task), action: first(parts.action), result: first(parts.result), count: found,
            headlineFirst: headline
        )
        self.isStory = parts.pastClauses >= 2 || (parts.storyCue && parts.pastClauses >= 1)
        self.rambles = tokens.count > 220 || (tokens.count > 120 && average > 35)
    }

    /// The sentence of this reading that contains `slice` (a slice of `text`), if any.
    func sentence(containing slice: Substring) -> Substring? {
        sentences.first { $0.startIndex <= slice.startIndex && slice.startIndex < $0.endIndex }
    }

    /// The content stems of `text`, in order: what a question or a focus term is compared by.
    static func contentStems(of text: String) -> [String] {
        AnswerReading(text).contentWords.map(\.stem)
    }
}

// MARK: - Splitting

extension AnswerReading {
    /// Line breaks, each of which ends a sentence.
    private static let lineBreaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{2028}", "\u{2029}"]
    /// Characters that may end a sentence.
    private static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "\u{2026}"]
    /// Closing quotes and brackets that belong to the sentence they follow.
    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]"]
    /// Bullet marks trimmed from the start of a sentence.
    private static let bullets: Set<Unicode.Scalar> = ["-", "*", "\u{2022}", "\u{00B7}", "\u{2013}", "\u{2014}", ">"]
    /// Punctuation that marks a pause between two words.
    private static let pauses: Set<Unicode.Scalar> = [",", ";", ":", "-", "\u{2013}", "\u{2014}", "(", ")"]
    /// Words after which a dot is an abbreviation's, not a sentence's end.
    private static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "vs", "approx", "jr", "sr", "fig"]
    /// Characters a sentence's ending is read through.
    private static let closingCharacters: Set<Character> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]"]

    /// The sentences of `text` as ranges, untrimmed.
    private static func sentenceRanges(in text: String) -> [Range<String.Index>] {
        let scalars = text.unicodeScalars
        var ranges: [Range<String.Index>] = []
        var start = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if lineBreaks.contains(scalar) {
                ranges.append(start..<index)
                index = scalars.index(after: index)
                start = index
                continue
            }
            guard terminators.contains(scalar) else {
                index = scalars.index(after: index)
                continue
            }
            var end = scalars.index(after: index)
            var firm = scalar == "!" || scalar == "?"
            while end < scalars.endIndex, terminators.contains(scalars[end]) || closers.contains(scalars[end]) {
                if scalars[end] == "!" || scalars[end] == "?" { firm = true }
                end = scalars.index(after: end)
            }
            if firm || dotEndsSentence(text, dotAt: index, runEnd: end) {
                ranges.append(start..<end)
                start = end
            }
            index = end
        }
        ranges.append(start..<scalars.endIndex)
        return ranges
    }

    /// Whether the dot (or ellipsis) at `dot`, whose run of marks ends at `end`, ends a sentence.
    private static func dotEndsSentence(_ text: String, dotAt dot: String.Index, runEnd end: String.Index) -> Bool {
        let scalars = text.unicodeScalars
        guard end < scalars.endIndex else { return true }
        guard scalars[end].properties.isWhitespace else { return false }
        var wordStart = dot
        while wordStart > scalars.startIndex {
            let before = scalars.index(before: wordStart)
            guard isLetter(scalars[before]) else { break }
            wordStart = before
        }
        if wordStart > scalars.startIndex && wordStart < dot && scalars[scalars.index(before: wordStart)] == "." { return false }
        if wordStart < dot && abbreviations.contains(text[wordStart..<dot].lowercased()) { return false }
        var look = end
        while look < scalars.endIndex, scalars[look].properties.isWhitespace, !lineBreaks.contains(scalars[look]) {
            look = scalars.index(after: look)
        }
        if look < scalars.endIndex && scalars[look].properties.isLowercase { return false }
        return true
    }

    /// `range` without surrounding spaces and leading bullet marks.
    private static func trimmed(_ range: Range<String.Index>, in text: String) -> Range<String.Index> {
        let scalars = text.unicodeScalars
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, scalars[lower].properties.isWhitespace || bullets.contains(scalars[lower]) { lower = scalars.index(after: lower) }
        while upper > lower, scalars[scalars.index(before: upper)].properties.isWhitespace { upper = scalars.index(before: upper) }
        return lower..<upper
    }

    /// Appends the words of `range` (one sentence) to `words`.
    private static func scanWords(_ text: String, in range: Range<String.Index>, sentence: Int, into words: inout [Word]) {
        let scalars = text.unicodeScalars
        var index = range.lowerBound
        var pause = false
        while index < range.upperBound {
            let scalar = scalars[index]
            guard isWordScalar(scalar) else {
                if pauses.contains(scalar) { pause = true }
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var previous = scalar
            var end = scalars.index(after: index)
            var capitalsOnly = isUppercase(scalar)
            while end < range.upperBound {
                let current = scalars[end]
                if isWordScalar(current) || isCombiningMark(current) {
                    if isLetter(current) && !isUppercase(current) { capitalsOnly = false }
                    previous = current
                    end = scalars.index(after: end)
                    continue
                }
                let next = scalars.index(after: end)
                guard next < range.upperBound else { break }
                let following = scalars[next]
                let joins: Bool
                switch current {
                case "'", "\u{2019}": joins = isLetter(previous) && isLetter(following)
                case ",": joins = isDigit(previous) && isDigit(following)
                case ".":
                    // "3.5", and a dotted abbreviation's inner dots ("e.g.", "U.S.").
                    let afterFollowing = scalars.index(after: next)
                    joins =
                        (isDigit(previous) && isDigit(following))
                        || (isLetter(previous) && isLetter(following) && afterFollowing < range.upperBound && scalars[afterFollowing] == ".")
                case "-": joins = isWordScalar(previous) && isWordScalar(following)
                default: joins = false
                }
                guard joins else { break }
                previous = current
                end = next
            }
            let raw = text[start..<end]
            words.append(
                Word(
                    range: start..<end, key: key(of: raw), sentence: sentence, pauseBefore: pause, capitalized: isUppercase(scalar),
                    allCapitals: capitalsOnly && raw.unicodeScalars.count > 1, startsWithDigit: isDigit(scalar)
                )
            )
            pause = false
            index = end
        }
    }

    /// A word's key: lower-cased, a curly apostrophe written straight.
    static func key(of raw: Substring) -> String {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: raw.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return String(raw.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
    }

    /// The mark a sentence ends with, read through closing quotes and brackets.
    private static func terminal(of sentence: Substring) -> Character? {
        sentence.last { !closingCharacters.contains($0) }
    }

    /// A letter or a digit.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isLetter(scalar) || isDigit(scalar) }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// A letter of any script.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value) }
        return scalar.properties.isAlphabetic
    }

    /// An ASCII digit.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value)
    }

    /// A capital letter.
    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    /// An accent written as its own scalar, which belongs to the letter before it.
    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && scalar.properties.generalCategory == .nonspacingMark
    }
}

// MARK: - Phrases

extension AnswerReading {
    /// Phrases of one or more words, looked up by their first word, longest first.
    struct PhraseBook: Sendable {
        /// First word → the phrases that start with it, as words, longest first.
        let byFirstWord: [String: [[String]]]

        /// A book of `phrases`, each written lower-case with single spaces.
        init(_ phrases: [String]) {
            var index: [String: [[String]]] = [:]
            for phrase in phrases {
                let words = phrase.split(separator: " ").map(String.init)
                guard let first = words.first else { continue }
                index[first, default: []].append(words)
            }
            byFirstWord = index.mapValues { phrases in phrases.sorted { $0.count > $1.count } }
        }

        /// The word count of the longest phrase spelled from word `start` on, within its sentence.
        func longestMatch(at start: Int, in tokens: [Word]) -> Int? {
            guard let candidates = byFirstWord[tokens[start].key] else { return nil }
            for phrase in candidates where AnswerReading.spells(phrase, at: start, in: tokens) { return phrase.count }
            return nil
        }
    }

    /// Whether the words from `start` on spell `phrase`, all in one sentence.
    static func spells(_ phrase: [String], at start: Int, in tokens: [Word]) -> Bool {
        guard start >= 0, start + phrase.count <= tokens.count else { return false }
        let sentence = tokens[start].sentence
        for (offset, key) in phrase.enumerated() {
            let word = tokens[start + offset]
            guard word.sentence == sentence, word.key == key else { return false }
        }
        return true
    }

    /// The key of word `index` if it stands in sentence `sentence`.
    private static func key(_ tokens: [Word], _ index: Int, in sentence: Int) -> String? {
        guard index >= 0, index < tokens.count, tokens[index].sentence == sentence else { return nil }
        return tokens[index].key
    }

    /// The text from word `first` through word `last`.
    private static func slice(_ text: String, _ tokens: [Word], _ first: Int, _ last: Int) -> Substring {
        text[tokens[first].range.lowerBound..<tokens[last].range.upperBound]
    }

    /// A set of words written in one space-separated string.
    private static func wordSet(_ words: String) -> Set<String> {
        Set(words.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// Every occurrence of a phrase of `book`, the longest at each place, not overlapping.
    private static func findPhrases(_ book: PhraseBook, _ tokens: [Word], _ text: String) -> [Mark] {
        var marks: [Mark] = []
        var index = 0
        while index < tokens.count {
            if let length = book.longestMatch(at: index, in: tokens) {
                marks.append(Mark(text: slice(text, tokens, index, index + length - 1), sentence: tokens[index].sentence))
                index += length
            } else {
                index += 1
            }
        }
        return marks
    }

    /// Hedging phrases ("I think" is handled apart).
    private static let hedgeBook = PhraseBook([
        "maybe", "perhaps", "probably", "possibly", "kind of", "kinda", "sort of", "sorta", "i guess", "i suppose", "i feel like", "i felt like",
        "somewhat", "a bit", "a little bit", "more or less", "i would say", "i'd say", "hopefully", "to some extent", "in a way",
        "if that makes sense", "might", "could be", "i'm not sure", "im not sure", "i am not sure", "not sure", "not really sure",
        "i'm not really sure", "not certain", "i'm not certain", "i don't know", "i dont know", "i'm not an expert", "i would think", "i'd think",
    ])
    /// Words after which "kind of" and "sort of" name a kind rather than soften a claim.
    private static let determiners = wordSet("a an the this that these those what which some any every each no one same other all")
    /// Vague words and phrases.
    private static let vagueBook = PhraseBook([
        "stuff", "things", "etc", "etcetera", "a lot", "lots", "various", "some kind of", "some sort of", "whatever", "and so on",
        "and so forth", "or something", "or whatever", "something like that", "a bunch of", "somehow",
    ])
    /// Slang and casual words.
    private static let slangBook = PhraseBook([
        "gonna", "wanna", "gotta", "kinda", "sorta", "yeah", "yep", "yup", "nope", "nah", "dude", "cool", "awesome", "stuff", "crazy",
        "lol", "omg", "dunno", "lemme", "gimme", "ain't", "cuz", "tons", "freaking", "super", "totally", "you guys", "y'all", "stoked",
        "pretty much",
    ])
    /// Apologies.
    private static let apologyBook = PhraseBook(["sorry", "apologies", "i apologise", "i apologize"])
    /// Sounds that fill a pause.
    static let soundFillers = wordSet("um umm ummm uh uhh uhm er erm hmm ah")
    /// Words before "like" that make it a verb or a comparison.
    private static let likeAsVerbOrComparison = wordSet(
        """
        i you we they he she people would i'd we'd you'd they'd do does did don't didn't doesn't dont didnt really also to not \
        look looks looked looking seem seems seemed sound sounds sounded feel feels felt something anything nothing everything \
        things stuff more less much just exactly someone somebody anyone nobody
        """
    )
    /// Words after a filler "like" that open a clause.
    private static let clauseOpeners = wordSet("i we you they he she it's i'm we're they're so really totally super literally just very oh no yeah okay")
    /// Forms of "be" (with the usual contractions).
    static let beForms = wordSet("am is are was were be been being it's that's they're we're you're he's she's i'm what's who's")
    /// Words before "you know" that make it a real question or a clause.
    private static let knowingContext = wordSet(
        "do did does don't didn't dont didnt if would could as whether how will might should let may to when what that you'd"
    )
    /// Words after "you know" that make it a real verb ("you know that…").
    private static let knownObjects = wordSet(
        "that how what why where who whether if the a an about it him her them this these those your my our their someone something anything exactly"
    )

    /// Hedges, and which words they took (so they are not counted again as fillers).
    private static func findHedges(_ tokens: [Word], _ text: String) -> (marks: [Mark], used: [Bool]) {
        var marks: [Mark] = []
        var used = [Bool](repeating: false, count: tokens.count)
        func mark(_ first: Int, _ last: Int) {
            marks.append(Mark(text: slice(text, tokens, first, last), sentence: tokens[first].sentence))
            for index in first...last { used[index] = true }
        }
        var index = 0
        while index < tokens.count {
            let sentence = tokens[index].sentence
            if tokens[index].key == "i" && key(tokens, index + 1, in: sentence) == "think" {
                var end: Int?
                var ahead = index + 2
                while ahead <= index + 4, ahead < tokens.count, tokens[ahead].sentence == sentence {
                    if let length = hedgeLength(tokens, at: ahead) {
                        end = ahead + length - 1
                        break
                    }
                    ahead += 1
                }
                if let end {
                    mark(index, end)
                    index = end + 1
                    continue
                }
                let next = key(tokens, index + 2, in: sentence)
                if next == nil {
                    mark(index, index + 1)
                    index += 2
                } else if next == "so" {
                    mark(index, index + 2)
                    index += 3
                } else {
                    index += 2
                }
                continue
            }
            if let length = hedgeLength(tokens, at: index) {
                mark(index, index + length - 1)
                index += length
                continue
            }
            index += 1
        }
        return (marks, used)
    }

    /// The word count of the hedge that starts at word `index`, if one does.
    private static func hedgeLength(_ tokens: [Word], at index: Int) -> Int? {
        guard let length = hedgeBook.longestMatch(at: index, in: tokens) else { return nil }
        let sentence = tokens[index].sentence
        let first = tokens[index].key
        if first == "kind" || first == "sort", let previous = key(tokens, index - 1, in: sentence), determiners.contains(previous) { return nil }
        if first == "a" && key(tokens, index + length, in: sentence) == "of" { return nil }
        return length
    }

    /// Fillers, not counting the words a hedge took.
    private static func findFillers(_ tokens: [Word], _ text: String, skipping used: [Bool]) -> [Mark] {
        var marks: [Mark] = []
        var lastFillerWord = -2
        var index = 0
        while index < tokens.count {
            guard !used[index] else {
                index += 1
                continue
            }
            let length = fillerLength(tokens, at: index, afterFiller: lastFillerWord == index - 1)
            guard length > 0 else {
                index += 1
                continue
            }
            marks.append(Mark(text: slice(text, tokens, index, index + length - 1), sentence: tokens[index].sentence))
            lastFillerWord = index + length - 1
            index += length
        }
        return marks
    }

    /// The word count of the filler that starts at word `index`, or 0.
    private static func fillerLength(_ tokens: [Word], at index: Int, afterFiller: Bool) -> Int {
        let word = tokens[index]
        let sentence = word.sentence
        let previous = key(tokens, index - 1, in: sentence)
        let next = key(tokens, index + 1, in: sentence)
        let pauseAfter = next != nil && tokens[index + 1].pauseBefore
        if soundFillers.contains(word.key) { return 1 }
        switch word.key {
        case "basically", "literally", "y'know":
            return 1
        case "actually", "honestly":
            // Set apart, it carries no meaning; mid-clause ("we actually shipped it") it stresses a fact.
            return previous == nil || word.pauseBefore || pauseAfter ? 1 : 0
        case "like":
            return likeIsFiller(tokens, at: index, previous: previous, next: next, pauseAfter: pauseAfter, afterFiller: afterFiller) ? 1 : 0
        case "you":
            guard next == "know" else { return 0 }
            if spells(["you", "know", "what", "i", "mean"], at: index, in: tokens) { return 5 }
            if let previous, knowingContext.contains(previous) { return 0 }
            if let after = key(tokens, index + 2, in: sentence), !tokens[index + 2].pauseBefore, knownObjects.contains(after) { return 0 }
            return 2
        case "i":
            guard next == "mean" else { return 0 }
            if let previous, ["what", "which", "that", "if", "do", "did", "don't"].contains(previous) { return 0 }
            if let after = key(tokens, index + 2, in: sentence), !tokens[index + 2].pauseBefore, ["to", "it", "that", "by", "what"].contains(after) {
                return 0
            }
            return 2
        default:
            return 0
        }
    }

    /// Whether "like" at word `index` fills a pause rather than states a liking or a likeness.
    private static func likeIsFiller(
        _ tokens: [Word], at index: Int, previous: String?, next: String?, pauseAfter: Bool, afterFiller: Bool
    ) -> Bool {
        if afterFiller { return true }
        if let previous, likeAsVerbOrComparison.contains(previous) { return false }
        if pauseAfter { return true }
        guard let next else { return tokens[index].pauseBefore }
        if isQuantity(tokens[index + 1]) { return true }
        let opensClause = previous == nil || tokens[index].pauseBefore || previous == "and" || previous == "so" || previous == "but"
        if opensClause && clauseOpeners.contains(next) { return true }
        if let previous, beForms.contains(previous), clauseOpeners.contains(next) { return true }
        return false
    }
}

// MARK: - Figures, passives, stories

extension AnswerReading {
    /// Signs written before an amount.
    private static let currencySigns: Set<Unicode.Scalar> = ["$", "\u{00A3}", "\u{20AC}", "\u{00A5}"]
    /// Spelled numbers that count when a unit follows.
    private static let numberWords = wordSet(
        """
        two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety \
        hundred hundreds thousand thousands million millions billion dozen dozens half
        """
    )
    /// Units a spelled number measures.
    private static let units = wordSet(
        """
        percent week weeks day days month months year years hour hours minute minutes second seconds people person engineer engineers \
        developer developers analyst analysts colleague colleagues customer customers client clients user users member members team teams \
        time times sprint sprints quarter quarters dollar dollars pound pounds euro euros deal deals account accounts store stores office \
        offices market markets release releases project projects point points bug bugs ticket tickets hire hires report reports region \
        regions site sites country countries partner partners stakeholder stakeholders vendor vendors supplier suppliers school schools \
        student students patient patients employee employees staff k
        """
    )
    /// Verbs that state a multiple on their own.
    private static let multipliers = wordSet("doubled tripled quadrupled halved twofold threefold fivefold tenfold")
    /// Words that negate what follows.
    static let negators = wordSet(
        "not no never didn't don't doesn't wasn't weren't isn't haven't hasn't hadn't couldn't wouldn't won't can't cannot without didnt dont"
    )

    /// Whether a word is a quantity: a figure or a spelled number.
    private static func isQuantity(_ word: Word) -> Bool {
        word.startsWithDigit || numberWords.contains(word.key)
    }

    /// Whether a digit word is an ordinal ("3rd").
    private static func isOrdinal(_ key: String) -> Bool {
        guard key.count > 2, ["st", "nd", "rd", "th"].contains(where: { key.hasSuffix($0) }) else { return false }
        return key.dropLast(2).allSatisfy(\.isNumber)
    }

    /// Whether a digit word is a bare year (1950–2049).
    static func isYear(_ key: String) -> Bool {
        guard key.count == 4, key.allSatisfy(\.isNumber), let value = Int(key) else { return false }
        return (1950...2049).contains(value)
    }

    /// Whether one of the three words before `index` in its sentence negates it.
    private static func isNegated(_ tokens: [Word], at index: Int) -> Bool {
        let sentence = tokens[index].sentence
        for back in 1...3 {
            guard let previous = key(tokens, index - back, in: sentence) else { return false }
            if negators.contains(previous) { return true }
        }
        return false
    }

    /// Figures cited, each with its currency sign and percent sign.
    private static func findNumbers(_ tokens: [Word], _ text: String) -> [Mark] {
        let scalars = text.unicodeScalars
        var marks: [Mark] = []
        var index = 0
        while index < tokens.count {
            let word = tokens[index]
            let key = word.key
            if word.startsWithDigit {
                var lower = word.range.lowerBound
                var upper = word.range.upperBound
                var signed = false
                if lower > scalars.startIndex {
                    let before = scalars.index(before: lower)
                    if currencySigns.contains(scalars[before]) {
                        lower = before
                        signed = true
                    }
                }
                if upper < scalars.endIndex && scalars[upper] == "%" {
                    upper = scalars.index(after: upper)
                    signed = true
                }
                if !isOrdinal(key) && (signed || !isYear(key)) { marks.append(Mark(text: text[lower..<upper], sentence: word.sentence)) }
                index += 1
                continue
            }
            if multipliers.contains(key) {
                if !isNegated(tokens, at: index) { marks.append(Mark(text: slice(text, tokens, index, index), sentence: word.sentence)) }
                index += 1
                continue
            }
            let parts = key.split(separator: "-")
            if parts.count == 2, numberWords.contains(String(parts[0])), units.contains(String(parts[1])) {
                marks.append(Mark(text: slice(text, tokens, index, index), sentence: word.sentence))
                index += 1
                continue
            }
            guard numberWords.contains(key), !isNegated(tokens, at: index) else {
                index += 1
                continue
            }
            var after = index + 1
            while after < tokens.count, tokens[after].sentence == word.sentence, numberWords.contains(tokens[after].key) { after += 1 }
            var unit: Int?
            var look = after
            while look < min(after + 3, tokens.count), tokens[look].sentence == word.sentence {
                if units.contains(tokens[look].key) {
                    unit = look
                    break
                }
                look += 1
            }
            if let unit {
                marks.append(Mark(text: slice(text, tokens, index, unit), sentence: word.sentence))
                index = unit + 1
            } else {
                index = after
            }
        }
        return marks
    }

    /// Irregular past participles.
    private static let irregularParticiples = wordSet(
        """
        built done made given taken written chosen known seen told sent paid sold held led brought bought caught taught found left kept set \
        put cut shown grown drawn driven broken spoken forgotten hidden won lost begun split spent hit shut rewritten rebuilt overseen \
        understood undertaken withdrawn thrown heard gotten forgiven beaten frozen stolen sworn torn worn shaken bound hung struck swept \
        upheld overtaken dealt laid spread redone remade
        """
    )
    /// Words in "-ed" that describe a feeling or a state after "be", not an action done to someone.
    private static let adjectivalEd = wordSet(
        """
        tired interested excited worried concerned surprised pleased bored scared stressed motivated involved based supposed married related \
        located focused committed dedicated determined frustrated overwhelmed disappointed satisfied confused embarrassed amazed thrilled \
        delighted annoyed exhausted qualified experienced talented skilled detailed advanced limited complicated sophisticated crowded \
        biased retired relaxed balanced
        """
    )
    /// Words in "-ed" that are no verb form at all.
    private static let notParticiples = wordSet(
        "need needed indeed speed proceed succeed exceed embed breed hundred naked wicked sacred kindred rugged ragged bed red shed feed seed"
    )
    /// Adverbs that may stand between "be" and its participle, or between "I" and a verb.
    private static let shortAdverbs = wordSet(
        """
        not never already also just then all still even soon later often always first initially eventually finally quickly personally \
        immediately actually really
        """
    )

    /// Words in "-ly" that are no adverb.
    private static let notAdverbsInLy = wordSet("only early family july italy apply supply reply rely ally assembly")

    /// Whether a word is an adverb that may stand inside a verb phrase.
    private static func isAdverb(_ key: String) -> Bool {
        shortAdverbs.contains(key) || (key.count > 4 && key.hasSuffix("ly") && !notAdverbsInLy.contains(key))
    }

    /// Whether word `index` is a past participle after a form of "be".
    private static func isParticiple(_ tokens: [Word], at index: Int) -> Bool {
        let key = tokens[index].key
        if key == "used" && Self.key(tokens, index + 1, in: tokens[index].sentence) == "to" { return false }
        if irregularParticiples.contains(key) { return true }
        return key.count >= 5 && key.hasSuffix("ed") && !adjectivalEd.contains(key) && !notParticiples.contains(key)
    }

    /// Passive clauses: "be", up to two adverbs or "being"/"been", a past participle.
    private static func findPassives(_ tokens: [Word], _ text: String) -> [Mark] {
        var marks: [Mark] = []
        var index = 0
        while index < tokens.count {
            guard beForms.contains(tokens[index].key) else {
                index += 1
                continue
            }
            let sentence = tokens[index].sentence
            var verb = index + 1
            var skipped = 0
            while skipped < 2, let between = key(tokens, verb, in: sentence), isAdverb(between) || between == "being" || between == "been" {
                verb += 1
                skipped += 1
            }
            if key(tokens, verb, in: sentence) != nil && isParticiple(tokens, at: verb) {
                marks.append(Mark(text: slice(text, tokens, index, verb), sentence: sentence))
                index = verb + 1
            } else {
                index += 1
            }
        }
        return marks
    }

    /// Irregular past-tense verbs of doing, for a story's action.
    private static let irregularActions = wordSet(
        """
        built led wrote made ran took drove brought began found spoke chose gave sent taught met spent put set cut won sold rewrote rebuilt \
        oversaw undertook split fought did held kept paid bought caught dealt drew shut told sought got went
        """
    )
    /// Other irregular past-tense verbs, for telling a story at all.
    private static let irregularPast = wordSet("was were had felt thought knew saw came became grew lost heard understood meant sat stood left")
    /// Past forms in "-ed" that tell of a wish, a feeling or a circumstance, not an action.
    private static let notActions = wordSet(
        """
        needed wanted liked loved hoped seemed learned realized realised happened noticed wondered enjoyed preferred expected assumed guessed \
        joined supposed worked lived studied graduated believed used
        """
    )

    /// Whether a word is a past-tense verb.
    private static func isPastVerb(_ key: String) -> Bool {
        irregularActions.contains(key) || irregularPast.contains(key)
            || (key.count >= 4 && key.hasSuffix("ed") && !notParticiples.contains(key) && !adjectivalEd.contains(key))
    }

    /// Whether a word is a past-tense verb of doing.
    private static func isActionVerb(_ key: String) -> Bool {
        irregularActions.contains(key)
            || (key.count >= 5 && key.hasSuffix("ed") && !notActions.contains(key) && !notParticiples.contains(key) && !adjectivalEd.contains(key))
    }

    /// Cues that set the scene of a story.
    private static let situationBook = PhraseBook([
        "at my last", "at my previous", "at my current", "at my old", "in my last", "in my previous", "in my current", "in my first",
        "in my role", "when i was", "when we were", "while i was", "while we were", "last year", "last quarter", "last month", "last summer",
        "last spring", "last autumn", "last fall", "last winter", "years ago", "months ago", "weeks ago", "a year ago", "back in",
        "at the time", "our team was", "the team was", "our team had", "i was working", "i worked at", "i worked as", "i was a", "i was an",
        "during my", "there was a time", "one time", "the situation", "the context", "the company was", "we had a", "we were", "i joined",
    ])
    /// Cues that place a story in the past (a subset of the scene's).
    private static let storyCueBook = PhraseBook([
        "at my last", "at my previous", "at my old", "in my last", "in my previous", "in my first", "when i was", "when we were",
        "while i was", "last year", "last quarter", "last month", "last summer", "last spring", "last autumn", "last fall", "last winter",
        "years ago", "months ago", "weeks ago", "a year ago", "back in", "at the time", "there was a time", "one time", "i remember",
    ])
    /// Cues that state the task.
    private static let taskBook = PhraseBook([
        "my job was", "my role was", "my task was", "the task was", "my goal was", "our goal was", "the goal was", "the aim was",
        "the objective was", "the challenge was", "the problem was", "the brief was", "i was responsible", "i was asked to", "i was tasked",
        "i was in charge", "i had to", "we had to", "needed to", "it was my job", "i owned", "i was hired to", "i wanted to",
        "we wanted to", "the deadline", "responsible for",
    ])
    /// Cues that state the result.
    private static let resultBook = PhraseBook([
        "as a result", "which cut", "that cut", "led to", "resulted in", "in the end", "by the end", "ended up", "which meant",
        "went from", "the result", "the outcome", "outcome", "result", "results", "reduced", "increased", "improved", "saved", "grew",
        "doubled", "tripled", "halved", "shipped", "launched", "won", "delivered", "achieved", "exceeded", "dropped", "rose", "fell", "ultimately",
        "the impact", "promoted", "adopted",
    ])
    /// Words opening a first sentence that carry no point of their own.
    private static let discourseMarkers = wordSet("so well okay ok right yeah alright sure oh")
    /// Preambles that stand in for an answer.
    private static let preambleBook = PhraseBook([
        "that's a good question", "that's a great question", "that is a good question", "that's an interesting question", "good question",
        "great question", "interesting question", "let me think", "let me see", "where do i start", "where do i begin", "it's a long story",
        "i guess", "i'm not sure", "to be honest", "honestly", "i don't know", "thanks for asking", "thank you for", "it depends",
        "that's a tough one", "that's a tricky one", "how do i put this",
    ])

    /// The story parts each sentence shows, whether a story cue occurs, and the first-person past-tense clauses.
    private static func storyParts(
        _ tokens: [Word], sentenceCount: Int, numbers: [Mark]
    ) -> (situation: [Bool], task: [Bool], action: [Bool], result: [Bool], storyCue: Bool, pastClauses: Int) {
        var situation = [Bool](repeating: false, count: sentenceCount)
        var task = situation
        var action = situation
        var result = situation
        var storyCue = false
        var pastClauses = 0
        for index in tokens.indices {
            let word = tokens[index]
            let sentence = word.sentence
            let opensSentence = index == 0 || tokens[index - 1].sentence != sentence
            if situationBook.longestMatch(at: index, in: tokens) != nil || (opensSentence && word.key == "when")
                || (word.startsWithDigit && isYear(word.key))
            {
                situation[sentence] = true
            }
            if storyCueBook.longestMatch(at: index, in: tokens) != nil { storyCue = true }
            if taskBook.longestMatch(at: index, in: tokens) != nil { task[sentence] = true }
            if resultBook.longestMatch(at: index, in: tokens) != nil { result[sentence] = true }
            guard word.key == "i" || word.key == "we" else { continue }
            var verb = index + 1
            while verb <= index + 2, let between = key(tokens, verb, in: sentence), shortAdverbs.contains(between), !negators.contains(between) {
                verb += 1
            }
            guard let verbKey = key(tokens, verb, in: sentence) else { continue }
            if isPastVerb(verbKey) { pastClauses += 1 }
            if word.key == "i" && isActionVerb(verbKey) { action[sentence] = true }
        }
        // A percentage after the opening sentence measures an outcome; in the opening it usually sizes the problem.
        for number in numbers where number.sentence > 0 && number.text.hasSuffix("%") { result[number.sentence] = true }
        return (situation, task, action, result, storyCue, pastClauses)
    }

    /// Whether the first sentence states the point: 4–25 words, not a question, no hedge, not opened by
    /// a filler or a preamble once leading "so", "well", "okay" are set aside.
    private static func opensWithPoint(_ tokens: [Word], counts: [Int], questions: [Int], hedges: [Mark]) -> Bool {
        guard let length = counts.first, (4...25).contains(length), questions.first != 0 else { return false }
        if hedges.contains(where: { $0.sentence == 0 }) { return false }
        var start = 0
        while start < length, discourseMarkers.contains(tokens[start].key) || soundFillers.contains(tokens[start].key) {
            if soundFillers.contains(tokens[start].key) { return false }
            start += 1
        }
        guard length - start >= 4 else { return false }
        return preambleBook.longestMatch(at: start, in: tokens) == nil
    }
}

// MARK: - Register and content

extension AnswerReading {
    /// First-person singular words.
    static let singularPronouns = wordSet("i me my mine i'm i've i'd i'll myself im ive")
    /// First-person plural words.
    static let pluralPronouns = wordSet("we us our ours we're we've we'd we'll ourselves")
    /// Words that address the listener or their people.
    static let audienceKeys = wordSet(
        "you your yours you're you'll you've you'd yourself yourselves customer customers client clients user users investor investors buyer buyers audience"
    )
    /// Words before "'s" that make it "is" or "has" rather than a possessive.
    private static let contractedIs = wordSet("it that what there here he she who let where how")
    /// Words that carry no topic: function words, fillers, hedges, and the words every question uses.
    static let stopWords = wordSet(
        """
        a about above after again against all also am an and any are aren't as at be because been before being below between both but by \
        can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't \
        have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is \
        isn't it it's its itself let's me more most my myself no nor not of off on once only or other ought our ours ourselves out over own \
        same she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's \
        these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were \
        weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll \
        you're you've your yours yourself yourselves um umm uh uhh uhm er erm hmm ah like just really actually basically literally \
        honestly maybe perhaps probably possibly kind sort kinda sorta guess suppose stuff things thing something anything everything \
        nothing lot lots etc whatever yeah yes okay ok sure well tell describe walk talk share give example time situation experience \
        question answer think thought would could should might must will shall can get got make made go going went want wanted know knew \
        see saw say said one two three four five six seven eight nine ten first second next last way good great thanks thank please able \
        around back bit even ever every gets getting let many much new now often right still use used using via yet within without us im \
        ive dont didnt cant wont isnt wasnt gonna wanna gotta mean means meant doing done anyone anybody someone somebody everyone \
        everybody nobody e.g i.e
        """
    )

    /// Whether a word is a contraction ("don't", "we're", "it's"; not a possessive "team's").
    private static func isContraction(_ key: String) -> Bool {
        guard let apostrophe = key.firstIndex(of: "'") else { return false }
        let ending = key[apostrophe...]
        if ["n't", "'re", "'ve", "'ll", "'d", "'m"].contains(where: { ending.hasSuffix($0) }) { return true }
        return ending == "'s" && contractedIs.contains(String(key[..<apostrophe]))
    }

    /// The content word a word is, if it carries content.
    private static func contentWord(_ word: Word) -> ContentWord? {
        guard !word.startsWithDigit else { return nil }
        var key = word.key
        if key.hasSuffix("'s") { key.removeLast(2) }
        guard key.count >= 3, !key.contains("'"), !stopWords.contains(key) else { return nil }
        return ContentWord(word: key, stem: stem(key), sentence: word.sentence)
    }

    /// A light stem, the same for a word's plural, "-ing" and "-ed" forms: "planned", "planning" and
    /// "plans" → "plan"; "analysed" and "analyse" → "analys".
    static func stem(_ word: String) -> String {
        var stem = word
        guard stem.count > 3 else { return stem }
        if stem.hasSuffix("ies") && stem.count > 4 {
            stem.removeLast(3)
            return stem + "y"
        }
        if stem.hasSuffix("ing") && stem.count > 5 {
            stem.removeLast(3)
            return undoubled(stem)
        }
        if stem.hasSuffix("ed") && stem.count > 4 {
            stem.removeLast(2)
            return undoubled(stem)
        }
        if stem.hasSuffix("sses") || stem.hasSuffix("xes") || stem.hasSuffix("ches") || stem.hasSuffix("shes") {
            stem.removeLast(2)
            return stem
        }
        if stem.hasSuffix("s") && !stem.hasSuffix("ss") && !stem.hasSuffix("us") && !stem.hasSuffix("is") { stem.removeLast() }
        if stem.hasSuffix("e") && stem.count > 4 { stem.removeLast() }
        return stem
    }

    /// A stem without a doubled final consonant left by "-ing" or "-ed": "plann" → "plan", "shipp" → "ship".
    private static func undoubled(_ stem: String) -> String {
        guard stem.count > 3, let last = stem.last, let before = stem.dropLast().last, last == before, !"aeiouls".contains(last) else {
            return stem
        }
        return String(stem.dropLast())
    }
}
