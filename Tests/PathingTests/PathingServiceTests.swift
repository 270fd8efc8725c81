import Foundation
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Pathing

@Suite("Pathing service")
struct PathingServiceTests {
    @Test("it boots on its own schema and consumes user.deleted through its inbox, once")
    func consumesUserDeleted() async throws {
        try await withService(.pathing, build: buildApplication) { port, database throws in
            #expect(try await database.count("SELECT count(*) FROM pathing.schema_migrations") == PathingMigrations.all.count)
            let event = try EventEnvelope(UserDeleted(userID: UUID()))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM pathing.inbox_events WHERE event_id = '\(event.id)'") == 1)
        }
    }

    @Test("its router answers an unknown path with a problem+json 404, and takes events only from a service's certificate")
    func routerShape() async throws {
        try await RouterCaller.with(buildRouter(PathingFixtures.dependencies())) { caller in
            let missing = try await caller.send(.GET, "/api/v1/nothing-here")
            #expect(missing.status == 404 && missing.headers["Content-Type"].first == "application/problem+json")
            let events = try await caller.send(.POST, InternalPath.events, json: EventBatch(events: [try EventEnvelope(UserDeleted(userID: UUID()))]))
            #expect(events.status == 403)
        }
    }
}
