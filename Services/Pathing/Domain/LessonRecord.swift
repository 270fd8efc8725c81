import Foundation
import PathwiseProtocol

/// One person's record of one lesson, and the rules for changing it. Each change says whether it
/// changed anything, so a repeated request (completing twice) neither writes nor announces again.
struct LessonRecord: Sendable, Equatable {
    /// Study time one lesson can hold: well past any lesson, short of an overflow.
    static let maximumSeconds = 360_000

    var lessonID: String
    var status: LessonStatus
    var startedAt: Date?
    var secondsSpent: Int
    var completedAt: Date?
    /// Spaced review's memory of the lesson, from its completion on.
    var memory: SpacedReview.Memory?

    /// A lesson not touched yet.
    static func untouched(_ lessonID: String) -> Self {
        LessonRecord(lessonID: lessonID, status: .notStarted, startedAt: nil, secondsSpent: 0, completedAt: nil, memory: nil)
    }

    var dto: LessonProgressDTO {
        LessonProgressDTO(
            lessonID: lessonID, status: status, startedAt: startedAt, secondsSpent: secondsSpent, completedAt: completedAt, reviewDueAt: memory?.due,
            reviews: memory?.reviews ?? 0
        )
    }

    /// Starts (or un-skips) the lesson; a completed one stays completed.
    mutating func start(at now: Date) -> Bool {
        guard status == .notStarted || status == .skipped else { return false }
        status = .inProgress
        startedAt = startedAt ?? now
        return true
    }

    /// Skips the lesson; `PathingError.alreadyCompleted` once it is completed.
    mutating func skip() throws -> Bool {
        if status == .completed { throw PathingError.alreadyCompleted }
        guard status != .skipped else { return false }
        status = .skipped
        return true
    }

    /// Adds study time, starting the lesson if it was not.
    mutating func addTime(_ seconds: Int, at now: Date) -> Bool {
        _ = start(at: now)
        secondsSpent = min(Self.maximumSeconds, secondsSpent + seconds)
        return true
    }

    /// Completes the lesson, which counts as its first review, graded good.
    mutating func complete(at now: Date, scheduler: SpacedReview) -> Bool {
        guard status != .completed else { return false }
        status = .completed
        startedAt = startedAt ?? now
        completedAt = now
        memory = scheduler.review(memory, grade: .good, at: now)
        return true
    }

    /// Records a review; `PathingError.notCompleted` before the lesson is completed.
    mutating func review(_ grade: ReviewGrade, at now: Date, scheduler: SpacedReview) throws -> Bool {
        guard status == .completed, let memory else { throw PathingError.notCompleted }
        self.memory = scheduler.review(memory, grade: SpacedReview.Grade(grade), at: now)
        return true
    }
}

extension SpacedReview.Grade {
    init(_ grade: ReviewGrade) {
        switch grade {
        case .again: self = .again
        case .hard: self = .hard
        case .good: self = .good
        case .easy: self = .easy
        }
    }
}

/// How far a person is along a path: completed lessons as a percent of those not skipped, and the
/// first stage with a lesson left to do.
struct PathStanding: Sendable, Equatable {
    var percent: Int
    var currentStage: Int

    init(_ path: LearningPathDTO) {
        let lessons = path.lessons
        let counted = lessons.filter { $0.status != .skipped }
        let completed = counted.filter { $0.status == .completed }.count
        percent = counted.isEmpty ? (lessons.isEmpty ? 0 : 100) : Int((100 * Double(completed) / Double(counted.count)).rounded(.down))
        currentStage =
            path.stages.first { stage in stage.lessons.contains { $0.status == .notStarted || $0.status == .inProgress } }?.index
            ?? path.stages.last?.index ?? 1
    }

    /// The path's lessons with each one's status from `statuses` (not started when absent).
    static func overlay(_ statuses: [String: LessonStatus], on path: LearningPathDTO) -> LearningPathDTO {
        var path = path
        for stage in path.stages.indices {
            for lesson in path.stages[stage].lessons.indices {
                path.stages[stage].lessons[lesson].status = statuses[path.stages[stage].lessons[lesson].lessonID] ?? .notStarted
            }
        }
        return path
    }
}

/// Days in a row with study, in the person's own days: the run ending today, or yesterday when there
/// has been no study yet today.
enum StudyStreak {
    static func days(studiedAt times: [Date], today: Date, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let studied = Set(times.map { calendar.startOfDay(for: $0) })
        var day = calendar.startOfDay(for: today)
        if !studied.contains(day) {
            guard let yesterday = calendar.date(byAdding: .day, value: -1, to: day) else { return 0 }
            day = yesterday
        }
        var streak = 0
        while studied.contains(day) {
            streak += 1
            guard let previous = calendar.date(byAdding: .day, value: -1, to: day) else { break }
            day = previous
        }
        return streak
    }
}
