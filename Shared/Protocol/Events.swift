public import Foundation

/// An event one service publishes and others receive through the outbox. Adding an event is one new
/// conforming type, plus a handler in each subscriber (`Inbox.on(_:_:)`); see docs/runtime.md, "Adding an event".
public protocol DomainEvent: Codable, Sendable, Equatable {
    /// The name on the wire, `user.deleted`.
    static var type: String { get }
    /// The service that publishes it.
    static var producer: ServiceName { get }
    /// The services that receive it.
    static var subscribers: [ServiceName] { get }
}

/// `user.registered`: a person signed up.
public struct UserRegistered: DomainEvent {
    public static let type = "user.registered"
    public static let producer = ServiceName.identity
    public static let subscribers: [ServiceName] = [.profile]

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
public struct UserDeleted: DomainEvent {
    public static let type = "user.deleted"
    public static let producer = ServiceName.identity
    /// Every service that keeps anything about a person (the erasure guard test holds each to it).
    public static let subscribers: [ServiceName] = [.profile, .content, .pathing, .coaching, .analytics]

    @LowercaseUUID public var userID: UUID

    public init(userID: UUID) {
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
    }
}

/// `session.completed`: a person finished a practice session.
public struct SessionCompleted: DomainEvent {
    public static let type = "session.completed"
    public static let producer = ServiceName.coaching
    public static let subscribers: [ServiceName] = [.identity, .analytics]

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
public enum PreparationType: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case interview, corporate, pitch, sales, presentation, other
}

/// `profile.job_target_changed`: a person set, replaced or cleared their job target.
public struct JobTargetChanged: DomainEvent {
    public static let type = "profile.job_target_changed"
    public static let producer = ServiceName.profile
    public static let subscribers: [ServiceName] = [.pathing, .content]

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

/// One event on the wire: `{"id","type","producer","occurred_at","data"}`. The payload stays JSON until
/// a handler for its type asks for it (`decode(_:)`); a type this build does not know is acknowledged and skipped.
public struct EventEnvelope: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var type: String
    public var producer: String
    public var occurredAt: Date
    public var data: JSONValue

    /// Wraps `event` under a new id.
    public init<Event: DomainEvent>(_ event: Event, id: UUID = UUID(), occurredAt: Date = Date()) throws {
        self.id = id
        self.type = Event.type
        self.producer = Event.producer.rawValue
        self.occurredAt = occurredAt
        self.data = try JSONCoding.decoder.decode(JSONValue.self, from: JSONCoding.encoder.encode(event))
    }

    /// The payload as `Event`; throws when the data does not fit it.
    public func decode<Event: DomainEvent>(_ type: Event.Type) throws -> Event {
        try JSONCoding.decoder.decode(Event.self, from: JSONCoding.encoder.encode(data))
    }

    enum CodingKeys: String, CodingKey {
        case id, type, producer, data
        case occurredAt = "occurred_at"
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
