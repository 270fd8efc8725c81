import Crypto
import Foundation
import JWTKit
import Logging
import NIOConcurrencyHelpers
import PathwiseProtocol
import ServiceKit

/// Signs access tokens with the active key and serves the published key set; both come from the
/// stored keys, reloaded periodically so every identity replica follows a rotation.
final class TokenSigner: Sendable, KeySetSource {
    private struct Loaded {
        var ring = SigningKeyRing(keys: [])
        var signer: (kid: String, keys: JWTKeyCollection)?
        var jwks = "{\"keys\":[]}"
    }

    private let store: any SigningKeyStore
    private let loaded = NIOLockedValueBox(Loaded())
    private let logger: Logger

    init(store: any SigningKeyStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Makes the first key if there is none (it may sign at once: nobody can have cached an older set), then loads.
    func prepare(now: Date = Date()) async throws {
        if try await store.allKeys().allSatisfy({ $0.retiredAt != nil }) {
            // A second early, because Postgres keeps microseconds: the stored instant must not land after `now`.
            let signsFrom = now.addingTimeInterval(-1)
            try await store.add(try Self.generateKey(signsFrom: signsFrom, now: signsFrom), onlyIfNoUnretiredKey: true)
        }
        try await reload()
        guard canSign else { throw SigningError.noActiveKey }
    }

    /// True when a key is active for signing (part of identity's readiness).
    var canSign: Bool { loaded.withLockedValue { $0.signer != nil } }

    /// Rebuilds the signer and the key set from the store.
    func reload(now: Date = Date()) async throws {
        let ring = SigningKeyRing(keys: try await store.allKeys())
        var signer: (String, JWTKeyCollection)?
        if let active = ring.activeKey(at: now) {
            let keys = JWTKeyCollection()
            await keys.add(ecdsa: try ES256PrivateKey(pem: active.privateKeyPEM), kid: JWKIdentifier(string: active.kid))
            signer = (active.kid, keys)
        }
        let jwks = "{\"keys\":[" + ring.publishedKeys(at: now).map(\.publicJWK).joined(separator: ",") + "]}"
        loaded.withLockedValue {
            $0.ring = ring
            $0.signer = signer
            $0.jwks = jwks
        }
    }

    /// Adds a successor when the active key is older than `rotationAge` (published now, signing after
    /// `SigningKeyRing.publicationLead`), and retires keys superseded long enough ago.
    func rotateIfDue(rotationAge: TimeInterval, now: Date = Date()) async throws {
        let ring = SigningKeyRing(keys: try await store.allKeys())
        // The first key is `prepare`'s to make; rotation starts once there is one.
        guard ring.activeKey(at: now) != nil else { return }
        if ring.needsSuccessor(at: now, rotationAge: rotationAge) {
            let successor = try Self.generateKey(signsFrom: now.addingTimeInterval(SigningKeyRing.publicationLead), now: now)
            try await store.add(successor, onlyIfNoUnretiredKey: false)
            logger.info("identity.keys.successor_published", metadata: ["kid": "\(successor.kid)", "signs_from": "\(successor.signsFrom)"])
        }
        let retiring = ring.keysToRetire(at: now).map(\.kid)
        if !retiring.isEmpty {
            try await store.retire(kids: retiring, at: now)
            logger.info("identity.keys.retired", metadata: ["kids": "\(retiring.joined(separator: ","))"])
        }
        try await reload(now: now)
    }

    /// A signed `at+jwt` for `claims`.
    func sign(_ claims: AccessTokenClaims) async throws -> String {
        guard let (kid, keys) = loaded.withLockedValue({ $0.signer }) else { throw SigningError.noActiveKey }
        var header = JWTHeader()
        header.typ = AccessTokenClaims.type
        return try await keys.sign(SignableClaims(claims: claims), kid: JWKIdentifier(string: kid), header: header)
    }

    /// The published key set as JSON (public keys only).
    var jwksJSON: String { loaded.withLockedValue { $0.jwks } }

    func fetchKeySet() async throws -> String { jwksJSON }

    /// A new P-256 key with its public JWK; the `kid` is derived from the public key.
    static func generateKey(signsFrom: Date, now: Date) throws -> SigningKeyRecord {
        let key = ES256PrivateKey()
        guard let (x, y) = key.publicKey.parameters else { throw SigningError.noPublicParameters }
        let kid = String(Base64URL.encode(SHA256.hash(data: Data((x + "." + y).utf8))).prefix(22))
        let jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"use\":\"sig\",\"alg\":\"ES256\",\"kid\":\"\(kid)\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
        return SigningKeyRecord(
            kid: kid, privateKeyPEM: key.pemRepresentation, publicJWK: jwk, createdAt: now, signsFrom: signsFrom, retiredAt: nil
        )
    }
}

enum SigningError: Error {
    case noActiveKey
    case noPublicParameters
}

/// jwt-kit's view of the claims when signing.
private struct SignableClaims: JWTPayload {
    var claims: AccessTokenClaims

    init(claims: AccessTokenClaims) {
        self.claims = claims
    }

    init(from decoder: any Decoder) throws {
        claims = try AccessTokenClaims(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try claims.encode(to: encoder)
    }

    func verify(using algorithm: some JWTAlgorithm) throws {}
}
