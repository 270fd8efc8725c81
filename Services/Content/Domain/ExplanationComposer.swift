import Foundation
import Intelligence
import PathwiseProtocol

/// The embedded explanation engine: a lesson's own parts, the role template's interview themes and
/// the posting's sentences, chosen, ordered and framed for one audience. Every sentence is the
/// lesson's, the posting's, the template's, or a fixed frame filled with their values.
struct ExplanationComposer: Sendable {
    typealias Kind = ExplanationSectionDTO.Kind

    let catalog: Catalog
    let taxonomy: Taxonomy
    let matcher: SkillMatcher
    /// Every lesson read by its parts, once.
    let parts: [String: LessonParts]

    init(catalog: Catalog, taxonomy: Taxonomy, matcher: SkillMatcher) {
        self.catalog = catalog
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.parts = catalog.lessons.mapValues { LessonParts(markdown: $0.markdown) }
    }

    /// `lesson` read by its parts.
    func parts(of lesson: LessonDTO) -> LessonParts {
        parts[lesson.summary.id] ?? LessonParts(markdown: lesson.markdown)
    }

    /// Part of every cache key: raised whenever what the engines write changes, so that entries made
    /// by an older release are not served after it.
    static let revision = 4
    /// Posting sentences quoted in `why_it_matters`.
    static let postingSentences = 3
    /// Longest posting sentence quoted, in characters.
    static let longestSentence = 320
    /// Questions in `practice`.
    static let practiceQuestions = 3

    /// The sections in the order a learning style reads them.
    static func order(for style: LearningStyle?) -> [Kind] {
        switch style {
        case .examplesFirst: [.whyItMatters, .workedExample, .explanation, .connections, .interviewAngle, .practice]
        case .codeFirst: [.whyItMatters, .explanation, .practice, .workedExample, .connections, .interviewAngle]
        case .theoryFirst, .visual, nil: Kind.allCases
        }
    }

    /// Every section except `connections` (which names the person's resume and is made per request),
    /// in the audience's order.
    func storedSections(for lesson: LessonDTO, parts: LessonParts, audience: ExplanationAudience) -> [ExplanationSectionDTO] {
        let skills = lessonSkills(lesson)
        return Self.order(for: audience.learningStyle).compactMap { kind in
            switch kind {
            case .whyItMatters: whyItMatters(lesson, skills: skills, audience: audience)
            case .explanation: explanation(lesson, parts: parts, audience: audience)
            case .workedExample: workedExample(lesson, parts: parts, skills: skills, audience: audience)
            case .connections: nil
            case .interviewAngle: interviewAngle(lesson, parts: parts, skills: skills, audience: audience)
            case .practice: practice(lesson, parts: parts)
            }
        }
    }

    /// `sections` with the audience's `connections` put in its place.
    func withConnections(_ sections: [ExplanationSectionDTO], lesson: LessonDTO, audience: ExplanationAudience) -> [ExplanationSectionDTO] {
        let order = Self.order(for: audience.learningStyle)
        var all = sections.filter { $0.kind != .connections }
        let position = order.firstIndex(of: .connections) ?? order.count
        let before = all.firstIndex { (order.firstIndex(of: $0.kind) ?? 0) > position } ?? all.count
        all.insert(connections(lesson, audience: audience), at: before)
        return all
    }

    /// The lesson's topics and what they entail.
    func lessonSkills(_ lesson: LessonDTO) -> Set<String> {
        let topics = lesson.summary.topics.map(\.id)
        return Set(topics).union(taxonomy.implied(by: topics))
    }

    // MARK: - Sections

