import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// What identity does for a person: sign up, log in, refresh, log out, change password, delete.
/// Routes decode and encode; the rules live here and in the small types beside it.
struct Accounts: Sendable, LogsPerRequest {
    let users: any UserStore
    let throttle: any LoginThrottleStore
    let hasher: PasswordHasher
    let policy: PasswordPolicy
    let signer: TokenSigner
    let lifetimes: TokenLifetimes
    /// This replica's cutoffs, updated at once for revocations made here (other replicas and services poll).
    let revocations: RevocationList
    let clock: WallClock
    /// A hash of a random password, verified against when the email is unknown, so that an unknown
    /// email costs the same time as a wrong password.
    let decoyHash: String
    var logger: Logger

    init(
        users: any UserStore, throttle: any LoginThrottleStore, hasher: PasswordHasher, policy: PasswordPolicy,
        signer: TokenSigner, lifetimes: TokenLifetimes, revocations: RevocationList, clock: WallClock = .system, logger: Logger
    ) async throws {
        self.clock = clock
        self.users = users
        self.throttle = throttle
        self.hasher = hasher
        self.policy = policy
        self.signer = signer
        self.lifetimes = lifetimes
        self.revocations = revocations
        self.decoyHash = try await hasher.hash(UUID().uuidString + UUID().uuidString)
        self.logger = logger
    }

    func signup(_ request: SignupRequest) async throws -> AuthResponse {
        var errors: [ProblemDetails.FieldError] = []
        var email = ""
        do {
            email = try InputText.emailAddress.accept(request.email)
            if let reason = EmailAddress.violation(of: email) { errors.append(.init(SignupRequest.CodingKeys.email, reason)) }
        } catch {
            errors.append(.init(SignupRequest.CodingKeys.email, error.message))
        }
        if let reason = policy.violation(of: request.password, email: email) {
            errors.append(.init(SignupRequest.CodingKeys.password, reason))
        }
        var name: String?
        if let given = request.name, !given.allSatisfy(\.isWhitespace) {
            do { name = try InputText.personName.accept(given) } catch { errors.append(.init(SignupRequest.CodingKeys.name, error.message)) }
        }
        guard errors.isEmpty else { throw AccountError.invalidFields(errors) }

        let now = clock.now
        let record = UserRecord(
            id: UUID(), email: email, name: name, passwordHash: try await hasher.hash(request.password),
            activated: false, tokensValidAfter: nil, createdAt: now
        )
        let refresh = RefreshTokenSecret.generate()
        let session = NewSession(
            user: record.id, family: UUID(), tokenHash: refresh.hash, expiresAt: now.addingTimeInterval(Double(lifetimes.refresh))
        )
        var created = record
        do {
            created.createdAt = try await users.createUser(record, normalisedEmail: EmailAddress.normalise(email), firstSession: session)
        } catch SignupConflict.emailTaken {
            throw AccountError.emailTaken
        }
        logger.info("auth.signup", metadata: ["user_id": .id(created.id)])
        return try await tokens(for: created, session: session.family, refresh: refresh, familyExpiresAt: session.expiresAt, now: now)
    }

    func login(_ request: LoginRequest, from address: String) async throws -> AuthResponse {
        let now = clock.now
        // No account can have an address the policy refuses, so this says nothing about which exist.
        let email: String
        do {
            email = EmailAddress.normalise(try InputText.emailAddress.accept(request.email))
        } catch {
            throw AccountError.invalidFields([.init(LoginRequest.CodingKeys.email, error.message)])
        }
        let accountKey = ThrottleKey.account(email)
        let addressKey = ThrottleKey.address(address)
        let wait = try await throttle.retryAfter(keys: [accountKey, addressKey], now: now)
        if wait > 0 {
            logger.notice("auth.login.throttled", metadata: ["address": "\(address)", "retry_after": "\(wait)"])
            throw AccountError.throttled(retryAfterSeconds: wait)
        }
        let user = try await users.user(normalisedEmail: email)
        let matches = try await hasher.verify(request.password, against: user?.passwordHash ?? decoyHash)
        guard let user, matches else {
            try await throttle.recordFailure([(accountKey, .account), (addressKey, .address)], now: now)
            logger.notice("auth.login.failed", metadata: ["user_id": user.map { .id($0.id) } ?? "unknown", "address": "\(address)"])
            throw AccountError.invalidCredentials
        }
        try await throttle.reset(key: accountKey)
        if hasher.needsRehash(user.passwordHash) {
            try await users.updatePasswordHash(user: user.id, hash: try await hasher.hash(request.password))
            logger.info("auth.password.rehashed", metadata: ["user_id": .id(user.id)])
        }
        let refresh = RefreshTokenSecret.generate()
        let session = NewSession(
            user: user.id, family: UUID(), tokenHash: refresh.hash, expiresAt: now.addingTimeInterval(Double(lifetimes.refresh))
        )
        _ = try await users.startSession(session)
        logger.info("auth.login", metadata: ["user_id": .id(user.id), "session_id": .id(session.family)])
        return try await tokens(for: user, session: session.family, refresh: refresh, familyExpiresAt: session.expiresAt, now: now)
    }

