import Foundation
public import Logging
public import NIOCore
public import PathwiseProtocol
public import PostgresNIO
public import ServiceLifecycle

/// Events written in the same transaction as the change they announce, delivered later by `OutboxRelay`.
public struct Outbox: Sendable {
    /// The tables the outbox needs; a producing service lists this among its migrations.
    public static let migrationStatements = [
        """
        CREATE TABLE outbox_events (
            id uuid PRIMARY KEY,
            type text NOT NULL,
            producer text NOT NULL,
            occurred_at timestamptz NOT NULL,
            payload jsonb NOT NULL
        )
        """,
        """
        CREATE TABLE outbox_deliveries (
            event_id uuid NOT NULL REFERENCES outbox_events (id) ON DELETE CASCADE,
            subscriber text NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL DEFAULT now(),
            delivered_at timestamptz,
            last_error text,
            PRIMARY KEY (event_id, subscriber)
        )
        """,
        "CREATE INDEX outbox_deliveries_due ON outbox_deliveries (subscriber, next_attempt_at) WHERE delivered_at IS NULL",
    ]

    /// Rung by `committed()`: the relay's pause ends at once.
    let wakeUp: WakeUpSignal

    public init() {
        self.wakeUp = WakeUpSignal()
    }

    /// Records `payload` for every subscriber of its type, inside the caller's transaction.
    public func enqueue(_ payload: EventPayload, on connection: PostgresConnection, logger: Logger) async throws {
        let event = EventEnvelope(payload: payload)
        let data = String(decoding: try payload.encodedData(with: JSONCoding.encoder), as: UTF8.self)
        let subscribers = payload.type.subscribers.map(\.rawValue)
        try await connection.query(
            """
            WITH event AS (
                INSERT INTO outbox_events (id, type, producer, occurred_at, payload)
                VALUES (\(event.id), \(event.type), \(event.producer), \(event.occurredAt), \(data)::jsonb)
                RETURNING id
            )
            INSERT INTO outbox_deliveries (event_id, subscriber) SELECT event.id, unnest(\(subscribers)::text[]) FROM event
            """,
            logger: logger
        )
    }

    /// Tells the relay that something was committed, so it need not wait for its next poll.
    public func committed() {
        wakeUp.ring()
    }
}

/// Where the relay sends a batch: `POST /internal/events` on the subscriber.
public protocol EventDelivery: Sendable {
    func deliver(_ body: ByteBuffer, to subscriber: ServiceName) async throws
}

extension InternalClient: EventDelivery {
    public func deliver(_ body: ByteBuffer, to subscriber: ServiceName) async throws {
        _ = try await post(InternalPath.events, to: subscriber, json: body)
    }
}

/// Delivers committed outbox events to their subscribers in batches, at least once, in order per
/// subscriber; rows are claimed with `FOR UPDATE SKIP LOCKED` so replicas share the work, and a failed
/// batch is retried with exponential backoff (0.5 s doubling, at most 5 minutes).
public struct OutboxRelay: Service {
    let client: PostgresClient
    let outbox: Outbox
    let delivery: any EventDelivery
    let subscribers: [ServiceName]
    let pollInterval: Duration
    let batchSize: Int
    /// False until the outbox tables exist (the migrations run beside the relay at start).
    let isReady: @Sendable () -> Bool
    let logger: Logger

