import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Coaching-session: practice sessions, their messages and evaluations.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let router = runtime.makeRouter()
    runtime.inbox(handlers: [
        .userDeleted: UserErasure(tables: CoachingMigrations.userOwnedTables).handler
    ]).addRoutes(to: router)
    return try runtime.application(router: router, migrations: CoachingMigrations.all)
}
