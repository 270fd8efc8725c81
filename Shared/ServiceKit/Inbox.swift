public import Foundation
public import Hummingbird
public import Logging
public import PathwiseProtocol
public import PostgresNIO

/// Applies one received event inside the inbox's transaction.
public typealias EventHandler = @Sendable (EventPayload, PostgresConnection, Logger) async throws -> Void

/// The receiving side of events: each event id is recorded in the same transaction as its effect,
/// so a redelivery is acknowledged with no second effect.
public struct Inbox: Sendable {
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

    let client: PostgresClient
    let service: ServiceName
    let handlers: [EventType: EventHandler]

    public init(client: PostgresClient, service: ServiceName, handlers: [EventType: EventHandler]) {
        self.client = client
        self.service = service
        self.handlers = handlers
    }

    /// Applies each event once; events of a type this service does not handle are recorded and skipped.
    public func receive(_ batch: EventBatch, logger: Logger) async throws -> EventBatchReceipt {
        var receipt = EventBatchReceipt(applied: 0, duplicates: 0)
        for event in batch.events {
            let applied = try await client.inTransaction(logger: logger) { connection in
                let inserted = try await connection.query(
                    """
                    INSERT INTO inbox_events (event_id, type, producer) VALUES (\(event.id), \(event.type), \(event.producer))
                    ON CONFLICT (event_id) DO NOTHING RETURNING event_id
                    """,
                    logger: logger
                ).collect()
                guard !inserted.isEmpty else { return false }
                if let payload = event.payload, let handler = handlers[payload.type] {
                    try await handler(payload, connection, logger)
                }
                return true
            }
            if applied { receipt.applied += 1 } else { receipt.duplicates += 1 }
            logger.debug("inbox.event.received", metadata: ["event_id": .id(event.id), "type": "\(event.type)", "applied": "\(applied)"])
        }
        return receipt
    }

    /// `POST /internal/events`, open to the services that produce events this service subscribes to.
    public func addRoutes(to router: Router<ServiceRequestContext>) {
        let producers = Set(EventType.allCases.filter { $0.subscribers.contains(service) }.map(\.producer))
        router.group(RouterPath(InternalPath.events))
            .add(middleware: RequirePeerMiddleware(producers))
            .post { request, context in
                let batch = try await request.decodeJSON(as: EventBatch.self, context: context)
                return try Response.json(try await receive(batch, logger: context.logger))
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

    /// The `user.deleted` handler: idempotent, since deleting what is gone changes nothing.
    public var handler: EventHandler {
        { payload, connection, logger in
            guard case .userDeleted(let event) = payload else { return }
            try await erase(event.userID, on: connection, logger: logger)
        }
    }

    /// Deletes the person's rows from every listed table, in the caller's transaction.
    public func erase(_ user: UUID, on connection: PostgresConnection, logger: Logger) async throws {
        for table in tables {
            var bindings = PostgresBindings()
            bindings.append(user)
            // Table names come from this service's own code, never from input.
            try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE user_id = $1", binds: bindings), logger: logger)
        }
        logger.info("user.erased", metadata: ["user_id": .id(user), "tables": "\(tables.count)"])
    }
}
