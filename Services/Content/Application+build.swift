import Hummingbird
import PathwiseProtocol
import ServiceKit

/// Content: the lesson library, its full-text index and the explanation cache.
func buildApplication(_ config: ServiceConfig) async throws -> some ApplicationProtocol {
    let runtime = try ServiceRuntime(config: config)
    let library = try LessonLibrary.bundled()
    runtime.logger.info("content.library.loaded", metadata: ["lessons": "\(library.lessons.count)", "unreadable": "\(library.unreadable.count)"])
    let router = runtime.makeRouter()
    runtime.inbox(handlers: [
        .userDeleted: UserErasure(tables: ContentMigrations.userOwnedTables).handler
    ]).addRoutes(to: router)
    return try runtime.application(router: router, migrations: ContentMigrations.all)
}
