import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit

/// Content: the lesson library, its full-text index and the explanation cache.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let settings = try ContentSettings(config.environment)
    let runtime = try ServiceRuntime(config: config)
    let library = try LessonLibrary.bundled()
    let taxonomy = try Taxonomy.bundled()
    let catalog = Catalog(library: library, taxonomy: taxonomy)
    runtime.logger.info(
        "content.library.loaded", metadata: ["lessons": "\(catalog.lessons.count)", "books": "\(catalog.books.count)", "unreadable": "\(library.unreadable.count)"]
    )
    let store = PostgresLibraryStore(client: runtime.postgres, logger: runtime.logger)
    let matcher = SkillMatcher(taxonomy: taxonomy)
    let explanations = Explanations(
        catalog: catalog, composer: ExplanationComposer(catalog: catalog, taxonomy: taxonomy, matcher: matcher),
        audiences: RecentAudiences(source: ProfileAudienceSource(client: runtime.internalClient)),
        store: PostgresExplanationStore(client: runtime.postgres, logger: runtime.logger),
        model: runtime.languageModel.map(LanguageModelExplainer.init(client:)), regenerationLimit: settings.regenerationsPerHour, logger: runtime.logger
    )
    let dependencies = ContentDependencies(
        catalog: catalog, taxonomy: taxonomy, matcher: matcher,
        coverage: CoverageIndex(catalog: catalog, taxonomy: taxonomy, matcher: matcher, threshold: settings.coverageThreshold),
        search: PostgresSearchStore(client: runtime.postgres, logger: runtime.logger), explanations: explanations,
        erasure: UserErasure(tables: ContentMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox,
        maxBodyBytes: config.maxBodyBytes
    )
    let logger = runtime.logger
    return try runtime.application(
        router: try buildRouter(dependencies), migrations: ContentMigrations.all,
        prepare: {
            let report = try await store.sync(catalog)
            logger.info("content.library.synced", metadata: ["inserted": "\(report.inserted)", "updated": "\(report.updated)", "deleted": "\(report.deleted)"])
        }
    )
}

/// What content's routes work with; live ones from `buildApplication`, in-memory ones in router tests.
struct ContentDependencies {
    var catalog: Catalog
    var taxonomy: Taxonomy
    var matcher: SkillMatcher
    var coverage: CoverageIndex
    var search: any SearchStore
    var explanations: Explanations
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Content's routes, with no live dependency of their own: the library to browse and read, search, coverage,
/// personalized explanations, and the inbox, where `user.deleted` erases the person's rows and a changed
/// job target drops the audience kept for them.
func buildRouter(_ dependencies: ContentDependencies) throws -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    router.addRoutes(try LibraryRoutes(catalog: dependencies.catalog, verifier: dependencies.verifier).endpoints)
    router.addRoutes(CoverageRoutes(coverage: dependencies.coverage, verifier: dependencies.verifier).endpoints)
    router.addRoutes(
        SearchRoutes(
            store: dependencies.search, catalog: dependencies.catalog, taxonomy: dependencies.taxonomy, matcher: dependencies.matcher,
            verifier: dependencies.verifier
        ).endpoints
    )
    router.addRoutes(ExplanationRoutes(explanations: dependencies.explanations, verifier: dependencies.verifier).endpoints)
    let audiences = dependencies.explanations.audiences
    dependencies.inbox
        .erasing(with: dependencies.erasure, andForget: audiences.forget)
        .on(JobTargetChanged.self) { event, _ in audiences.forget(event.userID) }
        .addRoutes(to: router)
    return router
}
