import Foundation
import Testing

@testable import Intelligence

@Suite("The skills taxonomy")
struct TaxonomyTests {
    static let taxonomy = try! Taxonomy.bundled()

    @Test("the shipped taxonomy has 400+ skills, the seven role templates, and breaks no rule")
    func shipped() {
        let problems = TaxonomyValidator(taxonomy: Self.taxonomy).problems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(Self.taxonomy.skills.count >= 400)
        #expect(
            Set(Self.taxonomy.roles.map(\.id))
                == ["quant_researcher", "quant_trader", "risk_quant", "ml_engineer", "data_scientist", "software_engineer", "product_manager"]
        )
        #expect(Set(Self.taxonomy.skills.map(\.kind)) == [.topic, .technology, .softSkill])
    }

    func skill(_ id: String, aliases: [String] = [], implies: [String] = [], shared: [String] = [], context: [String] = []) throws -> Skill {
        let json = """
            {"id":"\(id)","name":"\(id.replacingOccurrences(of: "_", with: " "))","aliases":\(aliases),"category":"statistics","kind":"topic",
             "group":"probability_statistics","implies":\(implies),"shared_aliases":\(shared),"context_aliases":\(context)}
            """
        return try JSONDecoder().decode(Skill.self, from: Data(json.utf8))
    }

    @Test("an alias claimed by two skills is refused unless both mark it shared")
    func sharedAliases() throws {
        let clash = Taxonomy(skills: [try skill("alpha", aliases: ["GBM"]), try skill("beta", aliases: ["gbms"])], roles: [], resources: [])
        #expect(TaxonomyValidator(taxonomy: clash).problems() == ["alias \"gbm\" is claimed by alpha, beta without being marked shared"])
        let marked = Taxonomy(
            skills: [try skill("alpha", aliases: ["GBM"], shared: ["GBM"]), try skill("beta", aliases: ["GBM"], shared: ["GBM"])], roles: [],
            resources: []
        )
        #expect(TaxonomyValidator(taxonomy: marked).problems() == [])
    }

    @Test("duplicate ids, unknown implied skills and implies cycles are refused")
    func structure() throws {
        let broken = Taxonomy(
            skills: [try skill("a", implies: ["b"]), try skill("b", implies: ["a"]), try skill("c", implies: ["nowhere"]), try skill("c")],
            roles: [], resources: []
        )
        let problems = TaxonomyValidator(taxonomy: broken).problems()
        #expect(problems.contains("duplicate skill id c"))
        #expect(problems.contains("c implies unknown skill nowhere"))
        #expect(problems.contains { $0.hasPrefix("implies cycle: a → b → a") })
    }

    @Test("implied skills are followed transitively and exclude what was named")
    func implied() {
        let implied = Self.taxonomy.implied(by: ["pytorch"])
        #expect(implied.contains("deep_learning"))
        #expect(implied.contains("neural_networks"))
        #expect(!implied.contains("pytorch"))
    }
}
