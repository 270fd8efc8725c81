import PathwiseProtocol
import ServiceKit

/// A validated `PATCH /api/v1/profile`: only name, headline, education level and background change.
struct ProfilePatch: Sendable, Equatable {
    static let fields = ["name", "headline", "education_level", "background"]
    static let readOnlyFields: Set<String> = [
        "user_id", "email", "job_target", "preferences", "onboarding_completed", "completion_percent", "updated_at",
    ]

    var name: FieldChange<String> = .unchanged
    var headline: FieldChange<String> = .unchanged
    var educationLevel: FieldChange<EducationLevel> = .unchanged
    var background: FieldChange<String> = .unchanged

    /// Reads a patch from the request's JSON object; 400 naming every unknown, read-only or invalid field.
    init(_ object: [String: JSONValue]) throws {
        var reader = FieldReader(object)
        reader.refuseUnknown(allowed: Self.fields, readOnly: Self.readOnlyFields)
        name = reader.text("name", length: 1...100)
        headline = reader.text("headline", length: 1...160)
        educationLevel = reader.choice("education_level", as: EducationLevel.self)
        background = reader.text("background", length: 1...4000, multiline: true)
        if object.isEmpty { reader.fail("", "name at least one of: \(Self.fields.joined(separator: ", "))") }
        if !reader.errors.isEmpty { throw ProblemError.invalid(reader.errors) }
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
