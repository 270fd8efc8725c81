import Foundation
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Analytics

@Suite("Analytics service")
struct AnalyticsServiceTests {
    @Test("it boots on its own schema and consumes user.deleted through its inbox, once")
    func consumesUserDeleted() async throws {
        try await withService(.analytics, build: buildApplication) { port, database throws in
            #expect(try await database.count("SELECT count(*) FROM analytics.schema_migrations") == AnalyticsMigrations.all.count)
            let event = try EventEnvelope(UserDeleted(userID: UUID()))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM analytics.inbox_events WHERE event_id = '\(event.id)'") == 1)
        }
    }

    @Test("its router answers an unknown path with a problem+json 404, and takes events only from a service's certificate")
    func routerShape() async throws {
        let dependencies = AnalyticsDependencies(
            erasure: UserErasure(tables: AnalyticsMigrations.userOwnedTables), verifier: StandInTokenIssuer().verifier(),
            inbox: Inbox(receipts: MemoryInboxReceipts()), maxBodyBytes: 1 << 20
        )
        try await RouterCaller.with(buildRouter(dependencies)) { caller in
            let missing = try await caller.send(.GET, "/api/v1/nothing-here")
            #expect(missing.status == 404 && missing.headers["Content-Type"].first == "application/problem+json")
            let events = try await caller.send(.POST, InternalPath.events, json: EventBatch(events: [try EventEnvelope(UserDeleted(userID: UUID()))]))
            #expect(events.status == 403)
        }
    }
}
