import Foundation

/// `POST /api/v1/job-analysis`.
public struct JobAnalysisRequest: Codable, Sendable, JSONRequest {
    /// How long a description may be, in characters.
    public static let descriptionLength = 20...50_000

    public var jobTitle: String?
    public var jobDescription: String

    public init(jobTitle: String? = nil, jobDescription: String) {
        self.jobTitle = jobTitle
        self.jobDescription = jobDescription
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case jobTitle = "job_title"
        case jobDescription = "job_description"
    }
}

/// Where a requirement is stated: its sentence, and where that stands in the description (Unicode
/// scalars, `end` exclusive).
public struct EvidenceDTO: Codable, Sendable, Equatable {
    public var sentence: String
    public var start: Int
    public var end: Int

    public init(sentence: String, start: Int, end: Int) {
        self.sentence = sentence
        self.start = start
        self.end = end
    }
}

/// `Requirement`: a skill a job asks for, how well, where it says so and why it is listed.
public struct RequirementDTO: Codable, Sendable, Equatable {
    public var skill: SkillDTO
    /// 1–5.
    public var level: Int
    /// `nil` for an implicit requirement.
    public var evidence: EvidenceDTO?
    /// "stated", "nice to have", "implied by PyTorch", "role template", with the wording of the level.
    public var reason: String

    public init(skill: SkillDTO, level: Int, evidence: EvidenceDTO?, reason: String) {
        self.skill = skill
        self.level = level
        self.evidence = evidence
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case level, evidence, reason
    }

    // The skill's fields sit at the top level: `Skill + {level, evidence, reason}`.
    public init(from decoder: any Decoder) throws {
        skill = try SkillDTO(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        level = try container.decode(Int.self, forKey: .level)
        evidence = try container.decodeIfPresent(EvidenceDTO.self, forKey: .evidence)
        reason = try container.decode(String.self, forKey: .reason)
    }

    public func encode(to encoder: any Encoder) throws {
        try skill.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(level, forKey: .level)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(reason, forKey: .reason)
    }
}

/// A role and how well the posting fits it (0–1).
public struct RoleFitDTO: Codable, Sendable, Equatable {
    public var roleType: String
    public var roleScore: Double

    public init(roleType: String, roleScore: Double) {
        self.roleType = roleType
        self.roleScore = roleScore
    }

    enum CodingKeys: String, CodingKey {
        case roleType = "role_type"
        case roleScore = "role_score"
    }
}

/// `JobAnalysis`: what a posting asks for.
public struct JobAnalysisDTO: Codable, Sendable, Equatable {
    /// The best role template, or `not_specified` when none fits well enough.
    public var roleType: String
    public var roleScore: Double
    public var runnerUp: RoleFitDTO?
    /// `junior`, `mid`, `senior`, `lead` or `not_specified`.
    public var seniority: String
    public var domainFocus: [String]
    public var languages: [SkillDTO]
    public var required: [RequirementDTO]
    public var preferred: [RequirementDTO]
    public var implicit: [RequirementDTO]
    /// The role template's interview themes.
    public var interviewThemes: [String]
    public var engine: String

    public init(
        roleType: String, roleScore: Double, runnerUp: RoleFitDTO?, seniority: String, domainFocus: [String], languages: [SkillDTO],
        required: [RequirementDTO], preferred: [RequirementDTO], implicit: [RequirementDTO], interviewThemes: [String], engine: String
    ) {
        self.roleType = roleType
        self.roleScore = roleScore
        self.runnerUp = runnerUp
        self.seniority = seniority
        self.domainFocus = domainFocus
        self.languages = languages
        self.required = required
        self.preferred = preferred
        self.implicit = implicit
        self.interviewThemes = interviewThemes
        self.engine = engine
    }

    enum CodingKeys: String, CodingKey {
        case roleType = "role_type"
        case roleScore = "role_score"
        case runnerUp = "runner_up"
        case seniority
        case domainFocus = "domain_focus"
        case languages, required, preferred, implicit
        case interviewThemes = "interview_themes"
        case engine
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roleType, forKey: .roleType)
        try container.encode(roleScore, forKey: .roleScore)
        try container.encode(runnerUp, forKey: .runnerUp)
        try container.encode(seniority, forKey: .seniority)
        try container.encode(domainFocus, forKey: .domainFocus)
        try container.encode(languages, forKey: .languages)
        try container.encode(required, forKey: .required)
        try container.encode(preferred, forKey: .preferred)
        try container.encode(implicit, forKey: .implicit)
        try container.encode(interviewThemes, forKey: .interviewThemes)
        try container.encode(engine, forKey: .engine)
    }
}
