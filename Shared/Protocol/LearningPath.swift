public import Foundation

/// `POST /api/v1/learning-paths`: every field optional — the job target, the onboarding weekly hours and today by default.
public struct LearningPathRequest: Codable, Sendable, JSONRequest {
    public var jobDescription: String?
    public var weeklyHours: Int?
    /// `YYYY-MM-DD`.
    public var startDate: String?

    public init(jobDescription: String? = nil, weeklyHours: Int? = nil, startDate: String? = nil) {
        self.jobDescription = jobDescription
        self.weeklyHours = weeklyHours
        self.startDate = startDate
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case jobDescription = "job_description"
        case weeklyHours = "weekly_hours"
        case startDate = "start_date"
    }
}

/// `POST /api/v1/learning-paths/current/known`: a topic the person already knows.
public struct KnownTopicRequest: Codable, Sendable, JSONRequest {
    public var skillID: String

    public init(skillID: String) {
        self.skillID = skillID
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case skillID = "skill_id"
    }
}

/// A lesson on a path: why it is there and how far the person is with it.
public struct PathLessonDTO: Codable, Sendable, Equatable {
    public var lessonID: String
    public var title: String
    /// `L1`, `L2` or `L3`.
    public var layer: String
    public var minutes: Int
    public var reason: String
    public var status: LessonStatus

    public init(lessonID: String, title: String, layer: String, minutes: Int, reason: String, status: LessonStatus) {
        self.lessonID = lessonID
        self.title = title
        self.layer = layer
        self.minutes = minutes
        self.reason = reason
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case lessonID = "lesson_id"
        case title, layer, minutes, reason, status
    }
}

/// `Stage`: one named step of a path, its goal, its lessons in order and its length at the person's weekly hours.
public struct StageDTO: Codable, Sendable, Equatable {
    /// 1-based.
    public var index: Int
    public var name: String
    public var goal: String
    public var durationWeeks: Double
    public var lessons: [PathLessonDTO]
    /// Outside resources for topics the library does not cover.
    public var resources: [ExternalResourceDTO]

    public init(index: Int, name: String, goal: String, durationWeeks: Double, lessons: [PathLessonDTO], resources: [ExternalResourceDTO]) {
        self.index = index
        self.name = name
        self.goal = goal
        self.durationWeeks = durationWeeks
        self.lessons = lessons
        self.resources = resources
    }

    enum CodingKeys: String, CodingKey {
        case index, name, goal
        case durationWeeks = "duration_weeks"
        case lessons, resources
    }
}

/// A topic a path needs that no lesson teaches, with where to learn it instead.
public struct UncoveredTopicDTO: Codable, Sendable, Equatable {
    public var skill: SkillDTO
    public var resources: [ExternalResourceDTO]

    public init(skill: SkillDTO, resources: [ExternalResourceDTO]) {
        self.skill = skill
        self.resources = resources
    }
}

/// `LearningPath`: what to study for a job, in what order, and for how long.
public struct LearningPathDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var createdAt: Date
    public var target: PathTargetDTO
    public var weeklyHours: Int
    /// `YYYY-MM-DD`.
    public var startDate: String
    /// The stages' weeks added up (one decimal).
    public var estimatedWeeks: Double
    /// Topics with lessons, as a percent of all the topics the path needs.
    public var coveragePercent: Int
    public var coveredTopics: [SkillDTO]
    public var uncoveredTopics: [UncoveredTopicDTO]
    /// Topics the resume already shows at the level asked, or that the person marked known.
    public var knownTopics: [SkillDTO]
    public var stages: [StageDTO]
    public var engine: String

    public init(
        id: UUID, createdAt: Date, target: PathTargetDTO, weeklyHours: Int, startDate: String, estimatedWeeks: Double, coveragePercent: Int,
        coveredTopics: [SkillDTO], uncoveredTopics: [UncoveredTopicDTO], knownTopics: [SkillDTO], stages: [StageDTO], engine: String
    ) {
        self.id = id
        self.createdAt = createdAt
        self.target = target
        self.weeklyHours = weeklyHours
        self.startDate = startDate
        self.estimatedWeeks = estimatedWeeks
        self.coveragePercent = coveragePercent
        self.coveredTopics = coveredTopics
        self.uncoveredTopics = uncoveredTopics
        self.knownTopics = knownTopics
        self.stages = stages
        self.engine = engine
    }

    enum CodingKeys: String, CodingKey {
        case id
        case createdAt = "created_at"
        case target
        case weeklyHours = "weekly_hours"
        case startDate = "start_date"
        case estimatedWeeks = "estimated_weeks"
        case coveragePercent = "coverage_percent"
        case coveredTopics = "covered_topics"
        case uncoveredTopics = "uncovered_topics"
        case knownTopics = "known_topics"
        case stages, engine
    }

    /// Every lesson of every stage, in path order.
    public var lessons: [PathLessonDTO] { stages.flatMap(\.lessons) }
}

/// `GET /api/v1/learning-paths/current` while the first path for a new target is being made (202).
public struct PathGeneratingDTO: Codable, Sendable, Equatable {
    /// Always `generating`.
    public var status: String

