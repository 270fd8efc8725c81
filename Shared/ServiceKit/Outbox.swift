import Foundation
public import Logging
import NIOConcurrencyHelpers
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

    let signal: RelaySignal

    public init() {
        self.signal = RelaySignal()
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
        signal.fire()
    }
}

/// A wake-up call from `Outbox.committed()` to the relay's loop. A call that comes while nobody waits
/// is kept, so the next wait returns at once instead of sleeping through it.
final class RelaySignal: Sendable {
    private struct State {
        var waiter: CheckedContinuation<Void, Never>?
        var pending = false
    }

    private let state = NIOLockedValueBox(State())

    func fire() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Waits for `fire()` or `timeout`, whichever comes first.
    func wait(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let fired = self.state.withLockedValue { state -> Bool in
                        if state.pending {
                            state.pending = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if fired { continuation.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                self.wake()
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Ends the current wait, if any, without leaving a wake-up for the next one.
    private func wake() {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
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
        await cancelWhenGracefulShutdown { await relay() }
    }

    private func relay() async {
        while !isReady() && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
        var lastCleanup = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var delivered = 0
            for subscriber in subscribers {
                do {
                    delivered += try await deliverBatch(to: subscriber)
                } catch where !Task.isCancelled {
                    logger.warning("outbox batch failed", metadata: ["subscriber": "\(subscriber.rawValue)", "error": "\(String(reflecting: error))"])
                } catch {
                    // Shutting down: the batch stays claimed by nobody and is retried by the next relay.
                }
            }
            if ContinuousClock.now - lastCleanup > .seconds(3600) {
                lastCleanup = .now
                _ = try? await client.query(
                    """
                    DELETE FROM outbox_events e WHERE e.occurred_at < now() - interval '7 days'
                    AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = e.id AND d.delivered_at IS NULL)
                    """,
                    logger: logger
                )
            }
            if delivered == 0 { await outbox.signal.wait(timeout: pollInterval) }
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
                logger.info("event delivery failed, will retry", metadata: ["subscriber": "\(subscriber.rawValue)", "events": "\(ids.count)", "error": "\(String(reflecting: error))"])
                return 0
            }
            try await connection.query(
                "UPDATE outbox_deliveries SET delivered_at = clock_timestamp(), attempts = attempts + 1 WHERE subscriber = \(subscriber.rawValue) AND event_id = ANY(\(ids))",
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
