import Foundation
import PathwiseProtocol

/// What a path is planned from: the job's weak and missing topics with the library's coverage of each,
/// the topics already known, and the person's pace. It is kept with the path, so marking a topic known
/// plans the path again without asking profile or content anything.
struct PathPlan: Codable, Sendable, Equatable {
    /// A topic the job needs that the resume does not show at the level asked.
    struct Topic: Codable, Sendable, Equatable {
        var skill: SkillDTO
        /// `required`, `preferred` or `implicit`.
        var importance: String
        var requiredLevel: Int
        var shownLevel: Int?
        /// Whether the library teaches it well enough (content's coverage).
        var covered: Bool
        /// The lessons content names for it, best first.
        var lessons: [String]
        /// Outside resources, for a topic the library does not cover.
        var resources: [ExternalResourceDTO]
    }

    var target: PathTargetDTO
    var topics: [Topic]
    /// Topics the resume shows at the level asked.
    var known: [SkillDTO]
    /// Topics the person marked known.
    var markedKnown: [SkillDTO]
    var weeklyHours: Int
    /// `YYYY-MM-DD`.
    var startDate: String
    /// The person's goals include interview preparation: interview-critical lessons come earlier.
    var interviewPrep: Bool
    var engine: String

    /// The topics still to learn: all but those marked known.
    var openTopics: [Topic] {
        let marked = Set(markedKnown.map(\.id))
        return topics.filter { !marked.contains($0.skill.id) }
    }
}

/// Turns a plan into a path over the lesson graph. Covered topics become lessons — as deep as the level
/// asked (level 1–2: L1 lessons; 3: up to L2; 4–5: up to L3), at most `lessonsPerTopic` each — and
/// every lesson's prerequisites are pulled in unless all their topics are known. Lessons are ordered
/// so each comes after its prerequisites, then by stage, interview-critical first for interview
/// preparation, L1 before L2 before L3, required topics before preferred ones, and reading order.
/// Stages: foundations (prerequisites and L1), core methods (L2 of required topics), role-specific
/// depth (L3, and L2 of the rest), beyond the library (uncovered topics' resources), and interview
/// readiness (or practice and review); empty lesson stages are dropped while more than three remain.
/// A stage lasts its lessons' minutes plus half again for practice, at the person's weekly hours.
struct PathPlanner: Sendable {
    static let lessonsPerTopic = 8
    /// Practice (worked problems, reviews) as a share of a stage's lesson minutes.
    static let practiceShare = 0.5
    static let minutesPerUncoveredTopic = 120
    static let readinessMinutes = (interviewPrep: 180, otherwise: 120)

    let catalog: LessonCatalog

    /// Why a lesson is on the path.
    private enum Choice {
        case teaches(PathPlan.Topic)
        case prerequisite(of: String)
    }

    private struct Stop {
        var lesson: LessonNodeDTO
        var choice: Choice
        var category: Int
    }

    func path(_ plan: PathPlan, id: UUID, createdAt: Date) -> LearningPathDTO {
        let topics = plan.openTopics
        let known = Set(plan.known.map(\.id)).union(plan.markedKnown.map(\.id))
        var stops: [String: Stop] = [:]
        var pending: [String] = []
        for topic in topics where topic.covered {
            for lesson in lessons(for: topic) where stops[lesson.summary.id] == nil {
                stops[lesson.summary.id] = Stop(lesson: lesson, choice: .teaches(topic), category: category(lesson, .teaches(topic)))
                pending.append(lesson.summary.id)
            }
        }
        // Prerequisites, transitively; one whose every topic is known is already learnt.
        while let next = pending.popLast() {
            guard let lesson = stops[next]?.lesson else { continue }
            for prerequisite in lesson.summary.prerequisites where stops[prerequisite] == nil {
                guard let needed = catalog.lesson(prerequisite) else { continue }
                let topicIDs = needed.summary.topics.map(\.id)
                if !topicIDs.isEmpty && topicIDs.allSatisfy(known.contains) { continue }
                let choice = Choice.prerequisite(of: next)
                stops[prerequisite] = Stop(lesson: needed, choice: choice, category: category(needed, choice))
                pending.append(prerequisite)
            }
        }
        let ordered = order(stops, interviewPrep: plan.interviewPrep)
        return assemble(plan, topics: topics, ordered: ordered, id: id, createdAt: createdAt)
    }

