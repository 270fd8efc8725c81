import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Analytics
@testable import Coaching
@testable import Content
@testable import Identity
@testable import Pathing
@testable import Profile

/// A person's data leaves every schema with their account. The guard lists, after each service's
/// migrations, every table with a `user_id` column, and fails when one is neither erased nor kept on
/// purpose, or when a service holding user rows does not receive `user.deleted` (the event type's
/// subscribers): a table or service added without its erasure cannot pass `make test`.
@Suite("Erasure guard")
struct ErasureGuardTests {
    /// Each service: its migrations, the tables its erasure covers, and those it keeps on purpose.
    static let services: [(ServiceName, [Migration], erased: [String], kept: [String])] = [
        (.identity, IdentityMigrations.all, IdentityMigrations.userTablesErasedWithAccount, IdentityMigrations.userTablesKept),
        (.profile, ProfileMigrations.all, PostgresProfileStore.erasure.tables, PostgresProfileStore.keptAfterErasure),
        (.content, ContentMigrations.all, ContentMigrations.userOwnedTables, []),
        (.pathing, PathingMigrations.all, PathingMigrations.userOwnedTables, []),
        (.coaching, CoachingMigrations.all, CoachingMigrations.userOwnedTables, []),
        (.analytics, AnalyticsMigrations.all, AnalyticsMigrations.userOwnedTables, []),
    ]

    @Test("every table with a user_id column, in every schema, is erased with the account or kept on purpose")
    func everyUserTableIsCovered() async throws {
        try await TestDatabase.with { database throws in
            for (service, migrations, erased, kept) in Self.services {
                let tables = try await database.userTables(of: service, migrations: migrations)
                let uncovered = tables.subtracting(erased).subtracting(kept)
                #expect(uncovered.isEmpty, "\(service.rawValue): \(uncovered.sorted()) hold user ids but are neither erased nor kept")
                // Erasure travels as `user.deleted`: a service holding user rows must be its producer or a subscriber.
                #expect(
                    tables.subtracting(kept).isEmpty || service == UserDeleted.producer || UserDeleted.subscribers.contains(service),
                    "\(service.rawValue) holds user rows but does not receive user.deleted"
                )
                let stale = Set(erased + kept).subtracting(tables)
                #expect(stale.isEmpty, "\(service.rawValue): \(stale.sorted()) are listed but have no user_id column")
            }
        }
    }
}
