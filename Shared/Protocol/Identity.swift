public import Foundation

/// `POST /api/v1/auth/signup`.
public struct SignupRequest: Codable, Sendable, JSONRequest {
    public var email: String
    public var password: String
    public var name: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case email, password, name
    }

    public init(email: String, password: String, name: String? = nil) {
        self.email = email
        self.password = password
        self.name = name
    }
}

/// `POST /api/v1/auth/login`.
public struct LoginRequest: Codable, Sendable, JSONRequest {
    public var email: String
    public var password: String

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case email, password
    }

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout`.
public struct RefreshTokenRequest: Codable, Sendable, JSONRequest {
    public var refreshToken: String

    public init(refreshToken: String) {
        self.refreshToken = refreshToken
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case refreshToken = "refresh_token"
    }
}

/// `POST /api/v1/auth/change-password`.
public struct ChangePasswordRequest: Codable, Sendable, JSONRequest {
    public var currentPassword: String
    public var newPassword: String

    public init(currentPassword: String, newPassword: String) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case currentPassword = "current_password"
        case newPassword = "new_password"
    }
}

/// `DELETE /api/v1/auth/account`.
public struct DeleteAccountRequest: Codable, Sendable, JSONRequest {
    public var password: String

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case password
    }

    public init(password: String) {
        self.password = password
    }
}

/// A person's account as the API shows it.
public struct UserDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var email: String
    public var name: String?
    /// True once the person has completed a first practice session.
    public var activated: Bool
    public var createdAt: Date

    public init(id: UUID, email: String, name: String?, activated: Bool, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.activated = activated
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email, name, activated
        case createdAt = "created_at"
    }
}

/// An access token and the refresh token that renews it.
public struct TokenPair: Codable, Sendable {
    public var accessToken: String
    public var tokenType: String
    /// Seconds until the access token expires.
    public var expiresIn: Int
    public var refreshToken: String
    /// Seconds until the refresh token's family reaches its absolute lifetime.
    public var refreshExpiresIn: Int

    public init(accessToken: String, expiresIn: Int, refreshToken: String, refreshExpiresIn: Int) {
        self.accessToken = accessToken
        self.tokenType = "Bearer"
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.refreshExpiresIn = refreshExpiresIn
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
        case refreshExpiresIn = "refresh_expires_in"
    }
}

/// The answer to signup, login and refresh: a `TokenPair` with the `user` beside it.
public struct AuthResponse: Codable, Sendable {
    public var tokens: TokenPair
    public var user: UserDTO

    public init(tokens: TokenPair, user: UserDTO) {
        self.tokens = tokens
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case user
    }

    public init(from decoder: any Decoder) throws {
        self.tokens = try TokenPair(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.user = try container.decode(UserDTO.self, forKey: .user)
    }

    public func encode(to encoder: any Encoder) throws {
        try tokens.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(user, forKey: .user)
    }
}

/// The claims of a Pathwise access token (`typ: at+jwt`, ES256).
public struct AccessTokenClaims: Codable, Sendable, Equatable {
    /// The issuer every access token names.
    public static let issuer = "pathwise-identity"
    /// The audience every access token names.
    public static let audience = "pathwise"
    /// The JOSE header `typ` of an access token (RFC 9068).
    public static let type = "at+jwt"

    public var iss: String
    public var aud: String
    /// The user id.
    public var sub: String
    public var iat: Int
    public var nbf: Int
    public var exp: Int
    public var jti: String
    /// The refresh-token family (the login session) this token belongs to.
    public var sid: String

    public init(iss: String, aud: String, sub: String, iat: Int, nbf: Int, exp: Int, jti: String, sid: String) {
        self.iss = iss
        self.aud = aud
        self.sub = sub
        self.iat = iat
        self.nbf = nbf
        self.exp = exp
        self.jti = jti
        self.sid = sid
    }
}

/// One entry of identity's revocation feed: every access token of `user_id` issued before
/// `tokens_valid_after` (epoch seconds) is no longer accepted.
public struct TokenRevocation: Codable, Sendable, Equatable {
    public var sequence: Int64
    @LowercaseUUID public var userID: UUID
    public var tokensValidAfter: Int

    public init(sequence: Int64, userID: UUID, tokensValidAfter: Int) {
        self.sequence = sequence
        self.userID = userID
        self.tokensValidAfter = tokensValidAfter
    }

    enum CodingKeys: String, CodingKey {
        case sequence
        case userID = "user_id"
        case tokensValidAfter = "tokens_valid_after"
    }
}

/// `GET /internal/token-revocations?after=N`: the feed entries after sequence `N`.
public struct TokenRevocationFeed: Codable, Sendable {
    public var items: [TokenRevocation]
    /// The sequence to ask after next time.
    public var cursor: Int64

    public init(items: [TokenRevocation], cursor: Int64) {
        self.items = items
        self.cursor = cursor
    }
}
