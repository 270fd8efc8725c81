import PathwiseProtocol

/// Why a coaching request was refused. What each means over HTTP is said once, in `CoachingError+Problem`.
enum CoachingError: Error, Equatable {
    /// No session of the person's has this id.
    case sessionNotFound
    /// A turn, or completing, asked of a session that is no longer in progress.
    case sessionNotInProgress(SessionStatus)
    /// The session already holds `PracticeSession.maxAnswers` answers.
    case sessionFull
    /// Completing a session with fewer answers than `PracticeSession.minAnswersToComplete`.
    case tooFewTurns(Int)
    /// `PATCH` asked for a status the session cannot move to from where it is.
    case transitionNotAllowed(from: SessionStatus, to: SessionStatus)
    /// An evaluation asked of a session that was never completed.
    case notCompleted
    /// The session has no evaluation yet.
    case evaluationNotFound
    /// An `Idempotency-Key` already used for a different request.
    case idempotencyKeyReused
    /// The same `Idempotency-Key`, or another turn of the same session, is still being answered.
    case turnInProgress
    /// The language model failed after part of its turn was already streamed; nothing was stored.
    case coachFailedMidStream
}
