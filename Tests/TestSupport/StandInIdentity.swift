import Crypto
public import Foundation
public import Hummingbird
import NIOCore
public import PathwiseProtocol
public import ServiceKit

/// Signs access tokens the way identity does, with a key only the stand-in identity publishes.
public struct StandInTokenIssuer: Sendable {
    let key = P256.Signing.PrivateKey()
    static let kid = "stand-in"

    /// An issuer with a new key.
    public init() {}

    /// A valid five-minute access token for `user`.
    public func accessToken(for user: UUID) -> String {
        let now = Int(Date().timeIntervalSince1970)
        let header = Base64URL.encode(Data("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"\(Self.kid)\"}".utf8))
        let claims = AccessTokenClaims(
            iss: AccessTokenClaims.issuer, aud: AccessTokenClaims.audience, sub: user.uuidString.lowercased(), iat: now, nbf: now,
            exp: now + 300, jti: UUID().uuidString, sid: UUID().uuidString
        )
        let payload = Base64URL.encode((try? JSONCoding.encoder.encode(claims)) ?? Data())
        let signingInput = "\(header).\(payload)"
        let signature = (try? key.signature(for: Data(signingInput.utf8)).rawRepresentation) ?? Data()
        return "\(signingInput).\(Base64URL.encode(signature))"
    }
}

extension StandInTokenIssuer {
    /// The JWKS document that publishes this issuer's key.
    public var jwks: String {
        let point = key.publicKey.x963Representation
        let x = Base64URL.encode(point[1..<33])
        let y = Base64URL.encode(point[33..<65])
        return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"kid\":\"\(Self.kid)\",\"x\":\"\(x)\",\"y\":\"\(y)\"}]}"
    }

    /// A verifier that accepts this issuer's tokens, for router tests (no identity, no network).
    public func verifier() -> AccessTokenVerifier {
        AccessTokenVerifier(source: StandInKeySet(jwks: jwks), revocations: RevocationList(), logger: testLogger)
    }
}

/// A key set served from memory.
struct StandInKeySet: KeySetSource {
    let jwks: String

    func fetchKeySet() async throws -> String { jwks }
}

/// Serves a key set and an empty revocation feed on `port` over mTLS, as identity would, so a service
/// under test can become ready without the real identity.
public func withStandInIdentity<T: Sendable>(port: Int, _ body: () async throws -> T) async throws -> T {
    try await withStandInIdentity(port: port, issuer: StandInTokenIssuer(), body)
}

/// The same, publishing the key of `issuer` so that its tokens verify.
public func withStandInIdentity<T: Sendable>(port: Int, issuer: StandInTokenIssuer, _ body: () async throws -> T) async throws -> T {
    let jwks = issuer.jwks
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

/// A service running for a test: where it listens, its database, and who signs tokens it accepts.
public struct ServiceUnderTest: Sendable {
    public let port: Int
    public let database: TestDatabase
    public let tokens: StandInTokenIssuer

    /// The service's address for `path`.
    public func url(_ path: String) -> String { "https://127.0.0.1:\(port)\(path)" }
}

/// Runs a service built by `build` on a fresh database beside a stand-in identity, and gives `body`
/// its port and database.
public func withService<App: ApplicationProtocol>(
    _ service: ServiceName, build: (ServiceConfig) async throws -> App, _ body: (Int, TestDatabase) async throws -> Void
) async throws {
    try await withService(service, build: build) { running in try await body(running.port, running.database) }
}

/// Runs a service built by `build` on a fresh database beside a stand-in identity whose tokens it accepts.
public func withService<App: ApplicationProtocol>(
    _ service: ServiceName, build: (ServiceConfig) async throws -> App, _ body: (ServiceUnderTest) async throws -> Void
) async throws {
    try await TestDatabase.with { database in
        try await withFreePorts(2) { ports in
            let (port, identityPort) = (ports[0], ports[1])
            let config = try testConfig(for: service, database: database, port: port, peers: [.identity: identityPort])
            let issuer = StandInTokenIssuer()
            try await withStandInIdentity(port: identityPort, issuer: issuer) {
                try await withRunningApplication(try await build(config), port: port) {
                    try await body(ServiceUnderTest(port: port, database: database, tokens: issuer))
                }
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
