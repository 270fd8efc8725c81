import Foundation
import PathwiseProtocol
import ServiceKit

/// What a request says about one optional field: nothing, clear it, or set it.
enum FieldChange<Value: Sendable & Equatable>: Sendable, Equatable {
    case unchanged
    case clear
    case set(Value)

    /// The same change with the value transformed.
    func map<T: Sendable & Equatable>(_ transform: (Value) -> T) -> FieldChange<T> {
        switch self {
        case .unchanged: .unchanged
        case .clear: .clear
        case .set(let value): .set(transform(value))
        }
    }
}

/// Reads the fields of a JSON object one by one, collecting every problem instead of stopping at the
/// first, so a single 400 names each bad field.
struct FieldReader {
    let object: [String: JSONValue]
    /// Prepended to field names in errors (`answers.` for nested objects).
    let prefix: String
    private(set) var errors: [ProblemDetails.FieldError] = []

    init(_ object: [String: JSONValue], prefix: String = "") {
        self.object = object
        self.prefix = prefix
    }

    /// Records a problem with `field`.
    mutating func fail(_ field: String, _ message: String) {
        errors.append(.init(field: prefix + field, message: message))
    }

    /// Fails every key that is not `allowed`; `readOnly` keys get a message saying so.
    mutating func refuseUnknown(allowed: [String], readOnly: Set<String> = []) {
        let allowedSet = Set(allowed)
        let extra = object.keys.filter { !allowedSet.contains($0) }.sorted()
        for key in extra where readOnly.contains(key) { fail(key, "is read-only") }
        errors += ProblemDetails.FieldError.unknownFields(extra.filter { !readOnly.contains($0) }.map { prefix + $0 }, allowed: allowed)
    }

    /// A text field under the input-text policy (`InputText`): trimmed, NFC, within `length` Unicode
    /// scalars, control characters refused (newlines and tabs only where `multiline`). `null` clears
    /// it; an empty string is refused.
    mutating func text(_ key: String, length: ClosedRange<Int>, multiline: Bool = false) -> FieldChange<String> {
        guard let value = object[key] else { return .unchanged }
        switch value {
        case .null:
            return .clear
        case .string(let raw):
            do {
                return .set(try InputText(scalars: max(1, length.lowerBound)...length.upperBound, multiline: multiline).accept(raw))
            } catch {
                fail(key, error.reason == .empty ? "must not be empty (send null to clear it)" : error.message)
                return .unchanged
            }
        default:
            fail(key, "must be a string, not \(value.kindDescription)")
            return .unchanged
        }
    }

    /// One of an enumeration's raw values. `null` clears it.
    mutating func choice<E: RawRepresentable & CaseIterable & Sendable & Equatable>(_ key: String, as type: E.Type) -> FieldChange<E>
    where E.RawValue == String {
        guard let value = object[key] else { return .unchanged }
        switch value {
        case .null:
            return .clear
        case .string(let raw):
            if let choice = E(rawValue: raw) { return .set(choice) }
            fail(key, "must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return .unchanged
        default:
            fail(key, "must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return .unchanged
        }
    }

    /// A required value, named as missing when absent or `null`.
    mutating func required<Value>(_ key: String, _ change: FieldChange<Value>) -> Value? {
        switch change {
        case .set(let value): return value
        case .clear: fail(key, "must not be null")
        case .unchanged: if object[key] == nil { fail(key, "is required") }
        }
        return nil
    }

    /// A list of distinct enumeration values, at least one.
    mutating func choices<E: RawRepresentable & CaseIterable & Sendable & Equatable>(_ key: String, as type: E.Type) -> [E]?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard let value = object[key], value != .null else {
            fail(key, "is required")
            return nil
        }
        guard case .array(let items) = value else {
            fail(key, "must be a list of one or more of: \(allowed)")
            return nil
        }
        if items.isEmpty {
            fail(key, "must name at least one of: \(allowed)")
            return nil
        }
        var result: [E] = []
        for (index, item) in items.enumerated() {
            guard case .string(let raw) = item, let choice = E(rawValue: raw) else {
                fail("\(key)[\(index)]", "must be one of: \(allowed)")
                return nil
            }
            if result.contains(choice) {
                fail("\(key)[\(index)]", "repeats \(raw)")
                return nil
            }
            result.append(choice)
        }
        return result
    }

    /// A required whole number within `range`.
    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = object[key], value != .null else {
            fail(key, "is required")
            return nil
        }
        guard case .number(let number) = value, number.rounded() == number, Double(range.lowerBound)...Double(range.upperBound) ~= number
        else {
            fail(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(number)
    }
}