    public init() {
        status = "generating"
    }
}

/// `PUT /api/v1/progress/lessons/{id}/time`: study time to add.
public struct LessonTimeRequest: Codable, Sendable, JSONRequest {
    /// How many seconds one request may add.
    public static let secondsRange = 1...3_600

    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case seconds
    }
}

/// How well a lesson was remembered at a review (FSRS grades).
public enum ReviewGrade: String, Codable, Sendable, CaseIterable {
    case again, hard, good, easy
}

/// `POST /api/v1/progress/lessons/{id}/review`.
public struct ReviewRequest: Codable, Sendable, JSONRequest {
    public var grade: ReviewGrade

    public init(grade: ReviewGrade) {
        self.grade = grade
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case grade
    }
}

/// Where a person is with one lesson.
public enum LessonStatus: String, Codable, Sendable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case completed, skipped
}

/// `LessonProgress`: one person's progress with one lesson.
public struct LessonProgressDTO: Codable, Sendable, Equatable {
    public var lessonID: String
    public var status: LessonStatus
    public var startedAt: Date?
    public var secondsSpent: Int
    public var completedAt: Date?
    /// When spaced review asks for the lesson again; set once it is completed.
    public var reviewDueAt: Date?
    /// Reviews so far, completing counting as the first.
    public var reviews: Int

    public init(lessonID: String, status: LessonStatus, startedAt: Date?, secondsSpent: Int, completedAt: Date?, reviewDueAt: Date?, reviews: Int) {
        self.lessonID = lessonID
        self.status = status
        self.startedAt = startedAt
        self.secondsSpent = secondsSpent
        self.completedAt = completedAt
        self.reviewDueAt = reviewDueAt
        self.reviews = reviews
    }

    /// A lesson not touched yet.
    public static func notStarted(_ lessonID: String) -> Self {
        LessonProgressDTO(lessonID: lessonID, status: .notStarted, startedAt: nil, secondsSpent: 0, completedAt: nil, reviewDueAt: nil, reviews: 0)
    }

    enum CodingKeys: String, CodingKey {
        case lessonID = "lesson_id"
        case status
        case startedAt = "started_at"
        case secondsSpent = "seconds_spent"
        case completedAt = "completed_at"
        case reviewDueAt = "review_due_at"
        case reviews
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lessonID, forKey: .lessonID)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(secondsSpent, forKey: .secondsSpent)
        try container.encode(completedAt, forKey: .completedAt)
        try container.encode(reviewDueAt, forKey: .reviewDueAt)
        try container.encode(reviews, forKey: .reviews)
    }
}

/// The current path as the progress summary shows it.
public struct PathProgressDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    /// Completed lessons as a percent of the path's lessons that are not skipped.
    public var percent: Int
    /// The index of the first stage with a lesson left to do (the last stage once all are done).
    public var currentStage: Int

    public init(id: UUID, percent: Int, currentStage: Int) {
        self.id = id
        self.percent = percent
        self.currentStage = currentStage
    }

    enum CodingKeys: String, CodingKey {
        case id, percent
        case currentStage = "current_stage"
    }
}

/// One book's lessons completed, of all it has.
public struct BookProgressDTO: Codable, Sendable, Equatable {
    public var book: String
    public var completed: Int
    public var total: Int

    public init(book: String, completed: Int, total: Int) {
        self.book = book
        self.completed = completed
        self.total = total
    }
}

/// `ProgressSummary`: a person's study so far.
public struct ProgressSummaryDTO: Codable, Sendable, Equatable {
    public var lessonsStarted: Int
    public var lessonsCompleted: Int
    public var minutes: Int
    /// Days in a row with study, ending today (or yesterday, when today has none yet), in the zone asked.
    public var streakDays: Int
    public var path: PathProgressDTO?
    public var byBook: [BookProgressDTO]

    public init(lessonsStarted: Int, lessonsCompleted: Int, minutes: Int, streakDays: Int, path: PathProgressDTO?, byBook: [BookProgressDTO]) {
        self.lessonsStarted = lessonsStarted
        self.lessonsCompleted = lessonsCompleted
        self.minutes = minutes
        self.streakDays = streakDays
        self.path = path
        self.byBook = byBook
    }

    enum CodingKeys: String, CodingKey {
        case lessonsStarted = "lessons_started"
        case lessonsCompleted = "lessons_completed"
        case minutes
        case streakDays = "streak_days"
        case path
        case byBook = "by_book"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lessonsStarted, forKey: .lessonsStarted)
        try container.encode(lessonsCompleted, forKey: .lessonsCompleted)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(streakDays, forKey: .streakDays)
        try container.encode(path, forKey: .path)
        try container.encode(byBook, forKey: .byBook)
    }
}

