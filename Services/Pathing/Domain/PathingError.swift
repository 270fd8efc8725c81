/// Why a pathing request was refused. What each means over HTTP is said once, in `PathingError+Problem`.
enum PathingError: Error, Equatable {
    /// The posting could not be read within the time limit.
    case postingTooComplex
    /// No job description was sent and the person has no job target.
    case noJobTarget
    /// The resume named is not one of the person's.
    case resumeNotFound
    /// `GET …/learning-paths/current` for a person with no job target and no path made since it was cleared.
    case noTargetNoPath
    /// No gap report of the person's has this id.
    case reportNotFound
    /// No learning path of the person's has this id (or they have none).
    case pathNotFound
    /// The library has no lesson with this id.
    case lessonNotFound
    /// The skill marked known is not a topic of the current path.
    case notAPathTopic(String)
    /// A completed lesson cannot be skipped.
    case alreadyCompleted
    /// A lesson is reviewed only once it is completed.
    case notCompleted
    /// An `Idempotency-Key` already used for a different request.
    case idempotencyKeyReused
}