    func whyItMatters(_ lesson: LessonDTO, skills: Set<String>, audience: ExplanationAudience) -> ExplanationSectionDTO {
        var paragraphs: [String] = []
        if let role = audience.role {
            paragraphs.append("You are preparing for a **\(role.name)** role, and *\(lesson.summary.title)* is part of that.")
            paragraphs.append(lesson.summary.summary)
            // The role's requirements this lesson is about come first, then those it teaches toward; three at most.
            let topics = Set(lesson.summary.topics.map(\.id))
            let required = Array(
                (role.required.filter { topics.contains($0.skill) } + role.required.filter { !topics.contains($0.skill) && skills.contains($0.skill) })
                    .prefix(3)
            )
            if !required.isEmpty {
                let named = required.map { "\(name(of: $0.skill)) (level \($0.level) of 5)" }
                paragraphs.append("The role asks for \(Self.list(named)), and this lesson teaches toward it.")
            } else {
                let preferred = role.preferred.filter { skills.contains($0) }
                if !preferred.isEmpty { paragraphs.append("The role counts \(Self.list(preferred.map(name(of:)))) as a plus.") }
            }
        } else {
            paragraphs.append(lesson.summary.summary)
        }
        let quoted = postingSentences(naming: skills, in: audience)
        if !quoted.isEmpty {
            paragraphs.append("Your posting says:\n\n" + quoted.map { "> \($0)" }.joined(separator: "\n>\n"))
        }
        if lesson.summary.interviewCritical {
            paragraphs.append("Interviewers ask about it directly: the library marks this lesson interview-critical.")
        }
        if audience.roleType == nil {
            paragraphs.append("Set a job target and this section will say what the lesson means for that job.")
        }
        let title = audience.role.map { "Why it matters for a \($0.name)" } ?? "Why it matters"
        return ExplanationSectionDTO(kind: .whyItMatters, title: title, markdown: paragraphs.joined(separator: "\n\n"))
    }

    func explanation(_ lesson: LessonDTO, parts: LessonParts, audience: ExplanationAudience) -> ExplanationSectionDTO {
        var blocks: [String] = []
        if [.student, .careerSwitcher].contains(audience.experienceLevel) {
            let prerequisites = lesson.summary.prerequisites.compactMap { catalog.lessons[$0]?.summary.title }
            if !prerequisites.isEmpty { blocks.append("Before this lesson, be sure of \(Self.list(prerequisites)).") }
        }
        let depth = audience.depth
        let formulas = parts.formulas.map { "**\(parts.formulasTitle ?? "Key formulas")**\n\n\($0)" }
        let pointer = parts.formulas == nil ? nil : "The formulas are in the lesson's \(parts.formulasTitle ?? "Key formulas") section, once the idea is clear."
        let idea = parts.idea ?? lesson.summary.summary
        let title: String
        switch audience.learningStyle {
        case .theoryFirst, nil:
            title = audience.learningStyle == nil ? "The idea" : "The idea, then the formulas"
            blocks.append(idea)
            if let formulas, depth != .gentle { blocks.append(formulas) } else if let pointer { blocks.append(pointer) }
        case .examplesFirst:
            title = "From the example to the idea"
            blocks.append("Read the worked example first; this is the idea it rests on.")
            blocks.append(idea)
            if let formulas, depth == .rigorous { blocks.append(formulas) } else if let pointer { blocks.append(pointer) }
        case .codeFirst:
            title = "The idea through code"
            if let code = parts.code {
                blocks.append(code)
                blocks.append("What the code does, in words:")
            }
            blocks.append(idea)
            if let formulas, depth == .rigorous { blocks.append(formulas) } else if let pointer { blocks.append(pointer) }
        case .visual:
            title = "The idea at a glance"
            if !parts.takeaways.isEmpty { blocks.append(parts.takeaways.map { "- \($0)" }.joined(separator: "\n")) }
            blocks.append(idea)
            if let formulas, depth != .gentle { blocks.append(formulas) } else if let pointer { blocks.append(pointer) }
        }
        return ExplanationSectionDTO(kind: .explanation, title: title, markdown: blocks.joined(separator: "\n\n"))
    }

