import ServiceKit

extension CoachingError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .sessionNotFound: .notFound("No practice session of yours has this id.")
        case .sessionNotInProgress(let status):
            ProblemError(
                .conflict, code: "session_not_in_progress", detail: "The session is \(status.rawValue); only a session in progress takes turns or completes."
            )
        case .sessionFull:
            ProblemError(
                .conflict, code: "session_full",
                detail: "The session holds its \(PracticeSession.maxAnswers) answers; complete it and start another."
            )
        case .tooFewTurns(let answers):
            ProblemError(
                .conflict, code: "too_few_turns",
                detail: "A session completes after at least \(PracticeSession.minAnswersToComplete) answers; this one has \(answers)."
            )
        case .transitionNotAllowed(let from, let to):
            ProblemError(.conflict, code: "transition_not_allowed", detail: "A session that is \(from.rawValue) cannot become \(to.rawValue).")
        case .notCompleted:
            ProblemError(.conflict, code: "session_not_completed", detail: "Complete the session (POST …/complete) before asking for its evaluation.")
        case .evaluationNotFound: .notFound("This session has not been evaluated yet; POST …/evaluate makes its evaluation.")
        case .idempotencyKeyReused:
            ProblemError(
                .unprocessableContent, code: "idempotency_key_reused", detail: "This Idempotency-Key was already used for a different request."
            )
        case .turnInProgress:
            ProblemError(
                .conflict, code: "turn_in_progress",
                detail: "A turn of this session (or this Idempotency-Key) is still being answered; retry once it is done."
            )
        case .coachFailedMidStream:
            .unavailable("The coach stopped answering part-way through its turn; nothing was stored. Send the turn again.", retryAfterSeconds: 1)
        }
    }
}
