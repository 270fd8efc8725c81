import Foundation

/// The one policy for text a person types into any field (a name, an email, a job title, a pasted
/// posting). The accepted form is trimmed and NFC-normalised; it may not hold C0 or C1 control
/// characters (a multi-line field keeps newlines and tabs, with CR LF and CR made LF), bidirectional
/// embedding, override or isolate controls (which make text display as something other than it is),
/// line or paragraph separators in a one-line field, or Unicode noncharacters. Its length is counted in
/// Unicode scalars and in UTF-8 bytes, never in grapheme clusters: a letter followed by 100,000
/// combining marks is 100,001 scalars, not one character. Every step is linear in the text.
public struct InputText: Sendable, Equatable {
    /// How many Unicode scalars the accepted text may have.
    public var scalars: ClosedRange<Int>
    /// How many UTF-8 bytes it may have.
    public var maxBytes: Int
    /// Whether newlines and tabs are allowed.
    public var multiline: Bool

    /// A field of `scalars` scalars (and at most four bytes each), on one line unless `multiline`.
    public init(scalars: ClosedRange<Int>, multiline: Bool = false, maxBytes: Int? = nil) {
        self.scalars = scalars
        self.multiline = multiline
        self.maxBytes = maxBytes ?? scalars.upperBound * 4
    }

    /// Why text was refused, in words for a `FieldError`.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// The kinds of refusal, for callers that word one differently.
        public enum Reason: Sendable, Equatable {
            /// Nothing but white space.
            case empty
            /// Too short or too long.
            case length
            /// A character the policy does not accept where it stands.
            case character
        }

        public let reason: Reason
        public let message: String
        public var description: String { message }
    }

    /// The accepted form of `raw`: trimmed, line endings made `\n` where allowed, NFC. An input of only
    /// white space becomes empty and is refused when `scalars` starts above zero.
    public func accept(_ raw: String) throws(Refusal) -> String {
        // Refuse on the raw scalars first: a body may hold a megabyte, and nothing below should run on
        // text that is far too long to be accepted anyway.
        if raw.utf8.count > maxBytes * 2 + 64 { throw tooLong(bytes: raw.utf8.count) }
        var text = Self.trimmed(raw)
        try Self.checkCharacters(text.unicodeScalars, multiline: multiline)
        // NFC can at most triple the scalars (a few decompose into three); far past that, refuse now.
        let rawCount = text.unicodeScalars.count
        if rawCount > scalars.upperBound * 3 {
            throw Refusal(reason: .length, message: "must be at most \(scalars.upperBound) characters (it has \(rawCount))")
        }
        if multiline && text.utf8.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        text = try Self.nfc(text)
        let count = text.unicodeScalars.count
        if count < scalars.lowerBound {
            throw count == 0
                ? Refusal(reason: .empty, message: "must not be empty")
                : Refusal(reason: .length, message: "must be at least \(scalars.lowerBound) characters (it has \(count))")
        }
        if count > scalars.upperBound { throw Refusal(reason: .length, message: "must be at most \(scalars.upperBound) characters (it has \(count))") }
        if text.utf8.count > maxBytes { throw tooLong(bytes: text.utf8.count) }
        return text
    }

    /// `raw` without white space or line breaks at either end, read by scalars (Foundation's trimming
    /// bridges the whole text through UTF-16 first).
    static func trimmed(_ raw: String) -> String {
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return raw }
        return String(scalars[first...last])
    }

    /// Marks stacked on one character: more than any script or emoji sequence uses.
    public static let maxScalarsPerCharacter = 32

    /// `text` in NFC, normalised a few hundred characters at a time. Foundation's normaliser slows
    /// down more than linearly on long strings; composition never crosses a grapheme cluster boundary,
    /// so chunks of whole clusters give the same result in linear time. A cluster of more than
    /// `maxScalarsPerCharacter` scalars (a letter buried under combining marks) is refused.
    static func nfc(_ text: String) throws(Refusal) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var chunkStart = text.startIndex
        var clusters = 0
        for index in text.indices {
            if text[index].unicodeScalars.count > maxScalarsPerCharacter {
                throw Refusal(reason: .character, message: "must not stack more than \(maxScalarsPerCharacter) marks on one character")
            }
            clusters += 1
            if clusters == 256 {
                let end = text.index(after: index)
                result += String(text[chunkStart..<end]).precomposedStringWithCanonicalMapping
                chunkStart = end
                clusters = 0
            }
        }
        result += String(text[chunkStart...]).precomposedStringWithCanonicalMapping
        return result
    }

    private func tooLong(bytes: Int) -> Refusal {
        Refusal(reason: .length, message: "must be at most \(scalars.upperBound) characters and \(maxBytes) bytes (it has \(bytes) bytes)")
    }

    /// Refuses the characters the policy never accepts; linear in the text.
    static func checkCharacters(_ scalars: String.UnicodeScalarView, multiline: Bool) throws(Refusal) {
        for scalar in scalars {
            if let reason = Self.refusal(of: scalar) { throw Refusal(reason: .character, message: reason) }
            if !multiline && Self.breaksLine(scalar) {
                throw Refusal(reason: .character, message: "must be a single line without tabs or line breaks")
            }
        }
    }

    /// Why `scalar` is never accepted, in any field, or `nil`: control characters other than newline,
    /// CR and tab; bidirectional embedding, override and isolate controls; noncharacters.
    public static func refusal(of scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x0A, 0x09, 0x0D: return nil
        case 0x00..<0x20, 0x7F..<0xA0: return "must not contain control characters"
        case 0x202A...0x202E, 0x2066...0x2069: return "must not contain bidirectional override or isolate characters"
        case 0xFDD0...0xFDEF: return "must not contain Unicode noncharacters"
        case _ where value & 0xFFFE == 0xFFFE: return "must not contain Unicode noncharacters"
        default: return nil
        }
    }

    /// Whether `scalar` is a tab or a line or paragraph break.
    static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09, 0x0D, 0x2028, 0x2029: true
        default: false
        }
    }
}

extension InputText {
    /// A person's name: 1 to 100 characters on one line.
    public static let personName = InputText(scalars: 1...100)
    /// An email address as typed: at most 254 bytes (RFC 5321) on one line.
    public static let emailAddress = InputText(scalars: 0...254, maxBytes: 254)
}
