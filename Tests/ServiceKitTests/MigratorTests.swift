import Foundation
import Logging
import PostgresNIO
import TestSupport
import Testing

@testable import ServiceKit

@Suite("Migrator")
struct MigratorTests {
    let first = [
        Migration(1, "widgets", ["CREATE TABLE widgets (id integer PRIMARY KEY)"]),
        Migration(2, "widget names", ["ALTER TABLE widgets ADD COLUMN name text", "CREATE INDEX widgets_name ON widgets (name)"]),
    ]

    /// A pool for `role` on `database`, running while `body` runs.
    func withClient<T: Sendable>(_ database: TestDatabase, role: String = "content", _ body: (PostgresClient) async throws -> T) async throws -> T {
        try await database.withClient(role: role, body)
    }

    @Test("pending migrations are applied in order, once")
    func appliesOnce() async throws {
        try await TestDatabase.with { database throws in
            try await withClient(database) { client throws in
                let migrator = Migrator(schema: "content", migrations: first)
                #expect(try await migrator.migrate(client, logger: testLogger) == [1, 2])
                #expect(try await migrator.migrate(client, logger: testLogger) == [])
                let appended = Migrator(schema: "content", migrations: first + [Migration(3, "more", ["ALTER TABLE widgets ADD COLUMN size integer"])])
                #expect(try await appended.migrate(client, logger: testLogger) == [3])
            }
            #expect(try await database.count("SELECT count(*) FROM content.schema_migrations") == 3)
        }
    }

    @Test("three migrators starting at once apply each migration exactly once")
    func concurrentStarts() async throws {
        try await TestDatabase.with { database throws in
            try await withClient(database) { client throws in
                let migrator = Migrator(schema: "content", migrations: first)
                let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for _ in 0..<3 { group.addTask { try await migrator.migrate(client, logger: testLogger) } }
                    var all: [[Int]] = []
                    for try await result in group { all.append(result) }
                    return all
                }
                #expect(applied.filter { !$0.isEmpty } == [[1, 2]])
            }
        }
    }

    @Test("an applied migration that was edited stops the start")
    func editedMigration() async throws {
        try await TestDatabase.with { database throws in
            try await withClient(database) { client throws in
                try await Migrator(schema: "content", migrations: first).migrate(client, logger: testLogger)
                var edited = first
                edited[1] = Migration(2, "widget names", ["ALTER TABLE widgets ADD COLUMN name varchar(20)"])
                await #expect(throws: MigrationError.edited(version: 2, name: "widget names")) {
                    try await Migrator(schema: "content", migrations: edited).migrate(client, logger: testLogger)
                }
            }
        }
    }

    @Test("a database ahead of the build is refused, and so are gaps in the versions")
    func unknownAndGaps() async throws {
        try await TestDatabase.with { database throws in
            try await withClient(database) { client throws in
                try await Migrator(schema: "content", migrations: first).migrate(client, logger: testLogger)
                await #expect(throws: MigrationError.unknownApplied(version: 2)) {
                    try await Migrator(schema: "content", migrations: Array(first.prefix(1))).migrate(client, logger: testLogger)
                }
                await #expect(throws: MigrationError.outOfOrder(version: 3)) {
                    try await Migrator(schema: "content", migrations: [first[0], Migration(3, "gap", [])]).migrate(client, logger: testLogger)
                }
            }
        }
    }

    @Test("a failing migration leaves nothing half-applied")
    func atomic() async throws {
        try await TestDatabase.with { database throws in
            try await withClient(database) { client throws in
                let broken = first + [Migration(3, "broken", ["CREATE TABLE gadgets (id integer)", "SELECT no_such_function()"])]
                await #expect(throws: (any Error).self) { try await Migrator(schema: "content", migrations: broken).migrate(client, logger: testLogger) }
            }
            #expect(try await database.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'content' AND table_name IN ('widgets', 'gadgets', 'schema_migrations')") == 0)
        }
    }

    @Test("the checksum covers the name and every statement")
    func checksum() {
        let base = Migration(1, "a", ["x", "y"])
        #expect(base.checksum == Migration(1, "a", ["x", "y"]).checksum)
        #expect(base.checksum != Migration(1, "b", ["x", "y"]).checksum)
        #expect(base.checksum != Migration(1, "a", ["xy"]).checksum)
        #expect(base.checksum.count == 64)
    }
}
