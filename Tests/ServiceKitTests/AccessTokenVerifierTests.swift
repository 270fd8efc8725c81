import Crypto
import Foundation
import JWTKit
import Logging
import NIOConcurrencyHelpers
import PathwiseProtocol
import TestSupport
import Testing

@testable import ServiceKit

/// A key set served from memory, counting how often it is fetched.
final class StaticKeySet: KeySetSource {
    let json: NIOLockedValueBox<String>
    let fetches = NIOLockedValueBox(0)

    init(_ json: String) {
        self.json = NIOLockedValueBox(json)
    }

    func fetchKeySet() async throws -> String {
        fetches.withLockedValue { $0 += 1 }
        return json.withLockedValue { $0 }
    }
}

/// A signing key as identity makes one, with its public JWK.
struct TestSigningKey {
    let key = ES256PrivateKey()
    let kid: String

    init(kid: String = UUID().uuidString) {
        self.kid = kid
    }

    var jwk: String {
        let (x, y) = key.publicKey.parameters ?? ("", "")
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"use\":\"sig\",\"kid\":\"\(kid)\",\"x\":\"\(x)\",\"y\":\"\(y)\"}"
    }

    func sign(_ claims: some JWTPayload, typ: String? = "at+jwt") async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        var header = JWTHeader()
        header.typ = typ
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid), header: header)
    }
}

struct Claims: JWTPayload {
    var iss = AccessTokenClaims.issuer
    var aud = AccessTokenClaims.audience
    var sub = UUID().uuidString.lowercased()
    var iat = Int(Date().timeIntervalSince1970)
    var nbf: Int? = Int(Date().timeIntervalSince1970)
    var exp: Int? = Int(Date().timeIntervalSince1970) + 300
    var jti = UUID().uuidString
    var sid = UUID().uuidString.lowercased()

    func verify(using algorithm: some JWTAlgorithm) throws {}
}

@Suite("Access-token verification")
struct AccessTokenVerifierTests {
    let signing = TestSigningKey()
    let revocations = RevocationList()

    func verifier(keys: [TestSigningKey]? = nil) -> (AccessTokenVerifier, StaticKeySet) {
        let set = StaticKeySet("{\"keys\":[" + (keys ?? [signing]).map(\.jwk).joined(separator: ",") + "]}")
        return (AccessTokenVerifier(source: set, revocations: revocations, minimumRefetchInterval: .zero, logger: testLogger), set)
    }

    func rejection(_ token: String, verifier: AccessTokenVerifier? = nil) async -> TokenRejection? {
        do {
            _ = try await (verifier ?? self.verifier().0).verify(token)
            return nil
        } catch {
            return error
        }
    }

    @Test("a token identity would issue is accepted and names the user and session")
    func valid() async throws {
        let claims = Claims()
        let user = try await verifier().0.verify(try await signing.sign(claims))
        #expect(user.id.uuidString.lowercased() == claims.sub)
        #expect(user.sessionID.uuidString.lowercased() == claims.sid)
    }

