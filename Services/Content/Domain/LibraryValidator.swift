import Foundation
import Intelligence

/// Everything that makes a library unfit to ship, as sentences naming the lesson and the rule.
struct LibraryValidator {
    static let words = 400...1000

    let library: LessonLibrary
    let taxonomy: Taxonomy
    let matcher: SkillMatcher

    init(library: LessonLibrary, taxonomy: Taxonomy) {
        self.library = library
        self.taxonomy = taxonomy
        self.matcher = SkillMatcher(taxonomy: taxonomy)
    }

    func problems() -> [String] {
        var problems = library.unreadable.map { "\($0.file): unreadable front matter: \($0.reason)" }
        var byID: [String: Lesson] = [:]
        for lesson in library.lessons {
            if byID[lesson.meta.id] != nil { problems.append("duplicate lesson id \(lesson.meta.id)") }
            byID[lesson.meta.id] = lesson
        }
        for lesson in library.lessons {
            let name = lesson.meta.id
            // Ids stand in URLs, in stored paths' JSON and in SQL literals a rename rewrites: slugs only.
            for id in [name] + lesson.meta.aliases where !Self.isSlug(id) {
                problems.append("\(name): id \(id) is not a slug (lower-case letters and digits, joined by single hyphens)")
            }
            for prerequisite in lesson.meta.prerequisites {
                guard let required = byID[prerequisite] else {
                    problems.append("\(name): prerequisite \(prerequisite) does not exist")
                    continue
                }
                if required.meta.layer > lesson.meta.layer {
                    problems.append("\(name) (\(lesson.meta.layer.rawValue)) requires \(prerequisite) of the higher layer \(required.meta.layer.rawValue)")
                }
            }
            for topic in lesson.meta.topics where taxonomy.skill(topic) == nil {
                problems.append("\(name): topic \(topic) is not a taxonomy skill")
            }
            if lesson.meta.topics.isEmpty { problems.append("\(name): teaches no topic") }
            if !Self.words.contains(lesson.wordCount) {
                problems.append("\(name): \(lesson.wordCount) words, outside \(Self.words.lowerBound)–\(Self.words.upperBound)")
            }
            if lesson.meta.minutes <= 0 { problems.append("\(name): minutes must be positive") }
        }
        problems += cycles(byID).map { "prerequisite cycle: \($0.joined(separator: " → "))" }
        problems += aliasProblems(byID)
        problems += unrequiredSkills(byID)
        let taught = Set(library.lessons.flatMap(\.meta.topics))
        let covered = Set(taxonomy.resources.map(\.skill))
        for role in taxonomy.roles {
            for requirement in role.required where !taught.contains(requirement.skill) && !covered.contains(requirement.skill) {
                problems.append("\(role.id) requires \(requirement.skill), which no lesson teaches and no external resource covers")
            }
        }
        return problems
    }

    /// `a-z` and `0-9` runs joined by single hyphens, at most 100 characters.
    static func isSlug(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return id.utf8.count <= 100
            && parts.allSatisfy { part in !part.isEmpty && part.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) } }
    }

    /// An old id must name one lesson only, and no lesson that exists under it.
    private func aliasProblems(_ lessons: [String: Lesson]) -> [String] {
        var problems: [String] = []
        var claimed: [String: String] = [:]
        for lesson in library.lessons {
            for alias in lesson.meta.aliases {
                if lessons[alias] != nil { problems.append("\(lesson.meta.id): alias \(alias) is the id of a lesson") }
                if let other = claimed.updateValue(lesson.meta.id, forKey: alias), other != lesson.meta.id {
                    problems.append("alias \(alias) is claimed by both \(other) and \(lesson.meta.id)")
                }
            }
        }
        return problems
    }

    /// A lesson that leans on a skill another lesson teaches (names it in a heading, or at least
    /// `CoverageIndex.taughtMentions` times in its prose) must require one of the lessons that teach
    /// it, directly or through its prerequisites: otherwise a path can put it before what it builds on.
    /// Naming what a later lesson teaches, one that requires this one, is a pointer ahead, not a use.
    private func unrequiredSkills(_ lessons: [String: Lesson]) -> [String] {
        var teachers: [String: [String]] = [:]
        for lesson in library.lessons {
            for topic in lesson.meta.topics { teachers[topic, default: []].append(lesson.meta.id) }
        }
        var problems: [String] = []
        let required = Dictionary(uniqueKeysWithValues: lessons.keys.map { ($0, ancestors(of: $0, in: lessons)) })
        for lesson in library.lessons {
            let prose = lesson.prose
            let id = lesson.meta.id
            let inHeadings = Set(MarkdownHeadings.read(prose).flatMap { matcher.scan($0.text).mentioned })
            var counts: [String: Int] = [:]
            for mention in matcher.scan(prose).mentions where !sharesName(mention) { counts[mention.skillID, default: 0] += 1 }
            for (skill, count) in counts.sorted(by: { $0.key < $1.key })
            where count >= CoverageIndex.taughtMentions || inHeadings.contains(skill) {
                guard !lesson.meta.topics.contains(skill), let teaching = teachers[skill]?.filter({ $0 != id }), !teaching.isEmpty,
                    !teaching.contains(where: { required[id]?.contains($0) == true || required[$0]?.contains(id) == true })
                else { continue }
                let use = inHeadings.contains(skill) ? "names \(skill) in a heading" : "names \(skill) \(count) times"
                problems.append("\(id) \(use) but requires no lesson that teaches it (\(teaching.joined(separator: ", ")))")
            }
        }
        return problems
    }

    /// Whether the mention is a name two skills deliberately share ("GBM"), so says nothing of which.
    private func sharesName(_ mention: SkillMention) -> Bool {
        taxonomy.skill(mention.skillID)?.sharedAliases.contains { $0.caseInsensitiveCompare(mention.matchedText) == .orderedSame } ?? false
    }

    /// Every lesson `id` requires, directly or through its prerequisites.
    private func ancestors(of id: String, in lessons: [String: Lesson]) -> Set<String> {
        var found: Set<String> = []
        var pending = lessons[id]?.meta.prerequisites ?? []
        while let next = pending.popLast() {
            guard found.insert(next).inserted else { continue }
            pending += lessons[next]?.meta.prerequisites ?? []
        }
        return found
    }

    /// Each prerequisite cycle once, as the lesson ids around it.
    private func cycles(_ lessons: [String: Lesson]) -> [[String]] {
        var state: [String: Bool] = [:]  // false: on the current path; true: finished
        var path: [String] = []
        var found: [[String]] = []
        func visit(_ id: String) {
            if let done = state[id] {
                if !done, let start = path.firstIndex(of: id) { found.append(Array(path[start...]) + [id]) }
                return
            }
            state[id] = false
            path.append(id)
            for next in lessons[id]?.meta.prerequisites ?? [] where lessons[next] != nil { visit(next) }
            path.removeLast()
            state[id] = true
        }
        for id in lessons.keys.sorted() { visit(id) }
        return found
    }
}
