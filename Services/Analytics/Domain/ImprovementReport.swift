import Foundation
import PathwiseProtocol

/// The `Improvements` answer, built from a person's last evaluated sessions:
/// - A dimension is a recurring weakness when it was weak in at least `recurringThreshold` of the last
///   `recentSessions` evaluated sessions: with how many (`occurrences`), the newest session it was weak
///   in (`lastSeen`), and its mean score over those sessions, one decimal (`average`). Ordered by
///   occurrences (most first), then average (lowest first), then `ScoreDimension.allCases` order.
/// - `strongest` is the `strongestCount` dimensions with the highest mean over those sessions, leaving
///   out recurring weaknesses and any mean under `strongMean` (ties by `allCases` order).
/// - One recommendation per recurring weakness, in the same order: a concrete suggestion and up to
///   `lessonsPerRecommendation` lessons that teach it (each once, in the order given).
enum ImprovementReport {
    /// How many of the newest evaluated sessions the answer looks at.
    static let recentSessions = 5
    /// In how many of those sessions a dimension must be weak to be a recurring weakness.
    static let recurringThreshold = 2
    /// How many dimensions `strongest` names at most.
    static let strongestCount = 2
    /// The lowest mean (1–10) a dimension can have and still be called a strength.
    static let strongMean = 6.0
    /// How many lessons a recommendation carries at most.
    static let lessonsPerRecommendation = 3
    /// How many of an evaluation's lowest scores count as weak, besides its improvement areas.
    static let lowestScoresAsWeak = 2

    /// Each dimension's place in `ScoreDimension.allCases`, the last tie-breaker everywhere.
    private static let order: [ScoreDimension: Int] = Dictionary(
        uniqueKeysWithValues: ScoreDimension.allCases.enumerated().map { index, dimension in (dimension, index) }
    )

    /// What one dimension looked like over the recent sessions.
    private struct DimensionRecord {
        /// The dimension.
        var dimension: ScoreDimension
        /// In how many of the sessions it was weak.
        var occurrences: Int
        /// The newest session's `at` where it was weak.
        var lastSeen: Date?
        /// Its scores' mean; `nil` when no session scored it.
        var mean: Double?
    }

    /// `Improvements` from `recent`, the person's newest evaluated sessions (any order; only the newest
    /// `recentSessions` evaluated ones count), with `lessons` to recommend per dimension.
    static func improvements(recent: [SessionFact], lessons: [ScoreDimension: [LessonReferenceDTO]]) -> ImprovementsDTO {
        let sessions = Array(recent.filter(\.isEvaluated).sorted(by: newestFirst).prefix(recentSessions))
        let records = ScoreDimension.allCases.map { record(of: $0, in: sessions) }

        let weaknesses = records.compactMap { record -> RecurringWeaknessDTO? in
            guard record.occurrences >= recurringThreshold, let lastSeen = record.lastSeen else { return nil }
            let average = record.mean.map { TrendMath.rounded($0, places: 1) } ?? 0
            return RecurringWeaknessDTO(dimension: record.dimension, occurrences: record.occurrences, lastSeen: lastSeen, average: average)
        }
        .sorted { first, second in
            if first.occurrences != second.occurrences { return first.occurrences > second.occurrences }
            if first.average != second.average { return first.average < second.average }
            return rank(first.dimension) < rank(second.dimension)
        }

        let weak = Set(weaknesses.map(\.dimension))
        let strongest = records.compactMap { record -> (dimension: ScoreDimension, mean: Double)? in
            guard !weak.contains(record.dimension), let mean = record.mean, mean >= strongMean else { return nil }
            return (record.dimension, mean)
        }
        .sorted { first, second in
            if first.mean != second.mean { return first.mean > second.mean }
            return rank(first.dimension) < rank(second.dimension)
        }
        .prefix(strongestCount)
        .map { $0.dimension }

        let recommendations = weaknesses.map { weakness in
            ImprovementRecommendationDTO(
                dimension: weakness.dimension, suggestion: suggestion(for: weakness.dimension),
                lessons: distinctLessons(lessons[weakness.dimension] ?? [])
            )
        }
        return ImprovementsDTO(recurringWeaknesses: weaknesses, strongest: strongest, recommendations: recommendations)
    }

