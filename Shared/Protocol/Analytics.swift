public import Foundation

/// How a dimension's scores move.
public enum TrendDirection: String, Codable, Sendable, CaseIterable {
    case improving, declining, steady
}

/// `Trends.sessions`: completed sessions in the window, in all and by preparation type.
public struct SessionCountsDTO: Codable, Sendable, Equatable {
    public var count: Int
    /// Every preparation type, zero included.
    public var byType: [PreparationType: Int]

    public init(count: Int, byType: [PreparationType: Int]) {
        self.count = count
        self.byType = byType
    }

    enum CodingKeys: String, CodingKey {
        case count
        case byType = "by_type"
    }
}

/// One evaluated session on the progression series.
public struct ProgressionPointDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var sessionID: UUID
    public var completedAt: Date
    public var overallScore: Int
    public var scores: [ScoreDimension: Int]

    public init(sessionID: UUID, completedAt: Date, overallScore: Int, scores: [ScoreDimension: Int]) {
        self.sessionID = sessionID
        self.completedAt = completedAt
        self.overallScore = overallScore
        self.scores = scores
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id"
        case completedAt = "completed_at"
        case overallScore = "overall_score"
        case scores
    }
}

/// Study minutes in one ISO week.
public struct WeekMinutesDTO: Codable, Sendable, Equatable {
    /// `2026-W48`.
    public var week: String
    public var minutes: Int

    public init(week: String, minutes: Int) {
        self.week = week
        self.minutes = minutes
    }
}

/// `Trends.learning`: lessons completed and minutes studied in the window, and the current path's percent.
public struct LearningTrendDTO: Codable, Sendable, Equatable {
    public var lessonsCompleted: Int
    /// Every ISO week of the window that has study in it, oldest first.
    public var minutesByWeek: [WeekMinutesDTO]
    /// `nil` without a path.
    public var pathPercent: Int?

    public init(lessonsCompleted: Int, minutesByWeek: [WeekMinutesDTO], pathPercent: Int?) {
        self.lessonsCompleted = lessonsCompleted
        self.minutesByWeek = minutesByWeek
        self.pathPercent = pathPercent
    }

    enum CodingKeys: String, CodingKey {
        case lessonsCompleted = "lessons_completed"
        case minutesByWeek = "minutes_by_week"
        case pathPercent = "path_percent"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lessonsCompleted, forKey: .lessonsCompleted)
        try container.encode(minutesByWeek, forKey: .minutesByWeek)
        try container.encode(pathPercent, forKey: .pathPercent)
    }
}

/// `Trends`: how a person's practice scores and learning moved over the last `days` days.
public struct TrendsDTO: Codable, Sendable, Equatable {
    /// The window, in days back from now.
    public var days: Int
    public var sessions: SessionCountsDTO
    /// The mean overall score (0–100) of the evaluated sessions, one decimal; `nil` without any.
    public var overallAverage: Double?
    /// Each dimension's mean score (1–10), one decimal; empty without evaluated sessions.
    public var averages: [ScoreDimension: Double]
    /// The evaluated sessions, oldest first.
    public var progression: [ProgressionPointDTO]
    /// Each dimension's least-squares slope in points per week, two decimals; `nil` under three evaluated sessions.
    public var velocity: [ScoreDimension: Double?]
    public var direction: [ScoreDimension: TrendDirection]
    public var learning: LearningTrendDTO

    public init(
        days: Int, sessions: SessionCountsDTO, overallAverage: Double?, averages: [ScoreDimension: Double], progression: [ProgressionPointDTO],
        velocity: [ScoreDimension: Double?], direction: [ScoreDimension: TrendDirection], learning: LearningTrendDTO
    ) {
        self.days = days
        self.sessions = sessions
        self.overallAverage = overallAverage
        self.averages = averages
        self.progression = progression
        self.velocity = velocity
        self.direction = direction
        self.learning = learning
    }

    enum CodingKeys: String, CodingKey {
        case days, sessions
        case overallAverage = "overall_average"
        case averages, progression, velocity, direction, learning
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(days, forKey: .days)
        try container.encode(sessions, forKey: .sessions)
        try container.encode(overallAverage, forKey: .overallAverage)
        try container.encode(averages, forKey: .averages)
        try container.encode(progression, forKey: .progression)
        try container.encode(velocity, forKey: .velocity)
        try container.encode(direction, forKey: .direction)
        try container.encode(learning, forKey: .learning)
    }
}

/// A dimension that keeps coming back among a person's weak points.
public struct RecurringWeaknessDTO: Codable, Sendable, Equatable {
    public var dimension: ScoreDimension
    /// In how many of the last five evaluated sessions it was weak.
    public var occurrences: Int
    /// When it was last weak (the session's completion).
    public var lastSeen: Date
    /// Its mean score over the last five evaluated sessions, one decimal.
    public var average: Double

    public init(dimension: ScoreDimension, occurrences: Int, lastSeen: Date, average: Double) {
        self.dimension = dimension
        self.occurrences = occurrences
        self.lastSeen = lastSeen
        self.average = average
    }

    enum CodingKeys: String, CodingKey {
        case dimension, occurrences
        case lastSeen = "last_seen"
        case average
    }
}

/// What to do about a weakness, and the lessons that teach it.
public struct ImprovementRecommendationDTO: Codable, Sendable, Equatable {
    public var dimension: ScoreDimension
    public var suggestion: String
    public var lessons: [LessonReferenceDTO]

    public init(dimension: ScoreDimension, suggestion: String, lessons: [LessonReferenceDTO]) {
        self.dimension = dimension
        self.suggestion = suggestion
        self.lessons = lessons
    }
}

/// `Improvements`: recurring weaknesses, the strongest dimensions, and what to practise.
public struct ImprovementsDTO: Codable, Sendable, Equatable {
    public var recurringWeaknesses: [RecurringWeaknessDTO]
    public var strongest: [ScoreDimension]
    public var recommendations: [ImprovementRecommendationDTO]

    public init(recurringWeaknesses: [RecurringWeaknessDTO], strongest: [ScoreDimension], recommendations: [ImprovementRecommendationDTO]) {
        self.recurringWeaknesses = recurringWeaknesses
        self.strongest = strongest
        self.recommendations = recommendations
    }

    enum CodingKeys: String, CodingKey {
        case recurringWeaknesses = "recurring_weaknesses"
        case strongest, recommendations
    }
}
