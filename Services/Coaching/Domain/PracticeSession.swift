import Foundation
import PathwiseProtocol

/// A practice session as stored: its settings, the coach's plan, its status and its transcript.
struct PracticeSession: Sendable, Equatable {
    /// The most answers a session holds.
    static let maxAnswers = 60
    /// The fewest answers a session completes with.
    static let minAnswersToComplete = 3

    var id: UUID
    var userID: UUID
    var title: String
    var brief: SessionBrief
    var status: SessionStatus
    var plan: SessionPlan
    var engine: String
    var turns: [TurnDTO]
    /// The person's answers so far.
    var userTurns: Int
    var createdAt: Date
    var completedAt: Date?

    /// The session as answered.
    var dto: SessionDTO {
        SessionDTO(
            id: id, title: title, preparationType: brief.preparationType, meetingSubtype: brief.meetingSubtype, agenda: brief.agenda, tone: brief.tone,
            roleContext: brief.roleContext, status: status, turns: turns, createdAt: createdAt, completedAt: completedAt, engine: engine
        )
    }

    /// Whether the session may take another answer; the reason when not.
    func acceptsAnswer() throws(CoachingError) {
        guard status == .inProgress else { throw .sessionNotInProgress(status) }
        guard userTurns < Self.maxAnswers else { throw .sessionFull }
    }

    /// Whether the session may be completed now; the reason when not.
    func mayComplete() throws(CoachingError) {
        guard status == .inProgress else { throw .sessionNotInProgress(status) }
        guard userTurns >= Self.minAnswersToComplete else { throw .tooFewTurns(userTurns) }
    }

    /// The title a session gets when none is asked for: what it practises, and for whom.
    static func defaultTitle(for brief: SessionBrief, context: CoachingContext) -> String {
        let kind =
            switch brief.preparationType {
            case .interview: "Interview practice"
            case .corporate: "Meeting practice"
            case .pitch: "Pitch practice"
            case .sales: "Sales call practice"
            case .presentation: "Presentation practice"
            case .other: "Practice session"
            }
        let subject = brief.preparationType == .interview ? context.jobTitle ?? brief.meetingSubtype : brief.meetingSubtype
        guard let subject, !subject.isEmpty else { return kind }
        return "\(kind): \(subject.prefix(80))"
    }
}

extension SessionStatus {
    /// The statuses a `PATCH` may move a session to from this one (the same status is no change).
    /// `completed` is reached only through `…/complete`, which checks the answers.
    func allowsPatch(to next: SessionStatus) -> Bool {
        switch (self, next) {
        case (.inProgress, .archived), (.completed, .archived): true
        default: self == next
        }
    }
}
