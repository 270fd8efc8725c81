import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Content: the lesson library, its full-text index and the explanation cache.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let library = try LessonLibrary.bundled()
    runtime.logger.info("content.library.loaded", metadata: ["lessons": "\(library.lessons.count)", "unreadable": "\(library.unreadable.count)"])
    let dependencies = ContentDependencies(
        erasure: UserErasure(tables: ContentMigrations.userOwnedTables), verifier: runtime.verifier, inbox: runtime.inbox, maxBodyBytes: config.maxBodyBytes
    )
    return try runtime.application(router: buildRouter(dependencies), migrations: ContentMigrations.all)
}

/// What content's routes work with; live ones from `buildApplication`, in-memory ones in router tests.
struct ContentDependencies {
    var erasure: UserErasure
    var verifier: AccessTokenVerifier
    var inbox: Inbox
    var maxBodyBytes: Int
}

/// Content's routes, with no live dependency of their own: so far the inbox, where `user.deleted` erases the person's rows.
func buildRouter(_ dependencies: ContentDependencies) -> Router<ServiceRequestContext> {
    let router = ServiceRuntime.router(maxBodyBytes: dependencies.maxBodyBytes)
    let erasure = dependencies.erasure
    dependencies.inbox.on(UserDeleted.self) { event, work in try await erasure.erase(event, in: work) }.addRoutes(to: router)
    return router
}
