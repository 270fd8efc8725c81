import Foundation
import Intelligence
import ServiceKit

/// The LLM engine for job analysis: the model lists what the posting requires and prefers, and only
/// what survives the taxonomy is kept — a skill it names must be a taxonomy skill (by id or by a name
/// the matcher knows), a level is clamped to 1–5, and evidence must be a sentence of the posting.
struct PostingModel: Sendable {
    /// What the model is asked to answer.
    struct Answer: Decodable, Sendable {
        struct Item: Decodable, Sendable {
            var skill: String
            var level: Int?
            var evidence: String?
        }

        var required: [Item]
        var preferred: [Item]
    }

    /// Items read from one answer, at most, per list.
    static let itemsRead = 80

    let client: LanguageModelClient
    let taxonomy: Taxonomy
    let matcher: SkillMatcher

    var engine: String { client.engine }

    /// `reading` with its required and preferred skills as the model reads them; `LanguageModelError`
    /// when it fails, or when nothing it names is a taxonomy skill.
    func reread(_ reading: PostingReading, title: String?, text: String) async throws(LanguageModelError) -> PostingReading {
        let answer = try await client.completeJSON(Self.prompt(title: title, text: text), as: Answer.self)
        var seen: Set<String> = []
        func requirements(_ items: [Answer.Item], _ importance: PostingReading.Importance) -> [PostingReading.Requirement] {
            items.prefix(Self.itemsRead).compactMap { item in
                guard let id = resolve(item.skill), seen.insert(id).inserted else { return nil }
                let range = item.evidence.flatMap { $0.count >= 8 ? text.range(of: $0) : nil }
                let level = min(5, max(1, item.level ?? PostingReader.defaultLevel(importance, seniority: reading.seniority)))
                return PostingReading.Requirement(
                    skillID: id, importance: importance, level: level, sentence: range.map { String(text[$0]) }, sentenceRange: range,
                    reason: importance == .preferred ? "nice to have" : "stated"
                )
            }
        }
        var reread = reading
        reread.required = requirements(answer.required, .required)
        reread.preferred = requirements(answer.preferred, .preferred)
        guard !reread.required.isEmpty || !reread.preferred.isEmpty else { throw .malformed("no skill the model named is in the taxonomy") }
        let stated = seen
        reread.implicit = reading.implicit.filter { !stated.contains($0.skillID) }
        reread.languages = (reread.required + reread.preferred).map(\.skillID).filter { taxonomy.skill($0)?.category == "programming_language" }
        return reread
    }

    /// A taxonomy id, or the one skill a name names.
    func resolve(_ name: String) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let skill = taxonomy.skill(trimmed) { return skill.id }
        let named = matcher.scan(trimmed).mentioned
        return named.count == 1 ? named[0] : nil
    }

    static func prompt(title: String?, text: String) -> [ChatMessage] {
        let system = """
            You read job postings the way a careful recruiter does. List the skills the posting requires of the \
            candidate and those it only prefers (nice to have). Leave out benefits, the company's own products, \
            customers' and other teams' tools, degree subjects, and anything the posting says is not needed. \
            Answer with a JSON object {"required": [{"skill", "level", "evidence"}], "preferred": [...]}: skill is \
            the skill's usual name, level 1 (aware) to 5 (expert) from the posting's wording, evidence the \
            posting's sentence that states it, copied exactly.
            """
        let user = (title.map { "Title: \($0)\n\n" } ?? "") + text
        return [ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: user)]
    }
}