    public init(
        client: PostgresClient, outbox: Outbox, delivery: any EventDelivery, subscribers: [ServiceName],
        pollInterval: Duration = .seconds(1), batchSize: Int = 50, isReady: @escaping @Sendable () -> Bool = { true }, logger: Logger
    ) {
        self.isReady = isReady
        self.client = client
        self.outbox = outbox
        self.delivery = delivery
        self.subscribers = subscribers
        self.pollInterval = pollInterval
        self.batchSize = batchSize
        self.logger = logger
    }

    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await deliveries.run() }
            group.addTask { try await cleanup.run() }
        }
    }

    /// Batches to every subscriber; at once again while there is more, else after `pollInterval` or
    /// when a commit rings.
    var deliveries: PeriodicTask {
        PeriodicTask("outbox.relay", every: pollInterval, retryAfter: .milliseconds(100), wakeUp: outbox.wakeUp, logger: logger) {
            // The tables come from the migrations, which run beside the relay at start.
            guard isReady() else { return .retrySoon }
            var delivered = 0
            for subscriber in subscribers {
                do {
                    delivered += try await deliverBatch(to: subscriber)
                } catch where !Task.isCancelled {
                    logger.warning("outbox.batch.failed", metadata: ["subscriber": "\(subscriber.rawValue)", "error": "\(String(reflecting: error))"])
                } catch {
                    // Shutting down: the batch stays claimed by nobody and is retried by the next relay.
                }
            }
            return delivered > 0 ? .runAgain : .pause
        }
    }

    /// Hourly: events older than a week that every subscriber has.
    var cleanup: PeriodicTask {
        PeriodicTask("outbox.cleanup", every: .seconds(3600), firstAfter: .seconds(3600), logger: logger) {
            try await client.query(
                """
                DELETE FROM outbox_events e WHERE e.occurred_at < now() - interval '7 days'
                AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = e.id AND d.delivered_at IS NULL)
                """,
                logger: logger
            )
        }
    }

    /// Claims, sends and settles one batch for `subscriber`; returns how many events it delivered.
    public func deliverBatch(to subscriber: ServiceName) async throws -> Int {
        try await client.inTransaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT e.id, e.type, e.producer, e.occurred_at, e.payload::text
                FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
                WHERE d.subscriber = \(subscriber.rawValue) AND d.delivered_at IS NULL AND d.next_attempt_at <= clock_timestamp()
                ORDER BY e.occurred_at, e.id
                LIMIT \(batchSize)
                FOR UPDATE OF d SKIP LOCKED
                """,
                logger: logger
            )
            var ids: [UUID] = []
            var body = ByteBuffer(string: "{\"events\":[")
            for try await (id, type, producer, occurredAt, payload) in rows.decode((UUID, String, String, Date, String).self) {
                if !ids.isEmpty { body.writeString(",") }
                ids.append(id)
                // The payload is stored as JSON already; the envelope is assembled around it, not re-encoded.
                body.writeString("{\"id\":\"\(id.uuidString.lowercased())\",\"type\":")
                body.writeString(Self.quoted(type))
                body.writeString(",\"producer\":")
                body.writeString(Self.quoted(producer))
                body.writeString(",\"occurred_at\":\"\(occurredAt.formatted(Date.ISO8601FormatStyle()))\",\"data\":")
                body.writeString(payload)
                body.writeString("}")
            }
            guard !ids.isEmpty else { return 0 }
            body.writeString("]}")
            do {
                try await delivery.deliver(body, to: subscriber)
            } catch {
                try await connection.query(
                    """
                    UPDATE outbox_deliveries
                    SET attempts = attempts + 1,
                        next_attempt_at = clock_timestamp() + make_interval(secs => least(300, 0.5 * power(2, attempts))),
                        last_error = \(String(describing: error).prefix(500).description)
                    WHERE subscriber = \(subscriber.rawValue) AND event_id = ANY(\(ids))
                    """,
                    logger: logger
                )
                logger.info("outbox.delivery.retry", metadata: ["subscriber": "\(subscriber.rawValue)", "events": "\(ids.count)", "error": "\(String(reflecting: error))"])
                return 0
            }
            // Once every subscriber has an event, its payload (which may hold a person's email or name)
            // is redacted: the row keeps only the id, type and times (API.md, "Erasure").
            try await connection.query(
                """
                WITH delivered AS (
                    UPDATE outbox_deliveries SET delivered_at = clock_timestamp(), attempts = attempts + 1
                    WHERE subscriber = \(subscriber.rawValue) AND event_id = ANY(\(ids))
                    RETURNING event_id
                )
                UPDATE outbox_events e SET payload = '{}'::jsonb
                WHERE e.id IN (SELECT event_id FROM delivered)
                AND NOT EXISTS (
                    SELECT 1 FROM outbox_deliveries d
                    WHERE d.event_id = e.id AND d.delivered_at IS NULL AND d.subscriber <> \(subscriber.rawValue)
                )
                """,
                logger: logger
            )
            return ids.count
        }
    }

    /// Event types and producers are fixed identifiers, but they are escaped anyway so the body is always valid JSON.
    static func quoted(_ value: String) -> String {
        var out = ""
        JSONLogHandler.appendJSONString(value, to: &out)
        return out
    }
}
