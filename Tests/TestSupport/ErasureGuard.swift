public import PathwiseProtocol
public import PostgresNIO
public import ServiceKit

extension TestDatabase {
    /// A fresh database with `migrations` applied to the schema of the service role `role`, and a
    /// pool logged in as that role, while `body` runs.
    public static func migrated<T: Sendable>(
        role: String, _ migrations: [Migration], _ body: (PostgresClient, TestDatabase) async throws -> T
    ) async throws -> T {
        try await with { database in
            try await database.withClient(role: role) { client in
                _ = try await Migrator(schema: role, migrations: migrations).migrate(client, logger: testLogger)
                return try await body(client, database)
            }
        }
    }

    /// A pool for the database role `role` on this database, running while `body` runs.
    public func withClient<T: Sendable>(role: String, _ body: (PostgresClient) async throws -> T) async throws -> T {
        let settings = DatabaseSettings(host: "127.0.0.1", port: port, database: name, username: role, password: nil, poolSize: 4)
        let client = settings.makeClient(logger: testLogger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// The tables of `service`'s schema with a `user_id` column once `migrations` are applied. The
    /// erasure guard: each one must be erased on `user.deleted` or kept on purpose, with the reason in
    /// docs/security.md, so a new table cannot quietly outlive the account of the person in it.
    public func userTables(of service: ServiceName, migrations: [Migration]) async throws -> Set<String> {
        try await withClient(role: service.schema) { client in
            _ = try await Migrator(schema: service.schema, migrations: migrations).migrate(client, logger: testLogger)
        }
        let rows = try await connect(as: "postgres") { connection in
            try await connection.query(
                "SELECT table_name::text FROM information_schema.columns WHERE table_schema = \(service.schema) AND column_name = 'user_id'",
                logger: testLogger
            ).collect()
        }
        return Set(try rows.map { try $0.decode(String.self) })
    }
}
