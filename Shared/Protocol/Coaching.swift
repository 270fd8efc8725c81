public import Foundation

/// How the coach speaks in a session.
public enum Tone: String, Codable, Sendable, CaseIterable {
    case supportive, neutral, challenging
}

/// Where a session is in its life: `in_progress` → `completed` → `archived` (or `in_progress` → `archived`).
public enum SessionStatus: String, Codable, Sendable, CaseIterable {
    case inProgress = "in_progress"
    case completed, archived
}

/// Who spoke a turn.
public enum TurnRole: String, Codable, Sendable, CaseIterable {
    case coach, user
}

/// The six dimensions an evaluation scores, each 1–10.
public enum ScoreDimension: String, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    case clarityStructure = "clarity_structure"
    case relevanceFocus = "relevance_focus"
    case confidenceDelivery = "confidence_delivery"
    case languageQuality = "language_quality"
    case toneAlignment = "tone_alignment"
    case engagement
}

/// How urgent an improvement is.
public enum Priority: String, Codable, Sendable, CaseIterable {
    case high, medium, low
}

/// `POST /api/v1/sessions`: what to practise, and how.
public struct SessionRequest: Codable, Sendable, JSONRequest {
    public var preparationType: PreparationType
    public var meetingSubtype: String?
    public var agenda: String?
    public var tone: Tone?
    public var roleContext: String?
    public var title: String?

    public init(
        preparationType: PreparationType, meetingSubtype: String? = nil, agenda: String? = nil, tone: Tone? = nil, roleContext: String? = nil,
        title: String? = nil
    ) {
        self.preparationType = preparationType
        self.meetingSubtype = meetingSubtype
        self.agenda = agenda
        self.tone = tone
        self.roleContext = roleContext
        self.title = title
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case preparationType = "preparation_type"
        case meetingSubtype = "meeting_subtype"
        case agenda, tone
        case roleContext = "role_context"
        case title
    }
}

/// `PATCH /api/v1/sessions/{id}`: a new title, an allowed status, or both.
public struct SessionPatchRequest: Codable, Sendable, JSONRequest {
    public var title: String?
    public var status: SessionStatus?

    public init(title: String? = nil, status: SessionStatus? = nil) {
        self.title = title
        self.status = status
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case title, status
    }
}

/// `POST /api/v1/sessions/{id}/messages`: the person's answer.
public struct TurnRequest: Codable, Sendable, JSONRequest {
    public var content: String

    public init(content: String) {
        self.content = content
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case content
    }
}

/// One turn of a transcript.
public struct TurnDTO: Codable, Sendable, Equatable {
    /// 1-based; the coach's opening is 1.
    public var turnNumber: Int
    public var role: TurnRole
    public var content: String
    public var createdAt: Date

    public init(turnNumber: Int, role: TurnRole, content: String, createdAt: Date) {
        self.turnNumber = turnNumber
        self.role = role
        self.content = content
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case turnNumber = "turn_number"
        case role, content
        case createdAt = "created_at"
    }
}

/// `Session`: a practice session with its whole transcript.
public struct SessionDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var title: String
    public var preparationType: PreparationType
    public var meetingSubtype: String?
    public var agenda: String?
    public var tone: Tone
    public var roleContext: String?
    public var status: SessionStatus
    public var turns: [TurnDTO]
    public var createdAt: Date
    public var completedAt: Date?
    /// `embedded` or `llm:<model>`: the coach this session was planned with.
    public var engine: String

    public init(
        id: UUID, title: String, preparationType: PreparationType, meetingSubtype: String?, agenda: String?, tone: Tone, roleContext: String?,
        status: SessionStatus, turns: [TurnDTO], createdAt: Date, completedAt: Date?, engine: String
    ) {
        self.id = id
        self.title = title
        self.preparationType = preparationType
        self.meetingSubtype = meetingSubtype
        self.agenda = agenda
        self.tone = tone
        self.roleContext = roleContext
        self.status = status
        self.turns = turns
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.engine = engine
    }

    enum CodingKeys: String, CodingKey {
        case id, title
        case preparationType = "preparation_type"
        case meetingSubtype = "meeting_subtype"
        case agenda, tone
        case roleContext = "role_context"
        case status, turns
        case createdAt = "created_at"
        case completedAt = "completed_at"
        case engine
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(_id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(preparationType, forKey: .preparationType)
        try container.encode(meetingSubtype, forKey: .meetingSubtype)
        try container.encode(agenda, forKey: .agenda)
        try container.encode(tone, forKey: .tone)
        try container.encode(roleContext, forKey: .roleContext)
        try container.encode(status, forKey: .status)
        try container.encode(turns, forKey: .turns)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(completedAt, forKey: .completedAt)
        try container.encode(engine, forKey: .engine)
    }
}

