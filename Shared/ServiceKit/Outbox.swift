public import Foundation
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

    /// Rung after a transaction that wrote events commits: the relay's pause ends at once.
    let wakeUp: WakeUpSignal

    public init() {
        self.wakeUp = WakeUpSignal()
    }

    /// Runs `body` in one transaction on `client`; the events it emits are written in that same
    /// transaction (so they exist if and only if the change they announce does), and the relay is woken
    /// once it has committed.
    public func transaction<Result: Sendable>(
        on client: PostgresClient, logger: Logger,
        _ body: (_ connection: PostgresConnection, _ events: inout EventsToPublish) async throws -> Result
    ) async throws -> Result {
        var published = false
        let result = try await client.inTransaction(logger: logger) { connection in
            var events = EventsToPublish()
            let result = try await body(connection, &events)
            for event in events.pending {
                try await Self.insert(event, on: connection, logger: logger)
            }
            published = !events.pending.isEmpty
            return result
        }
        if published { wakeUp.ring() }
        return result
    }

    /// Records one event for every subscriber of its type.
    private static func insert(_ event: EventsToPublish.Pending, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute(OutboxInsert(id: UUID(), event: event), logger: logger)
    }
}

/// One event and its deliveries, prepared once per connection: every write that announces something
/// runs it, and Postgres otherwise parses and plans it each time.
struct OutboxInsert: PostgresPreparedStatement {
    typealias Row = ()

    static let sql = """
        WITH event AS (
            INSERT INTO outbox_events (id, type, producer, occurred_at, payload)
            VALUES ($1, $2, $3, $4, $5::jsonb)
            RETURNING id
        )
        INSERT INTO outbox_deliveries (event_id, subscriber) SELECT event.id, unnest($6::text[]) FROM event
        """

    var id: UUID
    var event: EventsToPublish.Pending

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(id)
        bindings.append(event.type)
        bindings.append(event.producer)
        bindings.append(event.occurredAt)
        bindings.append(event.payload)
        bindings.append(event.subscribers)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws {}
}

/// The events a transaction announces, written with it by `Outbox.transaction`.
public struct EventsToPublish: Sendable {
    struct Pending: Sendable {
        var type: String
        var producer: String
        var subscribers: [String]
        var occurredAt: Date
        var payload: String
    }

    private(set) var pending: [Pending] = []

    /// Publishes `event` when the transaction commits.
    public mutating func emit<Event: DomainEvent>(_ event: Event, occurredAt: Date = Date()) throws {
        pending.append(
            Pending(
                type: Event.type, producer: Event.producer.rawValue, subscribers: Event.subscribers.map(\.rawValue), occurredAt: occurredAt,
                payload: String(decoding: try JSONCoding.encoder.encode(event), as: UTF8.self)
            )
        )
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

/// Delivers committed outbox events to their subscribers in batches, at least once. Batches go out
/// oldest first, but order is not promised: replicas claim rows with `FOR UPDATE SKIP LOCKED` and a
/// failed batch waits out its backoff (0.5 s doubling, at most 5 minutes) while later events go ahead.
/// So consumers never depend on order: each handler is idempotent and checks what it needs (an
/// erased person's late `user.registered` makes no profile; a job-target change carries its time).
public struct OutboxRelay: Service {
    let client: PostgresClient
    let outbox: Outbox
    let delivery: any EventDelivery
    let pollInterval: Duration
    let batchSize: Int
    /// False until the outbox tables exist (the migrations run beside the relay at start).
    let isReady: @Sendable () -> Bool
    let logger: Logger

    public init(
        client: PostgresClient, outbox: Outbox, delivery: any EventDelivery,
        pollInterval: Duration = .seconds(1), batchSize: Int = 50, isReady: @escaping @Sendable () -> Bool = { true }, logger: Logger
    ) {
        self.isReady = isReady
        self.client = client
        self.outbox = outbox
        self.delivery = delivery
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
            for subscriber in try await dueSubscribers() {
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

    /// The subscribers with a delivery due now, found in the outbox itself: a new event type needs no list here.
    func dueSubscribers() async throws -> [ServiceName] {
        let rows = try await client.query(
            "SELECT DISTINCT subscriber FROM outbox_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= clock_timestamp()",
            logger: logger
        )
        var due: [ServiceName] = []
        for try await name in rows.decode(String.self) {
            if let subscriber = ServiceName(rawValue: name) { due.append(subscriber) }
        }
        return due.sorted { $0.rawValue < $1.rawValue }
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
