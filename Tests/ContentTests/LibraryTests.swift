import Foundation
import Intelligence
import Testing

@testable import Content

@Suite("The lesson library")
struct LibraryTests {
    static let library = try! LessonLibrary.bundled()
    static let taxonomy = try! Taxonomy.bundled()

    @Test("the shipped library has at least 70 lessons across five books, and breaks no rule")
    func shippedLibrary() {
        let problems = LibraryValidator(library: Self.library, taxonomy: Self.taxonomy).problems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(Self.library.lessons.count >= 70)
        #expect(Set(Self.library.lessons.map { $0.path[0] }).count == 5)
        for lesson in Self.library.lessons {
            #expect(Self.library.sections[lesson.path.dropLast().joined(separator: "/")] != nil, "\(lesson.meta.id) has a chapter heading")
            for heading in ["## The idea", "## Worked example", "## In the interview", "## Key takeaways"] {
                #expect(lesson.body.contains(heading), "\(lesson.meta.id) has \(heading)")
            }
        }
    }

    @Test("lessons come in reading order: book, part, chapter, lesson")
    func order() {
        let paths = Self.library.lessons.map { $0.path.joined(separator: "/") }
        #expect(paths == paths.sorted())
        #expect(Self.library.lessons.first?.path.first?.hasPrefix("01-") == true)
    }

    /// A small library written on the spot, to show each rule fails when broken.
    func problems(_ lessons: [(String, String)], extraFiles: [(String, String)] = []) throws -> [String] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("library-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        for (name, text) in lessons + extraFiles {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        // The real skills, but no role templates: a library of three lessons cannot cover a role.
        let skillsOnly = Taxonomy(skills: Self.taxonomy.skills, roles: [], resources: [])
        return LibraryValidator(library: try LessonLibrary.load(from: root), taxonomy: skillsOnly).problems()
    }

    func lesson(
        _ id: String, layer: String = "L1", prerequisites: [String] = [], topics: [String] = ["bayes_theorem"], words: Int = 450,
        says: String = "", aliases: [String] = []
    ) -> String {
        """
        ---
        id: \(id)
        title: "A lesson"
        layer: \(layer)
        prerequisites: [\(prerequisites.joined(separator: ", "))]
        topics: [\(topics.joined(separator: ", "))]
        minutes: 20
        interview_critical: true
        summary: "One sentence."
        aliases: [\(aliases.joined(separator: ", "))]
        ---
        ## The idea
        \(says)
        \(Array(repeating: "word", count: words).joined(separator: " "))
        """
    }

    @Test("a role's required topic that no lesson teaches and no resource covers is reported")
    func roleCoverage() {
        let withoutResources = Taxonomy(skills: Self.taxonomy.skills, roles: Self.taxonomy.roles, resources: [])
        let uncovered = LibraryValidator(library: Self.library, taxonomy: withoutResources).problems()
        #expect(uncovered.contains { $0.contains("which no lesson teaches and no external resource covers") })
    }

    @Test("a well-formed small library passes")
    func wellFormed() throws {
        #expect(try problems([("b/p/c/01-a.md", lesson("a")), ("b/p/c/02-b.md", lesson("b", layer: "L2", prerequisites: ["a"]))]) == [])
    }