    /// The lessons for a covered topic, lowest layer first, within the depth its level asks.
    private func lessons(for topic: PathPlan.Topic) -> [LessonNodeDTO] {
        var candidates = catalog.lessons(teaching: topic.skill.id)
        if candidates.isEmpty { candidates = topic.lessons.compactMap(catalog.lesson) }
        let deepest = topic.requiredLevel <= 2 ? 1 : topic.requiredLevel == 3 ? 2 : 3
        let shallowest = (topic.shownLevel ?? 0) >= 2 ? 2 : 1
        func rank(_ lesson: LessonNodeDTO) -> Int { LessonCatalog.layerRank(lesson.summary.layer) }
        var chosen = candidates.filter { (shallowest...max(shallowest, deepest)).contains(rank($0)) }
        if chosen.isEmpty { chosen = candidates.filter { rank($0) <= deepest } }
        if chosen.isEmpty, let lowest = candidates.map(rank).min() { chosen = candidates.filter { rank($0) == lowest } }
        return Array(chosen.sorted { (rank($0), $0.position) < (rank($1), $1.position) }.prefix(Self.lessonsPerTopic))
    }

    /// 0 foundations, 1 core methods, 2 role-specific depth.
    private func category(_ lesson: LessonNodeDTO, _ choice: Choice) -> Int {
        guard case .teaches(let topic) = choice else { return 0 }
        switch LessonCatalog.layerRank(lesson.summary.layer) {
        case ...1: return 0
        case 2: return topic.importance == "required" ? 1 : 2
        default: return 2
        }
    }

    /// Kahn's algorithm, taking the most pressing available lesson each time; then each lesson's stage
    /// is raised to its prerequisites' so stages never run backwards.
    private func order(_ stops: [String: Stop], interviewPrep: Bool) -> [(stop: Stop, stage: Int)] {
        var waitingOn: [String: Set<String>] = [:]
        var unlocks: [String: [String]] = [:]
        for (id, stop) in stops {
            let inPath = Set(stop.lesson.summary.prerequisites.filter { stops[$0] != nil && $0 != id })
            waitingOn[id] = inPath
            for prerequisite in inPath { unlocks[prerequisite, default: []].append(id) }
        }
        func key(_ id: String) -> [Int] {
            guard let stop = stops[id] else { return [] }
            let critical = interviewPrep && stop.lesson.summary.interviewCritical ? 0 : 1
            var importance = 0
            if case .teaches(let topic) = stop.choice { importance = topic.importance == "required" ? 0 : topic.importance == "preferred" ? 1 : 2 }
            return [stop.category, critical, LessonCatalog.layerRank(stop.lesson.summary.layer), importance, stop.lesson.position]
        }
        var available = stops.keys.filter { waitingOn[$0]?.isEmpty ?? true }
        var ordered: [String] = []
        while !available.isEmpty {
            let best = available.indices.min { key(available[$0]).lexicographicallyPrecedes(key(available[$1])) } ?? 0
            let id = available.remove(at: best)
            ordered.append(id)
            for next in unlocks[id] ?? [] {
                waitingOn[next]?.remove(id)
                if waitingOn[next]?.isEmpty == true { available.append(next) }
            }
        }
        // A cycle in the graph (the library's mistake) leaves lessons waiting: they go last, in reading order.
        let placed = Set(ordered)
        ordered += stops.keys.filter { !placed.contains($0) }.sorted { (stops[$0]?.lesson.position ?? 0) < (stops[$1]?.lesson.position ?? 0) }
        var stageOf: [String: Int] = [:]
        var result: [(stop: Stop, stage: Int, turn: Int)] = []
        for (turn, id) in ordered.enumerated() {
            guard let stop = stops[id] else { continue }
            let after = stop.lesson.summary.prerequisites.compactMap { stageOf[$0] }.max() ?? 0
            let stage = max(stop.category, after)
            stageOf[id] = stage
            result.append((stop, stage, turn))
        }
        return result.sorted { ($0.stage, $0.turn) < ($1.stage, $1.turn) }.map { ($0.stop, $0.stage) }
    }

