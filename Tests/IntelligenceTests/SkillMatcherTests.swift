import Foundation
import Testing

@testable import Intelligence

@Suite("Skill matcher")
struct SkillMatcherTests {
    static let taxonomy = try! Taxonomy.bundled()
    static let matcher = SkillMatcher(taxonomy: taxonomy)

    func mentioned(_ text: String) -> [String] {
        Self.matcher.scan(text).mentioned
    }

    @Test("case, punctuation and Unicode compatibility forms do not matter")
    func normalisation() {
        #expect(mentioned("PYTHON.") == ["python"])
        #expect(mentioned("Ｐｙｔｈｏｎ and pytorch!") == ["python", "pytorch"])
        #expect(mentioned("We use Itô's lemma and Ito’s lemma.") == ["itos_lemma"])
    }

    @Test("a name that starts with a dot is not the word without it; k8s and K8s are one name")
    func dotNames() {
        #expect(mentioned("Services in .NET, on (.NET Core)").contains("dotnet"))
        #expect(mentioned("We size and net the positions; net returns after costs.").isEmpty)
        #expect(mentioned("k8s") == ["kubernetes"] && mentioned("K8s") == ["kubernetes"])
        // Two capitals and an s are still an acronym's plural.
        #expect(!mentioned("REST APIs").isEmpty && mentioned("REST APIs") == mentioned("REST API"))
    }

    @Test("plurals and simple inflections match their skill")
    func plurals() {
        #expect(mentioned("Build neural networks and a neural network.") == ["neural_networks"])
        #expect(mentioned("Decision tree and decision trees") == ["decision_trees"])
    }

    @Test("the longest name wins: a multi-word skill is one mention, not several")
    func longestMatch() {
        #expect(mentioned("Deep knowledge of time series analysis.") == ["time_series_analysis"])
        #expect(mentioned("Black-Scholes-Merton pricing") == ["black_scholes"])
    }

    @Test("hyphen and space spellings are the same name, and aliases find their skill")
    func variants() {
        #expect(mentioned("the Black Scholes formula") == ["black_scholes"])
        #expect(mentioned("time-series analysis") == ["time_series_analysis"])
        #expect(mentioned("sklearn, kNN, k-nearest neighbours") == ["scikit_learn", "k_nearest_neighbors"])
        #expect(mentioned("C++ and C# and Node.js") == ["cpp", "csharp", "nodejs"])
    }

    @Test("R, C, Go, Excel and Spark count only where they are the technology")
    func ambiguousNames() {
        #expect(mentioned("Experience with R is a plus.") == ["r_language"])
        #expect(mentioned("Python, R and SQL") == ["python", "r_language", "sql"])
        #expect(mentioned("R/Python for research") == ["r_language", "python"])
        #expect(mentioned("Skills: Go, Kubernetes") == ["go_language", "kubernetes"])
        #expect(mentioned("Write Go services and Spark jobs") == ["go_language", "apache_spark"])
        #expect(mentioned("Plan B or C will do.").isEmpty)
        #expect(mentioned("We go fast and excel at shipping.").isEmpty)
        #expect(mentioned("Go ahead and spark curiosity.").isEmpty)
        #expect(mentioned("You excel at communication.").contains("excel") == false)
        #expect(mentioned("Advanced Excel and VBA") == ["excel", "vba"] || mentioned("Advanced Excel and VBA").first == "excel")
    }

    @Test("each mention carries its range in the text and its sentence")
    func evidence() throws {
        let text = "We trade futures. Strong Python skills are required! Also SQL."
        let scan = Self.matcher.scan(text)
        let python = try #require(scan.mentions.first { $0.skillID == "python" })
        #expect(text[python.range] == "Python")
        #expect(python.sentence == "Strong Python skills are required!")
        #expect(scan.mentions.first { $0.skillID == "sql" }?.sentence == "Also SQL.")
    }

