public import Foundation
public import Hummingbird
public import Logging
public import PathwiseProtocol
public import PostgresNIO
import NIOConcurrencyHelpers

/// The transaction a received event is applied in: its receipt commits with its effect, so a
/// redelivery has no second effect. Postgres stores write on `connection`; in-memory stores have none.
public struct UnitOfWork: Sendable {
    let openConnection: PostgresConnection?
    public let logger: Logger

    /// A unit of work on an open Postgres transaction.
    public init(connection: PostgresConnection, logger: Logger) {
        self.openConnection = connection
        self.logger = logger
    }

    /// A unit of work with no database behind it, for in-memory stores.
    public static func inMemory(logger: Logger) -> UnitOfWork {
        UnitOfWork(openConnection: nil, logger: logger)
    }

    private init(openConnection: PostgresConnection?, logger: Logger) {
        self.openConnection = openConnection
        self.logger = logger
    }

    /// The open transaction; a Postgres store handed an in-memory unit of work is a wiring mistake.
    public func connection() throws -> PostgresConnection {
        guard let openConnection else { throw UnitOfWorkMismatch() }
        return openConnection
    }

    struct UnitOfWorkMismatch: Error, CustomStringConvertible {
        var description: String { "a Postgres store was given an in-memory unit of work" }
    }
}

/// Where the inbox records which events it has applied.
public protocol InboxReceipts: Sendable {
    /// Runs `effect` and records `envelope` as applied, together; returns false, without running it,
    /// when the event was applied before.
    func applyOnce(_ envelope: EventEnvelope, logger: Logger, _ effect: @Sendable (UnitOfWork) async throws -> Void) async throws -> Bool
}

/// Receipts in the service's `inbox_events` table, written in the effect's transaction.
public struct PostgresInboxReceipts: InboxReceipts {
    let client: PostgresClient

    public init(client: PostgresClient) {
        self.client = client
    }

    public func applyOnce(_ envelope: EventEnvelope, logger: Logger, _ effect: @Sendable (UnitOfWork) async throws -> Void) async throws -> Bool {
        try await client.inTransaction(logger: logger) { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO inbox_events (event_id, type, producer) VALUES (\(envelope.id), \(envelope.type), \(envelope.producer))
                ON CONFLICT (event_id) DO NOTHING RETURNING event_id
                """,
                logger: logger
            ).collect()
            guard !inserted.isEmpty else { return false }
            try await effect(UnitOfWork(connection: connection, logger: logger))
            return true
        }
    }
}

/// The receiving side of events: typed handlers by event type (`on(UserDeleted.self) { event, work in … }`),
/// each event applied once. Any Pathwise service may post a batch, but an event with a handler here
/// is taken only from its type's producer; events of a type with no handler (yet) are recorded and skipped.
public struct Inbox: Sendable {
    struct Handler: Sendable {
        var producer: ServiceName
        var apply: @Sendable (EventEnvelope, UnitOfWork) async throws -> Void
    }

    /// The table the inbox needs; every consuming service lists this among its migrations.
    public static let migrationStatements = [
        """
        CREATE TABLE inbox_events (
            event_id uuid PRIMARY KEY,
            type text NOT NULL,
            producer text NOT NULL,
            received_at timestamptz NOT NULL DEFAULT now()
        )
        """
    ]

    let receipts: any InboxReceipts
    private(set) var handlers: [String: Handler] = [:]

    public init(receipts: any InboxReceipts) {
        self.receipts = receipts
    }

    /// Applies `handler` to each event of type `Event`, inside the unit of work that records its receipt.
    public func on<Event: DomainEvent>(_ type: Event.Type, _ handler: @escaping @Sendable (Event, UnitOfWork) async throws -> Void) -> Inbox {
        var inbox = self
        inbox.handlers[Event.type] = Handler(producer: Event.producer) { envelope, work in
            try await handler(try envelope.decode(Event.self), work)
        }
        return inbox
    }

    /// Applies each event once; 403, applying nothing, when `sender` is not the producer of a handled event in the batch.
    public func receive(_ batch: EventBatch, from sender: ServiceName, logger: Logger) async throws -> EventBatchReceipt {
        for event in batch.events {
            if let handler = handlers[event.type], handler.producer != sender || event.producer != sender.rawValue {
                logger.warning("inbox.event.refused", metadata: ["event_id": .id(event.id), "type": "\(event.type)", "sender": "\(sender.rawValue)"])
                throw ProblemError.forbidden("\(event.type) events are accepted from \(handler.producer.rawValue) only.")
            }
        }
        var receipt = EventBatchReceipt(applied: 0, duplicates: 0)
        for event in batch.events {
            let handler = handlers[event.type]
            let applied = try await receipts.applyOnce(event, logger: logger) { work in
                try await handler?.apply(event, work)
            }
            if applied { receipt.applied += 1 } else { receipt.duplicates += 1 }
            logger.debug("inbox.event.received", metadata: ["event_id": .id(event.id), "type": "\(event.type)", "applied": "\(applied)"])
        }
        return receipt
    }

    /// `POST /internal/events`, open to the Pathwise services (never the gateway).
    public func addRoutes(to router: Router<ServiceRequestContext>) {
        router.group(RouterPath(InternalPath.events))
            .add(middleware: RequirePeerMiddleware(Set(ServiceName.allCases)))
            .post { request, context in
                guard case .service(let sender)? = context.peer else { throw ProblemError.forbidden("Events come from Pathwise services only.") }
                let batch = try await request.decodeJSON(as: EventBatch.self, context: context)
                return try await receive(batch, from: sender, logger: context.logger)
            }
    }
}

extension Inbox {
    /// Erases the person's rows with `erasure` when `user.deleted` arrives, and calls `forget` with their id.
    public func erasing(with erasure: UserErasure, andForget forget: (@Sendable (UUID) -> Void)? = nil) -> Inbox {
        on(UserDeleted.self) { event, work in
            try await erasure.erase(event, in: work)
            // What the process keeps in memory of the person goes too (a short-lived cache).
            forget?(event.userID)
        }
    }
}

/// Erases a person's rows from the listed tables when `user.deleted` arrives.
public struct UserErasure: Sendable {
    /// Tables with a `user_id` column, in the order to delete from (children before parents).
    public let tables: [String]

    public init(tables: [String]) {
        self.tables = tables
    }

    /// Deletes the person's rows from every listed table, in the unit of work's transaction; idempotent.
    public func erase(_ event: UserDeleted, in work: UnitOfWork) async throws {
        let connection = try work.connection()
        for table in tables {
            var bindings = PostgresBindings()
            bindings.append(event.userID)
            // Table names come from this service's own code, never from input.
            try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE user_id = $1", binds: bindings), logger: work.logger)
        }
        work.logger.info("user.erased", metadata: ["user_id": .id(event.userID), "tables": "\(tables.count)"])
    }
}

/// Receipts held in memory, for router tests and in-memory runs.
public final class MemoryInboxReceipts: InboxReceipts {
    private let applied = NIOLockedValueBox(Set<UUID>())

    public init() {}

    public func applyOnce(_ envelope: EventEnvelope, logger: Logger, _ effect: @Sendable (UnitOfWork) async throws -> Void) async throws -> Bool {
        guard applied.withLockedValue({ $0.insert(envelope.id).inserted }) else { return false }
        do {
            try await effect(.inMemory(logger: logger))
        } catch {
            _ = applied.withLockedValue { $0.remove(envelope.id) }
            throw error
        }
        return true
    }
}
