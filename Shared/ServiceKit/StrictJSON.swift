public import NIOCore

/// Checks a JSON request body for what a decoder silently lets through: a key written twice in one
/// object (decoders keep one of the two, so a body can mean two things to two readers) and nesting past
/// `maxDepth`. One pass over the bytes; syntax errors are left for the decoder to report.
public enum StrictJSON {
    /// Objects and arrays nested deeper than this are refused.
    public static let maxDepth = 32

    /// What the scan found wrong, with the path of the offending value (`answers.weekly_hours`).
    public enum Violation: Error, Equatable, Sendable {
        case duplicateKey(path: String)
        case tooDeep(path: String)
        /// A string with a bad escape, a lone surrogate or invalid UTF-8: refused here rather than left
        /// to a decoder that might accept it, and so let a repeated key after it go unseen.
        case invalidString(path: String)
    }

    /// The keys of the top-level object in order (empty when the body is not an object), after checking
    /// that no object repeats a key and nothing nests past `maxDepth`.
    public static func topLevelKeys(of body: ByteBuffer) throws(Violation) -> [String] {
        var scanner = Scanner(bytes: body.readableBytesView)
        return try scanner.scanDocument()
    }

    private struct Scanner {
        /// Where the scan stands in one open container, for the path of what it finds.
        enum Level {
            /// An object, at `key` (empty before its first key).
            case object(key: String)
            /// An array, at `index`.
            case array(index: Int)
        }

        let bytes: ByteBufferView
        var index: ByteBufferView.Index
        var levels: [Level] = []
        /// The keys seen in each open object, innermost last; kept apart from `levels` so that an
        /// insert mutates the set in place instead of copying it.
        var keysSeen: [Set<String>] = []

        init(bytes: ByteBufferView) {
            self.bytes = bytes
            self.index = bytes.startIndex
        }

        var path: String {
            var path = ""
            for level in levels {
                switch level {
                case .object(let key) where !key.isEmpty: path += (path.isEmpty ? "" : ".") + key
                case .object: break
                case .array(let index): path += "[\(index)]"
                }
            }
            return path
        }

        mutating func scanDocument() throws(Violation) -> [String] {
            var topLevel: [String] = []
            var expectingKey = false
            while index < bytes.endIndex {
                switch bytes[index] {
                case UInt8(ascii: "{"):
                    guard levels.count < StrictJSON.maxDepth else { throw .tooDeep(path: path) }
                    levels.append(.object(key: ""))
                    keysSeen.append([])
                    expectingKey = true
                    index += 1
                case UInt8(ascii: "["):
                    guard levels.count < StrictJSON.maxDepth else { throw .tooDeep(path: path) }
                    levels.append(.array(index: 0))
                    expectingKey = false
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard let closed = levels.popLast() else { return topLevel }
                    if case .object = closed { keysSeen.removeLast() }
                    expectingKey = false
                    index += 1
                case UInt8(ascii: ","):
                    switch levels.last {
                    case .object?: expectingKey = true
                    case .array(let position)?: levels[levels.count - 1] = .array(index: position + 1)
                    case nil: break
                    }
                    index += 1
                case UInt8(ascii: "\""):
                    let string: String
                    switch scanString() {
                    case .string(let value): string = value
                    case .unterminated: return topLevel  // the body ends inside it: the decoder reports malformed JSON
                    case .invalid: throw .invalidString(path: path)
                    }
                    if expectingKey, case .object? = levels.last {
                        levels[levels.count - 1] = .object(key: string)
                        guard keysSeen[keysSeen.count - 1].insert(string).inserted else { throw .duplicateKey(path: path) }
                        if levels.count == 1 { topLevel.append(string) }
                        expectingKey = false
                    }
                default:
                    index += 1
                }
            }
            return topLevel
        }

        enum ScannedString {
            case string(String)
            case unterminated
            case invalid
        }

        /// The decoded string starting at the opening quote.
        mutating func scanString() -> ScannedString {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() -> Bool {
                guard !raw.isEmpty else { return true }
                guard let text = String(validating: raw, as: UTF8.self) else { return false }
                scalars.append(contentsOf: text.unicodeScalars)
                raw.removeAll(keepingCapacity: true)
                return true
            }
            while index < bytes.endIndex {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    guard flush() else { return .invalid }
                    return .string(String(scalars))
                case UInt8(ascii: "\\"):
                    guard flush() else { return .invalid }
                    guard index < bytes.endIndex else { return .unterminated }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(Unicode.Scalar(escape))
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard var unit = hex4() else { return .invalid }
                        if (0xD800..<0xDC00).contains(unit) {
                            guard index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                                return .invalid
                            }
                            index += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return .invalid }
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(unit) else { return .invalid }
                        scalars.append(scalar)
                    default:
                        return .invalid
                    }
                default:
                    raw.append(byte)
                }
            }
            return .unterminated
        }

        mutating func hex4() -> UInt32? {
            guard bytes.distance(from: index, to: bytes.endIndex) >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                index += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
    }
}