    /// A concrete thing to do in the next session to lift `dimension`.
    static func suggestion(for dimension: ScoreDimension) -> String {
        switch dimension {
        case .clarityStructure:
            "Lead with your answer in one sentence, then tell it as situation, task, action and result."
        case .relevanceFocus:
            "Answer the exact question in your first sentence, and cut any detail that does not support that answer."
        case .confidenceDelivery:
            "Replace \"I think\" and \"maybe\" with plain statements, and end each answer on your point instead of trailing off."
        case .languageQuality:
            "Swap filler words for a short pause, and use short sentences with concrete verbs instead of jargon."
        case .toneAlignment:
            "Name who you are talking to before you answer, and pitch your words and formality to them."
        case .engagement:
            "Bring a figure to every answer and ask the other side one question back."
        }
    }

    /// Words that find, with the library's full-text search, a lesson that teaches `dimension`.
    static func lessonQuery(for dimension: ScoreDimension) -> String {
        switch dimension {
        case .clarityStructure: "STAR answers behavioural questions structure"
        case .relevanceFocus: "case interviews structured problem solving"
        case .confidenceDelivery: "presenting handling questions"
        case .languageQuality: "explaining technical work"
        case .toneAlignment: "explaining technical work audiences"
        case .engagement: "discovery questions qualifying"
        }
    }

    /// The dimensions an evaluation found weak: its `improvementAreas` plus its `lowestScoresAsWeak`
    /// lowest-scoring dimensions (ties by `allCases` order); with no scores, just the areas.
    static func weakDimensions(scores: [ScoreDimension: Int], improvementAreas: [ScoreDimension]) -> Set<ScoreDimension> {
        let lowest = scores.sorted { first, second in
            if first.value != second.value { return first.value < second.value }
            return rank(first.key) < rank(second.key)
        }
        .prefix(lowestScoresAsWeak)
        .map { $0.key }
        return Set(improvementAreas).union(lowest)
    }

    /// How `dimension` fared over `sessions`, which are newest first.
    private static func record(of dimension: ScoreDimension, in sessions: [SessionFact]) -> DimensionRecord {
        var occurrences = 0
        var lastSeen: Date?
        var total = 0
        var scored = 0
        for session in sessions {
            if session.weak.contains(dimension) {
                occurrences += 1
                if lastSeen == nil { lastSeen = session.at }
            }
            if let score = session.scores[dimension] {
                total += score
                scored += 1
            }
        }
        let mean: Double? = scored == 0 ? nil : Double(total) / Double(scored)
        return DimensionRecord(dimension: dimension, occurrences: occurrences, lastSeen: lastSeen, mean: mean)
    }

    /// `lessons` with each id once (its first place kept), at most `lessonsPerRecommendation`.
    private static func distinctLessons(_ lessons: [LessonReferenceDTO]) -> [LessonReferenceDTO] {
        var seen: Set<String> = []
        var distinct: [LessonReferenceDTO] = []
        for lesson in lessons where !seen.contains(lesson.id) {
            guard distinct.count < lessonsPerRecommendation else { break }
            seen.insert(lesson.id)
            distinct.append(lesson)
        }
        return distinct
    }

    /// Newest first; sessions at the same instant by session id, so the order never depends on the input's.
    private static func newestFirst(_ first: SessionFact, _ second: SessionFact) -> Bool {
        if first.at != second.at { return first.at > second.at }
        return first.sessionID.uuidString < second.sessionID.uuidString
    }

    /// `dimension`'s place in `ScoreDimension.allCases`.
    private static func rank(_ dimension: ScoreDimension) -> Int {
        order[dimension] ?? Int.max
    }
}
