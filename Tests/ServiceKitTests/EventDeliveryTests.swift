import Foundation
import Hummingbird
import Logging
import PathwiseProtocol
import PostgresNIO
import TestSupport
import Testing

@testable import ServiceKit

/// A receiving service whose handler records every application of `user.registered`, so a second
/// application of one event would show as a second row.
func receivingService(_ config: ServiceConfig) throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let router = runtime.makeRouter()
    runtime.inbox.on(UserRegistered.self) { event, work in
        try await work.connection().query("INSERT INTO applied (user_id) VALUES (\(event.userID))", logger: work.logger)
    }.addRoutes(to: router)
    return try runtime.application(
        router: router,
        migrations: [
            Migration(1, "inbox", Inbox.migrationStatements),
            Migration(2, "applied", ["CREATE TABLE applied (n serial PRIMARY KEY, user_id uuid NOT NULL)"]),
        ]
    )
}

@Suite("Outbox, relay and inbox")
struct EventDeliveryTests {
    @Test("an event written while the receiver is down is delivered once it is up, and a redelivery has no second effect")
    func deliversAfterOutage() async throws {
        try await TestDatabase.with { database throws in
            let receiverPort = try await freePort()
            let keysPort = try await freePort()
            let producer = DatabaseSettings(host: "127.0.0.1", port: database.port, database: database.name, username: "identity", password: nil, poolSize: 2)
                .makeClient(logger: testLogger)
            let pki = try TestEnvironment.pkiDirectory
            let http = try InternalClient.makeHTTPClient(
                tls: TLSFiles(certificate: "\(pki)/identity.pem", privateKey: "\(pki)/identity.key", certificateAuthority: "\(pki)/ca.pem")
            )
            let delivery = InternalClient(http: http, peers: [.profile: URL(string: "https://127.0.0.1:\(receiverPort)")!], timeout: .seconds(2))
            let outbox = Outbox()
            let relay = OutboxRelay(client: producer, outbox: outbox, delivery: delivery, logger: testLogger)
            let user = UUID()

            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await producer.run() }
                defer { group.cancelAll() }
                try await Migrator(schema: "identity", migrations: [Migration(1, "outbox", Outbox.migrationStatements)]).migrate(producer, logger: testLogger)
                try await outbox.transaction(on: producer, logger: testLogger) { _, events in
                    try events.emit(UserRegistered(userID: user, email: "a@example.com", name: nil))
                }

                // The receiver is down: the batch fails and is rescheduled (at least 0.5 s later), not lost.
                let attempted = Date().timeIntervalSince1970
                #expect(try await relay.deliverBatch(to: .profile) == 0)
                #expect(try await database.count("SELECT attempts FROM identity.outbox_deliveries") == 1)
                #expect(
                    try await database.count(
                        "SELECT count(*) FROM identity.outbox_deliveries WHERE next_attempt_at >= to_timestamp(\(attempted + 0.45)) AND last_error IS NOT NULL"
                    ) == 1
                )

                let config = try testConfig(for: .profile, database: database, port: receiverPort, peers: [.identity: keysPort])
                try await withStandInIdentity(port: keysPort) {
                    try await withRunningApplication(try receivingService(config), port: receiverPort) {
                        // Not while the retry is not yet due (pushed an hour out, so a slow machine cannot race it) …
                        try await database.execute("UPDATE identity.outbox_deliveries SET next_attempt_at = now() + interval '1 hour'")
                        #expect(try await relay.deliverBatch(to: .profile) == 0)
                        try await database.execute("UPDATE identity.outbox_deliveries SET next_attempt_at = now()")
                        // … then delivered.
                        let delivered = try await relay.deliverBatch(to: .profile)
                        let lastError = try await database.connect(as: "identity") { connection in
                            let rows = try await connection.query("SELECT coalesce(last_error, '') FROM outbox_deliveries", logger: testLogger)
                            for try await (text) in rows.decode(String.self) { return text }
                            return ""
                        }
                        #expect(delivered == 1, "last error: \(lastError)")
                        #expect(try await database.count("SELECT count(*) FROM profile.applied WHERE user_id = '\(user)'") == 1)
                        #expect(try await database.count("SELECT count(*) FROM identity.outbox_deliveries WHERE delivered_at IS NOT NULL") == 1)
                        // Delivered to every subscriber: the email is gone from the outbox, the record stays.
                        #expect(try await database.text("SELECT payload::text FROM identity.outbox_events") == "{}")

                        // The same event again (a relay that crashed before recording delivery would send it again).
                        let eventID = try await database.connect(as: "identity") { connection in
                            let rows = try await connection.query("SELECT id FROM outbox_events", logger: testLogger)
                            for try await (id) in rows.decode(UUID.self) { return id }
                            throw TestSetupError("no event")
                        }
                        let again = EventBatch(events: [try EventEnvelope(UserRegistered(userID: user, email: "a@example.com", name: nil), id: eventID)])
                        try await TestClient.with(identity: .service("identity")) { client throws in
                            let response = try await client.send(.POST, "https://127.0.0.1:\(receiverPort)\(InternalPath.events)", json: again)
                            #expect(try response.json(EventBatchReceipt.self) == EventBatchReceipt(applied: 0, duplicates: 1))
                        }
                        #expect(try await database.count("SELECT count(*) FROM profile.applied WHERE user_id = '\(user)'") == 1)
                    }
                }
            }
            try await http.shutdown().get()
        }
    }
}

@Suite("Wake-up signal")
struct WakeUpSignalTests {
    @Test("a ring while nobody waits wakes the next wait at once")
    func keptWakeUp() async {
        let signal = WakeUpSignal()
        signal.ring()
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await signal.wait(timeout: .seconds(30)) }
        // Not the 30 s timeout: the kept ring ended it (the bound leaves room for two busy cores).
        #expect(elapsed < .seconds(20))
    }

    @Test("a timeout that fires before the waiter is registered still ends the wait")
    func expiryBeforeRegistration() async {
        let signal = WakeUpSignal()
        signal.beginWait()
        signal.expire()
        let ended = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { signal.register($0) }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return false
            }
            let first = await group.next() ?? false
            if !first { signal.ring() }  // release a stuck waiter, so that a failure is a failure, not a hang
            group.cancelAll()
            return first
        }
        #expect(ended, "the waiter registered after the timeout waited on")
    }

    @Test("a wait with no ring ends at its timeout, and leaves no wake-up behind")
    func timeout() async {
        let signal = WakeUpSignal()
        await signal.wait(timeout: .milliseconds(50))
        let clock = ContinuousClock()
        let elapsed = await clock.measure { await signal.wait(timeout: .milliseconds(300)) }
        #expect(elapsed >= .milliseconds(250))
    }
}
