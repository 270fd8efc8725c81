import Foundation
import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit

/// Coaching-session: practice sessions, their turns and evaluations.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let store = PostgresSessionStore(client: runtime.postgres, outbox: runtime.outbox, logger: runtime.logger)
    let dependencies = CoachingDependencies(
        sessions: PracticeSessions(
            planner: SessionPlanner(taxonomy: try Taxonomy.bundled()),
            coach: Coach(embedded: EmbeddedCoach(), model: runtime.languageModel.map { LanguageModelCoach(client: $0) }),
            contexts: PeerCoachingContext(audiences: ProfileAudienceSource(client: runtime.internalClient), client: runtime.internalClient),
            store: store, clock: .system, logger: runtime.logger
        ),
        evaluations: SessionEvaluations(
            evaluator: SessionEvaluator(), model: runtime.languageModel.map { LanguageModelEvaluator(client: $0) },
            lessons: ContentLessonSearch(client: runtime.internalClient), store: store, clock: .system, logger: runtime.logger
        ),
        erasure: UserErasure(tables: CoachingMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox,
        maxBodyBytes: config.maxBodyBytes
    )
    // A key holds the person's answer and the coach's reply: it goes after its day even if the person never returns.
    let keyExpiry = PeriodicTask("coaching.turn_keys", every: .seconds(600), retryAfter: .seconds(30), warnAfter: 3, logger: runtime.logger) {
        let forgotten = try await store.forgetExpiredKeys(at: Date())
        if forgotten > 0 { runtime.logger.info("coaching.turn_keys.expired", metadata: ["keys": "\(forgotten)"]) }
    }
    return try runtime.application(
        router: buildRouter(dependencies), migrations: CoachingMigrations.all, publishesEvents: true, extraServices: [keyExpiry]
    )
}

/// What coaching's routes work with; live ones from `buildApplication`, stand-ins in router tests.
struct CoachingDependencies {
    var sessions: PracticeSessions
    var evaluations: SessionEvaluations
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Coaching's routes, with no live dependency of their own: practice sessions, turns, completion and
/// evaluation (for a signed-in person), and the inbox, where `user.deleted` erases the person's rows.
func buildRouter(_ dependencies: CoachingDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    router.group("api/v1")
        .add(middleware: UserAuthenticationMiddleware(verifier: dependencies.verifier, required: true))
        .addRoutes(SessionRoutes(sessions: dependencies.sessions, evaluations: dependencies.evaluations).endpoints)
    dependencies.inbox.erasing(with: dependencies.erasure).addRoutes(to: router)
    return router
}
