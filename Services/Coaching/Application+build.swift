import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Coaching-session: practice sessions, their messages and evaluations.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let dependencies = CoachingDependencies(
        erasure: UserErasure(tables: CoachingMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox, maxBodyBytes: config.maxBodyBytes
    )
    return try runtime.application(router: buildRouter(dependencies), migrations: CoachingMigrations.all)
}

/// What coaching's routes work with; live ones from `buildApplication`, in-memory ones in router tests.
struct CoachingDependencies {
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Coaching's routes, with no live dependency of their own: so far the inbox, where `user.deleted` erases the person's rows.
func buildRouter(_ dependencies: CoachingDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    dependencies.inbox.erasing(with: dependencies.erasure).addRoutes(to: router)
    return router
}
