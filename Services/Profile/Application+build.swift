import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit

/// Profile: the person's profile, job target, onboarding answers and resumes.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let logger = runtime.logger
    let taxonomy = try Taxonomy.bundled()
    let matcher = SkillMatcher(taxonomy: taxonomy)
    let profiles = PostgresProfileStore(client: runtime.postgres, outbox: runtime.outbox, logger: logger)
    let resumes = PostgresResumeStore(client: runtime.postgres, logger: logger)
    let reader = DocumentReader()
    let intake = ResumeIntake(reader: reader, estimator: SkillLevelEstimator(taxonomy: taxonomy, matcher: matcher), store: resumes)

    // A multipart body carries a little more than the file itself.
    let router = runtime.makeRouter(bodyLimits: [(pathPrefix: "/api/v1/resumes", bytes: ResumeIntake.maxFileBytes + (64 << 10))])
    let api = router.group("api/v1").add(middleware: runtime.requireUser)
    ProfileRoutes(profiles: profiles, roles: RoleInference(classifier: RoleClassifier(taxonomy: taxonomy, matcher: matcher))).add(to: api)
    ResumeRoutes(intake: intake, resumes: resumes).add(to: api.group("resumes"))
    AudienceRoutes(profiles: profiles).add(to: router)
    runtime.inbox(handlers: [
        .userRegistered: { payload, connection, logger in
            guard case .userRegistered(let event) = payload else { return }
            try await profiles.createProfile(for: event, on: connection, logger: logger)
        },
        .userDeleted: { payload, connection, logger in
            guard case .userDeleted(let event) = payload else { return }
            try await profiles.erase(event, on: connection, logger: logger)
        },
    ]).addRoutes(to: router)

    return try runtime.application(
        router: router, migrations: ProfileMigrations.all, readiness: [ReadinessCheck("pdf_tools") { reader.toolsAvailable }]
    )
}
