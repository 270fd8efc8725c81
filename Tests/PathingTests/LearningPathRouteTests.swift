import Foundation
import Hummingbird
import Intelligence
import NIOHTTP1
import PathwiseProtocol
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Pathing

/// Paths and progress in Postgres, for the route tests.
struct PathStores {
    var paths: PostgresLearningPathStore
    var progress: PostgresProgressStore

    init(client: PostgresClient) {
        let outbox = Outbox()
        paths = PostgresLearningPathStore(client: client, outbox: outbox, logger: testLogger)
        progress = PostgresProgressStore(client: client, outbox: outbox, logger: testLogger)
    }
}

/// Not wired: the tests of job analysis and gap reports never reach paths or progress.
struct UnwiredPathStore: LearningPathStore {
    struct Unwired: Error {}

    func create(_ path: LearningPathDTO, plan: PathPlan, for user: UUID, settling claim: PathClaim?) async throws -> Bool { throw Unwired() }
    func current(of user: UUID) async throws -> CurrentPath { throw Unwired() }
    func path(_ id: UUID?, of user: UUID) async throws -> (path: LearningPathDTO, plan: PathPlan)? { throw Unwired() }
    func list(for user: UUID, page: PageRequest) async throws -> Page<LearningPathDTO> { throw Unwired() }
    func replace(_ path: LearningPathDTO, plan: PathPlan, for user: UUID, known skill: String, at time: Date) async throws { throw Unwired() }
    func knownTopics(of user: UUID) async throws -> [String] { throw Unwired() }
    func targetChanged(_ event: JobTargetChanged, receivedAt: Date, dueAt: Date?, in work: UnitOfWork) async throws { throw Unwired() }
    func claimDue(at now: Date, leaseUntil: Date, limit: Int) async throws -> [PathClaim] { throw Unwired() }
    func settle(_ claim: PathClaim) async throws { throw Unwired() }
}

/// Not wired, as above.
struct UnwiredProgressStore: ProgressStore {
    func update(
        _ lesson: String, of user: UUID, at now: Date, _ change: ProgressChange, _ rule: @Sendable (inout LessonRecord) throws -> Bool
    ) async throws -> LessonRecord { throw UnwiredPathStore.Unwired() }
    func record(_ lesson: String, of user: UUID) async throws -> LessonRecord? { throw UnwiredPathStore.Unwired() }
    func records(of user: UUID) async throws -> [LessonRecord] { throw UnwiredPathStore.Unwired() }
    func studyTimes(of user: UUID, since: Date) async throws -> [Date] { throw UnwiredPathStore.Unwired() }
}

/// A fixed lesson graph in place of content's.
struct FixedLessonGraph: LessonGraphSource {
    let graph: LessonCatalog

    func catalog() async throws -> LessonCatalog {
        graph
    }
}

/// Content's coverage as the fixture library gives it: covered where a lesson teaches the skill.
struct FixtureCoverage: CoverageSource {
    func coverage(of skills: [String]) async throws -> [String: CoverageDTO] {
        try await StandInCoverage(lessons: Dictionary(skills.compactMap { id in
            PathFixtures.catalog.lessons(teaching: id).first.map { (id, $0.summary.id) }
        }, uniquingKeysWith: { first, _ in first })).coverage(of: skills)
    }
}

/// Pathing's router over Postgres stores, the fixture library, audiences the test sets and a clock it moves.
struct PathHarness {
    let caller: RouterCaller
    let tokens: StandInTokenIssuer
    let audiences: KnownAudiences
    let clock: ManualClock
    let dependencies: PathingDependencies
    let client: PostgresClient
    let database: TestDatabase

