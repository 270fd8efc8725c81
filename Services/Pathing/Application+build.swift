import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Pathing: job analyses, gap reports, learning paths and lesson progress.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let router = runtime.makeRouter()
    runtime.inbox(handlers: [
        .userDeleted: UserErasure(tables: PathingMigrations.userOwnedTables).handler
    ]).addRoutes(to: router)
    return try runtime.application(router: router, migrations: PathingMigrations.all)
}
