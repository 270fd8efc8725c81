import Foundation
import PathwiseProtocol

/// What to do next, in the order a tutor would say it: reviews whose time has come (oldest first),
/// then the path's next lessons whose prerequisites are done (one already started first), then
/// prerequisites the path left out because the resume shows their topics, then one stretch lesson
/// beyond what the job asks. Each with a reason a person can read.
struct Recommender: Sendable {
    static let nextOnPath = 3
    static let prerequisites = 2

    let catalog: LessonCatalog

    /// `path` carries the person's statuses; `progress` is every lesson they have touched.
    func recommend(path: LearningPathDTO?, progress: [String: LessonProgressDTO], now: Date, limit: Int) -> [RecommendationDTO] {
        var items: [RecommendationDTO] = []
        var named: Set<String> = []
        func add(_ lessonID: String, _ kind: RecommendationDTO.Kind, _ reason: String, due: Date? = nil) {
            guard !named.contains(lessonID), let lesson = catalog.lesson(lessonID) else { return }
            named.insert(lessonID)
            items.append(RecommendationDTO(lessonID: lessonID, title: lesson.summary.title, kind: kind, reason: reason, dueAt: due))
        }
        func done(_ lessonID: String) -> Bool {
            let status = progress[lessonID]?.status
            return status == .completed || status == .skipped
        }

        let due = progress.values.compactMap { item in item.reviewDueAt.map { (item, $0) } }.filter { $0.1 <= now }.sorted { ($0.1, $0.0.lessonID) < ($1.1, $1.0.lessonID) }
        for (item, dueAt) in due {
            add(item.lessonID, .reviewDue, "Due for review: spaced review expects your recall of it to have fallen to about 90% by now.", due: dueAt)
        }

        if let path {
            let onPath = Set(path.lessons.map(\.lessonID))
            var stageOf: [String: StageDTO] = [:]
            for stage in path.stages { for lesson in stage.lessons { stageOf[lesson.lessonID] = stage } }
            let open = path.lessons.filter { $0.status == .notStarted || $0.status == .inProgress }
            let ready = open.filter { lesson in
                (catalog.lesson(lesson.lessonID)?.summary.prerequisites ?? []).allSatisfy { !onPath.contains($0) || done($0) }
            }
            let started = ready.filter { $0.status == .inProgress }
            for lesson in (started + ready.filter { $0.status == .notStarted }).prefix(Self.nextOnPath) {
                let stage = stageOf[lesson.lessonID].map { "stage \($0.index), \($0.name)" } ?? "your path"
                let lead = lesson.status == .inProgress ? "You started it; pick up where you left off (\(stage))." : "Next on your path (\(stage))."
                add(lesson.lessonID, .nextOnPath, "\(lead) \(lesson.reason)")
            }

            var prerequisites = 0
            for lesson in open where prerequisites < Self.prerequisites {
                for id in catalog.lesson(lesson.lessonID)?.summary.prerequisites ?? [] where !onPath.contains(id) && !done(id) && !named.contains(id) {
                    guard prerequisites < Self.prerequisites, let needed = catalog.lesson(id) else { continue }
                    let topics = needed.summary.topics.map(\.name).joined(separator: ", ")
                    add(
                        id, .prerequisite,
                        "“\(lesson.title)” builds on it. It is not on your path because your resume shows \(topics.isEmpty ? "what it teaches" : topics); read it if that is rusty."
                    )
                    prerequisites += 1
                }
            }

            if let stretch = stretch(for: path, onPath: onPath, done: done) {
                add(stretch.lesson.summary.id, .stretch, "A stretch beyond what the job asks: a deeper lesson on \(stretch.skill.name).")
            }
        }
        return Array(items.prefix(limit))
    }

    /// The first lesson, in reading order, on one of the path's covered topics, deeper than every lesson
    /// the path has on it and not on the path or done.
    private func stretch(for path: LearningPathDTO, onPath: Set<String>, done: (String) -> Bool) -> (lesson: LessonNodeDTO, skill: SkillDTO)? {
        for skill in path.coveredTopics {
            let teaching = catalog.lessons(teaching: skill.id)
            let deepest = teaching.filter { onPath.contains($0.summary.id) }.map { LessonCatalog.layerRank($0.summary.layer) }.max() ?? 0
            if let lesson = teaching.first(where: {
                !onPath.contains($0.summary.id) && !done($0.summary.id) && LessonCatalog.layerRank($0.summary.layer) > deepest
            }) {
                return (lesson, skill)
            }
        }
        return nil
    }
}
