/// Why a content request was refused. What each means over HTTP is said once, in `ContentError+Problem`.
enum ContentError: Error, Equatable {
    /// No book has this id.
    case bookNotFound
    /// No lesson has this id.
    case lessonNotFound
}