    @Test("alg none is refused before any key is consulted")
    func algNone() async throws {
        let header = Base64URL.encode(Data(#"{"alg":"none","typ":"at+jwt","kid":"x"}"#.utf8))
        let payload = Base64URL.encode(try JSONEncoder().encode(Claims()))
        #expect(await rejection("\(header).\(payload).") == .algorithmNotAllowed("none"))
    }

    @Test("HS256 (the public key used as an HMAC secret) is refused")
    func algHS256() async throws {
        let header = Base64URL.encode(Data("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"\(signing.kid)\"}".utf8))
        let payload = Base64URL.encode(try JSONEncoder().encode(Claims()))
        let signature = Base64URL.encode(HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: SymmetricKey(data: Data(signing.jwk.utf8))))
        #expect(await rejection("\(header).\(payload).\(signature)") == .algorithmNotAllowed("HS256"))
    }

    @Test("the wrong audience is refused")
    func wrongAudience() async throws {
        var claims = Claims()
        claims.aud = "someone-else"
        #expect(await rejection(try await signing.sign(claims)) == .wrongAudience)
    }

    @Test("the wrong issuer is refused")
    func wrongIssuer() async throws {
        var claims = Claims()
        claims.iss = "pathwise-identity-impostor"
        #expect(await rejection(try await signing.sign(claims)) == .wrongIssuer)
    }

    @Test("an expired token is refused")
    func expired() async throws {
        var claims = Claims()
        claims.iat -= 3600
        claims.exp = Int(Date().timeIntervalSince1970) - 120
        #expect(await rejection(try await signing.sign(claims)) == .expired)
    }

    @Test("a token without exp is refused")
    func noExpiry() async throws {
        var claims = Claims()
        claims.exp = nil
        #expect(await rejection(try await signing.sign(claims)) == .malformed)
    }

    @Test("a token whose nbf lies in the future is refused")
    func futureNotBefore() async throws {
        var claims = Claims()
        claims.nbf = Int(Date().timeIntervalSince1970) + 600
        #expect(await rejection(try await signing.sign(claims)) == .notYetValid)
    }

    @Test("a token that is not an access token (typ) is refused")
    func wrongType() async throws {
        #expect(await rejection(try await signing.sign(Claims(), typ: "JWT")) == .wrongType)
    }

    @Test("an unknown kid is refused after one refetch of the key set")
    func unknownKid() async throws {
        let (verifier, set) = verifier()
        try await verifier.reload()
        let stranger = TestSigningKey()
        #expect(await rejection(try await stranger.sign(Claims()), verifier: verifier) == .unknownKey)
        #expect(set.fetches.withLockedValue { $0 } == 2)
    }

    @Test("a key published after the verifier loaded is found by refetching on its kid")
    func rotatedKey() async throws {
        let (verifier, set) = verifier()
        try await verifier.reload()
        let successor = TestSigningKey()
        set.json.withLockedValue { $0 = "{\"keys\":[\(signing.jwk),\(successor.jwk)]}" }
        _ = try await verifier.verify(try await successor.sign(Claims()))
    }

    @Test("a tampered payload fails the signature check")
    func tampered() async throws {
        let token = try await signing.sign(Claims())
        let parts = token.split(separator: ".")
        var claims = Claims()
        claims.sub = UUID().uuidString.lowercased()
        let forged = "\(parts[0]).\(Base64URL.encode(try JSONEncoder().encode(claims))).\(parts[2])"
        #expect(await rejection(forged) == .badSignature)
    }

    @Test("a token signed by another key under a known kid fails the signature check")
    func wrongKeySameKid() async throws {
        let impostor = TestSigningKey(kid: signing.kid)
        #expect(await rejection(try await impostor.sign(Claims())) == .badSignature)
    }

    @Test("a token issued before the user's revocation cutoff is refused; one issued at it is not")
    func revoked() async throws {
        let (verifier, _) = verifier()
        var claims = Claims()
        let user = try #require(UUID(uuidString: claims.sub))
        revocations.record(user: user, tokensValidAfter: claims.iat + 1)
        #expect(await rejection(try await signing.sign(claims), verifier: verifier) == .revoked)
        claims.iat += 1
        _ = try await verifier.verify(try await signing.sign(claims))
    }

    @Test("garbage is malformed")
    func garbage() async {
        #expect(await rejection("not-a-token") == .malformed)
        #expect(await rejection("a.b.c") == .malformed)
    }
}

@Suite("Revocation list")
struct RevocationListTests {
    @Test("cutoffs only move forward, and are forgotten once no live token can predate them")
    func retention() {
        let list = RevocationList(retentionSeconds: 360)
        let user = UUID()
        list.apply(TokenRevocationFeed(items: [.init(sequence: 1, userID: user, tokensValidAfter: 1000)], cursor: 1), now: 1000)
        list.apply(TokenRevocationFeed(items: [.init(sequence: 2, userID: user, tokensValidAfter: 900)], cursor: 2), now: 1000)
        #expect(list.tokensValidAfter(for: user) == 1000)
        #expect(list.cursor == 2)
        list.apply(TokenRevocationFeed(items: [], cursor: 2), now: 1000 + 361)
        #expect(list.tokensValidAfter(for: user) == nil)
    }
}

@Suite("Base64URL")
struct Base64URLTests {
    @Test("round-trips every byte value without padding, using - and _")
    func roundTrip() throws {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + length) % 256) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(Substring(text)).map(Array.init) == bytes)
        }
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("not base64!") == nil)
    }
}