    static func with(_ body: @Sendable (PathHarness) async throws -> Void) async throws {
        try await TestDatabase.migrated(role: "pathing", PathingMigrations.all) { client, database in
            let (tokens, audiences, clock) = (StandInTokenIssuer(), KnownAudiences(), ManualClock(Date(timeIntervalSince1970: 1_796_040_000)))
            let reports = PathingFixtures.gapReports(audiences: audiences, coverage: StandInCoverage(), clock: clock.wallClock)
            let gapReports = GapReports(
                analyses: reports.analyses, taxonomy: reports.taxonomy, audiences: audiences, coverage: FixtureCoverage(),
                store: PostgresGapReportStore(client: client, logger: testLogger), clock: clock.wallClock, logger: testLogger
            )
            let dependencies = PathingFixtures.dependencies(tokens: tokens, gapReports: gapReports, stores: PathStores(client: client), clock: clock.wallClock)
            try await RouterCaller.with(buildRouter(dependencies)) { caller in
                try await body(
                    PathHarness(caller: caller, tokens: tokens, audiences: audiences, clock: clock, dependencies: dependencies, client: client, database: database)
                )
            }
        }
    }

    /// A person aiming at the quant-researcher template, showing Python at 5 and pandas at 2, preparing for interviews at 6 hours a week.
    func person(goals: [LearningGoal] = [.interviewPrep], target: Bool = true) -> (user: UUID, token: String) {
        let user = UUID()
        var audience = GapFixtures.audience(
            user, template: target ? "quant_researcher" : nil, skills: [GapFixtures.skill("python", level: 5), GapFixtures.skill("pandas", level: 2)]
        )
        audience.preferences = PreferencesDTO(
            answers: OnboardingAnswers(
                experienceLevel: .midCareer, programmingExperience: .intermediate, mathBackground: .undergraduate, learningGoals: goals,
                learningStyle: .examplesFirst, weeklyHours: 6
            ),
            updatedAt: clock.wallClock.now
        )
        audiences.set(audience)
        return (user, tokens.accessToken(for: user))
    }

    func send(_ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, token: String, headers: [(String, String)] = []) async throws -> TestClient.Response {
        try await caller.send(method, path, headers: headers, json: json, bearer: token)
    }

    /// Events in the outbox of `type`, their payloads decoded.
    func published<Event: DomainEvent>(_ type: Event.Type) async throws -> [Event] {
        let json = try await database.text(
            "SELECT coalesce(json_agg(payload ORDER BY occurred_at, id)::text, '[]') FROM pathing.outbox_events WHERE type = '\(Event.type)'"
        )
        return try JSONCoding.decoder.decode([Event].self, from: Data(json.utf8))
    }
}

@Suite("Learning path routes")
struct LearningPathRouteTests {
    @Test("current: made for the target without asking, stored, listed, read; a POSTed one becomes current; another person's is 404")
    func lifecycle() async throws {
        try await PathHarness.with { harness in
            let (user, token) = harness.person()
            let first = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token)
            #expect(first.status == 200, "\(first.text)")
            let path = try first.json(LearningPathDTO.self)
            #expect(path.target.roleType == "quant_researcher" && path.weeklyHours == 6 && path.startDate == "2026-11-30")
            #expect(path.knownTopics.map(\.id).contains("python") && path.uncoveredTopics.map(\.skill.id).contains("multiple_testing"))
            let stored = try await harness.dependencies.paths.store.path(nil, of: user)
            let plan = try #require(stored).plan
            #expect(PathFixtures.violations(path, plan: plan, catalog: PathFixtures.catalog).isEmpty)
            #expect(path.stages.last?.name == "Interview readiness" && path.lessons.allSatisfy { $0.status == .notStarted })
            let again = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self)
            #expect(again.id == path.id, "the current path is kept, not made again")

            harness.clock.advance(by: 60)
            let posted = try await harness.send(
                .POST, "/api/v1/learning-paths", json: LearningPathRequest(jobDescription: GapFixtures.posting, weeklyHours: 10, startDate: "2027-01-04"),
                token: token
            )
            #expect(posted.status == 201, "\(posted.text)")
            let made = try posted.json(LearningPathDTO.self)
            #expect(posted.headers.first(name: "Location") == "/api/v1/learning-paths/\(made.id.uuidString.lowercased())")
            #expect(made.weeklyHours == 10 && made.startDate == "2027-01-04" && made.target.targetHash == nil)
            #expect(try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self).id == made.id)

