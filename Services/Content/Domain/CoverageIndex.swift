import Foundation
import Intelligence
import PathwiseProtocol

/// How well the library teaches each skill, worked out once at start from the lessons themselves:
/// a lesson is *about* a skill it lists as a topic; it *teaches* what those topics entail in the
/// taxonomy (a lesson about Itô's lemma teaches stochastic calculus) and what its body names in a
/// heading or at least three times; it only *mentions* a skill it names once or twice. A topic's
/// confidence is its best evidence: 1, 0.8 or 0.4.
struct CoverageIndex: Sendable {
    enum Evidence: Int, Comparable, Sendable {
        case mentioned = 1, taught, topic

        static func < (lhs: Evidence, rhs: Evidence) -> Bool { lhs.rawValue < rhs.rawValue }

        var confidence: Double {
            switch self {
            case .topic: 1
            case .taught: 0.8
            case .mentioned: 0.4
            }
        }
    }

    /// A body naming a skill this often spends more than a passing sentence on it.
    static let taughtMentions = 3
    /// Lessons listed per topic.
    static let lessonsListed = 5

    /// Skill id → the lessons with evidence for it, best evidence first, then reading order.
    let evidence: [String: [(lesson: LessonReferenceDTO, evidence: Evidence)]]
    let taxonomy: Taxonomy
    let matcher: SkillMatcher
    /// `covered` is `confidence ≥ threshold`.
    let threshold: Double

    init(catalog: Catalog, taxonomy: Taxonomy, matcher: SkillMatcher, threshold: Double) {
        var evidence: [String: [(lesson: LessonReferenceDTO, evidence: Evidence)]] = [:]
        for id in catalog.readingOrder {
            guard let lesson = catalog.lessons[id] else { continue }
            let reference = LessonReferenceDTO(id: id, title: lesson.summary.title)
            var best: [String: Evidence] = [:]
            for topic in lesson.summary.topics { best[topic.id] = .topic }
            for topic in lesson.summary.topics {
                for broader in taxonomy.skill(topic.id)?.implies ?? [] where best[broader] == nil { best[broader] = .taught }
            }
            let inHeadings = Set(lesson.headings.flatMap { matcher.scan($0.text).mentioned })
            var counts: [String: Int] = [:]
            for mention in matcher.scan(lesson.markdown).mentions { counts[mention.skillID, default: 0] += 1 }
            for (skill, count) in counts where best[skill] == nil {
                best[skill] = inHeadings.contains(skill) || count >= Self.taughtMentions ? .taught : .mentioned
            }
            for (skill, found) in best { evidence[skill, default: []].append((reference, found)) }
        }
        // Stable: reading order is kept within each level of evidence.
        self.evidence = evidence.mapValues { entries in
            entries.enumerated().sorted { ($0.element.evidence, -$0.offset) > ($1.element.evidence, -$1.offset) }.map(\.element)
        }
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.threshold = threshold
    }

    /// One item per topic, in the order asked.
    func report(_ topics: [String]) -> CoverageReportDTO {
        CoverageReportDTO(threshold: threshold, items: topics.map(coverage(of:)))
    }

    /// How well the library covers `topic`: a skill id, or free text read through the taxonomy.
    func coverage(of topic: String) -> CoverageDTO {
        guard let skill = resolve(topic) else {
            return CoverageDTO(
                topic: topic, skill: nil, covered: false, confidence: 0,
                reason: "It names no skill Pathwise knows, so no lesson can be matched to it.", lessons: [], externalResources: []
            )
        }
        let dto = SkillDTO(id: skill.id, name: skill.name, category: skill.category)
        let found = evidence[skill.id] ?? []
        let resources = taxonomy.resources.filter { $0.skill == skill.id }.map {
            ExternalResourceDTO(title: $0.title, url: $0.url, kind: $0.kind.rawValue)
        }
        guard let best = found.first?.evidence else {
            return CoverageDTO(
                topic: topic, skill: dto, covered: false, confidence: 0, reason: "No lesson teaches or mentions \(skill.name).", lessons: [],
                externalResources: resources
            )
        }
        let lessons = found.prefix { $0.evidence == best }.prefix(Self.lessonsListed).map(\.lesson)
        let confidence = best.confidence
        let covered = confidence >= threshold
        return CoverageDTO(
            topic: topic, skill: dto, covered: covered, confidence: confidence,
            reason: Self.reason(best, skill: skill.name, lessons: lessons, count: found.prefix { $0.evidence == best }.count),
            lessons: lessons, externalResources: covered ? [] : resources
        )
    }

    /// The skill a topic names: its id, or the one skill the text names.
    func resolve(_ topic: String) -> Skill? {
        if let skill = taxonomy.skill(topic) { return skill }
        let folded = topic.lowercased().split { $0 == " " || $0 == "-" }.joined(separator: "_")
        if let skill = taxonomy.skill(folded) { return skill }
        return matcher.scan(topic).mentioned.first.flatMap(taxonomy.skill)
    }

    static func reason(_ evidence: Evidence, skill: String, lessons: [LessonReferenceDTO], count: Int) -> String {
        let first = "“\(lessons.first?.title ?? "")”"
        let more = count > 1 ? " and \(count - 1) more lesson\(count == 2 ? "" : "s")" : ""
        switch evidence {
        case .topic: return "\(first)\(more) \(count > 1 ? "are" : "is") about \(skill) (one of \(count > 1 ? "their" : "its") topics)."
        case .taught: return "\(skill) is taught in the body of \(first)\(more), though no lesson is about it."
        case .mentioned: return "\(skill) is only mentioned in passing, in \(first)\(more)."
        }
    }
}
