import Crypto
import Foundation
import Intelligence
import PathwiseProtocol
import ServiceKit

/// Who an explanation speaks to, read from profile's audience: the job (a role template, or a posting
/// and the role it was classified as), the preferences that change the text, and the resume's skills.
struct ExplanationAudience: Sendable {
    var userID: UUID
    /// The role template of the target's `role_type`, when the taxonomy has it.
    var role: RoleTemplate?
    var roleType: String?
    var roleTemplate: String?
    /// The person's own posting; only an entry keyed by its hash (the person's own) may quote it.
    var posting: String?
    var targetHash: String?
    var learningStyle: LearningStyle?
    var experienceLevel: ExperienceLevel?
    var mathBackground: MathBackground?
    var skills: [ResumeSkillDTO]
    var impliedSkills: [ImpliedSkillDTO]

    init(_ audience: AudienceDTO, taxonomy: Taxonomy) {
        userID = audience.userID
        let target = audience.jobTarget
        roleType = target?.roleType
        roleTemplate = target?.roleTemplate
        role = target.flatMap { target in taxonomy.roles.first { $0.id == target.roleType } }
        posting = target?.jobDescription
        targetHash = target?.targetHash
        let answers = audience.preferences?.answers
        learningStyle = answers?.learningStyle
        experienceLevel = answers?.experienceLevel
        mathBackground = answers?.mathBackground
        skills = audience.skills
        impliedSkills = audience.impliedSkills
    }

    /// A template target with no posting of its own: the text is the template's, shared by everyone
    /// who chose it.
    var isTemplateOnly: Bool { roleTemplate != nil && posting == nil }

    /// The cache key: the engines' revision; the role template (shared), the posting's hash (the
    /// person's own), or no target; then the preferences that change the text.
    var key: String {
        let job =
            if let roleTemplate, isTemplateOnly { "template:\(roleTemplate)" } else if let targetHash { "posting:\(targetHash)" } else { "none" }
        return ["r\(ExplanationComposer.revision)", job, learningStyle?.rawValue ?? "-", experienceLevel?.rawValue ?? "-", mathBackground?.rawValue ?? "-"]
            .joined(separator: "|")
    }

    /// Whose entry it is: the person's for a posting, nobody's (shared) otherwise.
    var owner: UUID? { targetHash != nil && !isTemplateOnly ? userID : nil }

    /// The audience as an explanation names it.
    var dto: ExplanationAudienceDTO {
        ExplanationAudienceDTO(
            roleType: roleType, roleTemplate: roleTemplate, jobHash: owner == nil ? nil : targetHash, learningStyle: learningStyle,
            experienceLevel: experienceLevel
        )
    }

    /// How deep the explanation goes: the math background first, then the experience.
    var depth: ExplanationDepth {
        switch mathBackground {
        case .highSchool: .gentle
        case .graduate, .phd: .rigorous
        case .undergraduate: .standard
        case nil: experienceLevel == .student ? .gentle : .standard
        }
    }
}

/// How much of a lesson's formal side an explanation carries.
enum ExplanationDepth: Sendable {
    /// The idea and the example; formulas are pointed to, not shown.
    case gentle
    /// The idea with the formulas where the style puts them first.
    case standard
    /// Every formula, whatever the style.
    case rigorous
}
