import Foundation
import PathwiseProtocol
import ServiceKit

/// Content's lesson graph, as pathing plans and checks lesson ids against it.
protocol LessonGraphSource: Sendable {
    func catalog() async throws -> LessonCatalog
}

/// Content's `GET /internal/lessons` as a catalog, kept five minutes (`KeptRead`).
final class ContentLessonGraph: LessonGraphSource {
    private let read: KeptRead<LessonCatalog>

    init(client: InternalClient, freshFor: Duration = .seconds(300)) {
        read = KeptRead(freshFor: freshFor) { LessonCatalog(try await client.call(InternalAPI.lessons)) }
    }

    func catalog() async throws -> LessonCatalog {
        try await read.value()
    }
}
