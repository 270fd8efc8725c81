import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Analytics: facts from the other services' events, and the trends and improvements read from them.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let dependencies = AnalyticsDependencies(
        analytics: PersonalAnalytics(
            store: PostgresFactStore(client: runtime.postgres, logger: runtime.logger), lessons: ContentWeaknessLessons(client: runtime.internalClient),
            clock: .system, logger: runtime.logger
        ),
        erasure: UserErasure(tables: AnalyticsMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox,
        maxBodyBytes: config.maxBodyBytes
    )
    return try runtime.application(router: buildRouter(dependencies), migrations: AnalyticsMigrations.all)
}

/// What analytics's routes work with; live ones from `buildApplication`, stand-ins in router tests.
struct AnalyticsDependencies {
    var analytics: PersonalAnalytics
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Analytics's routes, with no live dependency of their own: trends and improvements (for a signed-in
/// person), and the inbox, where the events of pathing and coaching-session become facts and
/// `user.deleted` erases the person's.
func buildRouter(_ dependencies: AnalyticsDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    router.group("api/v1")
        .add(middleware: UserAuthenticationMiddleware(verifier: dependencies.verifier, required: true))
        .addRoutes(AnalyticsRoutes(analytics: dependencies.analytics).endpoints)
    eventHandlers(dependencies).addRoutes(to: router)
    return router
}

/// The inbox with analytics's handlers: `user.deleted` erases the person's facts, the other events become facts.
func eventHandlers(_ dependencies: AnalyticsDependencies) -> Inbox {
    let analytics = dependencies.analytics
    return dependencies.inbox
        .erasing(with: dependencies.erasure)
        .on(SessionCompleted.self) { event, work in try await analytics.logging(to: work.logger).apply(event, in: work) }
        .on(EvaluationCreated.self) { event, work in try await analytics.logging(to: work.logger).apply(event, in: work) }
        .on(ProgressUpdated.self) { event, work in try await analytics.logging(to: work.logger).apply(event, in: work) }
        .on(PathCreated.self) { event, work in try await analytics.logging(to: work.logger).apply(event, in: work) }
}
