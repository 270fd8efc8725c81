import ServiceKit

extension ContentError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .bookNotFound: .notFound("No book has this id.")
        case .lessonNotFound: .notFound("No lesson has this id.")
        }
    }
}
