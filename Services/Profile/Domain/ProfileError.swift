/// Why a profile or resume request was refused. What each means over HTTP is said once, in
/// `ProfileError+Problem`.
enum ProfileError: Error, Equatable {
    /// The account was erased; its old token may not make a new profile.
    case accountErased
    /// Preferences can be replaced only after the onboarding answers were first given.
    case onboardingIncomplete
    /// The job description takes longer to classify than the time limit.
    case jobDescriptionTooComplex
    /// The person already keeps the most resumes allowed.
    case resumeLimitReached(limit: Int)
    /// The file is larger than `ResumeIntake.maxFileBytes`.
    case resumeTooLarge
    /// The resume's text takes longer to analyse than the time limit.
    case resumeTooComplex
    /// No resume of this person has this id.
    case resumeNotFound
    /// No preferences yet: onboarding was never answered.
    case noPreferences
}
