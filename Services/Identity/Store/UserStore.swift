import Foundation
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// A stored account.
struct UserRecord: Sendable, Equatable {
    var id: UUID
    var email: String
    var name: String?
    var passwordHash: String
    var activated: Bool
    /// Revocation cutoff in epoch seconds, if the person ever logged out or changed password.
    var tokensValidAfter: Int?
    var createdAt: Date

    var dto: UserDTO {
        UserDTO(id: id, email: email, name: name, activated: activated, createdAt: createdAt)
    }
}

/// What happened when a refresh token was presented.
enum RefreshOutcome: Sendable, Equatable {
    /// A new token was issued in the same family.
    case rotated(user: UserRecord, family: UUID, familyExpiresAt: Date)
    /// The token had been used before: the whole family is now revoked.
    case reused(user: UUID)
    /// Unknown, revoked, or past its family's lifetime.
    case invalid
}

/// Why a signup could not be stored.
enum SignupConflict: Error {
    case emailTaken
}

/// Accounts, refresh-token families and the revocation feed.
protocol UserStore: Sendable {
    /// Creates the account, its first refresh family and token, and the `user.registered` event, atomically.
    func createUser(_ user: UserRecord, normalisedEmail: String, firstSession: NewSession) async throws -> Date
    func user(id: UUID) async throws -> UserRecord?
    func user(normalisedEmail: String) async throws -> UserRecord?
    func startSession(_ session: NewSession) async throws -> Date
    func rotate(presented: String, replacement: String, now: Date) async throws -> RefreshOutcome
    /// Revokes the presented token's family and cuts off the user's earlier access tokens; returns the user, if any.
    func logout(presented: String, now: Date) async throws -> UUID?
    func updatePasswordHash(user: UUID, hash: String) async throws
    /// New password, every other family revoked, earlier access tokens cut off.
    func changePassword(user: UUID, hash: String, keepSession: UUID, now: Date) async throws
    /// Deletes the account and everything under it, records the cutoff and emits `user.deleted`.
    func deleteUser(id: UUID, now: Date) async throws
    /// Marks the account as having finished a practice session, in the unit of work of the event that said so.
    func markActivated(user: UUID, in work: UnitOfWork) async throws
    func revocations(after sequence: Int64) async throws -> TokenRevocationFeed
}

/// A refresh family to open: its id (the access tokens' `sid`), first token, and absolute expiry.
struct NewSession: Sendable {
    var user: UUID
    var family: UUID
    var tokenHash: String
    var expiresAt: Date
}

struct PostgresUserStore: UserStore, RevocationSource {
    let client: PostgresClient
    let outbox: Outbox
    let logger: Logger

