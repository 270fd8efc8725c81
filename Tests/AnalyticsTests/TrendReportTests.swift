import Foundation
import PathwiseProtocol
import Testing

@testable import Analytics

/// Hand-built facts for the trend and improvement tests.
enum TrendFixtures {
    /// Midnight UTC of `text` (`YYYY-MM-DD`).
    static func day(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: "\(text)T00:00:00Z")!
    }

    /// Every dimension at `score`, with `overrides` on top.
    static func scores(_ score: Int, _ overrides: [ScoreDimension: Int] = [:]) -> [ScoreDimension: Int] {
        var all = Dictionary(uniqueKeysWithValues: ScoreDimension.allCases.map { ($0, score) })
        for (dimension, value) in overrides { all[dimension] = value }
        return all
    }

    /// A session on `date`; evaluated when `overall` is given.
    static func session(
        _ date: String, _ type: PreparationType = .interview, overall: Int? = nil, scores: [ScoreDimension: Int] = [:],
        weak: Set<ScoreDimension> = [], id: UUID = UUID()
    ) -> SessionFact {
        SessionFact(sessionID: id, preparationType: type, at: day(date), overallScore: overall, scores: scores, weak: weak)
    }

    /// A study day on `date`.
    static func study(_ date: String, seconds: Int, completions: Int = 0) -> LearningDay {
        LearningDay(day: day(date), seconds: seconds, completions: completions)
    }
}

@Suite("Trend arithmetic")
struct TrendMathTests {
    @Test("the slope of points on a line is the line's slope")
    func slopeOfALine() {
        let slope = TrendMath.slope([(x: 0, y: 1), (x: 1, y: 3), (x: 2, y: 5)])
        #expect(slope == 2)
    }

    @Test("the slope of scattered points is the least-squares slope")
    func slopeOfScatter() throws {
        // x̄ = 1.5, ȳ = 3; x − x̄ = −1.5, −0.5, 0.5, 1.5; y − ȳ = −1, −2, 0, 3.
        // Σ(x − x̄)(y − ȳ) = 1.5 + 1 + 0 + 4.5 = 7; Σ(x − x̄)² = 2.25 + 0.25 + 0.25 + 2.25 = 5; slope = 7 / 5 = 1.4.
        let slope = try #require(TrendMath.slope([(x: 0, y: 2), (x: 1, y: 1), (x: 2, y: 3), (x: 3, y: 6)]))
        #expect(abs(slope - 1.4) < 1e-12)
    }

    @Test("the slope stays exact far from the origin, because it works on centred values")
    func slopeFarFromOrigin() throws {
        let slope = try #require(TrendMath.slope([(x: 1e9, y: 1), (x: 1e9 + 1, y: 3), (x: 1e9 + 2, y: 5)]))
        #expect(abs(slope - 2) < 1e-9)
    }

    @Test("there is no slope under three points or when every x is the same")
    func noSlope() {
        let twoPoints = TrendMath.slope([(x: 0, y: 1), (x: 1, y: 3)])
        let sameX = TrendMath.slope([(x: 1, y: 1), (x: 1, y: 3), (x: 1, y: 5)])
        let sameFractionalX = TrendMath.slope([(x: 0.1, y: 1), (x: 0.1, y: 3), (x: 0.1, y: 5)])
        #expect(twoPoints == nil)
        #expect(sameX == nil)
        #expect(sameFractionalX == nil)
    }

    @Test("weeks are elapsed time in units of seven days")
    func weeks() {
        #expect(TrendMath.weeks(since: TrendFixtures.day("2026-03-02"), to: TrendFixtures.day("2026-03-16")) == 2)
        #expect(TrendMath.weeks(since: TrendFixtures.day("2026-03-02"), to: TrendFixtures.day("2026-03-05")) == 3.0 / 7.0)
    }

