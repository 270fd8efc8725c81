import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// A person's progress through lessons: start, skip, time, complete and review (each checked against
/// the lesson graph and announced as `progress.updated`), the summary, and what to do next.
struct StudyProgress: Sendable, LogsPerRequest {
    /// How far back a streak is counted.
    static let streakWindow: TimeInterval = 400 * 86_400

    let graph: any LessonGraphSource
    let store: any ProgressStore
    let paths: any LearningPathStore
    let scheduler: SpacedReview
    let clock: WallClock
    var logger: Logger

    func start(_ lesson: String, for user: UUID) async throws -> LessonProgressDTO {
        try await change(lesson, for: user, ProgressChange()) { record, now in record.start(at: now) }
    }

    func skip(_ lesson: String, for user: UUID) async throws -> LessonProgressDTO {
        try await change(lesson, for: user, ProgressChange(studied: false)) { record, _ in try record.skip() }
    }

    /// Adds `seconds` once per `key` (a retried request with the same key adds nothing).
    func addTime(_ seconds: Int, to lesson: String, for user: UUID, key: String?) async throws -> LessonProgressDTO {
        let added = ProgressChange(secondsAdded: seconds, receipt: key.map { TimeReceipt(key: $0, seconds: seconds) })
        return try await change(lesson, for: user, added) { record, now in record.addTime(seconds, at: now) }
    }

    func complete(_ lesson: String, for user: UUID) async throws -> LessonProgressDTO {
        let scheduler = self.scheduler
        return try await change(lesson, for: user, ProgressChange()) { record, now in record.complete(at: now, scheduler: scheduler) }
    }

    func review(_ lesson: String, grade: ReviewGrade, for user: UUID) async throws -> LessonProgressDTO {
        let scheduler = self.scheduler
        return try await change(lesson, for: user, ProgressChange()) { record, now in try record.review(grade, at: now, scheduler: scheduler) }
    }

    func lesson(_ asked: String, of user: UUID) async throws -> LessonProgressDTO {
        let lesson = try await requireLesson(asked)
        return (try await store.record(lesson, of: user) ?? .untouched(lesson)).dto
    }

    /// Lessons started and completed, minutes, the streak in `zone`, the current path's standing, and per book.
    func summary(of user: UUID, in zone: TimeZone) async throws -> ProgressSummaryDTO {
        let now = clock.now
        async let catalog = graph.catalog()
        async let records = store.records(of: user)
        async let times = store.studyTimes(of: user, since: now.addingTimeInterval(-Self.streakWindow))
        async let current = paths.current(of: user)
        let (library, touched) = (try await catalog, try await records)
        var completedByBook: [String: Int] = [:]
        for record in touched where record.status == .completed {
            if let book = library.lesson(record.lessonID)?.book { completedByBook[book, default: 0] += 1 }
        }
        let path = try await current.path?.dto()
        return ProgressSummaryDTO(
            lessonsStarted: touched.filter { $0.startedAt != nil }.count, lessonsCompleted: touched.filter { $0.status == .completed }.count,
            minutes: touched.reduce(0) { $0 + $1.secondsSpent } / 60, streakDays: StudyStreak.days(studiedAt: try await times, today: now, in: zone),
            path: path.map { path in
                let standing = PathStanding(path)
                return PathProgressDTO(id: path.id, percent: standing.percent, currentStage: standing.currentStage)
            },
            byBook: library.books.map { BookProgressDTO(book: $0.book, completed: completedByBook[$0.book] ?? 0, total: $0.lessons) }
        )
    }

    func recommendations(for user: UUID, limit: Int) async throws -> RecommendationsDTO {
        async let catalog = graph.catalog()
        async let records = store.records(of: user)
        async let current = paths.current(of: user)
        var progress: [String: LessonProgressDTO] = [:]
        for record in try await records { progress[record.lessonID] = record.dto }
        let items = Recommender(catalog: try await catalog).recommend(path: try await current.path?.dto(), progress: progress, now: clock.now, limit: limit)
        return RecommendationsDTO(items: items)
    }

    private func change(
        _ asked: String, for user: UUID, _ change: ProgressChange, _ rule: @escaping @Sendable (inout LessonRecord, Date) throws -> Bool
    ) async throws -> LessonProgressDTO {
        let lesson = try await requireLesson(asked)
        let now = clock.now
        let record = try await store.update(lesson, of: user, at: now, change) { record in try rule(&record, now) }
        logger.debug("pathing.progress.updated", metadata: ["user_id": .id(user), "lesson_id": "\(lesson)", "status": "\(record.status.rawValue)"])
        return record.dto
    }

    /// The id the lesson has now (an old id of a renamed lesson leads to it); `PathingError.lessonNotFound`
    /// for an id the library does not have.
    private func requireLesson(_ lesson: String) async throws -> String {
        guard let found = try await graph.catalog().lesson(lesson) else { throw PathingError.lessonNotFound }
        return found.summary.id
    }
}
