public import Foundation

/// One skill of the taxonomy: a topic, a technology or a soft skill, with the names it goes by.
public struct Skill: Codable, Sendable, Hashable, Identifiable {
    public enum Kind: String, Codable, Sendable {
        case topic
        case technology
        case softSkill = "soft_skill"
    }

    public var id: String
    public var name: String
    public var aliases: [String]
    public var category: String
    public var kind: Kind
    /// The group gap reports roll up to.
    public var group: String
    /// Skills this one entails (PyTorch → deep learning → neural networks).
    public var implies: [String]
    /// Surface forms that are ordinary words too ("R", "Go", "Excel") and count only in a technology context.
    public var contextAliases: [String]
    /// Aliases this skill deliberately shares with another skill.
    public var sharedAliases: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, aliases, category, kind, group, implies
        case contextAliases = "context_aliases"
        case sharedAliases = "shared_aliases"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        category = try container.decode(String.self, forKey: .category)
        kind = try container.decode(Kind.self, forKey: .kind)
        group = try container.decode(String.self, forKey: .group)
        implies = try container.decodeIfPresent([String].self, forKey: .implies) ?? []
        contextAliases = try container.decodeIfPresent([String].self, forKey: .contextAliases) ?? []
        sharedAliases = try container.decodeIfPresent([String].self, forKey: .sharedAliases) ?? []
    }

    /// The name and every alias.
    public var surfaceForms: [String] { [name] + aliases }
}

/// A role template: what a kind of job needs, and the words that name it.
public struct RoleTemplate: Codable, Sendable, Hashable, Identifiable {
    /// A required skill and the level (1–5) the role expects.
    public struct Requirement: Codable, Sendable, Hashable {
        public var skill: String
        public var level: Int
    }

    public var id: String
    public var name: String
    public var description: String
    public var titleKeywords: [String]
    public var required: [Requirement]
    public var preferred: [String]
    public var interviewThemes: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, description, required, preferred
        case titleKeywords = "title_keywords"
        case interviewThemes = "interview_themes"
    }
}

/// Somewhere outside the library to learn a skill.
public struct ExternalResource: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case book
        case course
        case practiceSite = "practice_site"
        case documentation
    }

    public var skill: String
    public var title: String
    public var kind: Kind
    public var url: String
}

/// The skills taxonomy, role templates and external resources that ship with Pathwise.
public struct Taxonomy: Sendable {
    public let skills: [Skill]
    public let roles: [RoleTemplate]
    public let resources: [ExternalResource]
    private let index: [String: Int]

    public init(skills: [Skill], roles: [RoleTemplate], resources: [ExternalResource]) {
        self.skills = skills
        self.roles = roles
        self.resources = resources
        var index: [String: Int] = [:]
        for (position, skill) in skills.enumerated() where index[skill.id] == nil { index[skill.id] = position }
        self.index = index
    }

    /// The skill with `id`.
    public func skill(_ id: String) -> Skill? {
        index[id].map { skills[$0] }
    }

    /// Loads the JSON files under `Resources/` (every `skills-*.json`, `roles.json`, `resources.json`).
    public static func bundled() throws -> Taxonomy {
        try load(from: try resourceDirectory())
    }

    /// The folder the taxonomy's JSON files ship in.
    public static func resourceDirectory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return url
    }

    /// Loads a taxonomy from the JSON files in `directory`.
    public static func load(from directory: URL) throws -> Taxonomy {
        struct Skills: Decodable { var skills: [Skill] }
        struct Roles: Decodable { var roles: [RoleTemplate] }
        struct Resources: Decodable { var resources: [ExternalResource] }
        let decoder = JSONDecoder()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var skills: [Skill] = []
        for file in files where file.hasPrefix("skills") && file.hasSuffix(".json") {
            skills += try decoder.decode(Skills.self, from: Data(contentsOf: directory.appendingPathComponent(file))).skills
        }
        let roles = try decoder.decode(Roles.self, from: Data(contentsOf: directory.appendingPathComponent("roles.json"))).roles
        let resources = try decoder.decode(Resources.self, from: Data(contentsOf: directory.appendingPathComponent("resources.json"))).resources
        return Taxonomy(skills: skills, roles: roles, resources: resources)
    }

    /// Every skill `ids` entail through `implies`, transitively, excluding `ids` themselves.
    public func implied(by ids: some Sequence<String>) -> [String] {
        let start = Set(ids)
        var seen = start
        var queue = Array(start)
        var result: [String] = []
        while let next = queue.popLast() {
            for implied in skill(next)?.implies ?? [] where !seen.contains(implied) {
                seen.insert(implied)
                result.append(implied)
                queue.append(implied)
            }
        }
        return result.sorted()
    }
}
