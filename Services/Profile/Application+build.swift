import Hummingbird
import Logging
import Intelligence
import PathwiseProtocol
import ServiceKit

/// Profile: the person's profile, job target, onboarding answers and resumes.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let reader = DocumentReader()
    let dependencies = try ProfileDependencies(
        profiles: PostgresProfileStore(client: runtime.postgres, outbox: runtime.outbox, logger: runtime.logger),
        resumes: PostgresResumeStore(client: runtime.postgres, logger: runtime.logger),
        reader: reader, verifier: runtime.verifier, inbox: runtime.inbox, maxBodyBytes: config.maxBodyBytes, logger: runtime.logger
    )
    return try runtime.application(
        router: buildRouter(dependencies), migrations: ProfileMigrations.all, publishesEvents: true,
        readiness: [ReadinessCheck("pdf_tools") { reader.toolsAvailable }]
    )
}

/// What profile's routes work with; live ones from `buildApplication`, in-memory ones in router tests.
struct ProfileDependencies {
    var profiles: Profiles
    var resumes: Resumes
    var store: any ProfileStore
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int

    /// The domain services over `profiles` and `resumes`, with the bundled taxonomy.
    init(
        profiles store: any ProfileStore, resumes resumeStore: any ResumeStore, reader: DocumentReader = DocumentReader(),
        verifier: AccessTokenVerifier, inbox: Inbox, maxBodyBytes: Int, clock: WallClock = .system,
        analysisTimeLimit: Duration = ResumeIntake.defaultAnalysisTimeLimit, taxonomy: Taxonomy? = nil, matcher: SkillMatcher? = nil, logger: Logger
    ) throws {
        // Built here unless given: tests share one of each rather than build them per router.
        let taxonomy = try taxonomy ?? Taxonomy.bundled()
        let matcher = matcher ?? SkillMatcher(taxonomy: taxonomy)
        self.profiles = Profiles(store: store, roles: RoleInference(classifier: RoleClassifier(taxonomy: taxonomy, matcher: matcher)), clock: clock, logger: logger)
        self.resumes = Resumes(
            intake: ResumeIntake(
                reader: reader, estimator: SkillLevelEstimator(taxonomy: taxonomy, matcher: matcher), store: resumeStore,
                analysisTimeLimit: analysisTimeLimit
            ),
            store: resumeStore, logger: logger
        )
        self.store = store
        self.verifier = verifier
        self.inbox = inbox
        self.maxBodyBytes = maxBodyBytes
    }
}

/// Profile's routes, with no live dependency of their own: the person's API behind a token, the
/// audience other services read, and the inbox (`user.registered` makes a profile, `user.deleted` erases it).
func buildRouter(_ dependencies: ProfileDependencies) -> Router<ServiceRequestContext> {
    // A multipart body carries a little more than the file itself.
    let router = ServiceRuntime.router(
        maxBodyBytes: dependencies.maxBodyBytes, bodyLimits: [(pathPrefix: "/api/v1/resumes", bytes: ResumeIntake.maxFileBytes + (64 << 10))]
    )
    let api = RouteCollection(context: ServiceRequestContext.self).add(middleware: UserAuthenticationMiddleware(verifier: dependencies.verifier, required: true))
    api.addRoutes(ProfileRoutes(profiles: dependencies.profiles).endpoints)
    api.addRoutes(ResumeRoutes(resumes: dependencies.resumes).endpoints, atPath: "resumes")
    router.addRoutes(api, atPath: "/api/v1")
    router.addRoutes(AudienceRoutes(profiles: dependencies.profiles).endpoints)
    let store = dependencies.store
    dependencies.inbox
        .on(UserRegistered.self) { event, work in try await store.createProfile(for: event, in: work) }
        .on(UserDeleted.self) { event, work in try await store.erase(event, in: work) }
        .addRoutes(to: router)
    return router
}
