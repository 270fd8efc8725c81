import Foundation
import TestSupport
import Testing

@testable import Intelligence

/// Every text path is linear in its input, whatever its shape: a posting or resume of 8× the size
/// costs about 8× the time, never 64× (the quadratic shapes a hostile probe found cost seconds to
/// hours within the documented limits).
@Suite("Matcher scaling")
struct MatcherScalingTests {
    static let taxonomy = try! Taxonomy.bundled()
    static let matcher = SkillMatcher(taxonomy: taxonomy)
    static let classifier = RoleClassifier(taxonomy: taxonomy, matcher: matcher)

    @Test(
        "scanning grows linearly on adversarial shapes",
        arguments: [
            ("one long line of ambiguous names", "R "),
            ("one long sentence of real skills", "python sql "),
            ("ambiguous names in a list", "R, Go, C, "),
            ("a list line per word", "Skills: R\n"),
            ("words with no skill", "lorem ipsum "),
            ("long gaps of punctuation", "R ...,,,;;;   "),
        ]
    )
    func scanGrowth(shape: String, unit: String) {
        let growth = costGrowth(n: 400) { size in
            _ = Self.matcher.scan(String(repeating: unit, count: size))
        }
        #expect(growth < linearGrowthBound, "\(shape): 8× the text cost \(growth)× the time")
    }

    @Test("one long word and one long run of spaces are linear too")
    func degenerateTokens() {
        let word = costGrowth(n: 4_000) { size in _ = Self.matcher.scan(String(repeating: "x", count: size)) }
        let spaces = costGrowth(n: 4_000) { size in _ = Self.matcher.scan("R" + String(repeating: " ", count: size) + "Python") }
        #expect(word < linearGrowthBound && spaces < linearGrowthBound, "word \(word)×, spaces \(spaces)×")
    }

    @Test("role classification of a long description grows linearly")
    func classifierGrowth() {
        let growth = costGrowth(n: 300) { size in
            _ = Self.classifier.classify(title: "Quant", text: String(repeating: "R python ", count: size))
        }
        #expect(growth < linearGrowthBound, "8× the description cost \(growth)× the time")
    }

    @Test("mentions in one sentence share its text, and its range says which sentence they are in")
    func sharedSentences() {
        let scan = Self.matcher.scan("Python and SQL daily. Also Docker.")
        let python = scan.mentions.first { $0.skillID == "python" }
        let sql = scan.mentions.first { $0.skillID == "sql" }
        let docker = scan.mentions.first { $0.skillID == "docker" }
        #expect(python?.sentence == "Python and SQL daily." && python?.sentenceRange == sql?.sentenceRange)
        #expect(docker?.sentence == "Also Docker." && docker?.sentenceRange != python?.sentenceRange)
    }

    @Test("a spent budget stops the scan instead of letting it run on")
    func budget() {
        let text = String(repeating: "python sql ", count: 20_000)
        #expect(throws: WorkBudget.Exceeded.self) { try Self.matcher.scan(text, within: WorkBudget(until: .now - .seconds(1))) }
        #expect((try? Self.matcher.scan(text, within: WorkBudget(.seconds(60))))?.mentioned == ["python", "sql"])
    }
}
