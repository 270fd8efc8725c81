import Foundation

/// Everything that makes a taxonomy unfit to ship, as sentences naming the skill and the rule.
public struct TaxonomyValidator: Sendable {
    public let taxonomy: Taxonomy

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
    }

    public func problems() -> [String] {
        var problems: [String] = []
        var ids: Set<String> = []
        for skill in taxonomy.skills where !ids.insert(skill.id).inserted { problems.append("duplicate skill id \(skill.id)") }

        // Surface forms as the matcher sees them (case, plurals, hyphens folded).
        var owners: [[String]: [Skill]] = [:]
        for skill in taxonomy.skills {
            for form in Set(skill.surfaceForms) {
                let key = Tokenizer.tokenize(form).map(\.key)
                if key.isEmpty { problems.append("\(skill.id): alias \"\(form)\" has no words") }
                if !(owners[key] ?? []).contains(where: { $0.id == skill.id }) { owners[key, default: []].append(skill) }
            }
            for form in skill.contextAliases where !skill.surfaceForms.contains(form) {
                problems.append("\(skill.id): context alias \"\(form)\" is not one of its names")
            }
            for implied in skill.implies where taxonomy.skill(implied) == nil {
                problems.append("\(skill.id) implies unknown skill \(implied)")
            }
        }
        for (key, skills) in owners.sorted(by: { $0.key.joined(separator: " ") < $1.key.joined(separator: " ") }) where skills.count > 1 {
            let unmarked = skills.filter { skill in !skill.sharedAliases.contains { Tokenizer.tokenize($0).map(\.key) == key } }
            if !unmarked.isEmpty {
                problems.append("alias \"\(key.joined(separator: " "))\" is claimed by \(skills.map(\.id).joined(separator: ", ")) without being marked shared")
            }
        }
        problems += impliesCycles()
        for role in taxonomy.roles {
            for requirement in role.required {
                if taxonomy.skill(requirement.skill) == nil { problems.append("\(role.id) requires unknown skill \(requirement.skill)") }
                if !(1...5).contains(requirement.level) { problems.append("\(role.id): level \(requirement.level) of \(requirement.skill) is outside 1–5") }
            }
            for preferred in role.preferred where taxonomy.skill(preferred) == nil {
                problems.append("\(role.id) prefers unknown skill \(preferred)")
            }
            if role.titleKeywords.isEmpty { problems.append("\(role.id) has no title keywords") }
        }
        for resource in taxonomy.resources {
            if taxonomy.skill(resource.skill) == nil { problems.append("resource \"\(resource.title)\" covers unknown skill \(resource.skill)") }
            if !resource.url.hasPrefix("https://") { problems.append("resource \"\(resource.title)\" is not an https URL") }
        }
        return problems
    }

    private func impliesCycles() -> [String] {
        var state: [String: Bool] = [:]
        var path: [String] = []
        var problems: [String] = []
        func visit(_ id: String) {
            if let done = state[id] {
                if !done, let start = path.firstIndex(of: id) {
                    problems.append("implies cycle: \((path[start...] + [id]).joined(separator: " → "))")
                }
                return
            }
            state[id] = false
            path.append(id)
            for next in taxonomy.skill(id)?.implies ?? [] { visit(next) }
            path.removeLast()
            state[id] = true
        }
        for skill in taxonomy.skills { visit(skill.id) }
        return problems
    }
}
