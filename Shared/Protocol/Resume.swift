public import Foundation

/// `Resume`: an uploaded file and what was read from it.
public struct ResumeDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    /// The sanitised name the file was uploaded with.
    public var filename: String
    /// The type judged from the bytes: `application/pdf`, the DOCX type, or `text/plain; charset=utf-8`.
    public var contentType: String
    public var sizeBytes: Int
    /// Pages of a PDF; `null` for other types.
    public var pageCount: Int?
    public var wordCount: Int
    public var isDefault: Bool
    /// Skills the resume names, best-evidenced first.
    public var skills: [ResumeSkillDTO]
    /// Skills the named ones entail, which the resume does not name itself.
    public var impliedSkills: [ImpliedSkillDTO]
    /// What could not be read or looks off (`scanned_pdf`, `truncated`, …), in words.
    public var warnings: [String]
    /// The first 500 characters of the extracted text; only on `GET /api/v1/resumes/{id}`.
    public var textPreview: String?
    public var createdAt: Date

    public init(
        id: UUID, filename: String, contentType: String, sizeBytes: Int, pageCount: Int?, wordCount: Int, isDefault: Bool,
        skills: [ResumeSkillDTO], impliedSkills: [ImpliedSkillDTO], warnings: [String], textPreview: String?, createdAt: Date
    ) {
        self.id = id
        self.filename = filename
        self.contentType = contentType
        self.sizeBytes = sizeBytes
        self.pageCount = pageCount
        self.wordCount = wordCount
        self.isDefault = isDefault
        self.skills = skills
        self.impliedSkills = impliedSkills
        self.warnings = warnings
        self.textPreview = textPreview
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, filename
        case contentType = "content_type"
        case sizeBytes = "size_bytes"
        case pageCount = "page_count"
        case wordCount = "word_count"
        case isDefault = "is_default"
        case skills
        case impliedSkills = "implied_skills"
        case warnings
        case textPreview = "text_preview"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(filename, forKey: .filename)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(sizeBytes, forKey: .sizeBytes)
        try container.encode(pageCount, forKey: .pageCount)
        try container.encode(wordCount, forKey: .wordCount)
        try container.encode(isDefault, forKey: .isDefault)
        try container.encode(skills, forKey: .skills)
        try container.encode(impliedSkills, forKey: .impliedSkills)
        try container.encode(warnings, forKey: .warnings)
        try container.encodeIfPresent(textPreview, forKey: .textPreview)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

/// A skill a resume names, with the sentence that shows it and an estimated level.
public struct ResumeSkillDTO: Codable, Sendable, Equatable {
    /// The taxonomy id (`python`, `stochastic_calculus`).
    public var id: String
    public var name: String
    public var category: String
    /// The sentence (or list line) of the strongest mention.
    public var evidence: String
    /// 1 (aware) to 5 (expert), estimated from the text.
    public var level: Int
    /// What the level rests on, in words.
    public var levelReason: String
    /// How many times the resume names it.
    public var mentions: Int

    public init(id: String, name: String, category: String, evidence: String, level: Int, levelReason: String, mentions: Int) {
        self.id = id
        self.name = name
        self.category = category
        self.evidence = evidence
        self.level = level
        self.levelReason = levelReason
        self.mentions = mentions
    }

    enum CodingKeys: String, CodingKey {
        case id, name, category, evidence, level
        case levelReason = "level_reason"
        case mentions
    }
}

/// A skill a resume implies through the ones it names.
public struct ImpliedSkillDTO: Codable, Sendable, Equatable {
    /// The taxonomy id.
    public var id: String
    public var name: String
    public var category: String

    public init(id: String, name: String, category: String) {
        self.id = id
        self.name = name
        self.category = category
    }

    enum CodingKeys: String, CodingKey {
        case id, name, category
    }
}

/// `GET /internal/users/{id}/audience`: who a lesson or a coach speaks to. Services that need it ask
/// each time rather than keep a copy.
public struct AudienceDTO: Codable, Sendable, Equatable {
    @LowercaseUUID public var userID: UUID
    public var jobTarget: JobTargetDTO?
    public var preferences: PreferencesDTO?
    /// The default resume, if any.
    @LowercaseOptionalUUID public var resumeID: UUID?
    public var skills: [ResumeSkillDTO]
    public var impliedSkills: [ImpliedSkillDTO]

    public init(
        userID: UUID, jobTarget: JobTargetDTO?, preferences: PreferencesDTO?, resumeID: UUID?, skills: [ResumeSkillDTO],
        impliedSkills: [ImpliedSkillDTO]
    ) {
        self.userID = userID
        self.jobTarget = jobTarget
        self.preferences = preferences
        self.resumeID = resumeID
        self.skills = skills
        self.impliedSkills = impliedSkills
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case jobTarget = "job_target"
        case preferences
        case resumeID = "resume_id"
        case skills
        case impliedSkills = "implied_skills"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userID, forKey: .userID)
        try container.encode(jobTarget, forKey: .jobTarget)
        try container.encode(preferences, forKey: .preferences)
        try container.encode(resumeID, forKey: .resumeID)
        try container.encode(skills, forKey: .skills)
        try container.encode(impliedSkills, forKey: .impliedSkills)
    }
}
