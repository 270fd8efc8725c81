public import Foundation

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
    /// `embedded` or `llm:<model>`.
    public var engine: String
    /// The LLM was asked and failed; the embedded engine answered.
    public var fallback: Bool

    public init(
        roleType: String, roleScore: Double, runnerUp: RoleFitDTO?, seniority: String, domainFocus: [String], languages: [SkillDTO],
        required: [RequirementDTO], preferred: [RequirementDTO], implicit: [RequirementDTO], interviewThemes: [String], engine: String,
        fallback: Bool
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
        self.fallback = fallback
    }

    enum CodingKeys: String, CodingKey {
        case roleType = "role_type"
        case roleScore = "role_score"
        case runnerUp = "runner_up"
        case seniority
        case domainFocus = "domain_focus"
        case languages, required, preferred, implicit
        case interviewThemes = "interview_themes"
        case engine, fallback
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
        try container.encode(fallback, forKey: .fallback)
    }
}

/// `POST /api/v1/gap-reports`: both optional — the current job target and the default resume by default.
public struct GapReportRequest: Codable, Sendable, JSONRequest {
    public var jobDescription: String?
    @LowercaseOptionalUUID public var resumeID: UUID?

    public init(jobDescription: String? = nil, resumeID: UUID? = nil) {
        self.jobDescription = jobDescription
        self.resumeID = resumeID
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case jobDescription = "job_description"
        case resumeID = "resume_id"
    }
}

/// The job a report or path was made for.
public struct PathTargetDTO: Codable, Sendable, Equatable {
    public var jobTitle: String?
    public var roleType: String
    /// The job target's hash; `nil` for a description sent with the request.
    public var targetHash: String?

    public init(jobTitle: String?, roleType: String, targetHash: String?) {
        self.jobTitle = jobTitle
        self.roleType = roleType
        self.targetHash = targetHash
    }

    enum CodingKeys: String, CodingKey {
        case jobTitle = "job_title"
        case roleType = "role_type"
        case targetHash = "target_hash"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jobTitle, forKey: .jobTitle)
        try container.encode(roleType, forKey: .roleType)
        try container.encode(targetHash, forKey: .targetHash)
    }
}

/// `Gap`: one requirement against what the resume shows.
public struct GapDTO: Codable, Sendable, Equatable {
    public var skill: SkillDTO
    /// `required`, `preferred` or `implicit`.
    public var importance: String
    public var requiredLevel: Int
    /// The level the resume shows; `nil` when it does not show the skill.
    public var shownLevel: Int?
    /// The resume's sentence for a shown skill, else the posting's for a stated one.
    public var evidence: String?
    public var lessons: [LessonReferenceDTO]
    public var resources: [ExternalResourceDTO]

    public init(
        skill: SkillDTO, importance: String, requiredLevel: Int, shownLevel: Int?, evidence: String?, lessons: [LessonReferenceDTO],
        resources: [ExternalResourceDTO]
    ) {
        self.skill = skill
        self.importance = importance
        self.requiredLevel = requiredLevel
        self.shownLevel = shownLevel
        self.evidence = evidence
        self.lessons = lessons
        self.resources = resources
    }

    enum CodingKeys: String, CodingKey {
        case importance
        case requiredLevel = "required_level"
        case shownLevel = "shown_level"
        case evidence, lessons, resources
    }

    public init(from decoder: any Decoder) throws {
        skill = try SkillDTO(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        importance = try container.decode(String.self, forKey: .importance)
        requiredLevel = try container.decode(Int.self, forKey: .requiredLevel)
        shownLevel = try container.decodeIfPresent(Int.self, forKey: .shownLevel)
        evidence = try container.decodeIfPresent(String.self, forKey: .evidence)
        lessons = try container.decode([LessonReferenceDTO].self, forKey: .lessons)
        resources = try container.decode([ExternalResourceDTO].self, forKey: .resources)
    }

    public func encode(to encoder: any Encoder) throws {
        try skill.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(importance, forKey: .importance)
        try container.encode(requiredLevel, forKey: .requiredLevel)
        try container.encode(shownLevel, forKey: .shownLevel)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(lessons, forKey: .lessons)
        try container.encode(resources, forKey: .resources)
    }
}

/// How one skill group fares: requirements in it, how many the resume meets, and the percent.
public struct GapGroupDTO: Codable, Sendable, Equatable {
    public var group: String
    public var required: Int
    public var matched: Int
    public var percent: Int

    public init(group: String, required: Int, matched: Int, percent: Int) {
        self.group = group
        self.required = required
        self.matched = matched
        self.percent = percent
    }
}

/// `GapReport`: a job's requirements against a resume.
public struct GapReportDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var createdAt: Date
    public var target: PathTargetDTO
    @LowercaseOptionalUUID public var resumeID: UUID?
    /// 0–100: requirements met, required weighing most, then preferred, then implicit.
    public var score: Int
    public var matched: [GapDTO]
    public var weak: [GapDTO]
    public var missing: [GapDTO]
    public var groups: [GapGroupDTO]

    public init(
        id: UUID, createdAt: Date, target: PathTargetDTO, resumeID: UUID?, score: Int, matched: [GapDTO], weak: [GapDTO], missing: [GapDTO],
        groups: [GapGroupDTO]
    ) {
        self.id = id
        self.createdAt = createdAt
        self.target = target
        self.resumeID = resumeID
        self.score = score
        self.matched = matched
        self.weak = weak
        self.missing = missing
        self.groups = groups
    }

    enum CodingKeys: String, CodingKey {
        case id
        case createdAt = "created_at"
        case target
        case resumeID = "resume_id"
        case score, matched, weak, missing, groups
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(target, forKey: .target)
        try container.encode(resumeID, forKey: .resumeID)
        try container.encode(score, forKey: .score)
        try container.encode(matched, forKey: .matched)
        try container.encode(weak, forKey: .weak)
        try container.encode(missing, forKey: .missing)
        try container.encode(groups, forKey: .groups)
    }
}
