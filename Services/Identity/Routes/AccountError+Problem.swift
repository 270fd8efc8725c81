import PathwiseProtocol
import ServiceKit

extension AccountError: ProblemConvertible {
    var problem: ProblemError {
        switch self {
        case .invalidFields(let errors):
            .invalid(errors)
        case .emailTaken:
            ProblemError(
                .conflict, code: "email_taken", detail: "An account with this email already exists.",
                fieldErrors: [.init(SignupRequest.CodingKeys.email, "is already registered")]
            )
        case .throttled(let wait):
            .throttled(retryAfterSeconds: wait, detail: "Too many failed logins. Try again in \(wait) seconds.")
        case .invalidCredentials:
            .unauthorized("The email or password is not right.", code: "invalid_credentials")
        case .refreshTokenReused:
            .unauthorized("This refresh token was already used; its session has been revoked. Log in again.", code: "token_reused")
        case .refreshTokenInvalid:
            .unauthorized("The refresh token is not valid. Log in again.", code: "invalid_token")
        case .accountGone:
            .unauthorized("This account no longer exists.", code: "invalid_token")
        }
    }
}
