import Foundation
import PathwiseProtocol

/// What the person asked to practise: the session's own settings.
struct SessionBrief: Sendable, Equatable {
    var preparationType: PreparationType
    /// Free text, e.g. "behavioural", "seed round", "quarterly review".
    var meetingSubtype: String?
    var agenda: String?
    var tone: Tone
    /// Free text about the role or the audience, e.g. "VP of sales at a logistics firm".
    var roleContext: String?
}

/// What the coach knows about the person when it plans: their job target and the gaps of their path.
struct CoachingContext: Sendable, Equatable {
    /// A skill the person's current path says is weak or missing.
    struct Gap: Sendable, Equatable {
        var skillID: String
        var name: String
        /// `required`, `preferred` or `implicit` (pathing's words).
        var importance: String
    }

    /// The role template (`quant_researcher`, …) the target names or was classified as, if any.
    var roleTemplate: String?
    var jobTitle: String?
    var firm: String?
    /// Most important first.
    var gaps: [Gap]
    /// Skills the person's resume shows (names).
    var resumeSkills: [String]

    /// Nobody known: no target, no gaps, no resume.
    static let unknown = CoachingContext(roleTemplate: nil, jobTitle: nil, firm: nil, gaps: [], resumeSkills: [])
}

/// One question the coach means to ask.
struct PlannedQuestion: Codable, Sendable, Equatable {
    /// What kind of question, which decides the follow-ups that fit it.
    enum Kind: String, Codable, Sendable {
        /// A technical or knowledge question (a skill, a method).
        case technical
        /// "Tell me about a time…": answered with a story (STAR).
        case behavioural
        /// A meeting item, a decision or a plan to talk through.
        case discussion
        /// An investor's, a buyer's or an audience's challenge to answer.
        case challenge
    }

    /// Stable within the plan (`q1`, `q2`, …).
    var id: String
    var text: String
    var kind: Kind
    /// Terms an on-topic answer would use (skill names, theme words), for relevance.
    var focus: [String]
}

/// The coach's plan for a session, stored with it: how it opens and what it means to ask, in order.
struct SessionPlan: Codable, Sendable, Equatable {
    /// The greeting and framing said before the first question.
    var opening: String
    /// In the order they are to be asked; the first is asked in the opening turn.
    var questions: [PlannedQuestion]
    /// Everything the session is about (target skills, gaps, agenda words), for the evaluation's relevance.
    var focusTerms: [String]
}

/// What the evaluation reads: the session's settings, its plan's focus and the whole transcript.
struct EvaluationInput: Sendable {
    var preparationType: PreparationType
    var tone: Tone
    /// Coach and user turns, in order.
    var turns: [TurnDTO]
    /// The plan's `focusTerms`.
    var focusTerms: [String]
}

/// Something to practise, and the words to find a lesson that teaches it.
struct PracticeNeed: Sendable, Equatable {
    var dimension: ScoreDimension
    var text: String
    /// A search query for the library (content's search), e.g. "STAR answers behavioural questions".
    var lessonQuery: String
}

/// An evaluation before it is stored: everything but the session id, engine and time.
struct EvaluationDraft: Sendable, Equatable {
    /// 0–100.
    var overallScore: Int
    /// All six dimensions, each 1–10.
    var scores: [ScoreDimension: Int]
    /// At least one quote per dimension, each verbatim from one of the person's turns.
    var evidence: [ScoreDimension: [EvaluationEvidenceDTO]]
    var strengths: [String]
    var improvementAreas: [ImprovementAreaDTO]
    var practice: [PracticeNeed]
    var signals: EvaluationSignalsDTO
}
