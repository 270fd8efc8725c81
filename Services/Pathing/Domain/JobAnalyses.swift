import Intelligence
import Logging
import PathwiseProtocol
import ServiceKit

/// Job analysis: a posting read by `PostingReader` on the compute pool, within a time limit, and
/// answered in the contract's terms (skills as `{id, name, category}`, evidence offsets in scalars).
struct JobAnalyses: Sendable {
    /// How long one analysis may take; a 50,000-character posting takes a few tens of milliseconds.
    static let timeLimit: Duration = .seconds(2)

    let reader: PostingReader
    let taxonomy: Taxonomy
    /// The LLM engine, when one is configured.
    var model: PostingModel?
    var compute: ComputePool = .shared

    /// What `description` asks for, by the LLM engine when configured (the embedded reading answers,
    /// saying so, when it fails); `PathingError.postingTooComplex` when it cannot be read in time.
    func analyse(title: String?, description: String, logger: Logger) async throws -> JobAnalysisDTO {
        let reading = try await read(title: title, description: description)
        guard let model else { return dto(reading, text: description) }
        do {
            var answer = dto(try await model.reread(reading, title: title, text: description), text: description)
            answer.engine = model.engine
            return answer
        } catch {
            logger.warning("pathing.job_analysis.fallback", metadata: ["error": "\(error)"])
            var answer = dto(reading, text: description)
            answer.fallback = true
            return answer
        }
    }

    /// The posting read on the compute pool within the time limit.
    func read(title: String?, description: String) async throws -> PostingReading {
        let reader = self.reader
        do {
            return try await compute.run(timeLimit: Self.timeLimit) { deadline in
                try reader.read(title: title, text: description, within: WorkBudget(until: deadline))
            }
        } catch is WorkBudget.Exceeded {
            throw PathingError.postingTooComplex
        }
    }

    func dto(_ reading: PostingReading, text: String) -> JobAnalysisDTO {
        let bounds = (reading.required + reading.preferred).compactMap(\.sentenceRange).flatMap { [$0.lowerBound, $0.upperBound] }
        let offsets = ScalarOffsets(of: bounds, in: text)
        func requirement(_ requirement: PostingReading.Requirement) -> RequirementDTO? {
            guard let skill = skill(requirement.skillID) else { return nil }
            var evidence: EvidenceDTO?
            if let sentence = requirement.sentence, let range = requirement.sentenceRange {
                evidence = EvidenceDTO(sentence: sentence, start: offsets[range.lowerBound], end: offsets[range.upperBound])
            }
            return RequirementDTO(skill: skill, level: requirement.level, evidence: evidence, reason: requirement.reason)
        }
        let best = reading.role?.best
        let fits = (best?.score ?? 0) >= RoleClassifier.threshold
        let roleType = fits ? best?.roleID ?? RoleTemplateID.notSpecified : RoleTemplateID.notSpecified
        return JobAnalysisDTO(
            roleType: roleType, roleScore: Self.rounded(best?.score ?? 0),
            runnerUp: reading.role?.runnerUp.map { RoleFitDTO(roleType: $0.roleID, roleScore: Self.rounded($0.score)) },
            seniority: reading.seniority, domainFocus: reading.domainFocus, languages: reading.languages.compactMap(skill),
            required: reading.required.compactMap(requirement), preferred: reading.preferred.compactMap(requirement),
            implicit: reading.implicit.compactMap(requirement),
            interviewThemes: fits ? taxonomy.roles.first { $0.id == roleType }?.interviewThemes ?? [] : [], engine: "embedded", fallback: false
        )
    }

    func skill(_ id: String) -> SkillDTO? {
        taxonomy.skill(id).map { SkillDTO(id: $0.id, name: $0.name, category: $0.category) }
    }

    static func rounded(_ score: Double) -> Double {
        (score * 1000).rounded() / 1000
    }
}

/// Unicode-scalar offsets of string indices, found in one pass over the text however many are asked.
struct ScalarOffsets {
    private var offsets: [String.Index: Int] = [:]

    init(of indices: [String.Index], in text: String) {
        let wanted = Set(indices)
        guard !wanted.isEmpty else { return }
        var count = 0
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            if wanted.contains(index) { offsets[index] = count }
            count += 1
            index = text.unicodeScalars.index(after: index)
        }
        if wanted.contains(text.endIndex) { offsets[text.endIndex] = count }
    }

    subscript(_ index: String.Index) -> Int { offsets[index] ?? 0 }
}
