import ServiceKit

extension PathingError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .postingTooComplex:
            ProblemError(.unprocessableContent, code: "too_complex", detail: "The job description could not be analysed within the time limit.")
        }
    }
}
