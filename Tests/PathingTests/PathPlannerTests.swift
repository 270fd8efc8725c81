import Foundation
import Intelligence
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Pathing

/// A small library in the shape of content's lesson graph, over real taxonomy skills, and stand-ins
/// for the stores the tests of other routes never reach.
enum PathFixtures {
    static func node(
        _ id: String, _ layer: String, _ minutes: Int, topics: [String], after prerequisites: [String] = [], critical: Bool = false,
        book: String, position: Int, formerly aliases: [String] = []
    ) -> LessonNodeDTO {
        let skills = topics.map { topic in
            let known = PathingFixtures.taxonomy.skill(topic)
            return SkillDTO(id: topic, name: known?.name ?? topic, category: known?.category ?? "")
        }
        return LessonNodeDTO(
            summary: LessonSummaryDTO(
                id: id, title: id.replacingOccurrences(of: "-", with: " ").capitalized, layer: layer, minutes: minutes, interviewCritical: critical,
                summary: "", topics: skills, prerequisites: prerequisites
            ),
            book: book, part: "part", chapter: "chapter", position: position, contentHash: String(repeating: "a", count: 64), aliases: aliases
        )
    }

    /// Two books for a quant researcher's template; `multiple_testing` is taught nowhere, and
    /// `regression-ols` was once `linear-regression-basics`.
    static let graph = LessonGraphDTO(items: [
        node("probability-basics", "L1", 30, topics: ["probability_theory"], book: "foundations", position: 0),
        node("conditional-probability", "L2", 40, topics: ["probability_theory"], after: ["probability-basics"], critical: true, book: "foundations", position: 1),
        node("python-basics", "L1", 30, topics: ["python"], book: "foundations", position: 2),
        node("pandas-dataframes", "L2", 45, topics: ["pandas"], after: ["python-basics"], book: "foundations", position: 3),
        node("hypothesis-tests", "L2", 40, topics: ["statistical_hypothesis_testing"], after: ["probability-basics"], book: "foundations", position: 4),
        node("linear-algebra-basics", "L1", 35, topics: ["linear_algebra"], book: "foundations", position: 5),
        node(
            "regression-ols", "L2", 45, topics: ["linear_regression"], after: ["linear-algebra-basics"], book: "foundations", position: 6,
            formerly: ["linear-regression-basics"]
        ),
        node("time-series-arma", "L3", 50, topics: ["time_series_analysis"], after: ["regression-ols", "hypothesis-tests"], book: "methods", position: 7),
        node("backtesting-pitfalls", "L3", 40, topics: ["backtesting", "overfitting"], after: ["pandas-dataframes"], critical: true, book: "methods", position: 8),
        node("brainteasers", "L2", 30, topics: ["probability_brainteasers"], after: ["conditional-probability"], critical: true, book: "methods", position: 9),
        node("ml-foundations", "L2", 45, topics: ["machine_learning"], after: ["regression-ols"], book: "methods", position: 10),
        node("stochastic-calculus-intro", "L3", 60, topics: ["stochastic_calculus"], after: ["probability-basics"], book: "methods", position: 11),
        node("factor-models", "L3", 45, topics: ["factor_models"], after: ["regression-ols"], book: "methods", position: 12),
        node("ml-deep-dive", "L3", 55, topics: ["machine_learning"], after: ["ml-foundations"], book: "methods", position: 13),
    ])
    static let catalog = LessonCatalog(graph)

