import PathwiseProtocol
import ServiceKit

/// The six onboarding questions, and the rules for their answers.
enum OnboardingQuestionnaire {
    /// The questions as `GET /api/v1/onboarding` lists them.
    static let questions: [OnboardingQuestionDTO] = [
        OnboardingQuestionDTO(
            id: "experience_level", prompt: "Where are you in your career?",
            help: "Sets how much background each lesson assumes and how demanding practice interviews are.",
            kind: .singleChoice,
            options: options(ExperienceLevel.self, labels: [
                .student: "Student", .earlyCareer: "Early career (0–3 years)", .midCareer: "Mid career (3–8 years)",
                .senior: "Senior (8+ years)", .careerSwitcher: "Switching careers",
            ])
        ),
        OnboardingQuestionDTO(
            id: "programming_experience", prompt: "How much have you programmed?",
            help: "Decides whether code in lessons is explained line by line or taken as read.", kind: .singleChoice,
            options: options(ProgrammingExperience.self, labels: [
                .none: "Not at all", .basic: "Scripts and coursework", .intermediate: "Projects or some professional work",
                .advanced: "Daily, professionally",
            ])
        ),
        OnboardingQuestionDTO(
            id: "math_background", prompt: "What is the most advanced mathematics you have studied?",
            help: "Decides how much of the mathematics behind a lesson is derived rather than stated.", kind: .singleChoice,
            options: options(MathBackground.self, labels: [
                .highSchool: "High school", .undergraduate: "Undergraduate", .graduate: "Graduate (master's)", .phd: "PhD",
            ])
        ),
        OnboardingQuestionDTO(
            id: "learning_goals", prompt: "What do you want from Pathwise?",
            help: "Choose one or more; they set what the learning path puts first.", kind: .multipleChoice,
            options: options(LearningGoal.self, labels: [
                .interviewPrep: "Prepare for interviews", .careerSwitch: "Switch careers", .upskill: "Build new skills",
                .promotion: "Get promoted", .curiosity: "Learn out of curiosity",
            ])
        ),
        OnboardingQuestionDTO(
            id: "learning_style", prompt: "How do you learn best?",
            help: "Decides whether explanations open with an example, the theory, code or a picture.", kind: .singleChoice,
            options: options(LearningStyle.self, labels: [
                .examplesFirst: "Examples first", .theoryFirst: "Theory first", .codeFirst: "Code first", .visual: "Diagrams and pictures",
            ])
        ),
        OnboardingQuestionDTO(
            id: "weekly_hours", prompt: "How many hours a week can you study?",
            help: "Sets the length of each stage of your learning path.", kind: .integer,
            minimum: OnboardingAnswers.weeklyHours.lowerBound, maximum: OnboardingAnswers.weeklyHours.upperBound
        ),
    ]

    private static func options<E: RawRepresentable & CaseIterable & Hashable>(_ type: E.Type, labels: [E: String])
        -> [OnboardingQuestionDTO.Option] where E.RawValue == String
    {
        E.allCases.map { OnboardingQuestionDTO.Option(value: $0.rawValue, label: labels[$0] ?? $0.rawValue) }
    }

    /// Reads the six answers from a JSON object; 400 naming every missing, unknown or invalid one,
    /// each prefixed with `prefix` (`answers.` inside `POST /api/v1/onboarding`).
    static func answers(from object: [String: JSONValue], prefix: String = "") throws -> OnboardingAnswers {
        var reader = FieldReader(object, prefix: prefix)
        reader.refuseUnknown(allowed: questions.map(\.id), readOnly: ["updated_at"])
        let experience = reader.required("experience_level", reader.choice("experience_level", as: ExperienceLevel.self))
        let programming = reader.required("programming_experience", reader.choice("programming_experience", as: ProgrammingExperience.self))
        let math = reader.required("math_background", reader.choice("math_background", as: MathBackground.self))
        let goals = reader.choices("learning_goals", as: LearningGoal.self)
        let style = reader.required("learning_style", reader.choice("learning_style", as: LearningStyle.self))
        let hours = reader.integer("weekly_hours", in: OnboardingAnswers.weeklyHours)
        guard reader.errors.isEmpty, let experience, let programming, let math, let goals, let style, let hours else {
            throw ProblemError.invalid(reader.errors)
        }
        return OnboardingAnswers(
            experienceLevel: experience, programmingExperience: programming, mathBackground: math, learningGoals: goals,
            learningStyle: style, weeklyHours: hours
        )
    }

    /// Reads `POST /api/v1/onboarding`'s `{answers: {...}}`.
    static func submission(from object: [String: JSONValue]) throws -> OnboardingAnswers {
        var reader = FieldReader(object)
        reader.refuseUnknown(allowed: ["answers"])
        guard case .object(let answers)? = object["answers"] else {
            reader.fail("answers", object["answers"] == nil ? "is required" : "must be an object of the six answers")
            throw ProblemError.invalid(reader.errors)
        }
        if !reader.errors.isEmpty { throw ProblemError.invalid(reader.errors) }
        return try Self.answers(from: answers, prefix: "answers.")
    }
}
