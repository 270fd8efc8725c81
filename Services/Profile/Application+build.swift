import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Profile: the person's profile, job target, onboarding answers and resumes.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let profiles = PostgresProfileStore(client: runtime.postgres)

    let router = runtime.makeRouter()
    runtime.inbox(handlers: [
        .userRegistered: { payload, connection, logger in
            guard case .userRegistered(let event) = payload else { return }
            try await profiles.createProfile(for: event, on: connection, logger: logger)
        },
        .userDeleted: UserErasure(tables: profiles.userOwnedTables).handler,
    ]).addRoutes(to: router)

    return try runtime.application(router: router, migrations: ProfileMigrations.all)
}
