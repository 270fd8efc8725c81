import Crypto
import Foundation
import PathwiseProtocol
import ServiceKit

/// Lifetimes of the two tokens.
struct TokenLifetimes: Sendable {
    /// Access tokens: 5 minutes.
    var access: Int = 300
    /// A refresh family's absolute lifetime: 30 days.
    var refresh: Int = 30 * 24 * 3600
}

/// Builds access-token claims. `iat` is never earlier than the user's `tokens_valid_after`, so a token
/// issued in the same second as a logout is not mistaken for one issued before it.
struct AccessTokenClaimsFactory: Sendable {
    let lifetimes: TokenLifetimes

    func claims(user: UUID, session: UUID, now: Date, tokensValidAfter: Int?) -> AccessTokenClaims {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down))
        return AccessTokenClaims(
            iss: AccessTokenClaims.issuer,
            aud: AccessTokenClaims.audience,
            sub: user.uuidString.lowercased(),
            iat: max(seconds, tokensValidAfter ?? 0),
            nbf: seconds,
            exp: seconds + lifetimes.access,
            jti: UUID().uuidString.lowercased(),
            sid: session.uuidString.lowercased()
        )
    }
}

/// The opaque refresh token a client holds (256 random bits, base64url) and the hash identity stores.
struct RefreshTokenSecret: Sendable {
    let token: String
    /// Hex SHA-256 of `token`.
    let hash: String

    static func generate() -> RefreshTokenSecret {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let token = Base64URL.encode(bytes)
        return RefreshTokenSecret(token: token, hash: digest(token))
    }

    /// SHA-256 of a presented token; only this is ever stored or looked up.
    static func digest(_ token: String) -> String {
        digestHex(token)
    }

    static func digestHex(_ value: String) -> String {
        SHA256.hex(of: Data(value.utf8))
    }
}

/// `tokens_valid_after` as the verifiers compare it: whole seconds, rounded up, so that every token
/// issued at or before the revocation instant falls below it.
enum RevocationCutoff {
    static func seconds(for instant: Date) -> Int {
        Int(instant.timeIntervalSince1970.rounded(.up))
    }
}