    func createUser(_ user: UserRecord, normalisedEmail: String, firstSession: NewSession) async throws -> Date {
        do {
            return try await outbox.transaction(on: client, logger: logger) { connection, events in
                let rows = try await connection.query(
                    """
                    INSERT INTO users (id, email, email_normalized, name, password_hash)
                    VALUES (\(user.id), \(user.email), \(normalisedEmail), \(user.name), \(user.passwordHash))
                    RETURNING created_at
                    """,
                    logger: logger
                )
                var createdAt: Date?
                for try await (value) in rows.decode(Date.self) { createdAt = value }
                guard let createdAt else { throw InvariantViolation("INSERT … RETURNING gave no row for a new user") }
                try await insertSession(firstSession, on: connection)
                try events.emit(UserRegistered(userID: user.id, email: user.email, name: user.name))
                return createdAt
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw SignupConflict.emailTaken
        }
    }

    func user(id: UUID) async throws -> UserRecord? {
        try await firstUser(
            try await client.query(
                "SELECT id, email, name, password_hash, activated, tokens_valid_after, created_at FROM users WHERE id = \(id)",
                logger: logger
            )
        )
    }

    func user(normalisedEmail: String) async throws -> UserRecord? {
        try await firstUser(
            try await client.query(
                """
                SELECT id, email, name, password_hash, activated, tokens_valid_after, created_at
                FROM users WHERE email_normalized = \(normalisedEmail)
                """,
                logger: logger
            )
        )
    }

    private func firstUser(_ rows: PostgresRowSequence) async throws -> UserRecord? {
        for try await (id, email, name, hash, activated, validAfter, createdAt) in rows.decode(
            (UUID, String, String?, String, Bool, Date?, Date).self
        ) {
            return UserRecord(
                id: id, email: email, name: name, passwordHash: hash, activated: activated,
                tokensValidAfter: validAfter.map(RevocationCutoff.seconds(for:)), createdAt: createdAt
            )
        }
        return nil
    }

    func startSession(_ session: NewSession) async throws -> Date {
        try await client.inTransaction(logger: logger) { connection in
            try await insertSession(session, on: connection)
        }
        return session.expiresAt
    }

    private func insertSession(_ session: NewSession, on connection: PostgresConnection) async throws {
        try await connection.query(
            "INSERT INTO refresh_families (id, user_id, expires_at) VALUES (\(session.family), \(session.user), \(session.expiresAt))",
            logger: logger
        )
        try await connection.query(
            "INSERT INTO refresh_tokens (token_hash, family_id) VALUES (\(session.tokenHash), \(session.family))",
            logger: logger
        )
    }

    func rotate(presented: String, replacement: String, now: Date) async throws -> RefreshOutcome {
        // Returned, not thrown, so that a reuse's family revocation commits even though the request fails.
        try await client.inTransaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                SELECT t.family_id, t.used_at, f.user_id, f.revoked_at, f.expires_at
                FROM refresh_tokens t JOIN refresh_families f ON f.id = t.family_id
                WHERE t.token_hash = \(presented)
                FOR UPDATE OF t, f
                """,
                logger: logger
            )
            var found: (UUID, Date?, UUID, Date?, Date)?
            for try await row in rows.decode((UUID, Date?, UUID, Date?, Date).self) { found = row }
            guard let (family, usedAt, userID, revokedAt, expiresAt) = found else { return .invalid }
            guard revokedAt == nil, expiresAt > now else { return .invalid }
            if usedAt != nil {
                try await connection.query(
                    "UPDATE refresh_families SET revoked_at = \(now), revoked_reason = 'reuse' WHERE id = \(family)",
                    logger: logger
                )
                return .reused(user: userID)
            }
            try await connection.query("UPDATE refresh_tokens SET used_at = \(now) WHERE token_hash = \(presented)", logger: logger)
            try await connection.query(
                "INSERT INTO refresh_tokens (token_hash, family_id) VALUES (\(replacement), \(family))", logger: logger
            )
            let userRows = try await connection.query(
                "SELECT id, email, name, password_hash, activated, tokens_valid_after, created_at FROM users WHERE id = \(userID)",
                logger: logger
            )
            guard let user = try await firstUser(userRows) else { return .invalid }
            return .rotated(user: user, family: family, familyExpiresAt: expiresAt)
        }
    }

    func logout(presented: String, now: Date) async throws -> UUID? {
        try await client.inTransaction(logger: logger) { connection in
            let rows = try await connection.query(
                """
                UPDATE refresh_families f SET revoked_at = coalesce(f.revoked_at, \(now)), revoked_reason = coalesce(f.revoked_reason, 'logout')
                FROM refresh_tokens t
                WHERE t.token_hash = \(presented) AND f.id = t.family_id
                RETURNING f.user_id
                """,
                logger: logger
            )
            var userID: UUID?
            for try await (id) in rows.decode(UUID.self) { userID = id }
            guard let userID else { return nil }
            try await cutOffAccessTokens(user: userID, now: now, on: connection)
            return userID
        }
    }

    func updatePasswordHash(user: UUID, hash: String) async throws {
        try await client.query("UPDATE users SET password_hash = \(hash), updated_at = now() WHERE id = \(user)", logger: logger)
    }

    func changePassword(user: UUID, hash: String, keepSession: UUID, now: Date) async throws {
        try await client.inTransaction(logger: logger) { connection in
            try await connection.query("UPDATE users SET password_hash = \(hash), updated_at = now() WHERE id = \(user)", logger: logger)
            try await connection.query(
                """
                UPDATE refresh_families SET revoked_at = \(now), revoked_reason = 'password_changed'
                WHERE user_id = \(user) AND id <> \(keepSession) AND revoked_at IS NULL
                """,
                logger: logger
            )
            try await cutOffAccessTokens(user: user, now: now, on: connection)
        }
    }

    func deleteUser(id: UUID, now: Date) async throws {
        try await outbox.transaction(on: client, logger: logger) { connection, events in
            let deleted = try await connection.query("DELETE FROM users WHERE id = \(id) RETURNING email_normalized", logger: logger)
            for try await (email) in deleted.decode(String.self) {
                try await connection.query("DELETE FROM login_throttle WHERE key = \(ThrottleKey.account(email))", logger: logger)
            }
            try await connection.query(
                "INSERT INTO token_revocations (user_id, tokens_valid_after) VALUES (\(id), \(RevocationCutoff.seconds(for: now)))",
                logger: logger
            )
            try events.emit(UserDeleted(userID: id))
        }
    }

    /// Records the cutoff on the user and in the feed every service polls.
    private func cutOffAccessTokens(user: UUID, now: Date, on connection: PostgresConnection) async throws {
        try await connection.query("UPDATE users SET tokens_valid_after = \(now) WHERE id = \(user)", logger: logger)
        try await connection.query(
            "INSERT INTO token_revocations (user_id, tokens_valid_after) VALUES (\(user), \(RevocationCutoff.seconds(for: now)))",
            logger: logger
        )
    }

    func markActivated(user: UUID, in work: UnitOfWork) async throws {
        try await work.connection().query(
            "UPDATE users SET activated = true, updated_at = now() WHERE id = \(user) AND NOT activated", logger: work.logger
        )
    }

    func revocations(after sequence: Int64) async throws -> TokenRevocationFeed {
        // A fresh reader (sequence 0) needs only cutoffs that can still matter: tokens live five minutes.
        let rows = try await client.query(
            """
            SELECT sequence, user_id, tokens_valid_after FROM token_revocations
            WHERE sequence > \(sequence) AND created_at > now() - interval '15 minutes'
            ORDER BY sequence LIMIT 5000
            """,
            logger: logger
        )
        var items: [TokenRevocation] = []
        for try await (seq, user, cutoff) in rows.decode((Int64, UUID, Int64).self) {
            items.append(TokenRevocation(sequence: seq, userID: user, tokensValidAfter: Int(cutoff)))
        }
        let cursor = items.last?.sequence ?? sequence
        if items.isEmpty && sequence == 0 {
            // Start new readers at the head, so they skip history they do not need.
            let head = try await client.query("SELECT coalesce(max(sequence), 0) FROM token_revocations", logger: logger)
            for try await (value) in head.decode(Int64.self) { return TokenRevocationFeed(items: [], cursor: value) }
        }
        return TokenRevocationFeed(items: items, cursor: cursor)
    }
}
