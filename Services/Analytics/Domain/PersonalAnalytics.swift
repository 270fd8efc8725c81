import Foundation
import Logging
import NIOCore
import PathwiseProtocol
import ServiceKit

/// A person's analytics: facts recorded from the other services' events as they arrive, and the two
/// reads built from them (trends over a window, recurring weaknesses) with no call to another service.
struct PersonalAnalytics: Sendable, LogsPerRequest {
    /// The window a trend read covers unless it says, and the longest it may ask for, in days.
    static let defaultDays = 90
    static let days = 1...365

    let store: any FactStore
    let lessons: any WeaknessLessonSource
    let clock: WallClock
    var logger: Logger

    /// Trends over the last `days` days: today (UTC) and the `days − 1` before it.
    func trends(of user: UUID, days: Int) async throws -> TrendsDTO {
        let facts = try await store.trendFacts(of: user, since: Self.windowStart(days: days, now: clock.now))
        return TrendReport.trends(days: days, sessions: facts.sessions, learning: facts.learning, pathPercent: facts.pathPercent)
    }

    /// The trends as JSON: the snapshot kept for this window and day while no event has changed the
    /// person's facts (one indexed read), else made from the facts and kept.
    func trendsJSON(of user: UUID, days: Int) async throws -> String {
        let now = clock.now
        let kept = try await store.snapshot(of: user, days: days, on: now)
        if let trends = kept.trends { return trends }
        let made = String(buffer: try await trends(of: user, days: days).json)
        try await store.keep(made, of: user, days: days, on: now, version: kept.version)
        return made
    }

    /// The first instant of a `days`-day window that ends today (UTC).
    static func windowStart(days: Int, now: Date) -> Date {
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: today - Double(days - 1) * 86_400)
    }

    /// Recurring weaknesses over the last evaluated sessions, the strongest dimensions, and what to practise.
    func improvements(of user: UUID) async throws -> ImprovementsDTO {
        let recent = try await store.recentEvaluated(of: user, limit: ImprovementReport.recentSessions)
        return ImprovementReport.improvements(recent: recent.sessions, lessons: recent.lessons)
    }

    // MARK: Events

    func apply(_ event: SessionCompleted, in work: UnitOfWork) async throws {
        try await store.record(event, in: work)
        try await store.noteChange(of: event.userID, in: work)
    }

    /// Records the scores with the dimensions found weak, and the lessons that teach those.
    func apply(_ event: EvaluationCreated, in work: UnitOfWork) async throws {
        let weak = ImprovementReport.weakDimensions(scores: event.scores, improvementAreas: event.improvementAreas.map(\.dimension))
        let found = await lessons.lessons(for: weak, suggestions: event.practiceSuggestions, logger: work.logger)
        try await store.record(event, weak: weak, lessons: found, in: work)
        try await store.noteChange(of: event.userID, in: work)
    }

    func apply(_ event: ProgressUpdated, in work: UnitOfWork) async throws {
        try await store.record(event, in: work)
        try await store.noteChange(of: event.userID, in: work)
    }

    func apply(_ event: PathCreated, in work: UnitOfWork) async throws {
        try await store.record(event, in: work)
        try await store.noteChange(of: event.userID, in: work)
    }
}