    /// A plan for `topics` (skill id, importance, level asked, level shown), covered when the catalog teaches them.
    static func plan(
        _ topics: [(String, String, Int, Int?)], known: [String] = [], marked: [String] = [], weeklyHours: Int = 5, interviewPrep: Bool = false,
        catalog: LessonCatalog = catalog
    ) -> PathPlan {
        func skill(_ id: String) -> SkillDTO {
            let known = PathingFixtures.taxonomy.skill(id)
            return SkillDTO(id: id, name: known?.name ?? id, category: known?.category ?? "")
        }
        let planned = topics.map { id, importance, level, shown in
            let teaching = catalog.lessons(teaching: id)
            return PathPlan.Topic(
                skill: skill(id), importance: importance, requiredLevel: level, shownLevel: shown, covered: !teaching.isEmpty,
                lessons: teaching.map(\.summary.id),
                resources: teaching.isEmpty ? [ExternalResourceDTO(title: "A book on \(id)", url: "https://example.com/\(id)", kind: "book")] : []
            )
        }
        return PathPlan(
            target: PathTargetDTO(jobTitle: "Quant Researcher", roleType: "quant_researcher", targetHash: nil), topics: planned, known: known.map(skill),
            markedKnown: marked.map(skill), weeklyHours: weeklyHours, startDate: "2026-11-30", interviewPrep: interviewPrep, engine: "embedded"
        )
    }