            let page = try await harness.send(.GET, "/api/v1/learning-paths?limit=1", token: token).json(Page<LearningPathDTO>.self)
            #expect(page.items.map(\.id) == [made.id] && page.nextCursor != nil)
            let rest = try await harness.send(.GET, "/api/v1/learning-paths?limit=1&cursor=\(try #require(page.nextCursor))", token: token)
            #expect(try rest.json(Page<LearningPathDTO>.self).items.map(\.id) == [path.id])
            #expect(try await harness.send(.GET, "/api/v1/learning-paths/\(path.id)", token: token).json(LearningPathDTO.self) == path)

            let published = try await harness.published(PathCreated.self)
            #expect(published.map(\.pathID) == [path.id, made.id] && published[0].lessonCount == path.lessons.count)
            #expect(published[0].coveragePercent == path.coveragePercent && published[0].estimatedWeeks == path.estimatedWeeks && published[0].userID == user)

            let (_, stranger) = harness.person()
            #expect(try await harness.send(.GET, "/api/v1/learning-paths/\(path.id)", token: stranger).status == 404)
            #expect(try await harness.send(.GET, "/api/v1/learning-paths/\(path.id)/export", token: stranger).status == 404)
            #expect(try await harness.send(.GET, "/api/v1/learning-paths/not-an-id", token: token).status == 404)
        }
    }

    @Test("no target: current is 404 no_job_target; bad weekly hours, start date, fields and format are 400")
    func refusals() async throws {
        try await PathHarness.with { harness in
            let (_, token) = harness.person(target: false)
            let none = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token)
            #expect(none.status == 404 && none.code == "no_job_target")
            let untargeted = try await harness.send(.POST, "/api/v1/learning-paths", json: LearningPathRequest(), token: token)
            #expect(untargeted.status == 422 && untargeted.code == "no_job_target")
            for (body, field) in [
                (JSONValue.object(["weekly_hours": .number(0)]), "weekly_hours"), (.object(["weekly_hours": .number(61)]), "weekly_hours"),
                (.object(["weekly_hours": .string("5")]), "weekly_hours"), (.object(["start_date": .string("2026-02-30")]), "start_date"),
                (.object(["start_date": .string("30/11/2026")]), "start_date"), (.object(["start_date": .string("1999-12-31")]), "start_date"),
                (.object(["job_description": .string("short")]), "job_description"), (.object(["colour": .string("red")]), "colour"),
            ] {
                let response = try await harness.send(.POST, "/api/v1/learning-paths", json: body, token: token)
                #expect(response.status == 400 && response.invalidFields == [field], "\(body)")
            }
            let known = try await harness.send(.POST, "/api/v1/learning-paths/current/known", json: KnownTopicRequest(skillID: "python"), token: token)
            #expect(known.status == 404)
            #expect(try await harness.send(.GET, "/api/v1/learning-paths/current/export?format=pdf", token: token).status == 400)
            #expect(try await harness.send(.GET, "/api/v1/learning-paths?limit=0", token: token).status == 400)
            #expect(try await harness.caller.send(.GET, "/api/v1/learning-paths/current").status == 401)
        }
    }

    @Test("a topic marked known leaves the current path with its lessons, and later paths too; an unknown skill is 400, one not on the path 422")
    func known() async throws {
        try await PathHarness.with { harness in
            let (_, token) = harness.person()
            let path = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self)
            #expect(path.coveredTopics.map(\.id).contains("machine_learning") && path.lessons.contains { $0.lessonID == "ml-foundations" })
            let kept = try #require(path.lessons.first { $0.lessonID == "probability-basics" }).lessonID
            _ = try await harness.send(.POST, "/api/v1/progress/lessons/\(kept)/start", token: token)
            let marked = try await harness.send(.POST, "/api/v1/learning-paths/current/known", json: KnownTopicRequest(skillID: "machine_learning"), token: token)
            #expect(marked.status == 200, "\(marked.text)")
            let after = try marked.json(LearningPathDTO.self)
            #expect(after.lessons.first { $0.lessonID == kept }?.status == .inProgress, "the person's statuses stay on the path planned again")
            #expect(after.id == path.id && after.knownTopics.map(\.id).contains("machine_learning"))
            #expect(!after.coveredTopics.map(\.id).contains("machine_learning") && !after.lessons.contains { $0.lessonID == "ml-foundations" })
            let twice = try await harness.send(.POST, "/api/v1/learning-paths/current/known", json: KnownTopicRequest(skillID: "machine_learning"), token: token)
            #expect(try twice.json(LearningPathDTO.self) == after)
            let later = try await harness.send(.POST, "/api/v1/learning-paths", json: LearningPathRequest(), token: token).json(LearningPathDTO.self)
            #expect(later.knownTopics.map(\.id).contains("machine_learning") && !later.lessons.contains { $0.lessonID == "ml-foundations" })

            let unknown = try await harness.send(.POST, "/api/v1/learning-paths/current/known", json: KnownTopicRequest(skillID: "basket_weaving"), token: token)
            #expect(unknown.status == 400 && unknown.invalidFields == ["skill_id"])
            let elsewhere = try await harness.send(.POST, "/api/v1/learning-paths/current/known", json: KnownTopicRequest(skillID: "kubernetes"), token: token)
            #expect(elsewhere.status == 422 && elsewhere.code == "not_a_path_topic")
        }
    }

    @Test("target changes in quick succession make one path, for the last, once they settle; meanwhile current is 202; a cleared target is 404")
    func debounce() async throws {
        try await PathHarness.with { harness in
            let (user, token) = harness.person()
            let paths = harness.dependencies.paths
            let postgres = harness.client
            func change(_ hash: String?, at offset: TimeInterval) async throws {
                let event = JobTargetChanged(userID: user, targetHash: hash, roleType: hash == nil ? nil : "quant_researcher", changedAt: Date(timeIntervalSince1970: 1_796_000_000 + offset))
                try await postgres.inTransaction(logger: testLogger) { connection in
                    try await paths.targetChanged(event, in: UnitOfWork(connection: connection, logger: testLogger))
                }
            }
            for (index, hash) in ["a", "b", "c"].enumerated() {
                try await change(String(repeating: hash, count: 64), at: Double(index))
                harness.clock.advance(by: 0.5)
                #expect(try await paths.makeDuePaths() == .pause)
            }
            // A late, older change does not undo the newer ones.
            try await change(nil, at: -10)
            let waiting = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token)
            #expect(try waiting.status == 202 && waiting.json(PathGeneratingDTO.self).status == "generating")
            #expect(waiting.headers.first(name: "Retry-After") == "1")
            #expect(try await harness.database.count("SELECT count(*) FROM pathing.learning_paths") == 0)

            harness.clock.advance(by: paths.debounce)
            _ = try await paths.makeDuePaths()
            _ = try await paths.makeDuePaths()
            #expect(try await harness.database.count("SELECT count(*) FROM pathing.learning_paths") == 1)
            let current = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token)
            #expect(try current.status == 200 && current.json(LearningPathDTO.self).target.roleType == "quant_researcher")

            harness.clock.advance(by: 1)
            try await change(nil, at: 10)
            let cleared = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token)
            #expect(cleared.status == 404 && cleared.code == "no_job_target")
            #expect(try await harness.send(.GET, "/api/v1/learning-paths", token: token).json(Page<LearningPathDTO>.self).items.count == 1, "history stays")

            // A path made for a claim whose person was erased meanwhile is not saved.
            let erased = UUID()
            let orphan = PathFixtures.path(PathFixtures.plan([("factor_models", "required", 3, nil)]))
            let saved = try await harness.dependencies.paths.store.create(
                orphan, plan: PathFixtures.plan([]), for: erased, settling: PathClaim(user: erased, changedAt: Date())
            )
            #expect(!saved)
            #expect(try await harness.database.count("SELECT count(*) FROM pathing.learning_paths WHERE user_id = '\(erased)'") == 0)
        }
    }

    @Test("exports: JSON as read, CSV with a row a lesson, and an RFC 5545 calendar; the current path by name")
    func exports() async throws {
        try await PathHarness.with { harness in
            let (_, token) = harness.person()
            let path = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self)
            let json = try await harness.send(.GET, "/api/v1/learning-paths/\(path.id)/export?format=json", token: token)
            #expect(try json.json(LearningPathDTO.self) == path)
            #expect(json.headers.first(name: "Content-Disposition") == "attachment; filename=\"learning-path-\(path.id.uuidString.lowercased()).json\"")
            let csv = try await harness.send(.GET, "/api/v1/learning-paths/\(path.id)/export?format=csv", token: token)
            #expect(csv.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.text.split(separator: "\r\n").count == 1 + path.lessons.count + path.stages.reduce(0) { $0 + $1.resources.count })
            let ics = try await harness.send(.GET, "/api/v1/learning-paths/current/export?format=ics", token: token)
            #expect(ics.status == 200 && ics.headers.first(name: "Content-Type") == "text/calendar; charset=utf-8")
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(ics.text.components(separatedBy: "BEGIN:VEVENT").count - 1 == StudyCalendar(path: path).blocks.count)
        }
    }
}

