import Foundation
import Intelligence
import PathwiseProtocol

/// What a job asks for, as gap reports and paths read it: a posting's reading, or a role template's
/// requirements when the target names a template and no posting.
struct JobRequirements: Sendable {
    struct Item: Sendable, Equatable {
        var skillID: String
        var importance: PostingReading.Importance
        var level: Int
        /// The posting's sentence, when it states the skill.
        var sentence: String?
    }

    var items: [Item]
    var roleType: String

    init(_ reading: PostingReading) {
        items = (reading.required + reading.preferred + reading.implicit).map {
            Item(skillID: $0.skillID, importance: $0.importance, level: $0.level, sentence: $0.sentence)
        }
        let best = reading.role?.best
        roleType = (best?.score ?? 0) >= RoleClassifier.threshold ? best?.roleID ?? RoleTemplateID.notSpecified : RoleTemplateID.notSpecified
    }

    /// A role template's required skills at their levels, and its preferred ones (level 2).
    init(template: RoleTemplate) {
        items = template.required.map { Item(skillID: $0.skill, importance: .required, level: $0.level, sentence: nil) }
            + template.preferred.map { Item(skillID: $0, importance: .preferred, level: 2, sentence: nil) }
        roleType = template.id
    }
}

/// A job's requirements against the skills a resume shows: each requirement matched (shown at the
/// level asked or above), weak (shown below it) or missing; a 0–100 score in which a required skill
/// weighs 3, a preferred one 2 and an implicit one 1, each counting the share of its level shown; and
/// per taxonomy group, how many requirements the resume meets.
struct GapAnalysis: Sendable {
    enum Status: String, Sendable {
        case matched, weak, missing
    }

    struct Finding: Sendable, Equatable {
        var requirement: JobRequirements.Item
        var status: Status
        var shownLevel: Int?
        var evidence: String?
    }

    /// A skill the resume only implies counts as shown at this level.
    static let impliedLevel = 2

    var findings: [Finding]
    var score: Int
    var groups: [GapGroupDTO]

    init(requirements: JobRequirements, skills: [ResumeSkillDTO], impliedSkills: [ImpliedSkillDTO], taxonomy: Taxonomy) {
        var shown: [String: (level: Int, evidence: String?)] = [:]
        for skill in impliedSkills { shown[skill.id] = (Self.impliedLevel, nil) }
        for skill in skills { shown[skill.id] = (skill.level, skill.evidence) }
        var findings: [Finding] = []
        var earned = 0.0
        var possible = 0.0
        var groups: [String: (required: Int, matched: Int)] = [:]
        var groupOrder: [String] = []
        for item in requirements.items {
            let level = max(1, item.level)
            let found = shown[item.skillID]
            let status: Status = found.map { $0.level >= level ? .matched : .weak } ?? .missing
            findings.append(Finding(requirement: item, status: status, shownLevel: found?.level, evidence: found?.evidence ?? item.sentence))
            let weight = Self.weight(item.importance)
            possible += weight
            earned += weight * min(1, Double(found?.level ?? 0) / Double(level))
            let group = taxonomy.skill(item.skillID)?.group ?? "other"
            if groups[group] == nil { groupOrder.append(group) }
            groups[group, default: (0, 0)].required += 1
            if status == .matched { groups[group, default: (0, 0)].matched += 1 }
        }
        self.findings = findings
        self.score = possible > 0 ? Int((100 * earned / possible).rounded()) : 100
        self.groups = groupOrder.compactMap { name in
            groups[name].map { GapGroupDTO(group: name, required: $0.required, matched: $0.matched, percent: Int((100 * Double($0.matched) / Double(max(1, $0.required))).rounded())) }
        }
    }

    static func weight(_ importance: PostingReading.Importance) -> Double {
        switch importance {
        case .required: 3
        case .preferred: 2
        case .implicit: 1
        }
    }

    /// The skills a report needs lessons or resources for: the weak and the missing.
    var gaps: [String] {
        findings.filter { $0.status != .matched }.map(\.requirement.skillID)
    }
}

/// A gap report as a CSV file (see `CSVTable`): a header row, then one skill a row.
enum GapReportCSV {
    static let header = ["skill_id", "skill", "category", "status", "importance", "required_level", "shown_level", "evidence", "lessons", "resources"]

    static func render(_ report: GapReportDTO) -> String {
        var rows = [header]
        for (status, gaps) in [("matched", report.matched), ("weak", report.weak), ("missing", report.missing)] {
            for gap in gaps {
                rows.append([
                    gap.skill.id, gap.skill.name, gap.skill.category, status, gap.importance, String(gap.requiredLevel),
                    gap.shownLevel.map(String.init) ?? "", gap.evidence ?? "", gap.lessons.map(\.id).joined(separator: " "),
                    gap.resources.map(\.url).joined(separator: " "),
                ])
            }
        }
        return CSVTable.render(rows)
    }
}