    static func path(_ plan: PathPlan, catalog: LessonCatalog = catalog) -> LearningPathDTO {
        PathPlanner(catalog: catalog).path(plan, id: UUID(), createdAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// The broken promises of a path, each said in words: a lesson before its prerequisite, a lesson
    /// twice, a lesson only about known topics, a stage count outside 3–5, durations that do not follow
    /// the minutes and weekly hours.
    static func violations(_ path: LearningPathDTO, plan: PathPlan, catalog: LessonCatalog) -> [String] {
        var found: [String] = []
        let lessons = path.lessons.map(\.lessonID)
        if Set(lessons).count != lessons.count { found.append("a lesson appears twice") }
        if !(3...5).contains(path.stages.count) { found.append("\(path.stages.count) stages") }
        if path.stages.map(\.index) != Array(1...path.stages.count) { found.append("stage indices \(path.stages.map(\.index))") }
        let known = Set(plan.known.map(\.id)).union(plan.markedKnown.map(\.id))
        var seen: Set<String> = []
        for id in lessons {
            guard let lesson = catalog.lesson(id) else {
                found.append("\(id) is not in the library")
                continue
            }
            for prerequisite in lesson.summary.prerequisites where !seen.contains(prerequisite) {
                let topics = catalog.lesson(prerequisite)?.summary.topics.map(\.id) ?? []
                let learnt = !topics.isEmpty && topics.allSatisfy(known.contains)
                if !learnt { found.append("\(id) comes before its prerequisite \(prerequisite)") }
            }
            let topics = lesson.summary.topics.map(\.id)
            if !topics.isEmpty && topics.allSatisfy(known.contains) { found.append("\(id) teaches only known topics") }
            seen.insert(id)
        }
        let open = Set(plan.openTopics.map(\.skill.id))
        let listed = Set(path.coveredTopics.map(\.id)).union(path.uncoveredTopics.map(\.skill.id))
        if listed != open { found.append("topics listed \(listed.sorted()) are not the open topics \(open.sorted())") }
        if !Set(path.knownTopics.map(\.id)).isDisjoint(with: listed) { found.append("a known topic is also a topic to learn") }
        let weeklyMinutes = Double(plan.weeklyHours * 60)
        for stage in path.stages where !stage.lessons.isEmpty {
            let minutes = stage.lessons.reduce(0) { $0 + $1.minutes }
            let expected = PathPlanner.weeks(Double(minutes + Int((Double(minutes) * PathPlanner.practiceShare).rounded())) / weeklyMinutes)
            if stage.durationWeeks != expected { found.append("stage \(stage.index) lasts \(stage.durationWeeks) weeks, not \(expected)") }
        }
        let total = (path.stages.reduce(0) { $0 + $1.durationWeeks } * 10).rounded() / 10
        if path.estimatedWeeks != total { found.append("estimated \(path.estimatedWeeks) weeks, stages add to \(total)") }
        return found
    }
}

/// A small seeded generator (SplitMix64), so a failing case can be run again from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Planning a learning path")
struct PathPlannerTests {
    @Test("a template's gaps: known topics left out, uncovered ones with resources, coverage as covered of all needed, prerequisites first")
    func template() throws {
        let plan = PathFixtures.plan(
            [
                ("probability_theory", "required", 4, nil), ("time_series_analysis", "required", 4, nil), ("pandas", "required", 4, 2),
                ("multiple_testing", "required", 3, nil), ("stochastic_calculus", "preferred", 2, nil),
            ],
            known: ["python"]
        )
        let path = PathFixtures.path(plan)
        #expect(PathFixtures.violations(path, plan: plan, catalog: PathFixtures.catalog).isEmpty)
        #expect(path.knownTopics.map(\.id) == ["python"])
        #expect(path.uncoveredTopics.map(\.skill.id) == ["multiple_testing"] && path.uncoveredTopics[0].resources.count == 1)
        #expect(path.coveragePercent == 80)
        let lessons = path.lessons.map(\.lessonID)
        // Python is known, so its lesson is not pulled in for pandas; the time-series lesson's prerequisites are.
        #expect(!lessons.contains("python-basics"))
        for prerequisite in ["regression-ols", "hypothesis-tests", "linear-algebra-basics"] {
            let lesson = try #require(path.lessons.first { $0.lessonID == prerequisite })
            #expect(lesson.reason.hasPrefix("Prerequisite of “") && lesson.reason.contains("the posting does not name it"))
        }
        // L1 before L2 within a topic; a pandas lesson for someone who shows pandas at level 2 starts at L2.
        #expect(try #require(lessons.firstIndex(of: "probability-basics")) < #require(lessons.firstIndex(of: "conditional-probability")))
        let pandas = try #require(path.lessons.first { $0.lessonID == "pandas-dataframes" })
        #expect(pandas.reason == "Teaches pandas, which the job requires at level 4; your resume shows level 2.")
        // A topic taught only deeper than asked still gets its lesson; the uncovered topic has its own stage.
        #expect(lessons.contains("stochastic-calculus-intro"))
        let beyond = try #require(path.stages.first { $0.name == "Beyond the library" })
        #expect(beyond.resources.map(\.url) == ["https://example.com/multiple_testing"] && beyond.goal.contains("Multiple"))
        #expect(path.stages.first?.name == "Foundations" && path.stages.last?.name == "Practice and review")
    }

    @Test("interview-critical lessons come earlier when the goals include interview preparation")
    func interviewPrep() throws {
        let topics: [(String, String, Int, Int?)] = [
            ("statistical_hypothesis_testing", "required", 4, nil), ("probability_brainteasers", "required", 4, nil),
            ("machine_learning", "required", 3, nil), ("probability_theory", "required", 3, nil),
        ]
        let plain = PathFixtures.path(PathFixtures.plan(topics)).lessons.map(\.lessonID)
        let preparing = PathFixtures.path(PathFixtures.plan(topics, interviewPrep: true))
        let prepared = preparing.lessons.map(\.lessonID)
        #expect(Set(plain) == Set(prepared))
        #expect(try #require(prepared.firstIndex(of: "brainteasers")) < #require(plain.firstIndex(of: "brainteasers")))
        // Machine learning asked at level 3 is taught to L2, not L3.
        #expect(prepared.contains("ml-foundations") && !prepared.contains("ml-deep-dive"))
        #expect(preparing.stages.last?.name == "Interview readiness")
        #expect(preparing.lessons.first { $0.lessonID == "brainteasers" }?.reason.hasSuffix("Often asked in interviews.") == true)
    }

    @Test("a topic marked known leaves the path with its lessons and joins the known topics")
    func markedKnown() {
        let topics: [(String, String, Int, Int?)] = [("machine_learning", "required", 5, nil), ("factor_models", "required", 3, nil)]
        let before = PathFixtures.path(PathFixtures.plan(topics))
        let after = PathFixtures.path(PathFixtures.plan(topics, marked: ["machine_learning"]))
        #expect(before.lessons.map(\.lessonID).contains("ml-deep-dive") && !after.lessons.map(\.lessonID).contains("ml-deep-dive"))
        #expect(after.knownTopics.map(\.id) == ["machine_learning"] && after.coveredTopics.map(\.id) == ["factor_models"])
        #expect(after.estimatedWeeks < before.estimatedWeeks)
    }

    @Test("twice the weekly hours, about half the weeks; nothing to learn still makes three stages")
    func pace() {
        let topics: [(String, String, Int, Int?)] = [("time_series_analysis", "required", 4, nil), ("factor_models", "required", 3, nil)]
        let slow = PathFixtures.path(PathFixtures.plan(topics, weeklyHours: 3))
        let fast = PathFixtures.path(PathFixtures.plan(topics, weeklyHours: 6))
        #expect(abs(fast.estimatedWeeks * 2 - slow.estimatedWeeks) <= 0.1 * Double(slow.stages.count))
        let nothing = PathFixtures.path(PathFixtures.plan([], known: ["python"]))
        #expect(nothing.stages.count == 3 && nothing.lessons.isEmpty && nothing.coveragePercent == 100)
    }

    @Test("on 300 generated libraries and targets: prerequisites first, 3–5 stages, no lesson twice, known topics left out, durations from the weekly hours")
    func properties() {
        let skills = PathingFixtures.taxonomy.skills.prefix(60).map(\.id)
        for seed in UInt64(1)...300 {
            var random = SeededGenerator(state: seed)
            // A library: each lesson may need any earlier one, so the graph has no cycle.
            var nodes: [LessonNodeDTO] = []
            for index in 0..<Int.random(in: 5...40, using: &random) {
                let topics = (0..<Int.random(in: 0...2, using: &random)).compactMap { _ in skills.randomElement(using: &random) }
                let prerequisites = index == 0 ? [] : (0..<Int.random(in: 0...3, using: &random)).map { _ in "l\(Int.random(in: 0..<index, using: &random))" }
                nodes.append(
                    PathFixtures.node(
                        "l\(index)", ["L1", "L2", "L3"].randomElement(using: &random) ?? "L1", Int.random(in: 5...90, using: &random),
                        topics: Array(Set(topics)), after: Array(Set(prerequisites)), critical: Bool.random(using: &random), book: "b\(index % 3)",
                        position: index
                    )
                )
            }
            let catalog = LessonCatalog(LessonGraphDTO(items: nodes.shuffled(using: &random)))
            let picked = Array(Set((0..<Int.random(in: 0...12, using: &random)).compactMap { _ in skills.randomElement(using: &random) }))
            let known = picked.filter { _ in Int.random(in: 0..<4, using: &random) == 0 }
            let topics = picked.filter { !known.contains($0) }.map { id in
                (id, ["required", "preferred", "implicit"].randomElement(using: &random) ?? "required", Int.random(in: 1...5, using: &random),
                 Bool.random(using: &random) ? nil : Int?(Int.random(in: 1...4, using: &random)))
            }
            let marked = topics.map(\.0).filter { _ in Int.random(in: 0..<5, using: &random) == 0 }
            let plan = PathFixtures.plan(
                topics, known: known, marked: marked, weeklyHours: Int.random(in: 1...60, using: &random), interviewPrep: Bool.random(using: &random),
                catalog: catalog
            )
            let violations = PathFixtures.violations(PathFixtures.path(plan, catalog: catalog), plan: plan, catalog: catalog)
            #expect(violations.isEmpty, "seed \(seed): \(violations)")
        }
    }
}

@Suite("Progress rules, standing and streaks")
struct ProgressRuleTests {
    @Test("completing counts as the first review, graded good; completing twice changes nothing; a completed lesson cannot be skipped")
    func rules() throws {
        let scheduler = SpacedReview()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var record = LessonRecord.untouched("regression-ols")
        let started = record.start(at: start)
        #expect(started && record.status == .inProgress && record.startedAt == start)
        let timed = record.addTime(600, at: start)
        #expect(timed && record.secondsSpent == 600)
        let completed = record.complete(at: start, scheduler: scheduler)
        #expect(completed && record.dto.reviews == 1 && record.dto.reviewDueAt == scheduler.review(nil, grade: .good, at: start).due)
        let completedAgain = record.complete(at: start.addingTimeInterval(60), scheduler: scheduler)
        #expect(!completedAgain && record.completedAt == start)
        var skipped = record
        #expect(throws: PathingError.alreadyCompleted) { try skipped.skip() }
        let restarted = record.start(at: start)
        #expect(!restarted && record.status == .completed)
        let due = try #require(record.memory?.due)
        let reviewed = try record.review(.easy, at: due, scheduler: scheduler)
        #expect(reviewed && record.dto.reviews == 2 && (record.memory?.due ?? due) > due)
        var fresh = LessonRecord.untouched("x")
        #expect(throws: PathingError.notCompleted) { try fresh.review(.good, at: start, scheduler: scheduler) }
        _ = fresh.addTime(LessonRecord.maximumSeconds, at: start)
        _ = fresh.addTime(3_600, at: start)
        #expect(fresh.secondsSpent == LessonRecord.maximumSeconds)
    }

    @Test("the percent counts completed lessons of those not skipped; the current stage is the first with work left")
    func standing() {
        var path = PathFixtures.path(PathFixtures.plan([("time_series_analysis", "required", 4, nil)]))
        let ids = path.lessons.map(\.lessonID)
        path = PathStanding.overlay([ids[0]: .completed, ids[1]: .skipped], on: path)
        let standing = PathStanding(path)
        #expect(standing.percent == 100 * 1 / (ids.count - 1))
        #expect(standing.currentStage == path.stages.first { $0.lessons.contains { $0.status == .notStarted } }?.index)
    }

    @Test("a streak counts the person's own days, ending today or yesterday")
    func streak() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        // 2026-11-30 23:30 UTC is 08:30 on 1 December in Tokyo.
        let now = Date(timeIntervalSince1970: 1_796_081_400)
        let times = [now, now.addingTimeInterval(-86_400), now.addingTimeInterval(-2 * 86_400), now.addingTimeInterval(-4 * 86_400)]
        #expect(StudyStreak.days(studiedAt: times, today: now, in: utc) == 3)
        #expect(StudyStreak.days(studiedAt: Array(times.dropFirst()), today: now, in: utc) == 2, "no study yet today: the run to yesterday")
        #expect(StudyStreak.days(studiedAt: Array(times.dropFirst(2)), today: now, in: utc) == 0)
        // Studying at 14:00 and 23:30 UTC on one day is two days in Tokyo (23:00 on 30 November, 08:30 on 1 December).
        let late = [now, now.addingTimeInterval(-9.5 * 3_600)]
        #expect(StudyStreak.days(studiedAt: late, today: now, in: utc) == 1 && StudyStreak.days(studiedAt: late, today: now, in: tokyo) == 2)
    }
}

@Suite("The stored path, answered with statuses spliced in")
struct StoredPathTests {
    @Test("the spliced bytes decode to the path with the person's statuses, even when a reason quotes the marker")
    func splice() throws {
        var path = PathFixtures.path(PathFixtures.plan([("time_series_analysis", "required", 4, nil), ("factor_models", "required", 3, nil)]))
        path.stages[0].lessons[0].reason = #"Quotes "status":"not_started" and \ in its text."#
        var stored = try StoredPath(path)
        let ids = path.lessons.map(\.lessonID)
        stored.statuses = [ids[0]: .completed, ids[2]: .inProgress, ids[3]: .skipped, "not-on-the-path": .completed]
        let spliced = try #require(stored.spliced())
        let read = try JSONCoding.decoder.decode(LearningPathDTO.self, from: Data(buffer: spliced))
        #expect(read == PathStanding.overlay(stored.statuses, on: path))
        #expect(read.lessons.map(\.status).prefix(4) == [.completed, .notStarted, .inProgress, .skipped])
    }

    @Test("a stored text in another form (jsonb's spacing) is decoded and encoded instead")
    func fallback() throws {
        let path = PathFixtures.path(PathFixtures.plan([("time_series_analysis", "required", 4, nil)]))
        var stored = try StoredPath(path)
        stored.json = stored.json.replacingOccurrences(of: #"":"#, with: #"": "#)
        stored.statuses = [path.lessons[0].lessonID: .completed]
        #expect(stored.spliced() == nil)
        let rendered = try JSONCoding.decoder.decode(LearningPathDTO.self, from: Data(buffer: try stored.rendered()))
        #expect(rendered.lessons.first?.status == .completed)
    }
}
