import Foundation
import NIOConcurrencyHelpers
import PathwiseProtocol
import ServiceKit

/// Content's lesson graph, as pathing plans and checks lesson ids against it.
protocol LessonGraphSource: Sendable {
    func catalog() async throws -> LessonCatalog
}

/// Content's `GET /internal/lessons`, kept for `freshFor` and read again after that (one read at a
/// time however many requests meet a stale copy). When content cannot answer, the last copy serves
/// on: the library changes with a deploy, not by the minute.
final class ContentLessonGraph: LessonGraphSource {
    private let client: InternalClient
    private let freshFor: Duration
    private let kept = NIOLockedValueBox<(catalog: LessonCatalog, at: ContinuousClock.Instant)?>(nil)
    private let reads = SingleFlight<Int, LessonCatalog>()

    init(client: InternalClient, freshFor: Duration = .seconds(300)) {
        self.client = client
        self.freshFor = freshFor
    }

    func catalog() async throws -> LessonCatalog {
        let now = ContinuousClock.now
        let copy = kept.withLockedValue { $0 }
        if let copy, now - copy.at < freshFor { return copy.catalog }
        do {
            return try await reads.run(0) { [client, kept] in
                let catalog = LessonCatalog(try await client.call(InternalAPI.lessons))
                kept.withLockedValue { $0 = (catalog, ContinuousClock.now) }
                return catalog
            }
        } catch {
            guard let copy else { throw error }
            return copy.catalog
        }
    }
}