/// `SessionSummary`: a session in a list, without its transcript.
public struct SessionSummaryDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var title: String
    public var preparationType: PreparationType
    public var meetingSubtype: String?
    public var tone: Tone
    public var status: SessionStatus
    /// The person's answers so far.
    public var userTurns: Int
    public var createdAt: Date
    public var completedAt: Date?
    /// The evaluation's overall score (0–100), once evaluated.
    public var overallScore: Int?

    public init(
        id: UUID, title: String, preparationType: PreparationType, meetingSubtype: String?, tone: Tone, status: SessionStatus, userTurns: Int,
        createdAt: Date, completedAt: Date?, overallScore: Int?
    ) {
        self.id = id
        self.title = title
        self.preparationType = preparationType
        self.meetingSubtype = meetingSubtype
        self.tone = tone
        self.status = status
        self.userTurns = userTurns
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.overallScore = overallScore
    }

    enum CodingKeys: String, CodingKey {
        case id, title
        case preparationType = "preparation_type"
        case meetingSubtype = "meeting_subtype"
        case tone, status
        case userTurns = "user_turns"
        case createdAt = "created_at"
        case completedAt = "completed_at"
        case overallScore = "overall_score"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(_id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(preparationType, forKey: .preparationType)
        try container.encode(meetingSubtype, forKey: .meetingSubtype)
        try container.encode(tone, forKey: .tone)
        try container.encode(status, forKey: .status)
        try container.encode(userTurns, forKey: .userTurns)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(completedAt, forKey: .completedAt)
        try container.encode(overallScore, forKey: .overallScore)
    }
}

/// The answer to a turn: the person's turn and the coach's, as stored.
public struct TurnExchangeDTO: Codable, Sendable, Equatable {
    public var userTurn: TurnDTO
    public var coachTurn: TurnDTO
    /// The person's turn's number in the transcript (the coach's is the next).
    public var turnNumber: Int

    public init(userTurn: TurnDTO, coachTurn: TurnDTO, turnNumber: Int) {
        self.userTurn = userTurn
        self.coachTurn = coachTurn
        self.turnNumber = turnNumber
    }

    enum CodingKeys: String, CodingKey {
        case userTurn = "user_turn"
        case coachTurn = "coach_turn"
        case turnNumber = "turn_number"
    }
}

/// A streamed piece of the coach's turn (`event: delta`).
public struct TurnDeltaDTO: Codable, Sendable, Equatable {
    public var text: String

    public init(text: String) {
        self.text = text
    }
}

/// A quote from the person's own turn that backs a score.
public struct EvaluationEvidenceDTO: Codable, Sendable, Equatable {
    public var turnNumber: Int
    /// Verbatim from that turn.
    public var quote: String
    /// What the quote shows.
    public var note: String

    public init(turnNumber: Int, quote: String, note: String) {
        self.turnNumber = turnNumber
        self.quote = quote
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case turnNumber = "turn_number"
        case quote, note
    }
}

/// A dimension to work on, how it stands, and what to do.
public struct ImprovementAreaDTO: Codable, Sendable, Equatable {
    public var dimension: ScoreDimension
    /// The dimension's score (1–10).
    public var currentLevel: Int
    public var suggestion: String
    public var priority: Priority

    public init(dimension: ScoreDimension, currentLevel: Int, suggestion: String, priority: Priority) {
        self.dimension = dimension
        self.currentLevel = currentLevel
        self.suggestion = suggestion
        self.priority = priority
    }

    enum CodingKeys: String, CodingKey {
        case dimension
        case currentLevel = "current_level"
        case suggestion, priority
    }
}

/// Something to practise, with the lesson that teaches it when the library has one, and the dimension it works on.
public struct PracticeSuggestionDTO: Codable, Sendable, Equatable {
    public var text: String
    public var lessonID: String?
    /// The dimension it improves (an improvement area's); `nil` for general advice.
    public var dimension: ScoreDimension?

    public init(text: String, lessonID: String?, dimension: ScoreDimension?) {
        self.text = text
        self.lessonID = lessonID
        self.dimension = dimension
    }

    enum CodingKeys: String, CodingKey {
        case text
        case lessonID = "lesson_id"
        case dimension
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(lessonID, forKey: .lessonID)
        try container.encode(dimension, forKey: .dimension)
    }
}