@Suite("Progress routes")
struct ProgressRouteTests {
    @Test("start, time (once per Idempotency-Key), complete (twice is once), review; each announced with the path's percent")
    func lessonLifecycle() async throws {
        try await PathHarness.with { harness in
            let (user, token) = harness.person()
            let path = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self)
            let lesson = try #require(path.lessons.first).lessonID
            let started = try await harness.send(.POST, "/api/v1/progress/lessons/\(lesson)/start", token: token).json(LessonProgressDTO.self)
            #expect(started.status == .inProgress && started.startedAt == harness.clock.wallClock.now && started.reviewDueAt == nil)

            // Each step a second later, so the events' times give their order.
            harness.clock.advance(by: 1)
            let key = [("Idempotency-Key", "retry-1")]
            let timed = try await harness.send(.PUT, "/api/v1/progress/lessons/\(lesson)/time", json: LessonTimeRequest(seconds: 600), token: token, headers: key)
            harness.clock.advance(by: 1)
            let retried = try await harness.send(.PUT, "/api/v1/progress/lessons/\(lesson)/time", json: LessonTimeRequest(seconds: 600), token: token, headers: key)
            #expect(try timed.json(LessonProgressDTO.self).secondsSpent == 600 && (try retried.json(LessonProgressDTO.self)).secondsSpent == 600)
            let reused = try await harness.send(.PUT, "/api/v1/progress/lessons/\(lesson)/time", json: LessonTimeRequest(seconds: 60), token: token, headers: key)
            #expect(reused.status == 422 && reused.code == "idempotency_key_reused")
            let unkeyed = try await harness.send(.PUT, "/api/v1/progress/lessons/\(lesson)/time", json: LessonTimeRequest(seconds: 60), token: token)
            #expect(try unkeyed.json(LessonProgressDTO.self).secondsSpent == 660)

            let early = try await harness.send(.POST, "/api/v1/progress/lessons/\(lesson)/review", json: ReviewRequest(grade: .good), token: token)
            #expect(early.status == 409 && early.code == "not_completed")
            harness.clock.advance(by: 60)
            let completed = try await harness.send(.POST, "/api/v1/progress/lessons/\(lesson)/complete", token: token).json(LessonProgressDTO.self)
            #expect(completed.status == .completed && completed.reviews == 1 && completed.reviewDueAt != nil)
            harness.clock.advance(by: 60)
            #expect(try await harness.send(.POST, "/api/v1/progress/lessons/\(lesson)/complete", token: token).json(LessonProgressDTO.self) == completed)
            let skipped = try await harness.send(.POST, "/api/v1/progress/lessons/\(lesson)/skip", token: token)
            #expect(skipped.status == 409 && skipped.code == "already_completed")

            harness.clock.advance(by: 5 * 86_400)
            let reviewed = try await harness.send(.POST, "/api/v1/progress/lessons/\(lesson)/review", json: ReviewRequest(grade: .easy), token: token)
            let review = try reviewed.json(LessonProgressDTO.self)
            #expect(review.reviews == 2 && (review.reviewDueAt ?? .distantPast) > (completed.reviewDueAt ?? .distantFuture))
            #expect(try await harness.send(.GET, "/api/v1/progress/lessons/\(lesson)", token: token).json(LessonProgressDTO.self) == review)

            let events = try await harness.published(ProgressUpdated.self)
            #expect(events.map(\.status) == [.inProgress, .inProgress, .inProgress, .completed, .completed], "start, two times, complete, review")
            #expect(events.map(\.secondsAdded) == [0, 600, 60, 0, 0] && events.allSatisfy { $0.pathID == path.id && $0.userID == user })
            #expect(events[3].pathPercent == 100 / path.lessons.count && events[3].secondsSpent == 660)
            let current = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self)
            #expect(current.lessons.first { $0.lessonID == lesson }?.status == .completed)
        }
    }

    @Test("a renamed lesson answers under its old id; progress, receipts and paths kept under the old id move to the new one, once")
    func renamedLesson() async throws {
        try await PathHarness.with { harness in
            let (renamed, old) = ("regression-ols", "linear-regression-basics")
            let (user, token) = harness.person()
            let started = try await harness.send(.POST, "/api/v1/progress/lessons/\(old)/start", token: token).json(LessonProgressDTO.self)
            #expect(started.lessonID == renamed && started.status == .inProgress)
            #expect(try await harness.send(.GET, "/api/v1/progress/lessons/\(old)", token: token).json(LessonProgressDTO.self) == started)

            // Rows written before the rename: someone who finished the lesson under its old id, with a
            // receipt and a path naming it; and this person, with time under both ids.
            let (reader, readerToken) = harness.person()
            let path = try await harness.send(.GET, "/api/v1/learning-paths/current", token: readerToken).json(LearningPathDTO.self)
            #expect(path.lessons.contains { $0.lessonID == renamed })
            let at = "'2026-11-20T10:00:00Z'"
            try await harness.database.execute(
                """
                UPDATE pathing.learning_paths SET lesson_ids = array_replace(lesson_ids, '\(renamed)', '\(old)'),
                    path = replace(path, '"\(renamed)"', '"\(old)"') WHERE user_id = '\(reader)'
                """
            )
            try await harness.database.execute(
                """
                INSERT INTO pathing.lesson_progress (user_id, lesson_id, status, started_at, seconds_spent, completed_at, reviews, updated_at)
                VALUES ('\(reader)', '\(old)', 'completed', \(at), 900, \(at), 1, \(at)),
                       ('\(user)', '\(old)', 'in_progress', \(at), 120, NULL, 0, \(at))
                """
            )
            try await harness.database.execute(
                "INSERT INTO pathing.time_receipts (user_id, idempotency_key, lesson_id, seconds, created_at) VALUES ('\(reader)', 'k-1', '\(old)', 900, \(at))"
            )
            try await harness.database.execute("UPDATE pathing.lesson_progress SET seconds_spent = 60 WHERE user_id = '\(user)' AND lesson_id = '\(renamed)'")
            let renames = PostgresLessonRenames(client: harness.client, logger: testLogger)
            #expect(try await renames.adopt([old: renamed], at: harness.clock.wallClock.now) == [old])

            #expect(try await harness.database.count("SELECT count(*) FROM pathing.lesson_progress WHERE lesson_id = '\(old)'") == 0)
            #expect(try await harness.database.count("SELECT count(*) FROM pathing.time_receipts WHERE lesson_id = '\(renamed)'") == 1)
            let merged = try await harness.send(.GET, "/api/v1/progress/lessons/\(renamed)", token: token).json(LessonProgressDTO.self)
            #expect(merged.secondsSpent == 180, "the new id's record stays, with the old one's time added")
            let current = try await harness.send(.GET, "/api/v1/learning-paths/current", token: readerToken).json(LearningPathDTO.self)
            #expect(current.lessons.first { $0.lessonID == renamed }?.status == .completed && !current.lessons.contains { $0.lessonID == old })
            #expect(try await harness.database.count("SELECT count(*) FROM pathing.learning_paths WHERE '\(old)' = ANY(lesson_ids)") == 0)

            // Adopted once: a second report of the same rename moves nothing.
            #expect(try await renames.adopt([old: renamed], at: harness.clock.wallClock.now) == [])
        }
    }

    @Test("unknown lessons are 404; bad seconds, grade, key, tz and limit are 400; nobody else sees the progress")
    func refusals() async throws {
        try await PathHarness.with { harness in
            let (_, token) = harness.person()
            for (method, suffix) in [(HTTPMethod.POST, "start"), (.POST, "skip"), (.POST, "complete"), (.GET, "")] {
                let response = try await harness.send(method, "/api/v1/progress/lessons/no-such-lesson" + (suffix.isEmpty ? "" : "/\(suffix)"), token: token)
                #expect(response.status == 404, "\(suffix)")
            }
            let unknownTime = try await harness.send(.PUT, "/api/v1/progress/lessons/no-such-lesson/time", json: LessonTimeRequest(seconds: 5), token: token)
            #expect(unknownTime.status == 404)
            for seconds in [0, 3_601, -5] {
                let response = try await harness.send(.PUT, "/api/v1/progress/lessons/regression-ols/time", json: LessonTimeRequest(seconds: seconds), token: token)
                #expect(response.status == 400 && response.invalidFields == ["seconds"], "\(seconds)")
            }
            let badKey = try await harness.send(
                .PUT, "/api/v1/progress/lessons/regression-ols/time", json: LessonTimeRequest(seconds: 5), token: token,
                headers: [("Idempotency-Key", String(repeating: "k", count: 201))]
            )
            #expect(badKey.status == 400 && badKey.invalidFields == ["Idempotency-Key"])
            let grade = try await harness.send(.POST, "/api/v1/progress/lessons/regression-ols/review", json: JSONValue.object(["grade": .string("great")]), token: token)
            #expect(grade.status == 400 && grade.invalidFields == ["grade"])
            let zone = try await harness.send(.GET, "/api/v1/progress?tz=Mars/Olympus", token: token)
            #expect(zone.status == 400 && zone.invalidFields == ["tz"])
            #expect(try await harness.send(.GET, "/api/v1/recommendations?limit=0", token: token).status == 400)

            _ = try await harness.send(.POST, "/api/v1/progress/lessons/regression-ols/complete", token: token)
            let (_, stranger) = harness.person()
            let theirs = try await harness.send(.GET, "/api/v1/progress/lessons/regression-ols", token: stranger).json(LessonProgressDTO.self)
            #expect(theirs == .notStarted("regression-ols"))
            #expect(try await harness.send(.GET, "/api/v1/progress", token: stranger).json(ProgressSummaryDTO.self).lessonsCompleted == 0)
        }
    }

    @Test("the summary: lessons, minutes, a streak in the person's days, the path's percent and stage, per book")
    func summary() async throws {
        try await PathHarness.with { harness in
            let (_, token) = harness.person()
            let path = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self)
            let lessons = path.lessons.map(\.lessonID)
            // Three days of study in a row, the last one today.
            for (day, lesson) in lessons.prefix(3).enumerated() {
                if day > 0 { harness.clock.advance(by: 86_400) }
                _ = try await harness.send(.PUT, "/api/v1/progress/lessons/\(lesson)/time", json: LessonTimeRequest(seconds: 1_800), token: token)
                _ = try await harness.send(.POST, "/api/v1/progress/lessons/\(lesson)/complete", token: token)
            }
            _ = try await harness.send(.POST, "/api/v1/progress/lessons/\(lessons[3])/skip", token: token)
            let summary = try await harness.send(.GET, "/api/v1/progress?tz=Europe/London", token: token).json(ProgressSummaryDTO.self)
            #expect(summary.lessonsStarted == 3 && summary.lessonsCompleted == 3 && summary.minutes == 90 && summary.streakDays == 3)
            let standing = try #require(summary.path)
            #expect(standing.id == path.id && standing.percent == 300 / (lessons.count - 1))
            #expect(summary.byBook.map(\.book) == ["foundations", "methods"] && summary.byBook.map(\.total) == [7, 7])
            #expect(summary.byBook.reduce(0) { $0 + $1.completed } == 3)
            harness.clock.advance(by: 2 * 86_400)
            #expect(try await harness.send(.GET, "/api/v1/progress", token: token).json(ProgressSummaryDTO.self).streakDays == 0)
        }
    }

    @Test("recommendations: the next lessons whose prerequisites are done, then a stretch; a review once it is due comes first")
    func recommendations() async throws {
        try await PathHarness.with { harness in
            let (_, token) = harness.person(goals: [.upskill])
            let path = try await harness.send(.GET, "/api/v1/learning-paths/current", token: token).json(LearningPathDTO.self)
            let before = try await harness.send(.GET, "/api/v1/recommendations", token: token).json(RecommendationsDTO.self)
            let next = before.items.filter { $0.kind == .nextOnPath }
            #expect(!next.isEmpty && next.count <= Recommender.nextOnPath && next.allSatisfy { $0.dueAt == nil })
            // Nothing is recommended before its prerequisites on the path are done.
            for item in next {
                let prerequisites = PathFixtures.catalog.lesson(item.lessonID)?.summary.prerequisites ?? []
                #expect(prerequisites.allSatisfy { !path.lessons.map(\.lessonID).contains($0) }, "\(item.lessonID)")
            }
            #expect(before.items.contains { $0.kind == .stretch && $0.lessonID == "ml-deep-dive" })

            let first = try #require(next.first).lessonID
            _ = try await harness.send(.POST, "/api/v1/progress/lessons/\(first)/complete", token: token)
            let after = try await harness.send(.GET, "/api/v1/recommendations?limit=50", token: token).json(RecommendationsDTO.self)
            #expect(!after.items.contains { $0.lessonID == first })
            let unlocked = path.lessons.map(\.lessonID).filter { id in PathFixtures.catalog.lesson(id)?.summary.prerequisites.contains(first) == true }
            #expect(unlocked.isEmpty || after.items.contains { unlocked.contains($0.lessonID) }, "completing \(first) unlocks \(unlocked)")

            harness.clock.advance(by: 30 * 86_400)
            let due = try await harness.send(.GET, "/api/v1/recommendations?limit=2", token: token).json(RecommendationsDTO.self)
            #expect(due.items.count == 2 && due.items.first?.kind == .reviewDue && due.items.first?.lessonID == first && due.items.first?.dueAt != nil)
        }
    }
}

