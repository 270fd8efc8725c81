import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit

/// Pathing: job analyses, gap reports, learning paths and lesson progress.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let settings = try PathingSettings(config.environment)
    let runtime = try ServiceRuntime(config: config)
    let taxonomy = try Taxonomy.bundled()
    let matcher = SkillMatcher(taxonomy: taxonomy)
    let analyses = JobAnalyses(
        reader: PostingReader(
            taxonomy: taxonomy, matcher: matcher, classifier: RoleClassifier(taxonomy: taxonomy, matcher: matcher), domains: try DomainLexicon.bundled()
        ),
        taxonomy: taxonomy, model: runtime.languageModel.map { PostingModel(client: $0, taxonomy: taxonomy, matcher: matcher) }
    )
    let gapReports = GapReports(
        analyses: analyses, taxonomy: taxonomy, audiences: ProfileAudienceSource(client: runtime.internalClient),
        coverage: ContentCoverageSource(client: runtime.internalClient),
        store: PostgresGapReportStore(client: runtime.postgres, logger: runtime.logger), clock: .system, logger: runtime.logger
    )
    let graph = ContentLessonGraph(
        client: runtime.internalClient, renames: PostgresLessonRenames(client: runtime.postgres, logger: runtime.logger), logger: runtime.logger
    )
    let pathStore = PostgresLearningPathStore(client: runtime.postgres, outbox: runtime.outbox, logger: runtime.logger)
    let paths = LearningPaths(
        gapReports: gapReports, graph: graph, store: pathStore, clock: .system, debounce: settings.debounceSeconds, logger: runtime.logger
    )
    let dependencies = PathingDependencies(
        analyses: analyses, gapReports: gapReports, paths: paths,
        progress: StudyProgress(
            graph: graph, store: PostgresProgressStore(client: runtime.postgres, outbox: runtime.outbox, logger: runtime.logger), paths: pathStore,
            scheduler: SpacedReview(), clock: .system, logger: runtime.logger
        ),
        taxonomy: taxonomy, erasure: UserErasure(tables: PathingMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox,
        maxBodyBytes: config.maxBodyBytes
    )
    let pathMaker = PeriodicTask("pathing.paths", every: .milliseconds(250), retryAfter: .seconds(2), warnAfter: 3, logger: runtime.logger) {
        try await paths.makeDuePaths()
    }
    return try runtime.application(
        router: buildRouter(dependencies), migrations: PathingMigrations.all, publishesEvents: true, extraServices: [pathMaker]
    )
}

/// What pathing's routes work with; live ones from `buildApplication`, stand-ins in router tests.
struct PathingDependencies {
    var analyses: JobAnalyses
    var gapReports: GapReports
    var paths: LearningPaths
    var progress: StudyProgress
    var taxonomy: Taxonomy
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Pathing's routes, with no live dependency of their own: job analysis, gap reports, learning paths,
/// progress and recommendations (for a signed-in person); the gaps read for coaching; and the inbox,
/// where `user.deleted` erases the person's rows and a changed job target owes them a new path.
func buildRouter(_ dependencies: PathingDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    let api = router.group("api/v1").add(middleware: UserAuthenticationMiddleware(verifier: dependencies.verifier, required: true))
    api.addRoutes(JobAnalysisRoutes(analyses: dependencies.analyses).endpoints)
    api.addRoutes(GapReportRoutes(reports: dependencies.gapReports).endpoints)
    api.addRoutes(LearningPathRoutes(paths: dependencies.paths, taxonomy: dependencies.taxonomy).endpoints)
    api.addRoutes(ProgressRoutes(progress: dependencies.progress).endpoints)
    router.addRoutes(PathGapRoutes(paths: dependencies.paths).endpoints)
    let paths = dependencies.paths
    dependencies.inbox
        .erasing(with: dependencies.erasure)
        .on(JobTargetChanged.self) { event, work in try await paths.logging(to: work.logger).targetChanged(event, in: work) }
        .addRoutes(to: router)
    return router
}
