import PathwiseProtocol
import ServiceKit

/// The six onboarding questions, and the rules for their answers.
enum OnboardingQuestionnaire {
    /// The questions as `GET /api/v1/onboarding` lists them.
    static let questions: [OnboardingQuestionDTO] = [
        OnboardingQuestionDTO(
            id: OnboardingAnswers.CodingKeys.experienceLevel.stringValue, prompt: "Where are you in your career?",
            help: "Sets how much background each lesson assumes and how demanding practice interviews are.",
            kind: .singleChoice,
            options: options(ExperienceLevel.self, labels: [
                .student: "Student", .earlyCareer: "Early career (0–3 years)", .midCareer: "Mid career (3–8 years)",
                .senior: "Senior (8+ years)", .careerSwitcher: "Switching careers",
            ])
        ),
        OnboardingQuestionDTO(
            id: OnboardingAnswers.CodingKeys.programmingExperience.stringValue, prompt: "How much have you programmed?",
            help: "Decides whether code in lessons is explained line by line or taken as read.", kind: .singleChoice,
            options: options(ProgrammingExperience.self, labels: [
                .none: "Not at all", .basic: "Scripts and coursework", .intermediate: "Projects or some professional work",
                .advanced: "Daily, professionally",
            ])
        ),
        OnboardingQuestionDTO(
            id: OnboardingAnswers.CodingKeys.mathBackground.stringValue, prompt: "What is the most advanced mathematics you have studied?",
            help: "Decides how much of the mathematics behind a lesson is derived rather than stated.", kind: .singleChoice,
            options: options(MathBackground.self, labels: [
                .highSchool: "High school", .undergraduate: "Undergraduate", .graduate: "Graduate (master's)", .phd: "PhD",
            ])
        ),
        OnboardingQuestionDTO(
            id: OnboardingAnswers.CodingKeys.learningGoals.stringValue, prompt: "What do you want from Pathwise?",
            help: "Choose one or more; they set what the learning path puts first.", kind: .multipleChoice,
            options: options(LearningGoal.self, labels: [
                .interviewPrep: "Prepare for interviews", .careerSwitch: "Switch careers", .upskill: "Build new skills",
                .promotion: "Get promoted", .curiosity: "Learn out of curiosity",
            ])
        ),
        OnboardingQuestionDTO(
            id: OnboardingAnswers.CodingKeys.learningStyle.stringValue, prompt: "How do you learn best?",
            help: "Decides whether explanations open with an example, the theory, code or a picture.", kind: .singleChoice,
            options: options(LearningStyle.self, labels: [
                .examplesFirst: "Examples first", .theoryFirst: "Theory first", .codeFirst: "Code first", .visual: "Diagrams and pictures",
            ])
        ),
        OnboardingQuestionDTO(
            id: OnboardingAnswers.CodingKeys.weeklyHours.stringValue, prompt: "How many hours a week can you study?",
            help: "Sets the length of each stage of your learning path.", kind: .integer,
            minimum: OnboardingAnswers.weeklyHours.lowerBound, maximum: OnboardingAnswers.weeklyHours.upperBound
        ),
    ]

    private static func options<E: RawRepresentable & CaseIterable & Hashable>(_ type: E.Type, labels: [E: String])
        -> [OnboardingQuestionDTO.Option] where E.RawValue == String
    {
        E.allCases.map { OnboardingQuestionDTO.Option(value: $0.rawValue, label: labels[$0] ?? $0.rawValue) }
    }

    /// Reads the six answers; `nil`, with every missing or bad one recorded in `fields`, when any is.
    static func answers(_ fields: inout FieldReader<OnboardingAnswers.CodingKeys>) -> OnboardingAnswers? {
        let experience = fields.required(.experienceLevel, fields.choice(.experienceLevel, as: ExperienceLevel.self))
        let programming = fields.required(.programmingExperience, fields.choice(.programmingExperience, as: ProgrammingExperience.self))
        let math = fields.required(.mathBackground, fields.choice(.mathBackground, as: MathBackground.self))
        let goals = fields.choices(.learningGoals, as: LearningGoal.self)
        let style = fields.required(.learningStyle, fields.choice(.learningStyle, as: LearningStyle.self))
        let hours = fields.integer(.weeklyHours, in: OnboardingAnswers.weeklyHours)
        guard let experience, let programming, let math, let goals, let style, let hours else { return nil }
        return OnboardingAnswers(
            experienceLevel: experience, programmingExperience: programming, mathBackground: math, learningGoals: goals,
            learningStyle: style, weeklyHours: hours
        )
    }

    /// Fields of stored preferences a client may read but not send.
    static let readOnlyFields: Set<String> = ["updated_at"]

    /// Reads `POST /api/v1/onboarding`'s `{answers: {...}}`; errors inside are named `answers.…`.
    static func submission(_ fields: inout FieldReader<OnboardingSubmission.CodingKeys>) -> OnboardingAnswers? {
        fields.object(.answers, keys: OnboardingAnswers.CodingKeys.self, readOnly: readOnlyFields) { answers(&$0) }
    }
}