    @Test("malformed front matter is reported with the file")
    func malformed() throws {
        let found = try problems([("b/p/c/01-a.md", "---\nid: a\ntitle: [unclosed\n---\nbody"), ("b/p/c/02-b.md", "no front matter")])
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.contains("unreadable front matter") })
    }

    @Test("a duplicate id, a missing prerequisite, and an unknown topic are reported")
    func references() throws {
        let found = try problems([
            ("b/p/c/01-a.md", lesson("a")), ("b/p/c/02-a.md", lesson("a")),
            ("b/p/c/03-c.md", lesson("c", prerequisites: ["nowhere"], topics: ["not_a_skill"])),
        ])
        #expect(found.contains("duplicate lesson id a"))
        #expect(found.contains("c: prerequisite nowhere does not exist"))
        #expect(found.contains("c: topic not_a_skill is not a taxonomy skill"))
    }

    @Test("a prerequisite cycle and a prerequisite of a higher layer are reported")
    func structure() throws {
        let found = try problems([
            ("b/p/c/01-a.md", lesson("a", prerequisites: ["b"])), ("b/p/c/02-b.md", lesson("b", prerequisites: ["a"])),
            ("b/p/c/03-c.md", lesson("c", layer: "L1", prerequisites: ["d"])), ("b/p/c/04-d.md", lesson("d", layer: "L3")),
        ])
        #expect(found.contains { $0.hasPrefix("prerequisite cycle: a → b → a") })
        #expect(found.contains("c (L1) requires d of the higher layer L3"))
    }

    @Test("a lesson outside 400 to 1,000 words is reported")
    func length() throws {
        let found = try problems([("b/p/c/01-a.md", lesson("a", words: 120)), ("b/p/c/02-b.md", lesson("b", words: 1200))])
        #expect(found.contains { $0.hasPrefix("a: 12") && $0.hasSuffix("outside 400–1000") })
        #expect(found.contains { $0.hasPrefix("b: 120") })
    }

    @Test("a lesson that leans on what another lesson teaches must require it, directly or through its prerequisites")
    func unrequiredSkill() throws {
        let leans = "Bayes' theorem updates a prior. We apply Bayes' theorem twice. Bayes' theorem again."
        let found = try problems([
            ("b/p/c/01-a.md", lesson("a")),
            ("b/p/c/02-b.md", lesson("b", topics: ["monty_hall_problem"], says: leans)),
            ("b/p/c/03-c.md", lesson("c", topics: ["monty_hall_problem"], says: leans)),
            ("b/p/c/04-d.md", lesson("d", prerequisites: ["a"], topics: ["coupon_collector_problem"], says: leans)),
            ("b/p/c/05-e.md", lesson("e", prerequisites: ["d"], topics: ["gamblers_ruin"], says: leans)),
            ("b/p/c/06-f.md", lesson("f", topics: ["geometric_probability"], says: "## Bayes' theorem, as a heading once")),
        ])
        #expect(found.contains("b names bayes_theorem 3 times but requires no lesson that teaches it (a)"))
        #expect(found.contains("c names bayes_theorem 3 times but requires no lesson that teaches it (a)"))
        #expect(found.contains("f names bayes_theorem in a heading but requires no lesson that teaches it (a)"))
        #expect(!found.contains { $0.hasPrefix("d ") || $0.hasPrefix("e ") }, "required directly (d) or through d (e)")
    }

    @Test("naming what a later lesson teaches is a pointer ahead; mathematics, code and names two skills share are not uses")
    func notUses() throws {
        let found = try problems([
            ("b/p/c/01-a.md", lesson("a", says: "Later: value at risk, value at risk, and value at risk are waiting.")),
            ("b/p/c/02-v.md", lesson("v", prerequisites: ["a"], topics: ["value_at_risk"])),
            ("b/p/c/03-w.md", lesson("w", topics: ["variance"], says: "$\\operatorname{Var}(X)$ and $$\\operatorname{Var}(Y)$$ and $\\operatorname{Var}(Z)$.")),
            ("b/p/c/04-g.md", lesson("g", topics: ["gradient_boosting"])),
            ("b/p/c/05-s.md", lesson("s", topics: ["brownian_motion"], says: "GBM paths. A GBM drifts. Simulate GBM.")),
            ("b/p/c/06-k.md", lesson("k", topics: ["random_walk"], says: "```python\n# Bayes theorem, Bayes theorem, Bayes theorem\nprint(1)\n```")),
            ("b/p/c/07-z.md", lesson("z", topics: ["monty_hall_problem"])),
            // Escaped dollars are money, not mathematics: the words between them still count.
            ("b/p/c/08-m.md", lesson("m", topics: ["coupon_collector_problem"], says: "A \\$5 bet, value at risk, value at risk, value at risk, a \\$6 bet.")),
        ])
        #expect(found == ["m names value_at_risk 3 times but requires no lesson that teaches it (v)"])
    }

    @Test("a lesson's old id may not be another lesson's id, nor another lesson's old id")
    func aliasRules() throws {
        let found = try problems([
            ("b/p/c/01-a.md", lesson("a", aliases: ["b", "old-a"])),
            ("b/p/c/02-b.md", lesson("b", aliases: ["old-a"])),
        ])
        #expect(found.contains("a: alias b is the id of a lesson"))
        #expect(found.contains("alias old-a is claimed by both a and b"))
    }

    @Test("ids and old ids are slugs: no capitals, quotes, spaces, doubled or edge hyphens")
    func slugs() throws {
        let found = try problems([
            ("b/p/c/01-a.md", lesson("Bad-Id", aliases: ["ok-old", "x\\\"y", "a--b", "-a"])),
            ("b/p/c/02-b.md", lesson("good-id-2")),
        ])
        let named = found.filter { $0.contains("is not a slug") }
        #expect(named.count == 4, "\(named)")
        #expect(!found.contains { $0.contains("good-id-2 is not") || $0.contains("ok-old is not") })
        #expect(LibraryValidator.isSlug("black-scholes-model") && !LibraryValidator.isSlug(String(repeating: "a", count: 101)))
    }
}
