import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// Content's lesson graph, as pathing plans and checks lesson ids against it.
protocol LessonGraphSource: Sendable {
    func catalog() async throws -> LessonCatalog
}

/// Content's `GET /internal/lessons` as a catalog, kept five minutes (`KeptRead`). Each read adopts
/// the renames the graph reports (old ids of its lessons), so progress and paths follow a lesson.
final class ContentLessonGraph: LessonGraphSource {
    private let read: KeptRead<LessonCatalog>

    init(client: InternalClient, renames: any LessonRenameStore, logger: Logger, freshFor: Duration = .seconds(300)) {
        read = KeptRead(freshFor: freshFor) {
            let graph = try await client.call(InternalAPI.lessons)
            let reported = Dictionary(
                graph.items.flatMap { lesson in lesson.aliases.map { ($0, lesson.summary.id) } }, uniquingKeysWith: { first, _ in first }
            )
            if !reported.isEmpty {
                do {
                    let moved = try await renames.adopt(reported, at: Date())
                    if !moved.isEmpty { logger.info("pathing.lessons.renamed", metadata: ["old_ids": "\(moved.joined(separator: ","))"]) }
                } catch {
                    // The graph is still right; the next read tries again.
                    logger.warning("pathing.lessons.rename_failed", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
            return LessonCatalog(graph)
        }
    }

    func catalog() async throws -> LessonCatalog {
        try await read.value()
    }
}
