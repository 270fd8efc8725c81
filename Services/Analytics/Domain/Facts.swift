import Foundation
import PathwiseProtocol

/// A practice session as analytics keeps it, built from `session.completed` and `evaluation.created`
/// (in either order).
struct SessionFact: Sendable, Equatable {
    var sessionID: UUID
    var preparationType: PreparationType
    /// When the session was completed; until `session.completed` arrives, when it was evaluated.
    var at: Date
    /// 0–100; `nil` until the session is evaluated.
    var overallScore: Int?
    /// Each 1–10; empty until the session is evaluated.
    var scores: [ScoreDimension: Int]
    /// The dimensions the evaluation found weak: its improvement areas and its two lowest scores.
    var weak: Set<ScoreDimension>

    /// Whether the session has its evaluation.
    var isEvaluated: Bool { overallScore != nil }
}

/// A day of a person's study, in UTC.
struct LearningDay: Sendable, Equatable {
    /// The day's start, 00:00 UTC.
    var day: Date
    /// Seconds of study reported that day.
    var seconds: Int
    /// Lessons first completed that day.
    var completions: Int
}
