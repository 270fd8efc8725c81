import Foundation
import PathwiseProtocol
import TestSupport
import Testing

@testable import Content

@Suite("Content service")
struct ContentServiceTests {
    @Test("it boots on its own schema and consumes user.deleted through its inbox, once")
    func consumesUserDeleted() async throws {
        try await withService(.content, build: buildApplication) { port, database throws in
            #expect(try await database.count("SELECT count(*) FROM content.schema_migrations") == ContentMigrations.all.count)
            let event = try EventEnvelope(UserDeleted(userID: UUID()))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM content.inbox_events WHERE event_id = '\(event.id)'") == 1)
        }
    }
}