/// `Recommendation`: a lesson to do now, and why.
public struct RecommendationDTO: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case reviewDue = "review_due"
        case nextOnPath = "next_on_path"
        case prerequisite, stretch
    }

    public var lessonID: String
    public var title: String
    public var kind: Kind
    public var reason: String
    /// When a review fell due; `nil` for the other kinds.
    public var dueAt: Date?

    public init(lessonID: String, title: String, kind: Kind, reason: String, dueAt: Date?) {
        self.lessonID = lessonID
        self.title = title
        self.kind = kind
        self.reason = reason
        self.dueAt = dueAt
    }

    enum CodingKeys: String, CodingKey {
        case lessonID = "lesson_id"
        case title, kind, reason
        case dueAt = "due_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lessonID, forKey: .lessonID)
        try container.encode(title, forKey: .title)
        try container.encode(kind, forKey: .kind)
        try container.encode(reason, forKey: .reason)
        try container.encode(dueAt, forKey: .dueAt)
    }
}

/// `GET /api/v1/recommendations`.
public struct RecommendationsDTO: Codable, Sendable, Equatable {
    public var items: [RecommendationDTO]

    public init(items: [RecommendationDTO]) {
        self.items = items
    }
}

/// A skill the current path works on, and how much the job needs it (`required`, `preferred`, `implicit`).
public struct SkillGapDTO: Codable, Sendable, Equatable {
    public var skill: SkillDTO
    public var importance: String

    public init(skill: SkillDTO, importance: String) {
        self.skill = skill
        self.importance = importance
    }

    enum CodingKeys: String, CodingKey {
        case importance
    }

    // The skill's fields sit at the top level: `Skill + {importance}`.
    public init(from decoder: any Decoder) throws {
        skill = try SkillDTO(from: decoder)
        importance = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .importance)
    }

    public func encode(to encoder: any Encoder) throws {
        try skill.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(importance, forKey: .importance)
    }
}

/// `GET /internal/users/{id}/gaps`: the current path's weak and missing skills, for coaching.
public struct SkillGapsDTO: Codable, Sendable, Equatable {
    public var items: [SkillGapDTO]

    public init(items: [SkillGapDTO]) {
        self.items = items
    }
}

extension InternalPath {
    /// Pathing's gaps read, as a route pattern.
    public static let gapsRoute = "/internal/users/:user/gaps"

    /// Pathing's gaps read for one person.
    public static func gaps(of user: UUID) -> String {
        "/internal/users/\(user.uuidString.lowercased())/gaps"
    }
}

extension InternalAPI {
    /// The weak and missing skills of a person's current path (empty without one).
    public static func gaps(of user: UUID) -> InternalEndpoint<SkillGapsDTO> {
        InternalEndpoint(service: .pathing, path: InternalPath.gaps(of: user))
    }
}

/// `path.created`: a learning path was made (for a new target, or on request).
public struct PathCreated: DomainEvent {
    public static let type = "path.created"
    public static let producer = ServiceName.pathing
    public static let subscribers: [ServiceName] = [.analytics]

    @LowercaseUUID public var userID: UUID
    @LowercaseUUID public var pathID: UUID
    public var lessonCount: Int
    public var estimatedWeeks: Double
    public var coveragePercent: Int
    public var createdAt: Date

    public init(userID: UUID, pathID: UUID, lessonCount: Int, estimatedWeeks: Double, coveragePercent: Int, createdAt: Date) {
        self.userID = userID
        self.pathID = pathID
        self.lessonCount = lessonCount
        self.estimatedWeeks = estimatedWeeks
        self.coveragePercent = coveragePercent
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case pathID = "path_id"
        case lessonCount = "lesson_count"
        case estimatedWeeks = "estimated_weeks"
        case coveragePercent = "coverage_percent"
        case createdAt = "created_at"
    }
}

/// `progress.updated`: a lesson was started, studied, completed, reviewed or skipped.
public struct ProgressUpdated: DomainEvent {
    public static let type = "progress.updated"
    public static let producer = ServiceName.pathing
    public static let subscribers: [ServiceName] = [.analytics]

    @LowercaseUUID public var userID: UUID
    public var lessonID: String
    public var status: LessonStatus
    public var secondsAdded: Int
    public var secondsSpent: Int
    /// The current path, if the person has one.
    @LowercaseOptionalUUID public var pathID: UUID?
    public var pathPercent: Int?
    public var occurredAt: Date

    public init(
        userID: UUID, lessonID: String, status: LessonStatus, secondsAdded: Int, secondsSpent: Int, pathID: UUID?, pathPercent: Int?, occurredAt: Date
    ) {
        self.userID = userID
        self.lessonID = lessonID
        self.status = status
        self.secondsAdded = secondsAdded
        self.secondsSpent = secondsSpent
        self.pathID = pathID
        self.pathPercent = pathPercent
        self.occurredAt = occurredAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case lessonID = "lesson_id"
        case status
        case secondsAdded = "seconds_added"
        case secondsSpent = "seconds_spent"
        case pathID = "path_id"
        case pathPercent = "path_percent"
        case occurredAt = "occurred_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userID, forKey: .userID)
        try container.encode(lessonID, forKey: .lessonID)
        try container.encode(status, forKey: .status)
        try container.encode(secondsAdded, forKey: .secondsAdded)
        try container.encode(secondsSpent, forKey: .secondsSpent)
        try container.encode(pathID, forKey: .pathID)
        try container.encode(pathPercent, forKey: .pathPercent)
        try container.encode(occurredAt, forKey: .occurredAt)
    }
}
