import Foundation

/// How well a title and text fit one role template, from 0 to 1.
public struct RoleScore: Sendable, Hashable {
    public let roleID: String
    public let score: Double
}

/// The best-fitting role and the one behind it.
public struct RoleClassification: Sendable {
    public let best: RoleScore
    public let runnerUp: RoleScore?
}

/// Scores a job title and text against the role templates: title keywords weigh most (in the title
/// more than in the text), then how much of the role's required skills (weighted by level) and
/// preferred skills the text names or implies.
public struct RoleClassifier: Sendable {
    /// Below this a title and text say too little about any role: a title keyword alone scores 0.55,
    /// a text naming a third of a role's required skills about 0.15–0.45.
    public static let threshold = 0.3

    let taxonomy: Taxonomy
    let matcher: SkillMatcher
    private let keywordKeys: [String: [[String]]]

    public init(taxonomy: Taxonomy, matcher: SkillMatcher) {
        self.taxonomy = taxonomy
        self.matcher = matcher
        var keys: [String: [[String]]] = [:]
        for role in taxonomy.roles {
            keys[role.id] = role.titleKeywords.map { Tokenizer.tokenize($0).map(\.key) }.filter { !$0.isEmpty }
        }
        self.keywordKeys = keys
    }

    /// Every role's score for `title` and `text`, best first.
    public func scores(title: String, text: String) -> [RoleScore] {
        // An unlimited budget never throws.
        (try? scores(title: title, text: text, within: .unlimited)) ?? []
    }

    /// `scores(title:text:)` that stops with `WorkBudget.Exceeded` once `budget` has run out.
    public func scores(title: String, text: String, within budget: WorkBudget) throws(WorkBudget.Exceeded) -> [RoleScore] {
        let scan = try matcher.scan(title + "\n" + text, within: budget)
        return scores(titleKeys: Tokenizer.tokenize(title).map(\.key), textKeys: Tokenizer.tokenize(text).map(\.key), present: Set(scan.mentioned).union(scan.implied))
    }

    /// The best role and the runner-up for a text already scanned: `textScan` is the matcher's scan of
    /// `text` (the title is scanned here), so a caller that has one does not pay for a second.
    public func classify(title: String, text: String, textScan: SkillScan) -> RoleClassification? {
        let titleScan = matcher.scan(title)
        let present = Set(textScan.mentioned).union(textScan.implied).union(titleScan.mentioned).union(titleScan.implied)
        let ranked = scores(titleKeys: Tokenizer.tokenize(title).map(\.key), textKeys: Tokenizer.tokenize(text).map(\.key), present: present)
        guard let best = ranked.first else { return nil }
        return RoleClassification(best: best, runnerUp: ranked.dropFirst().first)
    }

    func scores(titleKeys: [String], textKeys: [String], present: Set<String>) -> [RoleScore] {
        taxonomy.roles.map { role in
            let keywords = keywordKeys[role.id] ?? []
            let titleScore: Double =
                keywords.contains { Self.contains(titleKeys, $0) } ? 1 : keywords.contains { Self.contains(textKeys, $0) } ? 0.4 : 0
            let requiredWeight = role.required.reduce(0) { $0 + $1.level }
            let requiredFound = role.required.filter { present.contains($0.skill) }.reduce(0) { $0 + $1.level }
            let preferredFound = role.preferred.filter { present.contains($0) }.count
            let skillScore = min(
                1,
                (requiredWeight > 0 ? Double(requiredFound) / Double(requiredWeight) : 0)
                    + 0.25 * (role.preferred.isEmpty ? 0 : Double(preferredFound) / Double(role.preferred.count))
            )
            return RoleScore(roleID: role.id, score: 0.55 * titleScore + 0.45 * skillScore)
        }
        .sorted { $0.score > $1.score || ($0.score == $1.score && $0.roleID < $1.roleID) }
    }

    /// The best role and the runner-up; `nil` when there are no role templates.
    public func classify(title: String, text: String) -> RoleClassification? {
        // An unlimited budget never throws.
        (try? classify(title: title, text: text, within: .unlimited)) ?? nil
    }

    /// `classify(title:text:)` that stops with `WorkBudget.Exceeded` once `budget` has run out.
    public func classify(title: String, text: String, within budget: WorkBudget) throws(WorkBudget.Exceeded) -> RoleClassification? {
        let ranked = try scores(title: title, text: text, within: budget)
        guard let best = ranked.first else { return nil }
        return RoleClassification(best: best, runnerUp: ranked.dropFirst().first)
    }

    /// Whether `keys` contains `phrase` as consecutive words.
    static func contains(_ keys: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, keys.count >= phrase.count else { return false }
        // Plain index loops: slices and zip cost a retain and release per word compared.
        var start = 0
        while start <= keys.count - phrase.count {
            var offset = 0
            while offset < phrase.count && keys[start + offset] == phrase[offset] { offset += 1 }
            if offset == phrase.count { return true }
            start += 1
        }
        return false
    }
}