/// The measured signals an evaluation rests on.
public struct EvaluationSignalsDTO: Codable, Sendable, Equatable {
    /// Mean words per answer.
    public var answerWordsAvg: Double
    public var fillerPer100Words: Double
    /// Hedging phrases ("I think maybe", "kind of", "sort of") across the answers.
    public var hedges: Int
    /// Figures the person cited (numbers, percentages, amounts).
    public var numbersCited: Int
    /// Share of situation, task, action and result found in the answers (0–1).
    public var starCoverage: Double
    /// Questions the person asked back.
    public var questionsAsked: Int

    public init(answerWordsAvg: Double, fillerPer100Words: Double, hedges: Int, numbersCited: Int, starCoverage: Double, questionsAsked: Int) {
        self.answerWordsAvg = answerWordsAvg
        self.fillerPer100Words = fillerPer100Words
        self.hedges = hedges
        self.numbersCited = numbersCited
        self.starCoverage = starCoverage
        self.questionsAsked = questionsAsked
    }

    enum CodingKeys: String, CodingKey {
        case answerWordsAvg = "answer_words_avg"
        case fillerPer100Words = "filler_per_100_words"
        case hedges
        case numbersCited = "numbers_cited"
        case starCoverage = "star_coverage"
        case questionsAsked = "questions_asked"
    }
}

/// `Evaluation`: a finished session scored on six dimensions, each backed by the person's own words.
public struct EvaluationDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var sessionID: UUID
    /// 0–100.
    public var overallScore: Int
    /// Each 1–10.
    public var scores: [ScoreDimension: Int]
    public var evidence: [ScoreDimension: [EvaluationEvidenceDTO]]
    public var strengths: [String]
    public var improvementAreas: [ImprovementAreaDTO]
    public var practiceSuggestions: [PracticeSuggestionDTO]
    public var signals: EvaluationSignalsDTO
    public var engine: String
    /// True when the language model was asked and failed, and the embedded engine answered.
    public var fallback: Bool
    public var createdAt: Date

    public init(
        sessionID: UUID, overallScore: Int, scores: [ScoreDimension: Int], evidence: [ScoreDimension: [EvaluationEvidenceDTO]], strengths: [String],
        improvementAreas: [ImprovementAreaDTO], practiceSuggestions: [PracticeSuggestionDTO], signals: EvaluationSignalsDTO, engine: String,
        fallback: Bool, createdAt: Date
    ) {
        self.sessionID = sessionID
        self.overallScore = overallScore
        self.scores = scores
        self.evidence = evidence
        self.strengths = strengths
        self.improvementAreas = improvementAreas
        self.practiceSuggestions = practiceSuggestions
        self.signals = signals
        self.engine = engine
        self.fallback = fallback
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id"
        case overallScore = "overall_score"
        case scores, evidence, strengths
        case improvementAreas = "improvement_areas"
        case practiceSuggestions = "practice_suggestions"
        case signals, engine, fallback
        case createdAt = "created_at"
    }
}

/// `evaluation.created`: a finished session was scored.
public struct EvaluationCreated: DomainEvent {
    public static let type = "evaluation.created"
    public static let producer = ServiceName.coaching
    public static let subscribers: [ServiceName] = [.analytics]

    /// A dimension to work on, as the event carries it.
    public struct Area: Codable, Sendable, Equatable {
        public var dimension: ScoreDimension
        public var priority: Priority

        public init(dimension: ScoreDimension, priority: Priority) {
            self.dimension = dimension
            self.priority = priority
        }
    }

    @LowercaseUUID public var userID: UUID
    @LowercaseUUID public var sessionID: UUID
    public var preparationType: PreparationType
    public var overallScore: Int
    public var scores: [ScoreDimension: Int]
    public var improvementAreas: [Area]
    public var practiceSuggestions: [PracticeSuggestionDTO]
    public var createdAt: Date

    public init(
        userID: UUID, sessionID: UUID, preparationType: PreparationType, overallScore: Int, scores: [ScoreDimension: Int], improvementAreas: [Area],
        practiceSuggestions: [PracticeSuggestionDTO], createdAt: Date
    ) {
        self.userID = userID
        self.sessionID = sessionID
        self.preparationType = preparationType
        self.overallScore = overallScore
        self.scores = scores
        self.improvementAreas = improvementAreas
        self.practiceSuggestions = practiceSuggestions
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case sessionID = "session_id"
        case preparationType = "preparation_type"
        case overallScore = "overall_score"
        case scores
        case improvementAreas = "improvement_areas"
        case practiceSuggestions = "practice_suggestions"
        case createdAt = "created_at"
    }
}
