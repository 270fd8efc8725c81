import Foundation
import Logging
import NIOPosix
public import PostgresNIO

/// A database of its own for one test or suite, copied from `pathwise_template` (bootstrap applied:
/// the six roles and schemas), dropped afterwards.
public struct TestDatabase: Sendable {
    public let name: String
    public let port: Int

    /// Creates a fresh database and runs `body` with it; the database is dropped however `body` ends.
    public static func with<T: Sendable>(_ body: (TestDatabase) async throws -> T) async throws -> T {
        let database = TestDatabase(name: "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""), port: try TestEnvironment.postgresPort)
        try await database.admin { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database.name) TEMPLATE pathwise_template"), logger: testLogger)
        }
        do {
            let result = try await body(database)
            try? await database.drop()
            return result
        } catch {
            try? await database.drop()
            throw error
        }
    }

    func drop() async throws {
        try await admin { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: testLogger)
        }
    }

    /// Runs `body` on a connection as the superuser to the `postgres` database.
    @discardableResult
    func admin<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.connect(port: port, user: "postgres", database: "postgres", body)
    }

    /// Runs `body` on a connection to this database as `user` (a service role, or `postgres`).
    public func connect<T>(as user: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.connect(port: port, user: user, database: name, body)
    }

    static func connect<T>(port: Int, user: String, database: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: port, username: user, password: nil, database: database, tls: .disable
        )
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: testLogger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// A single integer from `sql` run as the superuser (counts in assertions).
    public func count(_ sql: String) async throws -> Int {
        try await connect(as: "postgres") { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: testLogger)
            for try await (value) in rows.decode(Int.self) { return value }
            return 0
        }
    }

    /// Runs `sql` as the superuser (to set up a state a test needs).
    public func execute(_ sql: String) async throws {
        try await connect(as: "postgres") { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: testLogger)
        }
    }

    /// A single text value from `sql` run as the superuser; empty when there is no row.
    public func text(_ sql: String) async throws -> String {
        try await connect(as: "postgres") { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: testLogger)
            for try await (value) in rows.decode(String?.self) { return value ?? "" }
            return ""
        }
    }
}

/// The logger tests pass to clients; quiet unless something is wrong.
public let testLogger: Logger = {
    var logger = Logger(label: "pathwise.tests")
    logger.logLevel = .warning
    return logger
}()
