import PathwiseProtocol
import ServiceKit

/// A validated `PATCH /api/v1/profile`: only name, headline, education level and background change.
struct ProfilePatch: Sendable, Equatable {
    typealias Field = ProfileUpdateRequest.CodingKeys
    /// Profile fields a client may read but not send.
    static let readOnlyFields: Set<String> = [
        "user_id", "email", "job_target", "preferences", "onboarding_completed", "completion_percent", "updated_at",
    ]

    var name: FieldChange<String> = .unchanged
    var headline: FieldChange<String> = .unchanged
    var educationLevel: FieldChange<EducationLevel> = .unchanged
    var background: FieldChange<String> = .unchanged

    init(name: FieldChange<String> = .unchanged, headline: FieldChange<String> = .unchanged,
         educationLevel: FieldChange<EducationLevel> = .unchanged, background: FieldChange<String> = .unchanged) {
        self.name = name
        self.headline = headline
        self.educationLevel = educationLevel
        self.background = background
    }

    /// Reads a patch; `nil`, with every bad field recorded in `fields`, when any is bad.
    init?(_ fields: inout FieldReader<Field>) {
        name = fields.text(.name, InputText(scalars: 1...100))
        headline = fields.text(.headline, InputText(scalars: 1...160))
        educationLevel = fields.choice(.educationLevel, as: EducationLevel.self)
        background = fields.text(.background, InputText(scalars: 1...4000, multiline: true))
        if fields.isEmpty { fields.fail(field: "", "name at least one of: \(Field.allCases.map(\.stringValue).joined(separator: ", "))") }
        if !fields.errors.isEmpty { return nil }
    }
}

/// `completion_percent`: six things, a sixth each, rounded to a whole percent.
enum ProfileCompletion {
    static func percent(
        hasName: Bool, hasEmail: Bool, hasEducationLevel: Bool, hasJobTarget: Bool, onboardingCompleted: Bool, hasDefaultResume: Bool
    ) -> Int {
        let done = [hasName, hasEmail, hasEducationLevel, hasJobTarget, onboardingCompleted, hasDefaultResume].filter { $0 }.count
        return Int((Double(done) * 100 / 6).rounded())
    }
}
