public import Foundation

/// A UUID that goes on the wire in lower case, as the access token's `sub` does (Foundation prints
/// upper case), so a client can compare ids as strings. Read in either case.
@propertyWrapper
public struct LowercaseUUID: Codable, Sendable, Hashable {
    public var wrappedValue: UUID

    public init(wrappedValue: UUID) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID")
        }
        wrappedValue = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.uuidString.lowercased())
    }
}

/// `LowercaseUUID` for an id that may be absent: `null` when there is none.
@propertyWrapper
public struct LowercaseOptionalUUID: Codable, Sendable, Hashable {
    public var wrappedValue: UUID?

    public init(wrappedValue: UUID?) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            wrappedValue = nil
        } else {
            wrappedValue = try LowercaseUUID(from: decoder).wrappedValue
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue.uuidString.lowercased())
        } else {
            try container.encodeNil()
        }
    }
}

extension KeyedDecodingContainer {
    /// An absent optional id reads as `nil`, as a plain `UUID?` would.
    public func decode(_ type: LowercaseOptionalUUID.Type, forKey key: Key) throws -> LowercaseOptionalUUID {
        try decodeIfPresent(type, forKey: key) ?? LowercaseOptionalUUID(wrappedValue: nil)
    }
}
