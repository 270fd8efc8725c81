/// A fixed list of phrases found in a text in one pass over its UTF-8 bytes, ASCII letters compared
/// without case: what `text.lowercased().contains(phrase)` for each phrase would answer, without a
/// search (and on Linux a Foundation bridge) per phrase.
public struct PhraseSet: Sendable {
    public let phrases: [String]
    /// First byte (lower case) → the phrases' indices and bytes that start with it.
    private let byFirstByte: [UInt8: [(index: Int, bytes: [UInt8])]]

    public init(_ phrases: [String]) {
        self.phrases = phrases
        var index: [UInt8: [(index: Int, bytes: [UInt8])]] = [:]
        for (position, phrase) in phrases.enumerated() {
            let bytes = phrase.utf8.map(Self.folded)
            guard let first = bytes.first else { continue }
            index[first, default: []].append((position, bytes))
        }
        self.byFirstByte = index
    }

    static func folded(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// Whether any phrase occurs in `text`.
    public func occurs(in text: some StringProtocol) -> Bool {
        var found = false
        scan(text) { _ in
            found = true
            return false
        }
        return found
    }

    /// The indices of the phrases that occur in `text`, each once, in the order of `phrases`.
    public func matches(in text: some StringProtocol) -> [Int] {
        var seen = [Bool](repeating: false, count: phrases.count)
        scan(text) { index in
            seen[index] = true
            return true
        }
        return seen.indices.filter { seen[$0] }
    }

    /// Calls `found` with each phrase occurrence's index until it answers `false`.
    private func scan(_ text: some StringProtocol, _ found: (Int) -> Bool) {
        // A native string's bytes are read in place; only a bridged one is copied first.
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ scan(bytes: $0, found) }) { return done }
        Array(text.utf8).withUnsafeBufferPointer { scan(bytes: $0, found) }
    }

    private func scan(bytes: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Bool) {
        var position = 0
        while position < bytes.count {
            if let candidates = byFirstByte[Self.folded(bytes[position])] {
                for candidate in candidates where position + candidate.bytes.count <= bytes.count {
                    var offset = 1
                    while offset < candidate.bytes.count && Self.folded(bytes[position + offset]) == candidate.bytes[offset] { offset += 1 }
                    if offset == candidate.bytes.count && !found(candidate.index) { return }
                }
            }
            position += 1
        }
    }
}
