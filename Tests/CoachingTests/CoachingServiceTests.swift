import Foundation
import PathwiseProtocol
import TestSupport
import Testing

@testable import Coaching

@Suite("Coaching service")
struct CoachingServiceTests {
    @Test("it boots on its own schema and consumes user.deleted through its inbox, once")
    func consumesUserDeleted() async throws {
        try await withService(.coaching, build: buildApplication) { port, database throws in
            #expect(try await database.count("SELECT count(*) FROM coaching.schema_migrations") == CoachingMigrations.all.count)
            let event = try EventEnvelope(UserDeleted(userID: UUID()))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM coaching.inbox_events WHERE event_id = '\(event.id)'") == 1)
        }
    }
}