    @Test("ISO weeks follow ISO 8601 across year ends, in UTC")
    func isoWeeks() {
        let expected = [
            ("2026-12-31", "2026-W53"), ("2027-01-01", "2026-W53"), ("2025-12-29", "2026-W01"), ("2024-12-30", "2025-W01"),
            ("2021-01-03", "2020-W53"), ("2021-01-04", "2021-W01"), ("2026-03-02", "2026-W10"),
        ]
        for (date, week) in expected {
            #expect(TrendMath.isoWeek(of: TrendFixtures.day(date)) == week, "\(date)")
        }
        // 23:59:59 UTC on Sunday is still the old week, whatever the machine's zone.
        let lateSunday = TrendFixtures.day("2021-01-03").addingTimeInterval(86_399)
        #expect(TrendMath.isoWeek(of: lateSunday) == "2020-W53")
    }

    @Test("rounding is schoolbook: halves go away from zero, and zero has no sign")
    func rounding() {
        #expect(TrendMath.rounded(7.25, places: 1) == 7.3)
        #expect(TrendMath.rounded(-7.25, places: 1) == -7.3)
        #expect(TrendMath.rounded(22.0 / 3.0, places: 1) == 7.3)
        #expect(TrendMath.rounded(1.125, places: 2) == 1.13)
        let tinyNegative = TrendMath.rounded(-0.001, places: 2)
        #expect(tinyNegative == 0)
        #expect(tinyNegative.sign == .plus)
    }
}

@Suite("Trends report")
struct TrendReportTests {
    typealias Fixture = TrendFixtures

    /// The first evaluated session (2026-03-02).
    static let first = UUID()
    /// The second evaluated session (2026-03-09).
    static let second = UUID()
    /// The third evaluated session (2026-03-16).
    static let third = UUID()
    /// Three evaluated interviews a week apart, given out of order, and one completed pitch not yet evaluated.
    ///
    /// | dimension | w0 | w1 | w2 | mean | slope |
    /// |---|---|---|---|---|---|
    /// | clarity | 4 | 5 | 7 | 5.3 | 1.5 |
    /// | relevance | 6 | 7 | 9 | 7.3 | 1.5 |
    /// | confidence | 8 | 7 | 5 | 6.7 | −1.5 |
    /// | language | 6 | 6 | 6 | 6.0 | 0 |
    /// | tone | 5 | 6 | 5 | 5.3 | 0 |
    /// | engagement | 5 | 5 | 6 | 5.3 | 0.5 |
    static let threeWeeks: [SessionFact] = [
        Fixture.session(
            "2026-03-16", overall: 80,
            scores: [.clarityStructure: 7, .relevanceFocus: 9, .confidenceDelivery: 5, .languageQuality: 6, .toneAlignment: 5, .engagement: 6],
            id: TrendReportTests.third
        ),
        Fixture.session("2026-03-20", .pitch),
        Fixture.session(
            "2026-03-02", overall: 61,
            scores: [.clarityStructure: 4, .relevanceFocus: 6, .confidenceDelivery: 8, .languageQuality: 6, .toneAlignment: 5, .engagement: 5],
            id: TrendReportTests.first
        ),
        Fixture.session(
            "2026-03-09", overall: 70,
            scores: [.clarityStructure: 5, .relevanceFocus: 7, .confidenceDelivery: 7, .languageQuality: 6, .toneAlignment: 6, .engagement: 5],
            id: TrendReportTests.second
        ),
    ]

    @Test("sessions are counted in all and by every preparation type, zeros included, evaluated or not")
    func counts() {
        let trends = TrendReport.trends(days: 90, sessions: Self.threeWeeks, learning: [], pathPercent: nil)
        #expect(trends.days == 90)
        #expect(trends.sessions.count == 4)
        #expect(trends.sessions.byType == [.interview: 3, .corporate: 0, .pitch: 1, .sales: 0, .presentation: 0, .other: 0])
    }

