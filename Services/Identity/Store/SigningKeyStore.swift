import Foundation
import Logging
import PostgresNIO
import ServiceKit

/// Identity's ES256 signing keys, kept in its own schema.
protocol SigningKeyStore: Sendable {
    func allKeys() async throws -> [SigningKeyRecord]
    /// Adds a key unless another replica added one first (`onlyIfNone`), under an advisory lock.
    func add(_ key: SigningKeyRecord, onlyIfNoUnretiredKey: Bool) async throws
    func retire(kids: [String], at: Date) async throws
}

struct PostgresSigningKeyStore: SigningKeyStore {
    let client: PostgresClient
    let logger: Logger

    func allKeys() async throws -> [SigningKeyRecord] {
        let rows = try await client.query(
            "SELECT kid, private_key_pem, public_jwk, created_at, signs_from, retired_at FROM signing_keys ORDER BY signs_from",
            logger: logger
        )
        var keys: [SigningKeyRecord] = []
        for try await (kid, pem, jwk, created, signsFrom, retired) in rows.decode((String, String, String, Date, Date, Date?).self) {
            keys.append(
                SigningKeyRecord(kid: kid, privateKeyPEM: pem, publicJWK: jwk, createdAt: created, signsFrom: signsFrom, retiredAt: retired)
            )
        }
        return keys
    }

    func add(_ key: SigningKeyRecord, onlyIfNoUnretiredKey: Bool) async throws {
        try await client.inTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('identity.signing_keys'))", logger: logger)
            if onlyIfNoUnretiredKey {
                let rows = try await connection.query("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL", logger: logger)
                for try await (count) in rows.decode(Int.self) where count > 0 { return }
            }
            try await connection.query(
                """
                INSERT INTO signing_keys (kid, private_key_pem, public_jwk, created_at, signs_from)
                VALUES (\(key.kid), \(key.privateKeyPEM), \(key.publicJWK), \(key.createdAt), \(key.signsFrom))
                """,
                logger: logger
            )
        }
    }

    func retire(kids: [String], at: Date) async throws {
        try await client.query("UPDATE signing_keys SET retired_at = \(at) WHERE kid = ANY(\(kids)) AND retired_at IS NULL", logger: logger)
    }
}
