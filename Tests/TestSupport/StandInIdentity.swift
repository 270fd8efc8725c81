import Crypto
import Foundation
public import Hummingbird
import NIOCore
public import PathwiseProtocol
public import ServiceKit

/// Serves a key set and an empty revocation feed on `port` over mTLS, as identity would, so a service
/// under test can become ready without the real identity.
public func withStandInIdentity<T: Sendable>(port: Int, _ body: () async throws -> T) async throws -> T {
    let key = P256.Signing.PrivateKey()
    let point = key.publicKey.x963Representation
    let x = Base64URL.encode(point[1..<33])
    let y = Base64URL.encode(point[33..<65])
    let jwks = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"kid\":\"stand-in\",\"x\":\"\(x)\",\"y\":\"\(y)\"}]}"
    let router = Router(context: ServiceRequestContext.self)
    router.get(RouterPath(InternalPath.jwks)) { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: jwks)))
    }
    router.get(RouterPath(InternalPath.tokenRevocations)) { _, _ in try Response.json(TokenRevocationFeed(items: [], cursor: 0)) }
    router.get("/health/ready") { _, _ in Response(status: .ok) }
    let pki = try TestEnvironment.pkiDirectory
    let tls = TLSFiles(certificate: "\(pki)/identity.pem", privateKey: "\(pki)/identity.key", certificateAuthority: "\(pki)/ca.pem")
    let app = Application(
        router: router, server: try .http2Upgrade(tlsConfiguration: try tls.serverConfiguration()),
        configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: testLogger
    )
    return try await withRunningApplication(app, port: port) { try await body() }
}

/// Runs a service built by `build` on a fresh database beside a stand-in identity, and gives `body`
/// its port and database.
public func withService<App: ApplicationProtocol>(
    _ service: ServiceName, build: (ServiceConfig) async throws -> App, _ body: (Int, TestDatabase) async throws -> Void
) async throws {
    try await TestDatabase.with { database in
        let port = try await freePort()
        let identityPort = try await freePort()
        let config = try testConfig(for: service, database: database, port: port, peers: [.identity: identityPort])
        try await withStandInIdentity(port: identityPort) {
            try await withRunningApplication(try await build(config), port: port) {
                try await body(port, database)
            }
        }
    }
}

/// Sends `events` to a service's inbox as identity does, and returns the receipt.
public func deliver(_ events: [EventEnvelope], to port: Int, as producer: String = "identity") async throws -> EventBatchReceipt {
    try await TestClient.with(identity: .service(producer)) { client in
        let response = try await client.send(.POST, "https://127.0.0.1:\(port)\(InternalPath.events)", json: EventBatch(events: events))
        guard response.status == 200 else { throw TestSetupError("events answered \(response.status): \(response.text)") }
        return try response.json(EventBatchReceipt.self)
    }
}
