import Foundation
import Logging
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// Profiles, one per person.
protocol ProfileStore: Sendable {
    /// Creates the profile when the account is registered; a second delivery, or a profile already
    /// made on first access, changes nothing.
    func createProfile(for event: UserRegistered, on connection: PostgresConnection, logger: Logger) async throws
    /// The tables holding a person's rows, erased when `user.deleted` arrives (children first).
    var userOwnedTables: [String] { get }
}

struct PostgresProfileStore: ProfileStore {
    let client: PostgresClient

    let userOwnedTables = ["profiles"]

    func createProfile(for event: UserRegistered, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO profiles (user_id, email, name) VALUES (\(event.userID), \(event.email), \(event.name))
            ON CONFLICT (user_id) DO NOTHING
            """,
            logger: logger
        )
    }
}
