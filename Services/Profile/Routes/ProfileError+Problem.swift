import PathwiseProtocol
import ServiceKit

extension ProfileError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .accountErased:
            .unauthorized("This account no longer exists.")
        case .onboardingIncomplete:
            ProblemError(.conflict, code: "onboarding_incomplete", detail: "Answer the onboarding questions first (POST /api/v1/onboarding).")
        case .jobDescriptionTooComplex:
            ProblemError(
                .unprocessableContent, code: "too_complex", detail: "The job description could not be analysed within the time limit.",
                fieldErrors: [.init(JobTargetRequest.CodingKeys.jobDescription, "is too complex to analyse; shorten it or remove repeated content")]
            )
        case .resumeLimitReached(let limit):
            ProblemError(.conflict, code: "resume_limit", detail: "You have \(limit) resumes, the most Pathwise keeps; delete one to upload another.")
        case .resumeTooLarge:
            ProblemError(.contentTooLarge, code: "payload_too_large", detail: "A resume may be at most 10 MiB.")
        case .resumeTooComplex:
            ProblemError(
                .unprocessableContent, code: "too_complex", detail: "The resume's text could not be analysed within the time limit.",
                fieldErrors: [.init(field: "file", message: "has text too complex to analyse; shorten it or remove repeated content")]
            )
        case .resumeNotFound:
            .notFound()
        case .noPreferences:
            .notFound("No preferences yet: answer the onboarding questions first.")
        }
    }
}

extension DocumentError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .unreadable(let reason): .invalid(field: "file", reason)
        case .unsupportedType(let detail): ProblemError(.unsupportedMediaType, code: "unsupported_media_type", detail: detail)
        }
    }
}
