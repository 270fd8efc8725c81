public import Foundation
import JWTKit
public import Logging
import NIOConcurrencyHelpers
import PathwiseProtocol

/// Where the verifier gets identity's public keys (a JWKS document).
public protocol KeySetSource: Sendable {
    /// The current JWKS JSON.
    func fetchKeySet() async throws -> String
}

/// Why an access token was refused; the message goes into the 401.
public enum TokenRejection: Error, Equatable, CustomStringConvertible {
    case malformed
    case algorithmNotAllowed(String)
    case wrongType
    case unknownKey
    case badSignature
    case wrongIssuer
    case wrongAudience
    case expired
    case notYetValid
    case revoked
    case keysUnavailable

    public var description: String {
        switch self {
        case .malformed: "The access token is malformed."
        case .algorithmNotAllowed(let alg): "The access token's algorithm \(alg) is not accepted."
        case .wrongType: "The token is not an access token."
        case .unknownKey: "The access token was signed with an unknown key."
        case .badSignature: "The access token's signature does not verify."
        case .wrongIssuer: "The access token has the wrong issuer."
        case .wrongAudience: "The access token has the wrong audience."
        case .expired: "The access token has expired."
        case .notYetValid: "The access token is not valid yet."
        case .revoked: "The access token was revoked (logout or password change)."
        case .keysUnavailable: "The signing keys could not be loaded."
        }
    }

    /// The stable `code` of the 401.
    public var code: String {
        switch self {
        case .expired: "token_expired"
        case .revoked: "token_revoked"
        default: "invalid_token"
        }
    }
}

/// Verifies ES256 access tokens against identity's key set: header (`alg` ES256 only, `typ`, `kid`),
/// signature, then exact `iss`, `aud`, `exp`, `nbf`, and the user's revocation cutoff.
public final class AccessTokenVerifier: Sendable {
    private struct State {
        var keys: JWTKeyCollection?
        var kids: Set<String> = []
        var lastFetch: ContinuousClock.Instant?
    }

    private struct Header: Decodable {
        var alg: String?
        var typ: String?
        var kid: String?
    }

    /// One decoder for every token header (a verifier runs on every authenticated request).
    private static let headerDecoder = JSONDecoder()

    private let source: any KeySetSource
    private let revocations: RevocationList
    private let state = NIOLockedValueBox(State())
    private let refetchGate = AsyncSerialGate()
    private let leeway: Int
    /// The shortest pause between two fetches triggered by unknown key ids, so forged `kid`s cannot flood identity.
    private let minimumRefetchInterval: Duration
    private let logger: Logger

    public init(
        source: any KeySetSource, revocations: RevocationList, leewaySeconds: Int = 30,
        minimumRefetchInterval: Duration = .seconds(10), logger: Logger
    ) {
        self.source = source
        self.revocations = revocations
        self.leeway = leewaySeconds
        self.minimumRefetchInterval = minimumRefetchInterval
        self.logger = logger
    }

    /// True once a key set has been loaded (part of readiness).
    public var isReady: Bool { state.withLockedValue { $0.keys != nil && !$0.kids.isEmpty } }

    /// Fetches the key set now, replacing the one held.
    public func reload() async throws {
        let json = try await source.fetchKeySet()
        let jwks = try JSONDecoder().decode(JWKS.self, from: Data(json.utf8))
        let keys = JWTKeyCollection()
        var kids: Set<String> = []
        for key in jwks.keys where key.keyType == .ecdsa && (key.algorithm == nil || key.algorithm == .es256) {
            guard let kid = key.keyIdentifier else { continue }
            try await keys.add(jwk: key)
            kids.insert(kid.string)
        }
        state.withLockedValue {
            $0.keys = keys
            $0.kids = kids
            $0.lastFetch = .now
        }
    }

