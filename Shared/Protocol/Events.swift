public import Foundation

/// The kinds of event services publish to each other through the outbox.
public enum EventType: String, Codable, Sendable, CaseIterable {
    case userRegistered = "user.registered"
    case userDeleted = "user.deleted"
    case sessionCompleted = "session.completed"
    case jobTargetChanged = "profile.job_target_changed"

    /// The service that publishes this event.
    public var producer: ServiceName {
        switch self {
        case .userRegistered, .userDeleted: .identity
        case .sessionCompleted: .coaching
        case .jobTargetChanged: .profile
        }
    }

    /// The services that receive this event, in the order the relay delivers to them.
    public var subscribers: [ServiceName] {
        switch self {
        case .userRegistered: [.profile]
        case .userDeleted: [.profile, .content, .pathing, .coaching, .analytics]
        case .sessionCompleted: [.identity, .analytics]
        case .jobTargetChanged: [.pathing]
        }
    }
}

/// `user.registered`: a person signed up.
public struct UserRegistered: Codable, Sendable, Equatable {
    @LowercaseUUID public var userID: UUID
    public var email: String
    public var name: String?

    public init(userID: UUID, email: String, name: String?) {
        self.userID = userID
        self.email = email
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case email, name
    }
}

/// `user.deleted`: a person deleted their account; every service erases their data.
public struct UserDeleted: Codable, Sendable, Equatable {
    @LowercaseUUID public var userID: UUID

    public init(userID: UUID) {
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
    }
}

/// `session.completed`: a person finished a practice session.
public struct SessionCompleted: Codable, Sendable, Equatable {
    @LowercaseUUID public var userID: UUID
    @LowercaseUUID public var sessionID: UUID
    public var preparationType: PreparationType
    /// The person's answers in the session.
    public var userTurns: Int
    public var completedAt: Date

    public init(userID: UUID, sessionID: UUID, preparationType: PreparationType, userTurns: Int, completedAt: Date) {
        self.userID = userID
        self.sessionID = sessionID
        self.preparationType = preparationType
        self.userTurns = userTurns
        self.completedAt = completedAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case sessionID = "session_id"
        case preparationType = "preparation_type"
        case userTurns = "user_turns"
        case completedAt = "completed_at"
    }
}

/// What a practice session prepares for.
public enum PreparationType: String, Codable, Sendable, CaseIterable {
    case interview, corporate, pitch, sales, presentation, other
}

/// `profile.job_target_changed`: a person set, replaced or cleared their job target.
public struct JobTargetChanged: Codable, Sendable, Equatable {
    @LowercaseUUID public var userID: UUID
    /// The hash of the normalised target (`JobTarget.target_hash`); `nil` when the target was cleared.
    public var targetHash: String?
    /// The target's `role_type`; `nil` when cleared.
    public var roleType: String?
    public var changedAt: Date

    public init(userID: UUID, targetHash: String?, roleType: String?, changedAt: Date) {
        self.userID = userID
        self.targetHash = targetHash
        self.roleType = roleType
        self.changedAt = changedAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case targetHash = "target_hash"
        case roleType = "role_type"
        case changedAt = "changed_at"
    }
}

/// An event's payload, typed by its `type`.
public enum EventPayload: Sendable, Equatable {
    case userRegistered(UserRegistered)
    case userDeleted(UserDeleted)
    case sessionCompleted(SessionCompleted)
    case jobTargetChanged(JobTargetChanged)

    /// The event type this payload belongs to.
    public var type: EventType {
        switch self {
        case .userRegistered: .userRegistered
        case .userDeleted: .userDeleted
        case .sessionCompleted: .sessionCompleted
        case .jobTargetChanged: .jobTargetChanged
        }
    }

    /// Encodes the payload alone, as the outbox stores it.
    public func encodedData(with encoder: JSONEncoder) throws -> Data {
        switch self {
        case .userRegistered(let value): try encoder.encode(value)
        case .userDeleted(let value): try encoder.encode(value)
        case .sessionCompleted(let value): try encoder.encode(value)
        case .jobTargetChanged(let value): try encoder.encode(value)
        }
    }
}

/// One event on the wire: `{"id","type","producer","occurred_at","data"}`.
public struct EventEnvelope: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var type: String
    public var producer: String
    public var occurredAt: Date
    /// The typed payload; `nil` for an event type this build does not know (it is acknowledged and skipped).
    public var payload: EventPayload?

    public init(id: UUID = UUID(), payload: EventPayload, occurredAt: Date = Date()) {
        self.id = id
        self.type = payload.type.rawValue
        self.producer = payload.type.producer.rawValue
        self.occurredAt = occurredAt
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case id, type, producer
        case occurredAt = "occurred_at"
        case data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(UUID.self, forKey: .id)
        self.type = try container.decode(String.self, forKey: .type)
        self.producer = try container.decode(String.self, forKey: .producer)
        self.occurredAt = try container.decode(Date.self, forKey: .occurredAt)
        switch EventType(rawValue: type) {
        case .userRegistered: self.payload = .userRegistered(try container.decode(UserRegistered.self, forKey: .data))
        case .userDeleted: self.payload = .userDeleted(try container.decode(UserDeleted.self, forKey: .data))
        case .sessionCompleted: self.payload = .sessionCompleted(try container.decode(SessionCompleted.self, forKey: .data))
        case .jobTargetChanged: self.payload = .jobTargetChanged(try container.decode(JobTargetChanged.self, forKey: .data))
        case nil: self.payload = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(_id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(producer, forKey: .producer)
        try container.encode(occurredAt, forKey: .occurredAt)
        switch payload {
        case .userRegistered(let value): try container.encode(value, forKey: .data)
        case .userDeleted(let value): try container.encode(value, forKey: .data)
        case .sessionCompleted(let value): try container.encode(value, forKey: .data)
        case .jobTargetChanged(let value): try container.encode(value, forKey: .data)
        case nil: break
        }
    }
}

/// `POST /internal/events`: a batch the relay delivers.
public struct EventBatch: Codable, Sendable, JSONRequest {
    public var events: [EventEnvelope]

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case events
    }

    public init(events: [EventEnvelope]) {
        self.events = events
    }
}

/// The receiver's answer to a batch.
public struct EventBatchReceipt: Codable, Sendable, Equatable {
    /// Events applied now.
    public var applied: Int
    /// Events seen before (redeliveries), acknowledged with no second effect.
    public var duplicates: Int

    public init(applied: Int, duplicates: Int) {
        self.applied = applied
        self.duplicates = duplicates
    }
}
