import Foundation
import PathwiseProtocol
import ServiceKit
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

    @Test("its router answers an unknown path with a problem+json 404, and takes events only from a service's certificate")
    func routerShape() async throws {
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let missing = try await caller.send(.GET, "/api/v1/nothing-here")
            #expect(missing.status == 404 && missing.headers["Content-Type"].first == "application/problem+json")
            let events = try await caller.send(.POST, InternalPath.events, json: EventBatch(events: [try EventEnvelope(UserDeleted(userID: UUID()))]))
            #expect(events.status == 403)
        }
    }
}

@Suite("The lesson graph")
struct LessonGraphTests {
    @Test("the graph lists every lesson in reading order with an ETag, for pathing, coaching and analytics only")
    func graph() async throws {
        try await withService(.content, build: buildApplication) { port, _ throws in
            let url = "https://127.0.0.1:\(port)\(InternalPath.lessons)"
            try await TestClient.with(identity: .service("pathing")) { pathing throws in
                let response = try await pathing.send(.GET, url)
                #expect(response.status == 200)
                let graph = try response.json(LessonGraphDTO.self)
                #expect(graph.items.map(\.summary.id) == ContentFixtures.catalog.readingOrder)
                #expect(graph.items.enumerated().allSatisfy { $0.offset == $0.element.position })
                let etag = try #require(response.headers.first(name: "ETag"))
                #expect(try await pathing.send(.GET, url, headers: [("If-None-Match", etag)]).status == 304)
            }
            for refused in [TestClient.Identity.gateway, .service("profile")] {
                try await TestClient.with(identity: refused) { client throws in
                    #expect(try await client.send(.GET, url).status == 403)
                }
            }
        }
    }
}