    /// Verifies `token` at time `now` (seconds since 1970) and returns who it speaks for.
    public func verify(_ token: String, now: Int = Int(Date().timeIntervalSince1970)) async throws(TokenRejection) -> AuthenticatedUser {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]),
            let header = try? Self.headerDecoder.decode(Header.self, from: headerData)
        else { throw .malformed }
        guard header.alg == "ES256" else { throw .algorithmNotAllowed(header.alg ?? "none") }
        guard header.typ?.lowercased() == AccessTokenClaims.type else { throw .wrongType }
        guard let kid = header.kid, !kid.isEmpty else { throw .unknownKey }
        let keys = try await keys(for: kid)

        let claims: VerifiedClaims
        do {
            claims = try await keys.verify(token, as: VerifiedClaims.self)
        } catch let error as JWTError where error.errorType == .malformedToken {
            throw .malformed
        } catch {
            throw .badSignature
        }
        let payload = claims.claims
        guard payload.iss == AccessTokenClaims.issuer else { throw .wrongIssuer }
        guard payload.aud == AccessTokenClaims.audience else { throw .wrongAudience }
        guard now - leeway < payload.exp else { throw .expired }  // written so no claim value can overflow
        guard payload.nbf <= now + leeway else { throw .notYetValid }
        guard let userID = UUID(uuidString: payload.sub), let sessionID = UUID(uuidString: payload.sid) else { throw .malformed }
        if let cutoff = revocations.tokensValidAfter(for: userID), payload.iat < cutoff { throw .revoked }
        return AuthenticatedUser(id: userID, sessionID: sessionID, tokenID: payload.jti, issuedAt: payload.iat)
    }

    /// The key collection, refetched once when `kid` is not in it (rate-limited).
    private func keys(for kid: String) async throws(TokenRejection) -> JWTKeyCollection {
        let (keys, known) = state.withLockedValue { ($0.keys, $0.kids.contains(kid)) }
        if let keys, known { return keys }
        await refetchGate.run {
            let due = self.state.withLockedValue { state in
                guard let last = state.lastFetch else { return true }
                return state.keys == nil || ContinuousClock.now - last >= self.minimumRefetchInterval
            }
            guard due, !self.state.withLockedValue({ $0.kids.contains(kid) }) else { return }
            do {
                try await self.reload()
            } catch {
                self.state.withLockedValue { $0.lastFetch = .now }
                self.logger.warning("auth.keys.refetch_failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
        let (reloaded, nowKnown) = state.withLockedValue { ($0.keys, $0.kids.contains(kid)) }
        guard let reloaded else { throw .keysUnavailable }
        guard nowKnown else { throw .unknownKey }
        return reloaded
    }
}

/// jwt-kit's view of the claims; the checks themselves are done by `AccessTokenVerifier` against one clock.
private struct VerifiedClaims: JWTPayload {
    var claims: AccessTokenClaims

    init(from decoder: any Decoder) throws {
        claims = try AccessTokenClaims(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try claims.encode(to: encoder)
    }

    func verify(using algorithm: some JWTAlgorithm) throws {}
}

/// Runs one async operation at a time; later callers wait for the one in progress.
final class AsyncSerialGate: Sendable {
    private let busy = NIOLockedValueBox<[CheckedContinuation<Void, Never>]?>(nil)

    func run(_ operation: @Sendable () async -> Void) async {
        let mustWait: Bool = busy.withLockedValue { $0 != nil }
        if mustWait {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let enqueued = busy.withLockedValue { waiters -> Bool in
                    guard waiters != nil else { return false }
                    waiters?.append(continuation)
                    return true
                }
                if !enqueued { continuation.resume() }
            }
        }
        let acquired = busy.withLockedValue { waiters -> Bool in
            guard waiters == nil else { return false }
            waiters = []
            return true
        }
        guard acquired else { return await run(operation) }
        await operation()
        let waiters = busy.withLockedValue { waiters -> [CheckedContinuation<Void, Never>] in
            defer { waiters = nil }
            return waiters ?? []
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// URL-safe base64 without padding, as JOSE uses it; translated byte by byte, since decoding runs on
/// every authenticated request.
public enum Base64URL {
    public static func decode(_ text: Substring) -> Data? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): bytes.append(UInt8(ascii: "+"))
            case UInt8(ascii: "_"): bytes.append(UInt8(ascii: "/"))
            default: bytes.append(byte)
            }
        }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }

    public static func encode(_ data: some Sequence<UInt8>) -> String {
        let base64 = Data(data).base64EncodedData()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(base64.count)
        for byte in base64 {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
