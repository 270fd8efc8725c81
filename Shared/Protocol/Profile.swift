public import Foundation

/// `Profile`: what `GET /api/v1/profile` answers. Absent values are sent as `null`.
public struct ProfileDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var userID: UUID
    public var name: String?
    /// Known once `user.registered` has arrived (a profile made on first access waits for it).
    public var email: String?
    public var headline: String?
    public var educationLevel: EducationLevel?
    public var background: String?
    public var jobTarget: JobTargetDTO?
    public var preferences: PreferencesDTO?
    public var onboardingCompleted: Bool
    /// Name, email, education level, a job target, onboarding and a default resume: a sixth each, rounded.
    public var completionPercent: Int
    public var updatedAt: Date

    public init(
        userID: UUID, name: String?, email: String?, headline: String?, educationLevel: EducationLevel?, background: String?,
        jobTarget: JobTargetDTO?, preferences: PreferencesDTO?, onboardingCompleted: Bool, completionPercent: Int, updatedAt: Date
    ) {
        self.userID = userID
        self.name = name
        self.email = email
        self.headline = headline
        self.educationLevel = educationLevel
        self.background = background
        self.jobTarget = jobTarget
        self.preferences = preferences
        self.onboardingCompleted = onboardingCompleted
        self.completionPercent = completionPercent
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case name, email, headline
        case educationLevel = "education_level"
        case background
        case jobTarget = "job_target"
        case preferences
        case onboardingCompleted = "onboarding_completed"
        case completionPercent = "completion_percent"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userID, forKey: .userID)
        try container.encode(name, forKey: .name)
        try container.encode(email, forKey: .email)
        try container.encode(headline, forKey: .headline)
        try container.encode(educationLevel, forKey: .educationLevel)
        try container.encode(background, forKey: .background)
        try container.encode(jobTarget, forKey: .jobTarget)
        try container.encode(preferences, forKey: .preferences)
        try container.encode(onboardingCompleted, forKey: .onboardingCompleted)
        try container.encode(completionPercent, forKey: .completionPercent)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// The highest education a person has completed (`education_level`).
public enum EducationLevel: String, Codable, Sendable, CaseIterable {
    case highSchool = "high_school"
    case someCollege = "some_college"
    case associate
    case bachelor
    case master
    case doctorate
    case bootcamp
    case selfTaught = "self_taught"
    case other
}

/// `PATCH /api/v1/profile`: any of these; `null` clears a field. Other fields are refused.
public struct ProfileUpdateRequest: Codable, Sendable, JSONRequest {
    public var name: String?
    public var headline: String?
    public var educationLevel: EducationLevel?
    public var background: String?

    public init(name: String? = nil, headline: String? = nil, educationLevel: EducationLevel? = nil, background: String? = nil) {
        self.name = name
        self.headline = headline
        self.educationLevel = educationLevel
        self.background = background
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case name, headline
        case educationLevel = "education_level"
        case background
    }
}

/// How senior the target job is.
public enum JobSeniority: String, Codable, Sendable, CaseIterable {
    case junior, mid, senior, lead
    case notSpecified = "not_specified"
}

/// The role templates a job target can name, and what `role_type` can be.
public enum RoleTemplateID {
    /// Every role template id, in the order API.md lists them.
    public static let all = [
        "quant_researcher", "quant_trader", "risk_quant", "ml_engineer", "data_scientist", "software_engineer", "product_manager",
    ]
    /// The `role_type` of a target that fits no template well enough.
    public static let notSpecified = "not_specified"
}

/// `PUT /api/v1/profile/job-target`: at least a description (20–20,000 characters) or a role template.
public struct JobTargetRequest: Codable, Sendable, JSONRequest {
    public var jobTitle: String?
    public var jobDescription: String?
    public var roleTemplate: String?
    public var jobSeniority: JobSeniority?
    public var firm: String?

    public init(
        jobTitle: String? = nil, jobDescription: String? = nil, roleTemplate: String? = nil, jobSeniority: JobSeniority? = nil,
        firm: String? = nil
    ) {
        self.jobTitle = jobTitle
        self.jobDescription = jobDescription
        self.roleTemplate = roleTemplate
        self.jobSeniority = jobSeniority
        self.firm = firm
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case jobTitle = "job_title"
        case jobDescription = "job_description"
        case roleTemplate = "role_template"
        case jobSeniority = "job_seniority"
        case firm
    }
}

/// `JobTarget`: the job a person is preparing for.
public struct JobTargetDTO: Codable, Sendable, Equatable {
    public var jobTitle: String?
    public var jobDescription: String?
    public var jobSeniority: JobSeniority
    public var firm: String?
    public var roleTemplate: String?
    /// The template when one was named; otherwise the classifier's best role, or `not_specified`.
    public var roleType: String
    /// The classifier's score for `role_type` (0–1); 1 when a template was named.
    public var roleScore: Double
    /// SHA-256 of the normalised target: equal targets share it, so it keys caches in other services.
    public var targetHash: String
    public var updatedAt: Date