    func workedExample(_ lesson: LessonDTO, parts: LessonParts, skills: Set<String>, audience: ExplanationAudience) -> ExplanationSectionDTO {
        var blocks: [String] = []
        if let role = audience.role {
            let themes = relatedThemes(role, lesson: lesson, skills: skills)
            if let theme = themes.first {
                blocks.append("In \(role.name) interviews this is the kind of working behind “\(theme)”: check each step as you would there.")
            } else {
                blocks.append("Work it through as a \(role.name) would: check each step, then the result.")
            }
        }
        blocks.append(parts.workedExample ?? parts.idea ?? lesson.summary.summary)
        let title = audience.role.map { "Worked example, read as a \($0.name)" } ?? "Worked example"
        return ExplanationSectionDTO(kind: .workedExample, title: title, markdown: blocks.joined(separator: "\n\n"))
    }

    func interviewAngle(_ lesson: LessonDTO, parts: LessonParts, skills: Set<String>, audience: ExplanationAudience) -> ExplanationSectionDTO {
        var blocks: [String] = []
        if let role = audience.role {
            let themes = relatedThemes(role, lesson: lesson, skills: skills)
            let listed = themes.isEmpty ? role.interviewThemes : themes
            if !listed.isEmpty {
                let lead = themes.isEmpty ? "\(role.name) interviews cover:" : "Where it comes up in \(role.name) interviews:"
                blocks.append(lead + "\n\n" + listed.map { "- \($0)" }.joined(separator: "\n"))
            }
        }
        if parts.questions.isEmpty {
            if let interview = parts.interview { blocks.append(interview) }
        } else {
            blocks.append(
                "How the lesson's questions are asked, and what a strong answer starts with:\n\n"
                    + parts.questions.map { "- “\($0.question)” \(Self.firstSentence(of: $0.answer))" }.joined(separator: "\n")
            )
        }
        if blocks.isEmpty { blocks.append(lesson.summary.summary) }
        let title = audience.role.map { "How \($0.name) interviews ask it" } ?? "In the interview"
        return ExplanationSectionDTO(kind: .interviewAngle, title: title, markdown: blocks.joined(separator: "\n\n"))
    }

    func practice(_ lesson: LessonDTO, parts: LessonParts) -> ExplanationSectionDTO {
        var items = parts.questions.prefix(Self.practiceQuestions).map { (question: $0.question, answer: $0.answer) }
        for takeaway in parts.takeaways where items.count < Self.practiceQuestions {
            items.append(("Say it in your own words, then check: what is the point of this takeaway?", takeaway))
        }
        let markdown = items.enumerated().map { index, item in
            "**\(index + 1). \(item.question)**\n\nAnswer: \(item.answer)"
        }.joined(separator: "\n\n")
        return ExplanationSectionDTO(kind: .practice, title: "Practice", markdown: markdown.isEmpty ? lesson.summary.summary : markdown)
    }

