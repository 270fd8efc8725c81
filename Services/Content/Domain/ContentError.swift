/// Why a content request was refused. What each means over HTTP is said once, in `ContentError+Problem`.
enum ContentError: Error, Equatable {
    /// No book has this id.
    case bookNotFound
    /// No lesson has this id.
    case lessonNotFound
    /// The person asked for fresh explanations too often; the next is allowed in `retryAfter` seconds.
    case regenerationLimited(retryAfter: Int)
}