    @Test("averages are over evaluated sessions only, to one decimal")
    func averages() {
        let trends = TrendReport.trends(days: 90, sessions: Self.threeWeeks, learning: [], pathPercent: nil)
        // (61 + 70 + 80) / 3 = 70.33…
        #expect(trends.overallAverage == 70.3)
        #expect(
            trends.averages == [
                .clarityStructure: 5.3, .relevanceFocus: 7.3, .confidenceDelivery: 6.7, .languageQuality: 6.0, .toneAlignment: 5.3, .engagement: 5.3,
            ]
        )
    }

    @Test("the progression is the evaluated sessions, oldest first, with their scores")
    func progression() {
        let trends = TrendReport.trends(days: 90, sessions: Self.threeWeeks, learning: [], pathPercent: nil)
        #expect(trends.progression.map(\.sessionID) == [Self.first, Self.second, Self.third])
        #expect(trends.progression.map(\.completedAt) == [Fixture.day("2026-03-02"), Fixture.day("2026-03-09"), Fixture.day("2026-03-16")])
        #expect(trends.progression.map(\.overallScore) == [61, 70, 80])
        #expect(trends.progression.first?.scores[.clarityStructure] == 4)
    }

    @Test("velocity is the least-squares slope in points per week, and sets the direction at ±0.25")
    func velocityAndDirection() throws {
        let trends = TrendReport.trends(days: 90, sessions: Self.threeWeeks, learning: [], pathPercent: nil)
        #expect(Set(trends.velocity.keys) == Set(ScoreDimension.allCases))
        // Scores 4, 5, 7 at weeks 0, 1, 2: x̄ = 1, ȳ = 16/3; Σ(x − x̄)(y − ȳ) = 4/3 + 5/3 = 3; Σ(x − x̄)² = 2; slope 1.5.
        let clarity = try #require(trends.velocity[.clarityStructure])
        let confidence = try #require(trends.velocity[.confidenceDelivery])
        let language = try #require(trends.velocity[.languageQuality])
        let tone = try #require(trends.velocity[.toneAlignment])
        let engagement = try #require(trends.velocity[.engagement])
        #expect(clarity == 1.5)
        #expect(confidence == -1.5)
        #expect(language == 0)
        #expect(tone == 0)
        #expect(engagement == 0.5)
        #expect(
            trends.direction == [
                .clarityStructure: .improving, .relevanceFocus: .improving, .confidenceDelivery: .declining, .languageQuality: .steady,
                .toneAlignment: .steady, .engagement: .improving,
            ]
        )
    }

    @Test("the direction thresholds are inclusive at ±0.25 points per week")
    func directionThresholds() {
        let three: [(x: Double, y: Double)] = [(x: 0, y: 5), (x: 1, y: 5), (x: 2, y: 5)]
        #expect(TrendReport.direction(of: three, velocity: 0.25) == .improving)
        #expect(TrendReport.direction(of: three, velocity: 0.24) == .steady)
        #expect(TrendReport.direction(of: three, velocity: -0.24) == .steady)
        #expect(TrendReport.direction(of: three, velocity: -0.25) == .declining)
    }

    @Test("with two evaluated sessions velocity is nil and the direction is the later score minus the earlier, at ±1")
    func twoSessions() {
        let sessions = [
            Fixture.session("2026-03-09", overall: 70, scores: Fixture.scores(6, [.relevanceFocus: 6, .confidenceDelivery: 5])),
            Fixture.session("2026-03-02", overall: 60, scores: Fixture.scores(5, [.relevanceFocus: 7, .confidenceDelivery: 5])),
        ]
        let trends = TrendReport.trends(days: 30, sessions: sessions, learning: [], pathPercent: nil)
        #expect(Set(trends.velocity.keys) == Set(ScoreDimension.allCases))
        let noVelocity = trends.velocity.values.allSatisfy { $0 == nil }
        #expect(noVelocity)
        #expect(trends.direction[.clarityStructure] == .improving)
        #expect(trends.direction[.relevanceFocus] == .declining)
        #expect(trends.direction[.confidenceDelivery] == .steady)
        #expect(trends.overallAverage == 65.0)
    }

    @Test("with one evaluated session every direction is steady")
    func oneSession() {
        let trends = TrendReport.trends(
            days: 30, sessions: [Fixture.session("2026-03-02", overall: 90, scores: Fixture.scores(9))], learning: [], pathPercent: nil
        )
        let allSteady = Dictionary(uniqueKeysWithValues: ScoreDimension.allCases.map { ($0, TrendDirection.steady) })
        #expect(trends.direction == allSteady)
        #expect(trends.velocity.count == ScoreDimension.allCases.count)
        let noVelocity = trends.velocity.values.allSatisfy { $0 == nil }
        #expect(noVelocity)
    }

    @Test("without evaluated sessions there is no average, the averages are empty and every dimension is still a key")
    func nothingEvaluated() {
        let trends = TrendReport.trends(days: 7, sessions: [Fixture.session("2026-03-02", .sales)], learning: [], pathPercent: 25)
        #expect(trends.sessions.count == 1)
        #expect(trends.sessions.byType[.sales] == 1)
        #expect(trends.overallAverage == nil)
        #expect(trends.averages.isEmpty)
        #expect(trends.progression.isEmpty)
        #expect(Set(trends.velocity.keys) == Set(ScoreDimension.allCases))
        #expect(Set(trends.direction.keys) == Set(ScoreDimension.allCases))
        let allSteady = trends.direction.values.allSatisfy { $0 == .steady }
        #expect(allSteady)
        #expect(trends.learning == LearningTrendDTO(lessonsCompleted: 0, minutesByWeek: [], pathPercent: 25))
    }

    @Test("study minutes are summed per ISO week, rounded to the minute, weeks without study left out, oldest first across a year end")
    func minutesByWeek() {
        let days = [
            Fixture.study("2027-01-04", seconds: 89, completions: 1),
            Fixture.study("2026-12-28", seconds: 1_800, completions: 2),
            Fixture.study("2026-12-20", seconds: 0, completions: 1),
            Fixture.study("2027-01-03", seconds: 600),
            Fixture.study("2026-12-21", seconds: 150),
            Fixture.study("2026-12-31", seconds: 1_200, completions: 1),
        ]
        let trends = TrendReport.trends(days: 30, sessions: [], learning: days, pathPercent: 40)
        // W52: 150 s = 2.5 min → 3; W53: 1,800 + 1,200 + 600 = 3,600 s → 60; 2027-W01: 89 s ≈ 1.48 min → 1.
        #expect(
            trends.learning.minutesByWeek == [
                WeekMinutesDTO(week: "2026-W52", minutes: 3), WeekMinutesDTO(week: "2026-W53", minutes: 60),
                WeekMinutesDTO(week: "2027-W01", minutes: 1),
            ]
        )
        #expect(trends.learning.lessonsCompleted == 5)
        #expect(trends.learning.pathPercent == 40)
    }
}