    public init(
        jobTitle: String?, jobDescription: String?, jobSeniority: JobSeniority, firm: String?, roleTemplate: String?, roleType: String,
        roleScore: Double, targetHash: String, updatedAt: Date
    ) {
        self.jobTitle = jobTitle
        self.jobDescription = jobDescription
        self.jobSeniority = jobSeniority
        self.firm = firm
        self.roleTemplate = roleTemplate
        self.roleType = roleType
        self.roleScore = roleScore
        self.targetHash = targetHash
        self.updatedAt = updatedAt
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case jobTitle = "job_title"
        case jobDescription = "job_description"
        case jobSeniority = "job_seniority"
        case firm
        case roleTemplate = "role_template"
        case roleType = "role_type"
        case roleScore = "role_score"
        case targetHash = "target_hash"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobTitle, forKey: .jobTitle)
        try container.encode(jobDescription, forKey: .jobDescription)
        try container.encode(jobSeniority, forKey: .jobSeniority)
        try container.encode(firm, forKey: .firm)
        try container.encode(roleTemplate, forKey: .roleTemplate)
        try container.encode(roleType, forKey: .roleType)
        try container.encode(roleScore, forKey: .roleScore)
        try container.encode(targetHash, forKey: .targetHash)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// `experience_level`.
public enum ExperienceLevel: String, Codable, Sendable, CaseIterable {
    case student
    case earlyCareer = "early_career"
    case midCareer = "mid_career"
    case senior
    case careerSwitcher = "career_switcher"
}

/// `programming_experience`.
public enum ProgrammingExperience: String, Codable, Sendable, CaseIterable {
    case none, basic, intermediate, advanced
}

/// `math_background`.
public enum MathBackground: String, Codable, Sendable, CaseIterable {
    case highSchool = "high_school"
    case undergraduate, graduate, phd
}

/// One of `learning_goals`.
public enum LearningGoal: String, Codable, Sendable, CaseIterable {
    case interviewPrep = "interview_prep"
    case careerSwitch = "career_switch"
    case upskill, promotion, curiosity
}

/// `learning_style`.
public enum LearningStyle: String, Codable, Sendable, CaseIterable {
    case examplesFirst = "examples_first"
    case theoryFirst = "theory_first"
    case codeFirst = "code_first"
    case visual
}

/// The answers to the six onboarding questions: the body of `PUT /api/v1/profile/preferences`, and
/// `answers` in `POST /api/v1/onboarding`.
public struct OnboardingAnswers: Codable, Sendable, Equatable, JSONRequest {
    /// The range `weekly_hours` must fall in.
    public static let weeklyHours = 1...60

    public var experienceLevel: ExperienceLevel
    public var programmingExperience: ProgrammingExperience
    public var mathBackground: MathBackground
    /// One or more, each once, in the order given.
    public var learningGoals: [LearningGoal]
    public var learningStyle: LearningStyle
    public var weeklyHours: Int

    public init(
        experienceLevel: ExperienceLevel, programmingExperience: ProgrammingExperience, mathBackground: MathBackground,
        learningGoals: [LearningGoal], learningStyle: LearningStyle, weeklyHours: Int
    ) {
        self.experienceLevel = experienceLevel
        self.programmingExperience = programmingExperience
        self.mathBackground = mathBackground
        self.learningGoals = learningGoals
        self.learningStyle = learningStyle
        self.weeklyHours = weeklyHours
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case experienceLevel = "experience_level"
        case programmingExperience = "programming_experience"
        case mathBackground = "math_background"
        case learningGoals = "learning_goals"
        case learningStyle = "learning_style"
        case weeklyHours = "weekly_hours"
    }
}

/// `POST /api/v1/onboarding`.
public struct OnboardingSubmission: Codable, Sendable, JSONRequest {
    public var answers: OnboardingAnswers

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case answers
    }

    public init(answers: OnboardingAnswers) {
        self.answers = answers
    }
}

/// `Preferences`: the onboarding answers as stored.
public struct PreferencesDTO: Codable, Sendable, Equatable {
    public var answers: OnboardingAnswers
    public var updatedAt: Date

    public init(answers: OnboardingAnswers, updatedAt: Date) {
        self.answers = answers
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        self.answers = try OnboardingAnswers(from: decoder)
        self.updatedAt = try decoder.container(keyedBy: CodingKeys.self).decode(Date.self, forKey: .updatedAt)
    }

    /// The answers' fields and `updated_at`, side by side in one object.
    public func encode(to encoder: any Encoder) throws {
        try answers.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

/// One onboarding question, as `GET /api/v1/onboarding` lists it.
public struct OnboardingQuestionDTO: Codable, Sendable, Equatable {
    /// How a question is answered.
    public enum Kind: String, Codable, Sendable {
        case singleChoice = "single_choice"
        case multipleChoice = "multiple_choice"
        case integer
    }

    /// One allowed answer.
    public struct Option: Codable, Sendable, Equatable {
        public var value: String
        public var label: String

        public init(value: String, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// The answer's key in `answers`.
    public var id: String
    public var prompt: String
    public var help: String
    public var kind: Kind
    /// The allowed answers of a choice question.
    public var options: [Option]?
    /// The bounds of an integer question.
    public var minimum: Int?
    public var maximum: Int?

    public init(id: String, prompt: String, help: String, kind: Kind, options: [Option]? = nil, minimum: Int? = nil, maximum: Int? = nil) {
        self.id = id
        self.prompt = prompt
        self.help = help
        self.kind = kind
        self.options = options
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// `GET /api/v1/onboarding`: the questions, whether they were answered, and the answers so far.
public struct OnboardingDTO: Codable, Sendable, Equatable {
    public var questions: [OnboardingQuestionDTO]
    public var completed: Bool
    public var answers: PreferencesDTO?

    public init(questions: [OnboardingQuestionDTO], completed: Bool, answers: PreferencesDTO?) {
        self.questions = questions
        self.completed = completed
        self.answers = answers
    }

    enum CodingKeys: String, CodingKey {
        case questions, completed, answers
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(questions, forKey: .questions)
        try container.encode(completed, forKey: .completed)
        try container.encode(answers, forKey: .answers)
    }
}