    @Test("implied skills are reported apart from the mentioned ones")
    func implied() {
        let scan = Self.matcher.scan("Daily work in PyTorch.")
        #expect(scan.mentioned == ["pytorch"])
        #expect(scan.implied.contains("deep_learning"))
        #expect(!scan.implied.contains("pytorch"))
    }

    @Test("text without skills yields nothing, and the empty text too")
    func nothing() {
        #expect(mentioned("").isEmpty)
        #expect(mentioned("We are a friendly team in a sunny office.").isEmpty)
    }
}

@Suite("Matcher on realistic postings and resumes")
struct FixtureTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    @Test("precision and recall against hand-labelled texts are both at least 0.9")
    func precisionAndRecall() throws {
        let expected = try JSONDecoder().decode([String: [String]].self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))
        #expect(expected.keys.filter { $0.hasPrefix("postings/") }.count >= 10)
        #expect(expected.keys.filter { $0.hasPrefix("resumes/") }.count >= 10)
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var report: [String] = []
        for (file, labels) in expected.sorted(by: { $0.key < $1.key }) {
            let text = try String(contentsOf: Self.fixtures.appendingPathComponent(file), encoding: .utf8)
            let found = Set(SkillMatcherTests.matcher.scan(text).mentioned)
            let wanted = Set(labels)
            truePositives += found.intersection(wanted).count
            falsePositives += found.subtracting(wanted).count
            falseNegatives += wanted.subtracting(found).count
            if found != wanted {
                report.append("\(file): extra \(found.subtracting(wanted).sorted()), missed \(wanted.subtracting(found).sorted())")
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print("matcher on \(expected.count) texts: precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall)) (\(truePositives) found, \(falsePositives) extra, \(falseNegatives) missed)")
        for line in report { print("  " + line) }
        #expect(precision >= 0.9)
        #expect(recall >= 0.9)
    }

    @Test("each posting is classified as the role it was written for, with a runner-up")
    func roles() throws {
        let classifier = RoleClassifier(taxonomy: SkillMatcherTests.taxonomy, matcher: SkillMatcherTests.matcher)
        let postings = Self.fixtures.appendingPathComponent("postings")
        for file in try FileManager.default.contentsOfDirectory(atPath: postings.path).sorted() {
            let text = try String(contentsOf: postings.appendingPathComponent(file), encoding: .utf8)
            let title = String(text.prefix { !$0.isNewline })
            let role = file.dropFirst(3).dropLast(4).replacingOccurrences(of: "-", with: "_")
            let result = try #require(classifier.classify(title: title, text: text))
            #expect(result.best.roleID == role, "\(file): \(result.best.roleID) \(result.best.score), runner-up \(result.runnerUp?.roleID ?? "-")")
            #expect((result.runnerUp?.score ?? 1) <= result.best.score)
        }
    }

    @Test("a title alone is enough to recognise a role")
    func titleOnly() {
        let classifier = RoleClassifier(taxonomy: SkillMatcherTests.taxonomy, matcher: SkillMatcherTests.matcher)
        #expect(classifier.classify(title: "Senior Machine Learning Engineer", text: "")?.best.roleID == "ml_engineer")
        #expect(classifier.classify(title: "Product Manager, Payments", text: "")?.best.roleID == "product_manager")
    }
}

@Suite("Word folding")
struct TokenizerTests {
    @Test("plurals fold to the singular, but not words that only look plural")
    func singular() {
        #expect(Tokenizer.tokenize("Regressions strategies classes analysis status APIs GPUs LLMs").map(\.key)
            == ["regression", "strategy", "class", "analysis", "status", "api", "gpu", "llm"])
    }

    @Test("C++, C#, kdb+ and node.js stay whole; hyphens and slashes split")
    func wordShapes() {
        #expect(Tokenizer.tokenize("C++/C# kdb+ node.js time-series 3.5").map(\.key) == ["c++", "c#", "kdb+", "node.js", "time", "sery", "3.5"])
    }
}