@Suite("Improvements report")
struct ImprovementReportTests {
    typealias Fixture = TrendFixtures

    /// Six evaluated sessions, newest on 03-10; the sixth (03-05) is too old to count.
    ///
    /// | session | clarity | relevance | confidence | language | tone | engagement | weak |
    /// |---|---|---|---|---|---|---|---|
    /// | 03-10 | 5 | 4 | 8 | 7 | 6 | 7 | clarity |
    /// | 03-09 | 6 | 4 | 8 | 7 | 5 | 7 | relevance, engagement |
    /// | 03-08 | 4 | 5 | 9 | 7 | 5 | 7 | clarity, tone |
    /// | 03-07 | 6 | 4 | 8 | 8 | 5 | 7 | relevance |
    /// | 03-06 | 6 | 4 | 8 | 7 | 5 | 7 | relevance, tone |
    /// | 03-05 | 1 | 1 | 1 | 1 | 1 | 1 | engagement, clarity |
    ///
    /// Means over the five: clarity 5.4, relevance 4.2, confidence 8.2, language 7.2, tone 5.2, engagement 7.0.
    static let sixSessions: [SessionFact] = [
        Fixture.session("2026-03-05", overall: 10, scores: Fixture.scores(1), weak: [.engagement, .clarityStructure]),
        Fixture.session(
            "2026-03-08", overall: 65,
            scores: [.clarityStructure: 4, .relevanceFocus: 5, .confidenceDelivery: 9, .languageQuality: 7, .toneAlignment: 5, .engagement: 7],
            weak: [.clarityStructure, .toneAlignment]
        ),
        Fixture.session(
            "2026-03-10", overall: 62,
            scores: [.clarityStructure: 5, .relevanceFocus: 4, .confidenceDelivery: 8, .languageQuality: 7, .toneAlignment: 6, .engagement: 7],
            weak: [.clarityStructure]
        ),
        Fixture.session(
            "2026-03-06", overall: 61,
            scores: [.clarityStructure: 6, .relevanceFocus: 4, .confidenceDelivery: 8, .languageQuality: 7, .toneAlignment: 5, .engagement: 7],
            weak: [.relevanceFocus, .toneAlignment]
        ),
        Fixture.session(
            "2026-03-09", overall: 63,
            scores: [.clarityStructure: 6, .relevanceFocus: 4, .confidenceDelivery: 8, .languageQuality: 7, .toneAlignment: 5, .engagement: 7],
            weak: [.relevanceFocus, .engagement]
        ),
        Fixture.session(
            "2026-03-07", overall: 64,
            scores: [.clarityStructure: 6, .relevanceFocus: 4, .confidenceDelivery: 8, .languageQuality: 8, .toneAlignment: 5, .engagement: 7],
            weak: [.relevanceFocus]
        ),
    ]

