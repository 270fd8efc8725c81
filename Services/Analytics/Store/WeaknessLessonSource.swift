import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// Where the lessons that teach a weak dimension come from, when an evaluation arrives.
protocol WeaknessLessonSource: Sendable {
    /// For each dimension, the lessons the evaluation's practice suggestions name for it, else the
    /// best of the library's search for it. What cannot be looked up now is left out (and logged):
    /// the evaluation's scores are recorded all the same.
    func lessons(for weak: Set<ScoreDimension>, suggestions: [PracticeSuggestionDTO], logger: Logger) async -> [ScoreDimension: [LessonReferenceDTO]]
}

/// Content over mTLS: lesson titles from `/internal/lessons` (kept ten minutes) and content's open
/// search (`POST /api/v1/search`) for a dimension no suggestion names a lesson for.
struct ContentWeaknessLessons: WeaknessLessonSource {
    /// Lessons kept per dimension.
    static let lessonsPerDimension = 2

    let search: LibrarySearch
    let titles: KeptRead<[String: String]>

    init(client: InternalClient) {
        self.search = LibrarySearch(client: client)
        self.titles = KeptRead(freshFor: .seconds(600)) {
            let graph = try await client.call(InternalAPI.lessons)
            return Dictionary(graph.items.map { ($0.summary.id, $0.summary.title) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func lessons(for weak: Set<ScoreDimension>, suggestions: [PracticeSuggestionDTO], logger: Logger) async -> [ScoreDimension: [LessonReferenceDTO]] {
        var found: [ScoreDimension: [LessonReferenceDTO]] = [:]
        let named = suggestions.filter { $0.lessonID != nil && $0.dimension.map(weak.contains) == true }
        if !named.isEmpty {
            do {
                let titles = try await titles.value()
                for suggestion in named {
                    guard let dimension = suggestion.dimension, let id = suggestion.lessonID, let title = titles[id] else { continue }
                    if !(found[dimension]?.contains { $0.id == id } ?? false) { found[dimension, default: []].append(LessonReferenceDTO(id: id, title: title)) }
                }
            } catch {
                logger.warning("analytics.lesson_titles.unavailable", metadata: ["error": "\(String(describing: error))"])
            }
        }
        for dimension in ScoreDimension.allCases where weak.contains(dimension) && found[dimension] == nil {
            do {
                let hits = try await search.hits(for: ImprovementReport.lessonQuery(for: dimension), limit: Self.lessonsPerDimension)
                var lessons: [LessonReferenceDTO] = []
                for hit in hits where !lessons.contains(where: { $0.id == hit.lessonID }) { lessons.append(LessonReferenceDTO(id: hit.lessonID, title: hit.title)) }
                if !lessons.isEmpty { found[dimension] = lessons }
            } catch {
                logger.warning("analytics.lesson_search.failed", metadata: ["dimension": "\(dimension.rawValue)", "error": "\(String(describing: error))"])
            }
        }
        return found
    }
}
