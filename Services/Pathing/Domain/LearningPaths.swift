import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// Learning paths: made for a person's job target when it changes (once the changes settle), or on
/// request for a posting of their choice; the newest is current; a topic marked known leaves it.
struct LearningPaths: Sendable, LogsPerRequest {
    /// What `GET …/current` answers.
    enum Current: Sendable {
        case path(StoredPath)
        /// The first path for a new target is being made.
        case generating
    }

    /// Weekly hours when neither the request nor onboarding says.
    static let defaultWeeklyHours = 5
    /// People whose paths one round of the worker makes.
    static let claimsPerRound = 8
    /// How long a claimed path may take before another replica may make it.
    static let claimLease: TimeInterval = 30

    let gapReports: GapReports
    let graph: any LessonGraphSource
    let store: any LearningPathStore
    let clock: WallClock
    /// How long after a target change the path is made; each change in that time starts it again.
    let debounce: TimeInterval
    var logger: Logger

    /// Makes and stores a path: for `description`, else the job target; at `weeklyHours`, else the
    /// onboarding answer; from `startDate`, else today (UTC).
    func create(for user: UUID, description: String? = nil, weeklyHours: Int? = nil, startDate: CalendarDay? = nil) async throws -> LearningPathDTO {
        let (path, plan) = try await make(for: user, description: description, weeklyHours: weeklyHours, startDate: startDate)
        try await store.create(path, plan: plan, for: user, settling: nil)
        logger.info("pathing.path.created", metadata: ["user_id": .id(user), "path_id": .id(path.id), "lessons": "\(path.lessons.count)"])
        return path
    }

    /// The newest path; `.generating` while one is owed for a newer target; `PathingError.noTargetNoPath`
    /// when the person has no target (and no path made since it was cleared).
    func current(of user: UUID) async throws -> Current {
        let found = try await store.current(of: user)
        if let target = found.target, found.path.map({ $0.createdAt <= target.receivedAt }) ?? true {
            if target.owed { return .generating }
            if target.targetHash == nil { throw PathingError.noTargetNoPath }
        }
        if let path = found.path { return .path(path) }
        // Pathing has heard of no target yet (its event may still be on the way): make the first path now.
        do {
            return .path(try StoredPath(try await create(for: user)))
        } catch PathingError.noJobTarget {
            throw PathingError.noTargetNoPath
        }
    }

    func path(_ id: UUID, of user: UUID) async throws -> LearningPathDTO {
        guard let found = try await store.path(id, of: user) else { throw PathingError.pathNotFound }
        return found.path
    }

    func list(for user: UUID, page: PageRequest) async throws -> Page<LearningPathDTO> {
        try await store.list(for: user, page: page)
    }

    /// The current path planned again without `skill`, which is recorded as known for later paths too.
    func markKnown(_ skill: String, for user: UUID) async throws -> LearningPathDTO {
        guard let (path, plan) = try await store.path(nil, of: user) else { throw PathingError.pathNotFound }
        guard let topic = plan.topics.first(where: { $0.skill.id == skill }) else { throw PathingError.notAPathTopic(skill) }
        guard !plan.markedKnown.contains(where: { $0.id == skill }) else { return path }
        var replanned = plan
        replanned.markedKnown.append(topic.skill)
        let updated = PathPlanner(catalog: try await graph.catalog()).path(replanned, id: path.id, createdAt: path.createdAt)
        try await store.replace(updated, plan: replanned, for: user, known: skill, at: clock.now)
        logger.info("pathing.path.topic_known", metadata: ["user_id": .id(user), "path_id": .id(path.id), "skill": "\(skill)"])
        // Marking a topic known only takes lessons away: the statuses read with the path cover the rest.
        let statuses = Dictionary(path.lessons.map { ($0.lessonID, $0.status) }, uniquingKeysWith: { first, _ in first })
        return PathStanding.overlay(statuses, on: updated)
    }

    /// The current path's weak and missing skills that are not marked known (none without a path).
    func gaps(of user: UUID) async throws -> SkillGapsDTO {
        let plan = try await store.path(nil, of: user)?.plan
        return SkillGapsDTO(items: plan?.openTopics.map { SkillGapDTO(skill: $0.skill, importance: $0.importance) } ?? [])
    }

