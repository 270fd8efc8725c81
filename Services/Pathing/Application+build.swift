import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit

/// Pathing: job analyses, gap reports, learning paths and lesson progress.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let taxonomy = try Taxonomy.bundled()
    let matcher = SkillMatcher(taxonomy: taxonomy)
    let analyses = JobAnalyses(
        reader: PostingReader(
            taxonomy: taxonomy, matcher: matcher, classifier: RoleClassifier(taxonomy: taxonomy, matcher: matcher), domains: try DomainLexicon.bundled()
        ),
        taxonomy: taxonomy, model: runtime.languageModel.map { PostingModel(client: $0, taxonomy: taxonomy, matcher: matcher) }
    )
    let dependencies = PathingDependencies(
        analyses: analyses,
        gapReports: GapReports(
            analyses: analyses, taxonomy: taxonomy, audiences: ProfileAudienceSource(client: runtime.internalClient),
            coverage: ContentCoverageSource(client: runtime.internalClient),
            store: PostgresGapReportStore(client: runtime.postgres, logger: runtime.logger), clock: .system, logger: runtime.logger
        ),
        erasure: UserErasure(tables: PathingMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox, maxBodyBytes: config.maxBodyBytes
    )
    return try runtime.application(router: buildRouter(dependencies), migrations: PathingMigrations.all)
}

/// What pathing's routes work with; live ones from `buildApplication`, in-memory ones in router tests.
struct PathingDependencies {
    var analyses: JobAnalyses
    var gapReports: GapReports
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Pathing's routes, with no live dependency of their own: job analysis and gap reports (for a
/// signed-in person), and the inbox, where `user.deleted` erases the person's rows.
func buildRouter(_ dependencies: PathingDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    let api = router.group("api/v1").add(middleware: UserAuthenticationMiddleware(verifier: dependencies.verifier, required: true))
    api.addRoutes(JobAnalysisRoutes(analyses: dependencies.analyses).endpoints)
    api.addRoutes(GapReportRoutes(reports: dependencies.gapReports).endpoints)
    dependencies.inbox.erasing(with: dependencies.erasure).addRoutes(to: router)
    return router
}