@Suite("Pathing's internal side")
struct PathingInternalTests {
    @Test("the gaps read answers coaching-session only: the current path's open topics with their importance, none without a path")
    func gaps() async throws {
        try await withService(.pathing, build: buildApplication) { port, database throws in
            let user = UUID()
            let plan = PathFixtures.plan([("time_series_analysis", "required", 4, nil), ("stochastic_calculus", "preferred", 2, nil)], marked: ["stochastic_calculus"])
            let path = PathFixtures.path(plan)
            func json(_ value: some Encodable) throws -> String {
                String(decoding: try JSONCoding.encoder.encode(value), as: UTF8.self).replacingOccurrences(of: "'", with: "''")
            }
            try await database.execute(
                """
                INSERT INTO pathing.learning_paths (id, user_id, created_at, updated_at, target_hash, lesson_ids, plan, path)
                VALUES ('\(path.id)', '\(user)', now(), now(), NULL, '{}', '\(try json(plan))', '\(try json(path))')
                """
            )
            let url = "https://127.0.0.1:\(port)\(InternalPath.gaps(of: user))"
            let gaps = try await TestClient.with(identity: .service("coaching-session")) { try await $0.send(.GET, url).json(SkillGapsDTO.self) }
            #expect(gaps.items.map(\.skill.id) == ["time_series_analysis"] && gaps.items.map(\.importance) == ["required"])
            let nobody = try await TestClient.with(identity: .service("coaching-session")) { client in
                try await client.send(.GET, "https://127.0.0.1:\(port)\(InternalPath.gaps(of: UUID()))").json(SkillGapsDTO.self)
            }
            #expect(nobody.items.isEmpty)
            for refused in [TestClient.Identity.gateway, .service("content"), .service("analytics")] {
                let status = try await TestClient.with(identity: refused) { try await $0.send(.GET, url).status }
                #expect(status == 403)
            }
        }
    }

    @Test("a job-target change from profile owes the person a path; the same event from another service is refused")
    func targetChanged() async throws {
        try await withService(.pathing, build: buildApplication) { port, database throws in
            let user = UUID()
            let event = try EventEnvelope(JobTargetChanged(userID: user, targetHash: String(repeating: "d", count: 64), roleType: "quant_researcher", changedAt: Date()))
            await #expect(throws: (any Error).self) { try await deliver([event], to: port, as: "identity") }
            #expect(try await deliver([event], to: port, as: "profile") == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([event], to: port, as: "profile") == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM pathing.path_targets WHERE user_id = '\(user)' AND due_at IS NOT NULL AND target_hash = repeat('d', 64)") == 1)
        }
    }
}
