/// Why a pathing request was refused. What each means over HTTP is said once, in `PathingError+Problem`.
enum PathingError: Error, Equatable {
    /// The posting could not be read within the time limit.
    case postingTooComplex
    /// No job description was sent and the person has no job target.
    case noJobTarget
    /// The resume named is not one of the person's.
    case resumeNotFound
    /// No gap report of the person's has this id.
    case reportNotFound
}
