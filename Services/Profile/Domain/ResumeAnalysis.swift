import Foundation
import Intelligence
import PathwiseProtocol

/// What a resume shows: the skills it names with an estimated level and the evidence, the skills
/// those imply, and its length in words.
struct ResumeAnalysis: Sendable, Equatable {
    var skills: [ResumeSkillDTO]
    var impliedSkills: [ImpliedSkillDTO]
    var wordCount: Int
}

/// The part of a resume a line belongs to, from the heading above it.
enum ResumeSection: String, Sendable, CaseIterable {
    case summary, experience, projects, research, skills, education, other

    /// Heading words, lowercased, for each section; a heading is a short line made of them.
    static let headings: [(words: [String], section: ResumeSection)] = [
        (["summary", "profile", "about", "objective", "about me", "professional summary"], .summary),
        (
            [
                "experience", "work experience", "professional experience", "employment", "employment history", "work history",
                "career history", "relevant experience", "industry experience",
            ], .experience
        ),
        (["projects", "selected projects", "personal projects", "side projects", "open source"], .projects),
        (["research", "publications", "research experience", "papers"], .research),
        (
            [
                "skills", "technical skills", "core skills", "key skills", "competencies", "core competencies", "technologies", "tools",
                "languages", "programming languages", "tech stack", "skills and tools",
            ], .skills
        ),
        (["education", "coursework", "relevant coursework", "academic background", "qualifications"], .education),
        (["certifications", "awards", "honors", "interests", "activities", "volunteering", "references"], .other),
    ]

    /// The section a line starts, if it is a heading ("Work Experience", "SKILLS:").
    static func heading(_ line: Substring) -> ResumeSection? {
        // A heading is a few words; a long line is never one, and is not copied to find out.
        guard line.utf8.count <= 120 else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ":—–-#*|"))
        guard !trimmed.isEmpty, trimmed.count <= 40 else { return nil }
        let folded = trimmed.lowercased().replacingOccurrences(of: "&", with: "and").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return headings.first { $0.words.contains(folded) }?.section
    }

    var label: String {
        switch self {
        case .summary: "the summary"
        case .experience: "work experience"
        case .projects: "projects"
        case .research: "research"
        case .skills: "the skills list"
        case .education: "education"
        case .other: "another section"
        }
    }

    /// Sections that show a skill being used, not just listed.
    var showsUse: Bool { self == .experience || self == .projects || self == .research }
}

/// Estimates how well a person knows each skill their resume names, 1 (aware of it) to 5 (expert),
/// and says why. In order of strength: years stated next to it ("5 years of Python"), words of
/// proficiency in the same sentence ("expert in", "familiar with"), then where it appears (used in
/// work or projects versus only listed) and how often.
struct SkillLevelEstimator: Sendable {
    let taxonomy: Taxonomy
    let matcher: SkillMatcher

    static let evidenceLength = 300

    /// Analyses `text`, stopping with `WorkBudget.Exceeded` once `budget` runs out. Linear in the text:
    /// each sentence is read for years and proficiency once, however many skills it names.
    func analyse(_ text: String, within budget: WorkBudget = .unlimited) throws(WorkBudget.Exceeded) -> ResumeAnalysis {
        let scan = try matcher.scan(text, within: budget)
        let sections = SectionMap(text)
        var readings: [String.Index: SentenceReading] = [:]
        var bySkill: [String: [(sentence: SentenceReading, section: ResumeSection?)]] = [:]
        for (index, mention) in scan.mentions.enumerated() {
            if index & 0x3FF == 0 { try budget.check() }
            let key = mention.sentenceRange.lowerBound
            let sentence: SentenceReading
            if let known = readings[key] {
                sentence = known
            } else {
                sentence = SentenceReading(mention.sentence)
                readings[key] = sentence
            }
            // The mention's own clause speaks first: "Python (expert), C++ (familiar)". A sentence with no
            // wording at all has none in any clause, so most mentions cost nothing more.
            var reading = sentence
            if sentence.years != nil || sentence.proficiency != nil {
                let clause = ProficiencyWording.clause(around: mention.range, within: mention.sentenceRange, in: text)
                let own = SentenceReading(text: mention.sentence, wording: clause)
                if own.years != nil || own.proficiency != nil { reading = own }
            }
            bySkill[mention.skillID, default: []].append((reading, sections.section(at: mention.range.lowerBound)))
        }

        var skills: [ResumeSkillDTO] = []
        for id in scan.mentioned {
            guard let skill = taxonomy.skill(id), let mentions = bySkill[id] else { continue }
            let estimate = Self.estimate(readings: mentions)
            skills.append(
                ResumeSkillDTO(
                    id: id, name: skill.name, category: skill.category, evidence: Self.clip(estimate.evidence), level: estimate.level,
                    levelReason: estimate.reason, mentions: mentions.count
                )
            )
        }
        skills.sort { ($0.level, $0.mentions) > ($1.level, $1.mentions) }
        let implied = scan.implied.compactMap { id in
            taxonomy.skill(id).map { ImpliedSkillDTO(id: id, name: $0.name, category: $0.category) }
        }
        let words = text.split { $0.isWhitespace }.count
        return ResumeAnalysis(skills: skills, impliedSkills: implied, wordCount: words)
    }

