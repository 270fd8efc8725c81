import Foundation
import PathwiseProtocol

/// The `Trends` answer, built from a window's facts:
/// - `sessions.count` is every session given, completed or evaluated; `byType` names every
///   preparation type with its count, zeros included.
/// - Averages are over evaluated sessions only: `overallAverage` is the mean overall score, one
///   decimal (`nil` without any); `averages[d]` the mean of dimension `d`, one decimal (empty without any).
/// - `progression` is the evaluated sessions, oldest first (by `at`, then session id).
/// - `velocity[d]` is the least-squares slope of `d`'s scores against weeks since the first evaluated
///   session, two decimals; `nil` under three scores. Every dimension is a key.
/// - `direction[d]`: with three or more scores, `improving` at a velocity of at least
///   `improvingVelocity`, `declining` at or below `decliningVelocity`, else `steady`; with exactly two,
///   the later minus the earlier: `improving` at or above `improvingDifference`, `declining` at or below
///   `decliningDifference`, else `steady`; with fewer, `steady`. Every dimension is a key.
/// - `learning`: lessons completed summed over the days; minutes per ISO week (UTC) from the seconds
///   summed over its days, rounded to the nearest minute, only weeks with study, oldest first; the
///   path's percent as given.
/// Sorting aside, the work is linear in the number of facts.
enum TrendReport {
    /// The velocity, in points per week, at or above which a dimension is improving.
    static let improvingVelocity = 0.25
    /// The velocity, in points per week, at or below which a dimension is declining.
    static let decliningVelocity = -0.25
    /// With two scores, the rise (later minus earlier) at or above which a dimension is improving.
    static let improvingDifference = 1.0
    /// With two scores, the change (later minus earlier) at or below which a dimension is declining.
    static let decliningDifference = -1.0

    /// Study summed over one ISO week.
    private struct WeekTotal {
        /// The earliest day seen in the week; weeks never overlap, so it orders weeks as their Mondays do.
        var firstDay: Date
        /// Seconds studied in the week.
        var seconds: Int
    }

    /// `Trends` over the last `days` days: `sessions` are the person's sessions in the window (any
    /// order), `learning` the window's study days, `pathPercent` the current path's percent (`nil` without one).
    static func trends(days: Int, sessions: [SessionFact], learning: [LearningDay], pathPercent: Int?) -> TrendsDTO {
        var byType = Dictionary(uniqueKeysWithValues: PreparationType.allCases.map { ($0, 0) })
        for session in sessions { byType[session.preparationType, default: 0] += 1 }

        let evaluated = sessions.filter(\.isEvaluated).sorted(by: chronological)
        let origin = evaluated.first?.at
        var overallSum = 0
        var progression: [ProgressionPointDTO] = []
        progression.reserveCapacity(evaluated.count)
        var series: [ScoreDimension: [(x: Double, y: Double)]] = [:]
        for session in evaluated {
            guard let overall = session.overallScore else { continue }
            overallSum += overall
            progression.append(
                ProgressionPointDTO(sessionID: session.sessionID, completedAt: session.at, overallScore: overall, scores: session.scores)
            )
            let week = origin.map { TrendMath.weeks(since: $0, to: session.at) } ?? 0
            for (dimension, score) in session.scores { series[dimension, default: []].append((x: week, y: Double(score))) }
        }

        let overallAverage: Double? = progression.isEmpty ? nil : TrendMath.rounded(Double(overallSum) / Double(progression.count), places: 1)
        var averages: [ScoreDimension: Double] = [:]
        for (dimension, points) in series where !points.isEmpty {
            averages[dimension] = TrendMath.rounded(points.reduce(0.0) { $0 + $1.y } / Double(points.count), places: 1)
        }

        var velocity: [ScoreDimension: Double?] = [:]
        var direction: [ScoreDimension: TrendDirection] = [:]
        for dimension in ScoreDimension.allCases {
            let points = series[dimension] ?? []
            let slope = TrendMath.slope(points).map { TrendMath.rounded($0, places: 2) }
            // `updateValue` keeps a `nil` velocity as a key; a subscript assignment of nil would drop it.
            velocity.updateValue(slope, forKey: dimension)
            direction[dimension] = Self.direction(of: points, velocity: slope)
        }

        return TrendsDTO(
            days: days, sessions: SessionCountsDTO(count: sessions.count, byType: byType), overallAverage: overallAverage, averages: averages,
            progression: progression, velocity: velocity, direction: direction, learning: learningTrend(learning, pathPercent: pathPercent)
        )
    }

    /// How a dimension moved, from its scores oldest first and their rounded velocity (see the type's rules).
    static func direction(of points: [(x: Double, y: Double)], velocity: Double?) -> TrendDirection {
        if points.count >= TrendMath.minimumPointsForVelocity {
            guard let velocity else { return .steady }
            if velocity >= improvingVelocity { return .improving }
            if velocity <= decliningVelocity { return .declining }
            return .steady
        }
        guard points.count == 2 else { return .steady }
        let change = points[1].y - points[0].y
        if change >= improvingDifference { return .improving }
        if change <= decliningDifference { return .declining }
        return .steady
    }

    /// Lessons completed and minutes per ISO week (only weeks with study, oldest first) over `days`.
    static func learningTrend(_ days: [LearningDay], pathPercent: Int?) -> LearningTrendDTO {
        var lessonsCompleted = 0
        var weeks: [String: WeekTotal] = [:]
        for day in days {
            lessonsCompleted += day.completions
            let week = TrendMath.isoWeek(of: day.day)
            if var total = weeks[week] {
                total.firstDay = min(total.firstDay, day.day)
                total.seconds += day.seconds
                weeks[week] = total
            } else {
                weeks[week] = WeekTotal(firstDay: day.day, seconds: day.seconds)
            }
        }
        // Sorted by the week's first day, not its label, so a year end and a 53rd week order right.
        let minutesByWeek = weeks.filter { $0.value.seconds > 0 }
            .sorted { $0.value.firstDay < $1.value.firstDay }
            .map { WeekMinutesDTO(week: $0.key, minutes: Int((Double($0.value.seconds) / 60).rounded(.toNearestOrAwayFromZero))) }
        return LearningTrendDTO(lessonsCompleted: lessonsCompleted, minutesByWeek: minutesByWeek, pathPercent: pathPercent)
    }

    /// Oldest first; sessions at the same instant by session id, so the order never depends on the input's.
    static func chronological(_ first: SessionFact, _ second: SessionFact) -> Bool {
        if first.at != second.at { return first.at < second.at }
        return first.sessionID.uuidString < second.sessionID.uuidString
    }
}
