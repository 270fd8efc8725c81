import ServiceKit

extension ContentError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .bookNotFound: .notFound("No book has this id.")
        case .lessonNotFound: .notFound("No lesson has this id.")
        case .regenerationLimited(let seconds):
            .throttled(retryAfterSeconds: seconds, detail: "Explanations were made afresh too often in the last hour; try again later.")
        }
    }
}