    struct Estimate: Equatable {
        var level: Int
        var reason: String
        var evidence: String
    }

    /// What one sentence says about experience, read once.
    struct SentenceReading: Sendable {
        var text: String
        var years: Int?
        var proficiency: (level: Int, phrase: String)?

        init(_ text: String) {
            self.init(text: text, wording: text[...])
        }

        /// `text` as evidence, its level read from `wording` (the sentence, or a mention's clause of it).
        init(text: String, wording: Substring) {
            self.text = text
            self.years = ProficiencyWording.statedYears(in: wording)
            self.proficiency = ProficiencyWording.proficiency(in: wording)
        }
    }

    /// The level one skill earns from its mentions: each a sentence and the section it stands in.
    static func estimate(_ mentions: [(sentence: String, section: ResumeSection?)]) -> Estimate {
        estimate(readings: mentions.map { (SentenceReading($0.sentence), $0.section) })
    }

    /// The level one skill earns from its mentions, each sentence already read.
    static func estimate(readings mentions: [(sentence: SentenceReading, section: ResumeSection?)]) -> Estimate {
        var years: (value: Int, sentence: String)?
        var proficiency: (level: Int, phrase: String, sentence: String)?
        for mention in mentions {
            if let stated = mention.sentence.years, stated > (years?.value ?? 0) { years = (stated, mention.sentence.text) }
            if let found = mention.sentence.proficiency, proficiency == nil || found.level > (proficiency?.level ?? 0) {
                proficiency = (found.level, found.phrase, mention.sentence.text)
            }
        }
        var sectionsSeen = Set<ResumeSection>()
        var firstSection: ResumeSection?
        for section in mentions.compactMap(\.section) where sectionsSeen.insert(section).inserted && firstSection == nil {
            firstSection = section
        }
        let usedIn = ResumeSection.allCases.filter { section in section.showsUse && sectionsSeen.contains(section) }
        let timesNote = mentions.count > 1 ? "named \(mentions.count) times" : "named once"
        let whereNote =
            usedIn.isEmpty
            ? (firstSection.map { "only in \($0.label)" } ?? "outside any titled section")
            : "used in \(usedIn.map(\.label).joined(separator: " and "))"

        if let years {
            var level = ProficiencyWording.yearsLevel(years.value)
            if let proficiency, proficiency.level <= 2 { level = min(level, 3) }
            return Estimate(
                level: level, reason: "states \(years.value) year\(years.value == 1 ? "" : "s") of it; \(whereNote); \(timesNote)",
                evidence: years.sentence
            )
        }
        if let proficiency {
            var level = proficiency.level
            if level >= 4 && usedIn.isEmpty { level -= 1 }
            let support = level < proficiency.level ? "but shows no use of it in work or projects" : whereNote
            return Estimate(level: level, reason: "says \"\(proficiency.phrase)\"; \(support); \(timesNote)", evidence: proficiency.sentence)
        }
        var level = usedIn.isEmpty ? 2 : 3
        let useCount = mentions.filter { $0.section?.showsUse == true }.count
        if useCount >= 3 || (usedIn.count >= 2 && mentions.count >= 3) { level += 1 }
        let evidence = mentions.first { $0.section?.showsUse == true }?.sentence.text ?? mentions.first?.sentence.text ?? ""
        return Estimate(level: level, reason: "no years or proficiency stated; \(whereNote); \(timesNote)", evidence: evidence)
    }

    /// At most `evidenceLength` characters of `sentence`, trimmed; looks at no more of it than that.
    static func clip(_ sentence: String) -> String {
        let head = sentence.drop { $0.isWhitespace }.prefix(evidenceLength + 1)
        let trimmed = head.count > evidenceLength ? head.prefix(evidenceLength - 1) : head
        let text = String(trimmed).trimmingCharacters(in: .whitespacesAndNewlines)
        return head.count > evidenceLength ? text + "…" : text
    }
}

/// Where each titled section of a text begins.
struct SectionMap {
    private var starts: [(index: String.Index, section: ResumeSection)] = []

    init(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let section = ResumeSection.heading(line) { starts.append((line.startIndex, section)) }
        }
    }

    /// The section `index` falls in; `nil` before the first heading (a binary search).
    func section(at index: String.Index) -> ResumeSection? {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle].index <= index { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : starts[low - 1].section
    }
}
