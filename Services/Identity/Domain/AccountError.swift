import PathwiseProtocol

/// Why `Accounts` refused a request. What each means over HTTP is said once, in `AccountError+Problem`.
enum AccountError: Error, Equatable {
    /// Fields that break a rule (email form, password policy, name), each with the reason.
    case invalidFields([ProblemDetails.FieldError])
    /// Another account has this email.
    case emailTaken
    /// Too many failed logins for this account or address; try again after this many seconds.
    case throttled(retryAfterSeconds: Int)
    /// The email and password do not match an account.
    case invalidCredentials
    /// A refresh token was presented a second time; its whole session is now revoked.
    case refreshTokenReused
    /// A refresh token that is unknown, revoked or expired.
    case refreshTokenInvalid
    /// The token is valid but its account was deleted.
    case accountGone
}
