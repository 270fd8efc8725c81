public import Hummingbird
public import PathwiseProtocol

/// What a request says about one optional field: nothing, clear it, or set it.
public enum FieldChange<Value: Sendable & Equatable>: Sendable, Equatable {
    case unchanged
    case clear
    case set(Value)

    /// The same change with the value transformed.
    public func map<T: Sendable & Equatable>(_ transform: (Value) -> T) -> FieldChange<T> {
        switch self {
        case .unchanged: .unchanged
        case .clear: .clear
        case .set(let value): .set(transform(value))
        }
    }

    /// The value when set; `nil` when unchanged or cleared.
    public var value: Value? {
        if case .set(let value) = self { return value }
        return nil
    }
}

/// The one way a service reads a JSON request body: field by field, by the `CodingKeys` of the body's
/// type in PathwiseProtocol (the single source of each field name), collecting every problem instead
/// of stopping at the first, so that one 400 names each unknown, missing or bad field.
public struct FieldReader<Key: CodingKey & CaseIterable>: Sendable {
    let object: [String: JSONValue]
    /// Prepended to field names in errors (`answers.` for a nested object).
    let prefix: String
    /// The problems found so far.
    public private(set) var errors: [ProblemDetails.FieldError] = []

    /// A reader of `object`; every key that is not a `Key` is refused at once, `readOnly` ones saying so.
    public init(_ object: [String: JSONValue], prefix: String = "", readOnly: Set<String> = []) {
        self.object = object
        self.prefix = prefix
        let allowed = Key.allCases.map(\.stringValue)
        let allowedSet = Set(allowed)
        let extra = object.keys.filter { !allowedSet.contains($0) }.sorted()
        for key in extra where readOnly.contains(key) { errors.append(.init(field: prefix + key, message: "is read-only")) }
        errors += ProblemDetails.FieldError.unknownFields(extra.filter { !readOnly.contains($0) }.map { prefix + $0 }, allowed: allowed)
    }

    /// Whether the body has `key` with a value other than `null`.
    public func has(_ key: Key) -> Bool {
        object[key.stringValue].map { $0 != .null } ?? false
    }

    /// Whether the body has no fields at all.
    public var isEmpty: Bool { object.isEmpty }

    /// Records a problem with `key`.
    public mutating func fail(_ key: Key, _ message: String) {
        fail(field: key.stringValue, message)
    }

    /// Records a problem with a field by name (an element such as `learning_goals[2]`, or the body itself).
    public mutating func fail(field: String, _ message: String) {
        errors.append(.init(field: prefix + field, message: message))
    }

    /// A text field under an input-text policy: trimmed, NFC, within the policy's length, control
    /// characters refused. `null` clears it; an empty string is refused.
    public mutating func text(_ key: Key, _ policy: InputText) -> FieldChange<String> {
        guard let value = object[key.stringValue] else { return .unchanged }
        switch value {
        case .null:
            return .clear
        case .string(let raw):
            do {
                return .set(try policy.accept(raw))
            } catch {
                fail(key, error.reason == .empty ? "must not be empty (send null to clear it)" : error.message)
                return .unchanged
            }
        default:
            fail(key, "must be a string, not \(value.kindDescription)")
            return .unchanged
        }
    }

    /// A required string taken as sent (a password, a token): only its presence and type are checked.
    public mutating func string(_ key: Key) -> String? {
        switch object[key.stringValue] {
        case .string(let value)?: return value
        case nil: fail(key, "is required")
        case .null?: fail(key, "must not be null")
        case let value?: fail(key, "must be a string, not \(value.kindDescription)")
        }
        return nil
    }

    /// An optional string taken as sent; absent and `null` are both `nil`.
    public mutating func optionalString(_ key: Key) -> String? {
        switch object[key.stringValue] {
        case .string(let value)?: return value
        case nil, .null?: return nil
        case let value?: fail(key, "must be a string, not \(value.kindDescription)")
        }
        return nil
    }