    /// `profile.job_target_changed`: owes a path for the new target after the debounce, or none once it is cleared.
    func targetChanged(_ event: JobTargetChanged, in work: UnitOfWork) async throws {
        let now = clock.now
        try await store.targetChanged(event, receivedAt: now, dueAt: event.targetHash == nil ? nil : now.addingTimeInterval(debounce), in: work)
    }

    /// One round of the worker: makes the paths that are due.
    func makeDuePaths() async throws -> PeriodicTask.Next {
        let now = clock.now
        let claims = try await store.claimDue(at: now, leaseUntil: now.addingTimeInterval(Self.claimLease), limit: Self.claimsPerRound)
        for claim in claims {
            do {
                let (path, plan) = try await make(for: claim.user)
                guard try await store.create(path, plan: plan, for: claim.user, settling: claim) else { continue }
                logger.info("pathing.path.created", metadata: ["user_id": .id(claim.user), "path_id": .id(path.id), "lessons": "\(path.lessons.count)"])
            } catch PathingError.noJobTarget {
                try await store.settle(claim)
            } catch {
                // The lease runs out and the path is tried again.
                logger.warning("pathing.path.failed", metadata: ["user_id": .id(claim.user), "error": "\(error)"])
            }
        }
        return claims.count == Self.claimsPerRound ? .runAgain : .pause
    }

    /// A path and the plan it comes from, from the person's audience, the job's requirements, the
    /// library's coverage of the gaps and the lesson graph.
    private func make(
        for user: UUID, description: String? = nil, weeklyHours: Int? = nil, startDate: CalendarDay? = nil
    ) async throws -> (LearningPathDTO, PathPlan) {
        let audience = try await gapReports.audiences.audience(of: user, resume: nil)
        let (requirements, target) = try await gapReports.requirements(description: description, target: audience.jobTarget)
        async let catalog = graph.catalog()
        async let markedIDs = store.knownTopics(of: user)
        let analysis = GapAnalysis(requirements: requirements, skills: audience.skills, impliedSkills: audience.impliedSkills, taxonomy: gapReports.taxonomy)
        let coverage = try await gapReports.coverage.coverage(of: analysis.gaps)
        var topics: [PathPlan.Topic] = []
        var known: [SkillDTO] = []
        var seen: Set<String> = []
        for finding in analysis.findings where seen.insert(finding.requirement.skillID).inserted {
            guard let skill = gapReports.analyses.skill(finding.requirement.skillID) else { continue }
            guard finding.status != .matched else {
                known.append(skill)
                continue
            }
            let covered = coverage[skill.id]
            topics.append(
                PathPlan.Topic(
                    skill: skill, importance: finding.requirement.importance.rawValue, requiredLevel: finding.requirement.level,
                    shownLevel: finding.shownLevel, covered: covered?.covered ?? false, lessons: covered?.lessons.map(\.id) ?? [],
                    resources: covered?.covered == true ? [] : covered?.externalResources ?? []
                )
            )
        }
        let marked = Set(try await markedIDs)
        let answers = audience.preferences?.answers
        let plan = PathPlan(
            target: target, topics: topics, known: known, markedKnown: topics.filter { marked.contains($0.skill.id) }.map(\.skill),
            weeklyHours: weeklyHours ?? answers?.weeklyHours ?? Self.defaultWeeklyHours,
            startDate: (startDate ?? CalendarDay(clock.now)).description, interviewPrep: answers?.learningGoals.contains(.interviewPrep) ?? false,
            engine: "embedded"
        )
        return (PathPlanner(catalog: try await catalog).path(plan, id: UUID(), createdAt: clock.now), plan)
    }
}

/// A calendar day, `YYYY-MM-DD`, as paths start on and calendars count.
struct CalendarDay: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The days a path may start on.
    static let accepted = CalendarDay(year: 2000, month: 1, day: 1)...CalendarDay(year: 2100, month: 12, day: 31)

    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day `date` falls on.
    init(_ date: Date) {
        let parts = Calendar.utc.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// A real day written `YYYY-MM-DD`; `nil` for anything else (`2026-02-30`, `2026-1-5`).
    init?(_ text: String) {
        // Ten bytes or it is no date: a megabyte of dashes is refused before it is split.
        guard text.utf8.count == 10 else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
        guard let date, CalendarDay(date) == self else { return nil }
    }

    /// Midnight UTC of the day.
    var date: Date? {
        Calendar.utc.date(from: DateComponents(year: year, month: month, day: day))
    }

    var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC: days as the API counts them unless a zone is asked for.
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar
    }()
}