    /// A lesson reference.
    static func lesson(_ id: String) -> LessonReferenceDTO {
        LessonReferenceDTO(id: id, title: "Lesson \(id)")
    }

    @Test("a dimension weak in two or more of the last five evaluated sessions recurs, by occurrences then lowest average")
    func recurringWeaknesses() {
        let improvements = ImprovementReport.improvements(recent: Self.sixSessions, lessons: [:])
        #expect(
            improvements.recurringWeaknesses == [
                RecurringWeaknessDTO(dimension: .relevanceFocus, occurrences: 3, lastSeen: Fixture.day("2026-03-09"), average: 4.2),
                RecurringWeaknessDTO(dimension: .toneAlignment, occurrences: 2, lastSeen: Fixture.day("2026-03-08"), average: 5.2),
                RecurringWeaknessDTO(dimension: .clarityStructure, occurrences: 2, lastSeen: Fixture.day("2026-03-10"), average: 5.4),
            ]
        )
    }

    @Test("only the last five evaluated sessions count: a weakness seen once there does not recur, even if an older session had it")
    func onlyTheLastFiveCount() {
        let improvements = ImprovementReport.improvements(recent: Self.sixSessions, lessons: [:])
        let engagementRecurs = improvements.recurringWeaknesses.contains { $0.dimension == .engagement }
        #expect(!engagementRecurs)
        // Clarity was also weak on 03-05, and scored 1 there; counting it would make 3 occurrences and a lower average.
        let clarity = improvements.recurringWeaknesses.first { $0.dimension == .clarityStructure }
        #expect(clarity?.occurrences == 2)
        #expect(clarity?.average == 5.4)
    }

    @Test("the strongest are the two highest means that are not recurring weaknesses")
    func strongest() {
        let improvements = ImprovementReport.improvements(recent: Self.sixSessions, lessons: [:])
        #expect(improvements.strongest == [.confidenceDelivery, .languageQuality])
    }

    @Test("the strongest leave out recurring weaknesses however high, need a mean of at least 6, and break ties by dimension order")
    func strongestRules() {
        let sessions = [
            Fixture.session(
                "2026-03-02", overall: 70,
                scores: [.clarityStructure: 9, .relevanceFocus: 8, .confidenceDelivery: 5, .languageQuality: 6, .toneAlignment: 6, .engagement: 6],
                weak: [.clarityStructure]
            ),
            Fixture.session(
                "2026-03-03", overall: 70,
                scores: [.clarityStructure: 9, .relevanceFocus: 8, .confidenceDelivery: 5, .languageQuality: 6, .toneAlignment: 6, .engagement: 5],
                weak: [.clarityStructure]
            ),
        ]
        let improvements = ImprovementReport.improvements(recent: sessions, lessons: [:])
        #expect(improvements.recurringWeaknesses.map(\.dimension) == [.clarityStructure])
        #expect(improvements.strongest == [.relevanceFocus, .languageQuality])

        let weakEverywhere = [Fixture.session("2026-03-02", overall: 40, scores: Fixture.scores(5))]
        #expect(ImprovementReport.improvements(recent: weakEverywhere, lessons: [:]).strongest.isEmpty)
    }

    @Test("a weakness seen in a single session is not recurring")
    func seenOnce() {
        let sessions = [
            Fixture.session("2026-03-02", overall: 70, scores: Fixture.scores(7), weak: [.engagement]),
            Fixture.session("2026-03-03", overall: 70, scores: Fixture.scores(7), weak: [.toneAlignment]),
        ]
        let improvements = ImprovementReport.improvements(recent: sessions, lessons: [.engagement: [Self.lesson("a")]])
        #expect(improvements.recurringWeaknesses.isEmpty)
        #expect(improvements.recommendations.isEmpty)
    }

    @Test("without sessions there is nothing to report")
    func empty() {
        let improvements = ImprovementReport.improvements(recent: [], lessons: [:])
        #expect(improvements == ImprovementsDTO(recurringWeaknesses: [], strongest: [], recommendations: []))
    }

    @Test("each recurring weakness gets a recommendation, in the same order, with its lessons once each and at most three")
    func recommendations() {
        let lessons: [ScoreDimension: [LessonReferenceDTO]] = [
            .relevanceFocus: [Self.lesson("a"), Self.lesson("b"), Self.lesson("a"), Self.lesson("c"), Self.lesson("d")],
            .toneAlignment: [Self.lesson("e")],
            .engagement: [Self.lesson("f")],
        ]
        let improvements = ImprovementReport.improvements(recent: Self.sixSessions, lessons: lessons)
        #expect(
            improvements.recommendations == [
                ImprovementRecommendationDTO(
                    dimension: .relevanceFocus, suggestion: ImprovementReport.suggestion(for: .relevanceFocus),
                    lessons: [Self.lesson("a"), Self.lesson("b"), Self.lesson("c")]
                ),
                ImprovementRecommendationDTO(
                    dimension: .toneAlignment, suggestion: ImprovementReport.suggestion(for: .toneAlignment), lessons: [Self.lesson("e")]
                ),
                ImprovementRecommendationDTO(
                    dimension: .clarityStructure, suggestion: ImprovementReport.suggestion(for: .clarityStructure), lessons: []
                ),
            ]
        )
    }

    @Test("every dimension has its own suggestion and a lesson query")
    func suggestionsAndQueries() {
        let suggestions = Set(ScoreDimension.allCases.map { ImprovementReport.suggestion(for: $0) })
        let queries = Set(ScoreDimension.allCases.map { ImprovementReport.lessonQuery(for: $0) })
        #expect(suggestions.count == ScoreDimension.allCases.count)
        #expect(queries.count == ScoreDimension.allCases.count)
        #expect(!suggestions.contains(""))
        #expect(!queries.contains(""))
    }

    @Test("weak dimensions are the improvement areas plus the two lowest scores, ties by dimension order")
    func weakDimensions() {
        let scores: [ScoreDimension: Int] = [
            .clarityStructure: 7, .relevanceFocus: 5, .confidenceDelivery: 5, .languageQuality: 5, .toneAlignment: 8, .engagement: 9,
        ]
        let weak = ImprovementReport.weakDimensions(scores: scores, improvementAreas: [.engagement])
        #expect(weak == [.engagement, .relevanceFocus, .confidenceDelivery])
        let overlapping = ImprovementReport.weakDimensions(scores: scores, improvementAreas: [.relevanceFocus])
        #expect(overlapping == [.relevanceFocus, .confidenceDelivery])
        let unscored = ImprovementReport.weakDimensions(scores: [:], improvementAreas: [.toneAlignment])
        #expect(unscored == [.toneAlignment])
    }
}
