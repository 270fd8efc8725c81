import Foundation
import Hummingbird
import PathwiseProtocol
import TestSupport
import Testing

@testable import ServiceKit

/// A service built on ServiceKit alone: health routes, the event inbox, and one internal route for pathing only.
func minimalService(_ config: ServiceConfig) throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let router = runtime.makeRouter()
    runtime.inbox.erasing(with: UserErasure(tables: [])).addRoutes(to: router)
    router.group("/internal/pathing-only").add(middleware: RequirePeerMiddleware([.pathing])).get { _, context in
        try Response.json(["peer": context.peer?.description ?? ""])
    }
    return try runtime.application(router: router, migrations: [Migration(1, "inbox", Inbox.migrationStatements)])
}

/// Identity's key set stands in for identity itself: content needs signing keys to be ready.
func withMinimalContentService(_ body: (Int) async throws -> Void) async throws {
    try await TestDatabase.with { database throws in
        try await withFreePorts(2) { ports in
            let (port, keys) = (ports[0], ports[1])
            let config = try testConfig(for: .content, database: database, port: port, peers: [.identity: keys])
            try await withStandInIdentity(port: keys) {
                try await withRunningApplication(try minimalService(config), port: port) {
                    try await body(port)
                }
            }
        }
    }
}

@Suite("Mutual TLS and peer identity")
struct MutualTLSTests {
    @Test("a service speaks h2 to a client with a certificate from the internal CA")
    func speaksHTTP2() async throws {
        try await withMinimalContentService { port throws in
            try await TestClient.with(identity: .gateway) { client throws in
                let response = try await client.send(.GET, "https://127.0.0.1:\(port)/health/live")
                #expect(response.status == 200)
                #expect(response.version == .http2)
            }
        }
    }

    @Test("a client without a certificate, or with one from another CA, fails the handshake")
    func refusesStrangers() async throws {
        try await withMinimalContentService { port throws in
            for identity in [TestClient.Identity.none, .rogue] {
                await #expect(throws: (any Error).self) {
                    try await TestClient.with(identity: identity) { client throws in
                        _ = try await client.send(.GET, "https://127.0.0.1:\(port)/health/live")
                    }
                }
            }
        }
    }

    @Test("an internal route admits only the peers it lists; the gateway is never one")
    func internalRoutes() async throws {
        try await withMinimalContentService { port throws in
            let url = "https://127.0.0.1:\(port)/internal/pathing-only"
            try await TestClient.with(identity: .service("pathing")) { client throws in
                let response = try await client.send(.GET, url)
                #expect(response.status == 200)
                #expect(response.text.contains("pathing"))
            }
            for identity in [TestClient.Identity.gateway, .service("profile")] {
                try await TestClient.with(identity: identity) { client throws in
                    let response = try await client.send(.GET, url)
                    #expect(response.status == 403)
                    #expect(try response.json(ProblemDetails.self).code == "forbidden")
                }
            }
        }
    }

    @Test("events are accepted from their producer only")
    func eventProducers() async throws {
        try await withMinimalContentService { port throws in
            let batch = EventBatch(events: [try EventEnvelope(UserDeleted(userID: UUID()))])
            let url = "https://127.0.0.1:\(port)\(InternalPath.events)"
            try await TestClient.with(identity: .service("identity")) { client throws in
                let response = try await client.send(.POST, url, json: batch)
                #expect(response.status == 200)
                #expect(try response.json(EventBatchReceipt.self) == EventBatchReceipt(applied: 1, duplicates: 0))
            }
            try await TestClient.with(identity: .gateway) { client throws in
                #expect(try await client.send(.POST, url, json: batch).status == 403)
            }
            // Another service may post (it may relay a type this one does not handle yet), but not a type it does not produce.
            try await TestClient.with(identity: .service("pathing")) { client throws in
                #expect(try await client.send(.POST, url, json: EventBatch(events: [try EventEnvelope(UserDeleted(userID: UUID()))])).status == 403)
            }
        }
    }

    @Test("a typed internal call reaches the service that answers it and decodes its answer")
    func typedInternalCall() async throws {
        try await withFreePorts(1) { ports in
            let port = ports[0]
            try await withStandInIdentity(port: port) {
            let pki = try TestEnvironment.pkiDirectory
            let http = try InternalClient.makeHTTPClient(
                tls: TLSFiles(certificate: "\(pki)/profile.pem", privateKey: "\(pki)/profile.key", certificateAuthority: "\(pki)/ca.pem")
            )
            let client = InternalClient(http: http, peers: [.identity: try #require(URL(string: "https://127.0.0.1:\(port)"))], timeout: .seconds(5))
            let feed = try await client.call(InternalAPI.tokenRevocations(after: 0))
            try await http.shutdown().get()
            #expect(feed.items.isEmpty && feed.cursor == 0)
            }
        }
    }
}
