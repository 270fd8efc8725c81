import Foundation

/// A word of a text: where it stands, how it was written, and the key it is matched by.
public struct Token: Sendable, Hashable {
    /// Lower-cased, NFKC, without diacritics, singular: "Regressions" → "regression", "Itô's" → "ito".
    public let key: String
    /// The word as written.
    public let raw: Substring
    /// Where the word stands in the original text.
    public let range: Range<String.Index>
    /// The text between the previous word and this one (punctuation, spaces, line breaks).
    public let gap: Substring
}

/// Splits text into words the way the skill dictionary is split, so that both sides meet: hyphens,
/// slashes and punctuation separate words; `C++`, `C#`, `kdb+`, `node.js` and `3.5` stay whole.
public enum Tokenizer {
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 5)
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var gapStart = index
        var before: Unicode.Scalar = " "
        while index < scalars.endIndex {
            guard isWordScalar(scalars[index]) || startsDotName(scalars, at: index, after: before) else {
                before = scalars[index]
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var previous = scalars[index]
            index = scalars.index(after: index)
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if isWordScalar(scalar) {
                    previous = scalar
                    index = scalars.index(after: index)
                    continue
                }
                let next = scalars.index(after: index)
                let nextScalar = next < scalars.endIndex ? scalars[next] : nil
                // C++, C#, kdb+: a trailing + or # belongs to the word it follows.
                if (scalar == "+" || scalar == "#") && (isLetter(previous) || previous == "+") {
                    previous = scalar
                    index = next
                    continue
                }
                // node.js, 3.5, Itô's: a dot or apostrophe between two word characters joins them.
                if (scalar == "." || scalar == "'" || scalar == "\u{2019}") && isWordScalar(previous),
                    let nextScalar, isWordScalar(nextScalar)
                {
                    previous = scalar
                    index = next
                    continue
                }
                break
            }
            before = previous
            let range = start..<index
            let raw = Substring(scalars[range])
            tokens.append(Token(key: key(for: raw), raw: raw, range: range, gap: Substring(scalars[gapStart..<start])))
            gapStart = index
        }
        return tokens
    }

    /// A name that starts with a dot (".NET"): a dot after a space, an opening bracket or the start,
    /// right before a letter. Without it ".NET" would be the word "net".
    static func startsDotName(_ scalars: String.UnicodeScalarView, at index: String.UnicodeScalarView.Index, after before: Unicode.Scalar) -> Bool {
        guard scalars[index] == ".", before.properties.isWhitespace || before == "(" || before == "/" || before == "," else { return false }
        let next = scalars.index(after: index)
        return next < scalars.endIndex && isLetter(scalars[next])
    }

    /// The matching key of one word.
    static func key(for raw: Substring) -> String {
        // An acronym's plural ("APIs", "GPUs", "LLMs"): capitals, then a lower-case s. At least two
        // capitals: "K8s" is a name (written "k8s" as often), not the plural of "K8".
        if raw.utf8.count >= 3, raw.utf8.last == UInt8(ascii: "s"),
            raw.utf8.dropLast().allSatisfy({ (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }),
            raw.utf8.dropLast().filter({ (0x41...0x5A).contains($0) }).count >= 2
        {
            return String(decoding: raw.utf8.dropLast().map { $0 | ((0x41...0x5A).contains($0) ? 0x20 : 0) }, as: UTF8.self)
        }
        // Most words are ASCII, where NFKC changes nothing and lower-casing is a byte operation.
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            return singular(String(decoding: raw.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self))
        }
        let word = String(raw).precomposedStringWithCompatibilityMapping.lowercased()
            .folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(of: "\u{2019}", with: "'")
        return singular(word)
    }

    /// A light plural fold applied to both the text and the dictionary, so they agree on every word.
    static func singular(_ word: String) -> String {
        var word = word
        if word.hasSuffix("'s") { word.removeLast(2) }
        guard word.count > 3, word.unicodeScalars.allSatisfy({ isLetter($0) }) else { return word }
        if word.hasSuffix("ies") && word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("zes") {
            return String(word.dropLast(2))
        }
        if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is") {
            return String(word.dropLast())
        }
        return word
    }

    // ASCII first: the Unicode property tables are the slow path, needed only for other scripts.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isASCIILetter(scalar.value) || (0x30...0x39).contains(scalar.value) }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? isASCIILetter(scalar.value) : scalar.properties.isAlphabetic
    }

    private static func isASCIILetter(_ value: UInt32) -> Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
}

extension Tokenizer {
    /// The runs of letters in `text` (with digits, or hyphens, when asked), lower-cased when asked: the
    /// words the wording rules read, in one pass over the scalars, ASCII without a property lookup.
    static func words(in text: some StringProtocol, digits: Bool = false, hyphens: Bool = false, lowercased: Bool = false) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var ascii = true
        func finish() {
            guard !word.isEmpty else { return }
            let made = String(word)
            words.append(lowercased && !ascii ? made.lowercased() : made)
            word = String.UnicodeScalarView()
            ascii = true
        }
        for scalar in text.unicodeScalars {
            let kept = digits ? isWordScalar(scalar) : isLetter(scalar) || isCombiningMark(scalar)
            guard kept || (hyphens && scalar == "-") else {
                finish()
                continue
            }
            if scalar.isASCII {
                let value = scalar.value
                word.append(lowercased && (0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value | 0x20)) : scalar)
            } else {
                ascii = false
                word.append(scalar)
            }
        }
        finish()
        return words
    }

    /// The first run of letters in `text`, looking no further than `limit` scalars.
    static func firstWord(in text: Substring, within limit: Int) -> Substring? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var start: Substring.UnicodeScalarView.Index?
        var seen = 0
        while index < scalars.endIndex && seen < limit {
            let letter = isLetter(scalars[index]) || isCombiningMark(scalars[index])
            if letter && start == nil { start = index }
            if !letter, let start { return Substring(scalars[start..<index]) }
            index = scalars.index(after: index)
            seen += 1
        }
        return start.map { Substring(scalars[$0..<index]) }
    }

    /// The last run of letters in `text`, looking back no further than `limit` scalars from its end.
    static func lastWord(in text: Substring, within limit: Int) -> Substring? {
        let scalars = text.unicodeScalars
        var index = scalars.endIndex
        var end: Substring.UnicodeScalarView.Index?
        var seen = 0
        while index > scalars.startIndex && seen < limit {
            let previous = scalars.index(before: index)
            let letter = isLetter(scalars[previous]) || isCombiningMark(scalars[previous])
            if letter && end == nil { end = index }
            if !letter, let end { return Substring(scalars[index..<end]) }
            index = previous
            seen += 1
        }
        return end.map { Substring(scalars[index..<$0]) }
    }

    /// An accent written as its own scalar, which belongs to the letter before it.
    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        !scalar.isASCII && scalar.properties.generalCategory == .nonspacingMark
    }
}
