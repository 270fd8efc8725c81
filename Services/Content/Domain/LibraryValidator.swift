import Foundation
import Intelligence

/// Everything that makes a library unfit to ship, as sentences naming the lesson and the rule.
struct LibraryValidator {
    static let words = 400...1000

    let library: LessonLibrary
    let taxonomy: Taxonomy

    func problems() -> [String] {
        var problems = library.unreadable.map { "\($0.file): unreadable front matter: \($0.reason)" }
        var byID: [String: Lesson] = [:]
        for lesson in library.lessons {
            if byID[lesson.meta.id] != nil { problems.append("duplicate lesson id \(lesson.meta.id)") }
            byID[lesson.meta.id] = lesson
        }
        for lesson in library.lessons {
            let name = lesson.meta.id
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
        let taught = Set(library.lessons.flatMap(\.meta.topics))
        let covered = Set(taxonomy.resources.map(\.skill))
        for role in taxonomy.roles {
            for requirement in role.required where !taught.contains(requirement.skill) && !covered.contains(requirement.skill) {
                problems.append("\(role.id) requires \(requirement.skill), which no lesson teaches and no external resource covers")
            }
        }
        return problems
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