    /// What the person's resume already shows that this lesson builds on, and its prerequisites.
    func connections(_ lesson: LessonDTO, audience: ExplanationAudience) -> ExplanationSectionDTO {
        var blocks: [String] = []
        let topics = Set(lesson.summary.topics.map(\.id))
        let implied = lessonSkills(lesson).subtracting(topics)
        let prerequisiteLessons = lesson.summary.prerequisites.compactMap { catalog.lessons[$0] }
        let prerequisiteSkills = Set(prerequisiteLessons.flatMap(lessonSkills))
        let language = parts(of: lesson).codeLanguage
        let codeSkill = language.flatMap { matcher.scan($0).mentioned.first }
        if audience.skills.isEmpty && audience.impliedSkills.isEmpty {
            blocks.append("Add a resume and this section will show what you already know that this lesson builds on.")
        } else {
            var lines: [String] = []
            for skill in audience.skills {
                let level = " (level \(skill.level) of 5 on your resume)"
                if topics.contains(skill.id) {
                    lines.append("- **\(skill.name)**\(level): this lesson is about it, so read it to go deeper rather than from scratch.")
                } else if implied.contains(skill.id) || prerequisiteSkills.contains(skill.id) {
                    lines.append("- **\(skill.name)**\(level): \(lesson.summary.title) builds on it.")
                } else if skill.id == codeSkill {
                    lines.append("- **\(skill.name)**\(level): the lesson's code is in \(skill.name), so you can run and change it as you read.")
                }
            }
            for skill in audience.impliedSkills where topics.contains(skill.id) || prerequisiteSkills.contains(skill.id) {
                lines.append("- **\(skill.name)**: your resume implies it, and this lesson builds on it.")
            }
            blocks.append(
                lines.isEmpty
                    ? "Nothing on your resume is a direct foundation for this lesson; the prerequisites below are the way in."
                    : "What your resume already shows:\n\n" + lines.joined(separator: "\n")
            )
        }
        if !prerequisiteLessons.isEmpty {
            let known = Set(audience.skills.map(\.id))
            let lines = prerequisiteLessons.map { prerequisite in
                let covered = !Set(prerequisite.summary.topics.map(\.id)).isDisjoint(with: known)
                return "- \(prerequisite.summary.title) (`\(prerequisite.summary.id)`)" + (covered ? ": your resume suggests you can skim it" : "")
            }
            blocks.append("Prerequisites in the library:\n\n" + lines.joined(separator: "\n"))
        }
        return ExplanationSectionDTO(kind: .connections, title: "What you already have", markdown: blocks.joined(separator: "\n\n"))
    }

    // MARK: - Reading the job

    /// The posting's sentences that name one of `skills`, in the posting's order, each once.
    func postingSentences(naming skills: Set<String>, in audience: ExplanationAudience) -> [String] {
        guard let posting = audience.posting else { return [] }
        var seen: [Range<String.Index>] = []
        var sentences: [String] = []
        for mention in matcher.scan(posting).mentions where skills.contains(mention.skillID) && !seen.contains(mention.sentenceRange) {
            seen.append(mention.sentenceRange)
            let sentence = mention.sentence.trimmingCharacters(in: .whitespacesAndNewlines)
            sentences.append(sentence.count > Self.longestSentence ? String(sentence.prefix(Self.longestSentence)) + "…" : sentence)
            if sentences.count == Self.postingSentences { break }
        }
        return sentences
    }

    /// The role's interview themes that name one of the lesson's skills (or what they entail), or
    /// share a long word with its title ("backtest" in a theme and in "Backtesting pitfalls").
    func relatedThemes(_ role: RoleTemplate, lesson: LessonDTO, skills: Set<String>) -> [String] {
        let titleWords = Set(Self.longWords(of: lesson.summary.title))
        let topics = Set(lesson.summary.topics.map(\.id))
        // Closest first: a theme naming one of the lesson's own topics or a title word, then one naming what they entail.
        let scored: [(theme: String, closeness: Int)] = role.interviewThemes.map { theme in
            let named = Set(matcher.scan(theme).mentioned)
            if !named.isDisjoint(with: topics) || !Set(Self.longWords(of: theme)).isDisjoint(with: titleWords) { return (theme, 2) }
            return (theme, named.isDisjoint(with: skills) ? 0 : 1)
        }
        return scored.enumerated().filter { $0.element.closeness > 0 }
            .sorted { ($0.element.closeness, -$0.offset) > ($1.element.closeness, -$1.offset) }.map(\.element.theme)
    }

    /// Words of six letters or more, lower-cased and folded by the tokenizer (plurals, diacritics):
    /// long enough to say what a text is about rather than how it is phrased.
    static func longWords(of text: String) -> [String] {
        Tokenizer.tokenize(text).map(\.key).filter { $0.count >= 6 }
    }

    func name(of skill: String) -> String {
        taxonomy.skill(skill)?.name ?? skill
    }

    /// The first sentence of an answer's first line.
    static func firstSentence(of text: String) -> String {
        let line = text.prefix { $0 != "\n" }
        guard let end = line.range(of: ". ") else { return String(line) }
        return String(line[..<end.lowerBound]) + "."
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