    func refresh(_ presented: String) async throws -> AuthResponse {
        let now = clock.now
        let replacement = RefreshTokenSecret.generate()
        switch try await users.rotate(presented: RefreshTokenSecret.digest(presented), replacement: replacement.hash, now: now) {
        case .rotated(let user, let family, let expiresAt):
            return try await tokens(for: user, session: family, refresh: replacement, familyExpiresAt: expiresAt, now: now)
        case .reused(let user):
            logger.warning("auth.refresh.reused", metadata: ["user_id": .id(user)])
            throw AccountError.refreshTokenReused
        case .invalid:
            throw AccountError.refreshTokenInvalid
        }
    }

    /// Revokes the token's family; a bearer token, when sent, must belong to the same person.
    func logout(_ presented: String, user: AuthenticatedUser?) async throws {
        let now = clock.now
        let loggedOut = try await users.logout(presented: RefreshTokenSecret.digest(presented), now: now)
        if let loggedOut {
            revocations.record(user: loggedOut, tokensValidAfter: RevocationCutoff.seconds(for: now))
            logger.info("auth.logout", metadata: ["user_id": .id(loggedOut), "by_token_owner": "\(user.map { $0.id == loggedOut } ?? true)"])
        }
    }

    func me(_ user: AuthenticatedUser) async throws -> UserDTO {
        guard let record = try await users.user(id: user.id) else {
            throw AccountError.accountGone
        }
        return record.dto
    }

    func changePassword(_ request: ChangePasswordRequest, user: AuthenticatedUser) async throws {
        guard let record = try await users.user(id: user.id) else {
            throw AccountError.accountGone
        }
        guard try await hasher.verify(request.currentPassword, against: record.passwordHash) else {
            logger.notice("auth.change_password.failed", metadata: ["user_id": .id(user.id)])
            throw AccountError.invalidFields([.init(ChangePasswordRequest.CodingKeys.currentPassword, "is not your current password")])
        }
        if let reason = policy.violation(of: request.newPassword, email: record.email) {
            throw AccountError.invalidFields([.init(ChangePasswordRequest.CodingKeys.newPassword, reason)])
        }
        let now = clock.now
        try await users.changePassword(user: user.id, hash: try await hasher.hash(request.newPassword), keepSession: user.sessionID, now: now)
        revocations.record(user: user.id, tokensValidAfter: RevocationCutoff.seconds(for: now))
        logger.info("auth.change_password", metadata: ["user_id": .id(user.id)])
    }

    func deleteAccount(_ request: DeleteAccountRequest, user: AuthenticatedUser) async throws {
        guard let record = try await users.user(id: user.id) else {
            throw AccountError.accountGone
        }
        guard try await hasher.verify(request.password, against: record.passwordHash) else {
            throw AccountError.invalidFields([.init(DeleteAccountRequest.CodingKeys.password, "is not your password")])
        }
        let now = clock.now
        try await users.deleteUser(id: user.id, now: now)
        revocations.record(user: user.id, tokensValidAfter: RevocationCutoff.seconds(for: now))
        logger.info("auth.account_deleted", metadata: ["user_id": .id(user.id)])
    }

    private func tokens(
        for user: UserRecord, session: UUID, refresh: RefreshTokenSecret, familyExpiresAt: Date, now: Date
    ) async throws -> AuthResponse {
        let claims = AccessTokenClaimsFactory(lifetimes: lifetimes).claims(
            user: user.id, session: session, now: now, tokensValidAfter: user.tokensValidAfter
        )
        let pair = TokenPair(
            accessToken: try await signer.sign(claims), expiresIn: lifetimes.access, refreshToken: refresh.token,
            refreshExpiresIn: max(0, Int(familyExpiresAt.timeIntervalSince(now)))
        )
        return AuthResponse(tokens: pair, user: user.dto)
    }
}
