/// Why a pathing request was refused. What each means over HTTP is said once, in `PathingError+Problem`.
enum PathingError: Error, Equatable {
    /// The posting could not be read within the time limit.
    case postingTooComplex
}
