import ServiceKit

extension PathingError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .postingTooComplex:
            ProblemError(.unprocessableContent, code: "too_complex", detail: "The job description could not be analysed within the time limit.")
        case .noJobTarget:
            ProblemError(.unprocessableContent, code: "no_job_target", detail: "Send a job_description, or set a job target first (PUT /api/v1/profile/job-target).")
        case .resumeNotFound: .notFound("No resume of yours has this id.")
        case .reportNotFound: .notFound("No gap report of yours has this id.")
        }
    }
}
