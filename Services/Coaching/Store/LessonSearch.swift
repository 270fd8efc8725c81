import Foundation
import Logging
import NIOConcurrencyHelpers
import PathwiseProtocol
import ServiceKit

/// Finds the library lesson that teaches something, for an evaluation's practice suggestions.
protocol LessonSearch: Sendable {
    /// The id of the best lesson for `query`; `nil` when the library has none, or cannot be asked now.
    func lesson(for query: String, logger: Logger) async -> String?
}

/// Content's open search (`POST /api/v1/search`) over mTLS. Its queries come from a short fixed list,
/// so answers are kept for `lifetime`; a search that fails is not kept and the suggestion goes without a lesson.
final class ContentLessonSearch: LessonSearch {
    /// How long a found lesson is reused.
    static let lifetime: TimeInterval = 600

    private let search: LibrarySearch
    private let clock: WallClock
    private let found = NIOLockedValueBox([String: (lesson: String?, at: Date)]())

    init(client: InternalClient, clock: WallClock = .system) {
        self.search = LibrarySearch(client: client)
        self.clock = clock
    }

    func lesson(for query: String, logger: Logger) async -> String? {
        let now = clock.now
        if let kept = found.withLockedValue({ $0[query] }), now.timeIntervalSince(kept.at) < Self.lifetime { return kept.lesson }
        do {
            let lesson = try await search.hits(for: query, limit: 1).first?.lessonID
            found.withLockedValue { $0[query] = (lesson, now) }
            return lesson
        } catch {
            logger.warning("coaching.lesson_search.failed", metadata: ["error": "\(String(describing: error))"])
            return nil
        }
    }
}
