import Crypto
import Foundation
public import Logging
public import PostgresNIO

/// One step of a service's schema history. The list is append-only: an applied step is never edited.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// Statements run in order, in one transaction with the rest of the pending steps.
    public let statements: [String]

    public init(_ version: Int, _ name: String, _ statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// SHA-256 over the name and statements: an edit to an applied migration changes it.
    public var checksum: String {
        SHA256.hex(of: Data(([name] + statements).joined(separator: "\u{0}").utf8))
    }
}

/// Why the migrator refused to go on.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case edited(version: Int, name: String)
    case unknownApplied(version: Int)
    case outOfOrder(version: Int)

    public var description: String {
        switch self {
        case .edited(let version, let name):
            "migration \(version) (\(name)) was edited after it was applied; add a new migration instead"
        case .unknownApplied(let version):
            "the database has migration \(version), which this build does not know (an older build against a newer schema)"
        case .outOfOrder(let version):
            "migration versions must increase by one from 1; found \(version) out of place"
        }
    }
}

/// Applies a service's ordered migrations: one transaction, serialised across replicas by an advisory
/// lock, each recorded with its checksum; an edited or unknown applied migration stops the start.
public struct Migrator: Sendable {
    public let migrations: [Migration]
    /// The lock key; one per schema so services never wait for each other.
    let lockKey: Int64

    public init(schema: String, migrations: [Migration]) {
        self.migrations = migrations
        var hasher = SHA256()
        hasher.update(data: Data("pathwise.migrations.\(schema)".utf8))
        self.lockKey = hasher.finalize().prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }

    /// Checks order, then applies what is pending; returns the versions applied now.
    @discardableResult
    public func migrate(_ client: PostgresClient, logger: Logger) async throws -> [Int] {
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw MigrationError.outOfOrder(version: migration.version)
        }
        return try await client.inTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
            var applied: [Int: String] = [:]
            let rows = try await connection.query("SELECT version, checksum FROM schema_migrations", logger: logger)
            for try await (version, checksum) in rows.decode((Int, String).self) {
                applied[version] = checksum
            }
            let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
            for (version, checksum) in applied.sorted(by: { $0.key < $1.key }) {
                guard let migration = known[version] else { throw MigrationError.unknownApplied(version: version) }
                guard migration.checksum == checksum else { throw MigrationError.edited(version: version, name: migration.name) }
            }
            var appliedNow: [Int] = []
            for migration in migrations where applied[migration.version] == nil {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(migration.checksum))",
                    logger: logger
                )
                logger.info("db.migration.applied", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                appliedNow.append(migration.version)
            }
            return appliedNow
        }
    }
}

extension DatabaseSettings {
    /// A pool sized from configuration (six services and their replicas share one server's `max_connections`).
    public func makeClient(logger: Logger) -> PostgresClient {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: .disable
        )
        configuration.options.maximumConnections = poolSize
        configuration.options.minimumConnections = 0
        configuration.options.connectionIdleTimeout = .seconds(60)
        return PostgresClient(configuration: configuration, backgroundLogger: logger)
    }
}
