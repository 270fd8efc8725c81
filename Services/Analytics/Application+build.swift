import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Analytics: received events, score and progress facts, and their rollups.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let router = runtime.makeRouter()
    runtime.inbox(handlers: [
        .userDeleted: UserErasure(tables: AnalyticsMigrations.userOwnedTables).handler
    ]).addRoutes(to: router)
    return try runtime.application(router: router, migrations: AnalyticsMigrations.all)
}
