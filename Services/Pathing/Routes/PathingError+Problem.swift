import ServiceKit

extension PathingError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .postingTooComplex:
            ProblemError(.unprocessableContent, code: "too_complex", detail: "The job description could not be analysed within the time limit.")
        case .noJobTarget:
            ProblemError(.unprocessableContent, code: "no_job_target", detail: "Send a job_description, or set a job target first (PUT /api/v1/profile/job-target).")
        case .noTargetNoPath:
            ProblemError(.notFound, code: "no_job_target", detail: "You have no job target, so no current learning path; set one with PUT /api/v1/profile/job-target.")
        case .resumeNotFound: .notFound("No resume of yours has this id.")
        case .reportNotFound: .notFound("No gap report of yours has this id.")
        case .pathNotFound: .notFound("No learning path of yours has this id.")
        case .lessonNotFound: .notFound("The library has no lesson with this id.")
        case .notAPathTopic(let skill):
            ProblemError(.unprocessableContent, code: "not_a_path_topic", detail: "\(skill) is not a topic of your current learning path.")
        case .alreadyCompleted:
            ProblemError(.conflict, code: "already_completed", detail: "The lesson is completed; a completed lesson cannot be skipped.")
        case .notCompleted:
            ProblemError(.conflict, code: "not_completed", detail: "Complete the lesson before reviewing it.")
        case .idempotencyKeyReused:
            ProblemError(
                .unprocessableContent, code: "idempotency_key_reused", detail: "This Idempotency-Key was already used for a different request."
            )
        }
    }
}
