import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Analytics: received events, score and progress facts, and their rollups.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let dependencies = AnalyticsDependencies(
        erasure: UserErasure(tables: AnalyticsMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox, maxBodyBytes: config.maxBodyBytes
    )
    return try runtime.application(router: buildRouter(dependencies), migrations: AnalyticsMigrations.all)
}

/// What analytics's routes work with; live ones from `buildApplication`, in-memory ones in router tests.
struct AnalyticsDependencies {
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Analytics's routes, with no live dependency of their own: so far the inbox, where `user.deleted` erases the person's rows.
func buildRouter(_ dependencies: AnalyticsDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    dependencies.inbox.erasing(with: dependencies.erasure).addRoutes(to: router)
    return router
}