    /// A required list of `count` texts, each under `policy`; a bad element is named by its index.
    public mutating func texts(_ key: Key, _ policy: InputText, count: ClosedRange<Int>) -> [String]? {
        guard case .array(let items)? = object[key.stringValue] else {
            fail(key, object[key.stringValue] == nil ? "is required" : "must be a list of strings")
            return nil
        }
        guard count.contains(items.count) else {
            fail(key, "must hold from \(count.lowerBound) to \(count.upperBound) items (it holds \(items.count))")
            return nil
        }
        var texts: [String] = []
        var failed = false
        for (index, item) in items.enumerated() {
            guard case .string(let raw) = item else {
                fail(field: "\(key.stringValue)[\(index)]", "must be a string, not \(item.kindDescription)")
                failed = true
                continue
            }
            do {
                texts.append(try policy.accept(raw))
            } catch {
                fail(field: "\(key.stringValue)[\(index)]", error.message)
                failed = true
            }
        }
        return failed ? nil : texts
    }

    /// One of an enumeration's raw values. `null` clears it.
    public mutating func choice<E: RawRepresentable & CaseIterable & Sendable & Equatable>(_ key: Key, as type: E.Type) -> FieldChange<E>
    where E.RawValue == String {
        guard let value = object[key.stringValue] else { return .unchanged }
        if value == .null { return .clear }
        if case .string(let raw) = value, let choice = E(rawValue: raw) { return .set(choice) }
        fail(key, "must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        return .unchanged
    }

    /// A required value, named as missing when absent or `null`.
    public mutating func required<Value>(_ key: Key, _ change: FieldChange<Value>) -> Value? {
        switch change {
        case .set(let value): return value
        case .clear: fail(key, "must not be null")
        case .unchanged: if object[key.stringValue] == nil { fail(key, "is required") }
        }
        return nil
    }

    /// A list of distinct enumeration values, at least one.
    public mutating func choices<E: RawRepresentable & CaseIterable & Sendable & Equatable>(_ key: Key, as type: E.Type) -> [E]?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard let value = object[key.stringValue], value != .null else {
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
                fail(field: "\(key.stringValue)[\(index)]", "must be one of: \(allowed)")
                return nil
            }
            if result.contains(choice) {
                fail(field: "\(key.stringValue)[\(index)]", "repeats \(raw)")
                return nil
            }
            result.append(choice)
        }
        return result
    }

    /// A required whole number within `range`.
    public mutating func integer(_ key: Key, in range: ClosedRange<Int>) -> Int? {
        guard let value = object[key.stringValue], value != .null else {
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

    /// A required nested object, read by its own keys; its errors join this reader's, prefixed `key.`.
    public mutating func object<Nested: CodingKey & CaseIterable, Value>(
        _ key: Key, keys: Nested.Type, readOnly: Set<String> = [], _ read: (inout FieldReader<Nested>) -> Value?
    ) -> Value? {
        guard case .object(let nested)? = object[key.stringValue] else {
            fail(key, object[key.stringValue] == nil ? "is required" : "must be an object")
            return nil
        }
        var reader = FieldReader<Nested>(nested, prefix: prefix + key.stringValue + ".", readOnly: readOnly)
        let value = read(&reader)
        errors += reader.errors
        return value
    }

    /// The value read, or a 400 naming every problem found.
    public func finish<Value>(_ value: Value?) throws -> Value {
        guard errors.isEmpty, let value else { throw ProblemError.invalid(errors) }
        return value
    }
}

extension ProblemDetails.FieldError {
    /// A problem with the field a request type's coding key names.
    public init(_ key: some CodingKey, _ message: String) {
        self.init(field: key.stringValue, message: message)
    }
}

extension Request {
    /// Reads a JSON object body of type `Body` field by field (media type, size and duplicate keys
    /// checked first); `read` builds the value, and a 400 names every problem it and the reader found.
    public func readFields<Body: JSONRequest, Value>(
        _ body: Body.Type, context: ServiceRequestContext, readOnly: Set<String> = [], _ read: (inout FieldReader<Body.CodingKeys>) -> Value?
    ) async throws -> Value {
        var reader = FieldReader<Body.CodingKeys>(try await decodeJSONObject(context: context), readOnly: readOnly)
        let value = read(&reader)
        return try reader.finish(value)
    }
}