    private func assemble(
        _ plan: PathPlan, topics: [PathPlan.Topic], ordered: [(stop: Stop, stage: Int)], id: UUID, createdAt: Date
    ) -> LearningPathDTO {
        let covered = topics.filter(\.covered)
        let uncovered = topics.filter { !$0.covered }
        var drafts: [StageDraft] = [
            StageDraft(name: "Foundations", kind: .lessons), StageDraft(name: "Core methods", kind: .lessons),
            StageDraft(name: "Role-specific depth", kind: .lessons),
        ]
        for (stop, stage) in ordered {
            drafts[stage].lessons.append(
                PathLessonDTO(
                    lessonID: stop.lesson.summary.id, title: stop.lesson.summary.title, layer: stop.lesson.summary.layer,
                    minutes: stop.lesson.summary.minutes, reason: reason(stop, interviewPrep: plan.interviewPrep), status: .notStarted
                )
            )
            if case .teaches(let topic) = stop.choice, !drafts[stage].skills.contains(topic.skill.name) { drafts[stage].skills.append(topic.skill.name) }
        }
        if !uncovered.isEmpty {
            var beyond = StageDraft(name: "Beyond the library", kind: .resources)
            beyond.skills = uncovered.map(\.skill.name)
            beyond.resources = uncovered.flatMap(\.resources)
            beyond.minutes = uncovered.count * Self.minutesPerUncoveredTopic
            drafts.append(beyond)
        }
        var practice = StageDraft(name: plan.interviewPrep ? "Interview readiness" : "Practice and review", kind: .practice)
        practice.minutes = plan.interviewPrep ? Self.readinessMinutes.interviewPrep : Self.readinessMinutes.otherwise
        drafts.append(practice)
        for index in drafts.indices where drafts[index].kind == .lessons {
            let lessonMinutes = drafts[index].lessons.reduce(0) { $0 + $1.minutes }
            drafts[index].minutes = lessonMinutes + Int((Double(lessonMinutes) * Self.practiceShare).rounded())
        }
        while drafts.count > 3, let empty = drafts.lastIndex(where: { $0.kind == .lessons && $0.lessons.isEmpty }) {
            drafts.remove(at: empty)
        }
        let weeklyMinutes = Double(max(1, plan.weeklyHours) * 60)
        let stages = drafts.enumerated().map { offset, draft in
            StageDTO(
                index: offset + 1, name: draft.name, goal: goal(draft, plan: plan), durationWeeks: Self.weeks(Double(draft.minutes) / weeklyMinutes),
                lessons: draft.lessons, resources: draft.resources
            )
        }
        let estimated = (stages.reduce(0) { $0 + $1.durationWeeks } * 10).rounded() / 10
        return LearningPathDTO(
            id: id, createdAt: createdAt, target: plan.target, weeklyHours: plan.weeklyHours, startDate: plan.startDate, estimatedWeeks: estimated,
            coveragePercent: topics.isEmpty ? 100 : Int((100 * Double(covered.count) / Double(topics.count)).rounded()),
            coveredTopics: covered.map(\.skill), uncoveredTopics: uncovered.map { UncoveredTopicDTO(skill: $0.skill, resources: $0.resources) },
            knownTopics: plan.known + plan.markedKnown, stages: stages, engine: plan.engine
        )
    }

    /// Weeks to one decimal; any work at all is at least a tenth of a week.
    static func weeks(_ value: Double) -> Double {
        value > 0 ? max(0.1, (value * 10).rounded() / 10) : 0
    }

    private struct StageDraft {
        enum Kind {
            case lessons, resources, practice
        }

        var name: String
        var kind: Kind
        var lessons: [PathLessonDTO] = []
        var resources: [ExternalResourceDTO] = []
        var skills: [String] = []
        var minutes = 0
    }

    private func goal(_ draft: StageDraft, plan: PathPlan) -> String {
        let named = draft.skills.prefix(4).joined(separator: ", ")
        switch (draft.kind, draft.name) {
        case (.lessons, _) where draft.lessons.isEmpty:
            return "Nothing to study here: your resume already shows what this stage would teach."
        case (.lessons, "Foundations"):
            return named.isEmpty
                ? "Lay the groundwork the later stages build on."
                : "Lay the groundwork: first lessons on \(named), and the prerequisites the later stages build on."
        case (.lessons, "Core methods"):
            return "Learn the methods the job requires: \(named)."
        case (.lessons, _):
            return named.isEmpty ? "Go deeper where the role asks for it." : "Go deeper where the role asks for it: \(named)."
        case (.resources, _):
            return "Study what the library does not cover yet, with outside resources: \(named)."
        case (.practice, _):
            let role = plan.target.jobTitle ?? plan.target.roleType.replacingOccurrences(of: "_", with: " ")
            return plan.interviewPrep
                ? "Rehearse for the \(role) interview: mock interviews with the coach, and spaced reviews of what you have learnt."
                : "Put it to work: practice sessions with the coach, and spaced reviews of what you have learnt."
        }
    }

    private func reason(_ stop: Stop, interviewPrep: Bool) -> String {
        switch stop.choice {
        case .prerequisite(let dependent):
            let title = catalog.lesson(dependent)?.summary.title ?? dependent
            return "Prerequisite of “\(title)”: the posting does not name it, but that lesson builds on it."
        case .teaches(let topic):
            let wanted =
                switch topic.importance {
                case "required": "which the job requires at level \(topic.requiredLevel)"
                case "preferred": "which the job would like at level \(topic.requiredLevel)"
                default: "which the job implies at level \(topic.requiredLevel)"
                }
            let shown = topic.shownLevel.map { "your resume shows level \($0)" } ?? "your resume does not show it yet"
            let asked = interviewPrep && stop.lesson.summary.interviewCritical ? " Often asked in interviews." : ""
            return "Teaches \(topic.skill.name), \(wanted); \(shown).\(asked)"
        }
    }
}
