import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import PathwiseProtocol
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Analytics

/// A library that teaches every weakness with the STAR lesson, and knows the lessons suggestions name.
struct FixedWeaknessLessons: WeaknessLessonSource {
    func lessons(for weak: Set<ScoreDimension>, suggestions: [PracticeSuggestionDTO], logger: Logger) async -> [ScoreDimension: [LessonReferenceDTO]] {
        var found: [ScoreDimension: [LessonReferenceDTO]] = [:]
        for suggestion in suggestions {
            if let dimension = suggestion.dimension, let id = suggestion.lessonID, weak.contains(dimension) {
                found[dimension, default: []].append(LessonReferenceDTO(id: id, title: "Lesson \(id)"))
            }
        }
        for dimension in weak where found[dimension] == nil {
            found[dimension] = [LessonReferenceDTO(id: "star-method-behavioural-answers", title: "STAR answers to behavioural questions")]
        }
        return found
    }
}

/// Analytics's router over real Postgres and a real inbox, with events handed to the inbox as the relay would.
struct AnalyticsHarness {
    let caller: RouterCaller
    let tokens: StandInTokenIssuer
    let clock: ManualClock
    let inbox: Inbox
    let database: TestDatabase

    /// 2026-11-30, a Monday, noon UTC.
    static let now = Date(timeIntervalSince1970: 1_796_040_000)

    static func with(_ body: @Sendable (AnalyticsHarness) async throws -> Void) async throws {
        try await TestDatabase.migrated(role: "analytics", AnalyticsMigrations.all) { client, database in
            let (tokens, clock) = (StandInTokenIssuer(), ManualClock(now))
            let dependencies = AnalyticsDependencies(
                analytics: PersonalAnalytics(
                    store: PostgresFactStore(client: client, logger: testLogger), lessons: FixedWeaknessLessons(), clock: clock.wallClock,
                    logger: testLogger
                ),
                erasure: UserErasure(tables: AnalyticsMigrations.userOwnedTables), verifier: tokens.verifier(),
                inbox: Inbox(receipts: PostgresInboxReceipts(client: client)), maxBodyBytes: 1 << 20
            )
            try await RouterCaller.with(buildRouter(dependencies)) { caller in
                try await body(AnalyticsHarness(caller: caller, tokens: tokens, clock: clock, inbox: eventHandlers(dependencies), database: database))
            }
        }
    }

    /// Hands `events` to the inbox as their producer's relay would.
    @discardableResult
    func deliver(_ events: [EventEnvelope], from producer: ServiceName) async throws -> EventBatchReceipt {
        try await inbox.receive(EventBatch(events: events), from: producer, logger: testLogger)
    }

    func trends(_ token: String, days: Int? = nil) async throws -> TrendsDTO {
        let response = try await caller.send(.GET, "/api/v1/analytics/trends" + (days.map { "?days=\($0)" } ?? ""), bearer: token)
        guard response.status == 200 else { throw TestSetupError("trends: \(response.status) \(response.text)") }
        return try response.json(TrendsDTO.self)
    }

    func improvements(_ token: String) async throws -> ImprovementsDTO {
        let response = try await caller.send(.GET, "/api/v1/analytics/improvements", bearer: token)
        guard response.status == 200 else { throw TestSetupError("improvements: \(response.status) \(response.text)") }
        return try response.json(ImprovementsDTO.self)
    }

    /// `session.completed` and `evaluation.created` for one session `weeksAgo` weeks before now, with
    /// every dimension at `score` but those in `overrides`, and `areas` as its improvement areas.
    static func session(
        of user: UUID, _ type: PreparationType = .interview, weeksAgo: Double, score: Int, overrides: [ScoreDimension: Int] = [:],
        areas: [ScoreDimension] = [], suggestions: [PracticeSuggestionDTO] = []
    ) throws -> (completed: EventEnvelope, evaluated: EventEnvelope, id: UUID) {
        let id = UUID()
        let at = now.addingTimeInterval(-weeksAgo * 604_800)
        var scores = Dictionary(uniqueKeysWithValues: ScoreDimension.allCases.map { ($0, score) })
        scores.merge(overrides) { _, new in new }
        let completed = try EventEnvelope(SessionCompleted(userID: user, sessionID: id, preparationType: type, userTurns: 4, completedAt: at))
        let evaluated = try EventEnvelope(
            EvaluationCreated(
                userID: user, sessionID: id, preparationType: type, overallScore: score * 10, scores: scores,
                improvementAreas: areas.map { EvaluationCreated.Area(dimension: $0, priority: .high) }, practiceSuggestions: suggestions,
                createdAt: at.addingTimeInterval(60)
            )
        )
        return (completed, evaluated, id)
    }

    static func progress(
        of user: UUID, _ lesson: String, _ status: LessonStatus, seconds: Int = 0, path: UUID? = nil, percent: Int? = nil, at: Date
    ) throws -> EventEnvelope {
        try EventEnvelope(
            ProgressUpdated(
                userID: user, lessonID: lesson, status: status, secondsAdded: seconds, secondsSpent: seconds, pathID: path, pathPercent: percent,
                occurredAt: at
            )
        )
    }

    /// A UTC date and time, `YYYY-MM-DD` at `hour`.
    static func day(_ text: String, hour: Int = 12) throws -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: "\(text)T\(String(format: "%02d", hour)):00:00Z") else { throw TestSetupError("no date \(text)") }
        return date
    }
}

@Suite("Analytics routes")
struct AnalyticsRouteTests {
    @Test("a session's completion and evaluation make one fact in either order; an event delivered twice counts once")
    func sessionsInEitherOrder() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            let first = try AnalyticsHarness.session(of: user, weeksAgo: 2, score: 5)
            let second = try AnalyticsHarness.session(of: user, .pitch, weeksAgo: 1, score: 7)
            try await harness.deliver([first.evaluated], from: .coaching)
            try await harness.deliver([first.completed, second.completed], from: .coaching)
            let again = try await harness.deliver([second.completed, second.evaluated], from: .coaching)
            #expect(again == EventBatchReceipt(applied: 1, duplicates: 1))
            let trends = try await harness.trends(token)
            #expect(trends.sessions.count == 2 && trends.sessions.byType[.interview] == 1 && trends.sessions.byType[.pitch] == 1)
            #expect(trends.sessions.byType[.sales] == 0 && trends.sessions.byType.count == PreparationType.allCases.count)
            #expect(trends.progression.map(\.sessionID) == [first.id, second.id])
            #expect(trends.progression.first?.completedAt == AnalyticsHarness.now.addingTimeInterval(-2 * 604_800), "the completion time, not the evaluation's")
            #expect(trends.overallAverage == 60 && trends.averages[.engagement] == 6)
            #expect(trends.velocity[.engagement] == .some(nil), "two sessions give no velocity")
            #expect(trends.direction[.engagement] == .improving, "two sessions: the later one is 2 points better")
            let stranger = harness.tokens.accessToken(for: UUID())
            let theirs = try await harness.trends(stranger)
            #expect(theirs.sessions.count == 0 && theirs.progression.isEmpty && theirs.overallAverage == nil && theirs.learning.pathPercent == nil)
        }
    }

    @Test("velocity is the least-squares slope in points per week, direction follows it, and the window leaves older sessions out")
    func velocityAndWindow() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            // Clarity 4, 5, 7 at weeks 0, 1, 2 → slope 1.5; relevance 8, 8, 8 → 0; engagement 9, 7, 6 → −1.5.
            let sessions = try [(2.0, 4, 8, 9), (1.0, 5, 8, 7), (0.0, 7, 8, 6)].map { weeksAgo, clarity, relevance, engagement in
                try AnalyticsHarness.session(
                    of: user, weeksAgo: weeksAgo, score: 6, overrides: [.clarityStructure: clarity, .relevanceFocus: relevance, .engagement: engagement]
                )
            }
            let old = try AnalyticsHarness.session(of: user, weeksAgo: 20, score: 1)
            try await harness.deliver(sessions.flatMap { [$0.completed, $0.evaluated] } + [old.completed, old.evaluated], from: .coaching)
            let trends = try await harness.trends(token, days: 30)
            #expect(trends.days == 30 && trends.sessions.count == 3, "the session 20 weeks ago is outside 30 days")
            #expect(trends.velocity[.clarityStructure] == .some(1.5) && trends.direction[.clarityStructure] == .improving)
            #expect(trends.velocity[.relevanceFocus] == .some(0) && trends.direction[.relevanceFocus] == .steady)
            #expect(trends.velocity[.engagement] == .some(-1.5) && trends.direction[.engagement] == .declining)
            #expect(trends.averages[.clarityStructure] == 5.3 && trends.averages[.engagement] == 7.3)
            let year = try await harness.trends(token, days: 365)
            #expect(year.sessions.count == 4)
            for bad in ["0", "366", "ninety", "-1", "1000000000000"] {
                let response = try await harness.caller.send(.GET, "/api/v1/analytics/trends?days=\(bad)", bearer: token)
                #expect(response.status == 400 && response.invalidFields == ["days"], "\(bad)")
            }
            #expect(try await harness.caller.send(.GET, "/api/v1/analytics/trends").status == 401)
        }
    }

    @Test("study minutes add up by ISO week across a year end; a completion counts once, on its earliest day; the newest path percent wins")
    func learning() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            harness.clock.advance(by: 40 * 86_400)  // 2027-01-09
            let path = UUID()
            let events = try [
                AnalyticsHarness.progress(of: user, "bayes", .inProgress, seconds: 600, at: AnalyticsHarness.day("2026-12-28")),
                AnalyticsHarness.progress(of: user, "bayes", .inProgress, seconds: 1_200, at: AnalyticsHarness.day("2027-01-03")),
                AnalyticsHarness.progress(of: user, "bayes", .inProgress, seconds: 900, at: AnalyticsHarness.day("2027-01-04")),
                // The review arrives before the completion it follows: the completion still counts once, on its own day.
                AnalyticsHarness.progress(of: user, "bayes", .completed, path: path, percent: 20, at: AnalyticsHarness.day("2027-01-06")),
                AnalyticsHarness.progress(of: user, "bayes", .completed, path: path, percent: 10, at: AnalyticsHarness.day("2027-01-05")),
                AnalyticsHarness.progress(of: user, "lagrange", .completed, seconds: 300, path: path, percent: 30, at: AnalyticsHarness.day("2027-01-07")),
                // Older than the percent already known: changes nothing.
                AnalyticsHarness.progress(of: user, "lagrange", .inProgress, path: path, percent: 5, at: AnalyticsHarness.day("2027-01-02")),
            ]
            try await harness.deliver([EventEnvelope(PathCreated(userID: user, pathID: path, lessonCount: 10, estimatedWeeks: 4, coveragePercent: 80, createdAt: AnalyticsHarness.day("2026-12-20")))], from: .pathing)
            try await harness.deliver(events, from: .pathing)
            let learning = try await harness.trends(token).learning
            #expect(learning.minutesByWeek == [WeekMinutesDTO(week: "2026-W53", minutes: 30), WeekMinutesDTO(week: "2027-W01", minutes: 20)])
            #expect(learning.lessonsCompleted == 2 && learning.pathPercent == 30)
            let days = try await harness.database.text(
                "SELECT string_agg(day::text || ':' || completions, ',' ORDER BY day) FROM analytics.learning_days WHERE user_id = '\(user)' AND completions > 0"
            )
            #expect(days == "2027-01-05:1,2027-01-07:1")

            let newPath = UUID()
            try await harness.deliver([EventEnvelope(PathCreated(userID: user, pathID: newPath, lessonCount: 12, estimatedWeeks: 5, coveragePercent: 90, createdAt: AnalyticsHarness.day("2027-01-08")))], from: .pathing)
            #expect(try await harness.trends(token).learning.pathPercent == 0, "a newer path starts at 0")
        }
    }

    @Test("a trend answer is kept and served again until an event changes the person's facts or the day ends")
    func snapshots() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            let first = try AnalyticsHarness.session(of: user, weeksAgo: 1, score: 5)
            try await harness.deliver([first.completed, first.evaluated], from: .coaching)
            #expect(try await harness.trends(token).sessions.count == 1)
            #expect(try await harness.database.count("SELECT count(*) FROM analytics.trend_snapshots WHERE user_id = '\(user)'") == 1)
            #expect(try await harness.trends(token).sessions.count == 1)
            let second = try AnalyticsHarness.session(of: user, weeksAgo: 0, score: 7)
            try await harness.deliver([second.completed, second.evaluated], from: .coaching)
            #expect(try await harness.trends(token).sessions.count == 2, "an event makes the kept answer stale")
            // Ninety days on, the first session has left the window: the kept answer was for another day.
            harness.clock.advance(by: 83 * 86_400)
            #expect(try await harness.trends(token).sessions.count == 1)
            #expect(try await harness.trends(token, days: 7).sessions.count == 0, "each window has its own answer")
        }
    }

    @Test("numbers out of their range in an event are stored at their bounds, not a crash")
    func outOfRange() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            let wild = try AnalyticsHarness.session(of: user, weeksAgo: 0, score: 99)
            try await harness.deliver(
                [try AnalyticsHarness.progress(of: user, "bayes", .inProgress, seconds: Int(Int32.max) + 10, path: UUID(), percent: 250, at: AnalyticsHarness.now)],
                from: .pathing
            )
            try await harness.deliver([wild.completed, wild.evaluated], from: .coaching)
            let trends = try await harness.trends(token)
            #expect(trends.progression.first?.overallScore == 100 && trends.progression.first?.scores[.engagement] == 10)
            #expect(trends.learning.pathPercent == 100 && trends.learning.minutesByWeek.first?.minutes == Int(Int32.max) / 60)
        }
    }

    @Test("events of the same second (their times are whole seconds) settle the way they happened, whatever order they arrive in")
    func sameSecond() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            let (path, second) = (UUID(), try AnalyticsHarness.day("2026-11-29"))
            // Progress on the new path, then the path's own announcement, all in one second.
            try await harness.deliver([try AnalyticsHarness.progress(of: user, "bayes", .completed, path: path, percent: 10, at: second)], from: .pathing)
            try await harness.deliver([try AnalyticsHarness.progress(of: user, "bayes", .inProgress, seconds: 60, path: path, percent: 0, at: second)], from: .pathing)
            try await harness.deliver(
                [try EventEnvelope(PathCreated(userID: user, pathID: path, lessonCount: 10, estimatedWeeks: 4, coveragePercent: 80, createdAt: second))],
                from: .pathing
            )
            let learning = try await harness.trends(token).learning
            #expect(learning.pathPercent == 10 && learning.lessonsCompleted == 1)
            let status = try await harness.database.text("SELECT status FROM analytics.lesson_facts WHERE user_id = '\(user)'")
            #expect(status == "completed", "a start in the same second as the completion does not undo it")
        }
    }

    @Test("improvements name a dimension weak in two of the last five sessions, with lessons; the strongest exclude it; only the last five count")
    func improvements() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            let suggestion = PracticeSuggestionDTO(text: "Bring a figure to every answer.", lessonID: "sales-discovery-calls", dimension: .engagement)
            let sessions = try [
                AnalyticsHarness.session(of: user, weeksAgo: 6, score: 8, overrides: [.toneAlignment: 2], areas: [.toneAlignment]),
                AnalyticsHarness.session(of: user, weeksAgo: 4, score: 8, overrides: [.engagement: 4, .languageQuality: 5], areas: [.engagement], suggestions: [suggestion]),
                AnalyticsHarness.session(of: user, weeksAgo: 3, score: 8, overrides: [.clarityStructure: 9, .relevanceFocus: 9]),
                AnalyticsHarness.session(of: user, weeksAgo: 2, score: 8, overrides: [.engagement: 5, .languageQuality: 6], areas: [.engagement]),
                AnalyticsHarness.session(of: user, weeksAgo: 1, score: 8, overrides: [.clarityStructure: 9, .relevanceFocus: 9]),
                AnalyticsHarness.session(of: user, weeksAgo: 0.5, score: 8, overrides: [.clarityStructure: 9, .relevanceFocus: 9]),
            ]
            try await harness.deliver(sessions.flatMap { [$0.completed, $0.evaluated] }, from: .coaching)
            let found = try await harness.improvements(token)
            let engagement = try #require(found.recurringWeaknesses.first { $0.dimension == .engagement })
            #expect(engagement.occurrences == 2 && engagement.lastSeen == AnalyticsHarness.now.addingTimeInterval(-2 * 604_800))
            #expect(engagement.average == 6.6, "(8 + 8 + 5 + 8 + 4) / 5")
            #expect(!found.recurringWeaknesses.contains { $0.dimension == .toneAlignment }, "its only weak session is the sixth newest")
            #expect(found.strongest == [.clarityStructure, .relevanceFocus])
            let advice = try #require(found.recommendations.first { $0.dimension == .engagement })
            #expect(
                advice.lessons == [
                    LessonReferenceDTO(id: "star-method-behavioural-answers", title: "STAR answers to behavioural questions"),
                    LessonReferenceDTO(id: "sales-discovery-calls", title: "Lesson sales-discovery-calls"),
                ],
                "the lessons found for the newest evaluation first, then the one the older evaluation's suggestion named"
            )
            #expect(!advice.suggestion.isEmpty)
            let stranger = try await harness.improvements(harness.tokens.accessToken(for: UUID()))
            #expect(stranger == ImprovementsDTO(recurringWeaknesses: [], strongest: [], recommendations: []))
        }
    }

    @Test("a person with 1,000 evaluated sessions reads trends with one query over the sessions' index")
    func cheapReads() async throws {
        try await AnalyticsHarness.with { harness in
            let user = UUID()
            let token = harness.tokens.accessToken(for: user)
            try await harness.database.execute(
                """
                INSERT INTO analytics.session_facts (session_id, user_id, preparation_type, completed_at, evaluated_at, at, overall_score, scores, weak)
                SELECT gen_random_uuid(), '\(user)', 'interview', t, t, t, 50 + (i % 40), ARRAY[5, 6, 7, 5, 6, 7]::smallint[], '{engagement}'
                FROM generate_series(1, 1000) AS i, LATERAL (SELECT timestamptz '2026-11-30 12:00:00+00' - i * interval '2 hours') AS at(t)
                """
            )
            // Other people's sessions, so that the planner has a reason to use the index.
            try await harness.database.execute(
                """
                INSERT INTO analytics.session_facts (session_id, user_id, preparation_type, completed_at, evaluated_at, at, overall_score, scores, weak)
                SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad((i % 200)::text, 12, '0'))::uuid, 'pitch', now(), now(), now(), 60,
                    ARRAY[6, 6, 6, 6, 6, 6]::smallint[], '{}'
                FROM generate_series(1, 20000) AS i
                """
            )
            try await harness.database.execute("ANALYZE analytics.session_facts")
            let trends = try await harness.trends(token, days: 365)
            #expect(trends.sessions.count == 1_000 && trends.progression.count == 1_000 && trends.averages[.engagement] == 7)
            let plan = try await harness.database.text(
                "EXPLAIN (FORMAT JSON) SELECT session_id FROM analytics.session_facts WHERE user_id = '\(user)' AND at >= now() - interval '365 days'"
            )
            #expect(plan.contains("session_facts_by_user") || plan.contains("session_facts_evaluated"), "\(plan)")
        }
    }
}

@Suite("Analytics service")
struct AnalyticsServiceTests {
    @Test("it boots on its own schema and consumes user.deleted through its inbox, once")
    func consumesUserDeleted() async throws {
        try await withService(.analytics, build: buildApplication) { port, database throws in
            #expect(try await database.count("SELECT count(*) FROM analytics.schema_migrations") == AnalyticsMigrations.all.count)
            let event = try EventEnvelope(UserDeleted(userID: UUID()))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM analytics.inbox_events WHERE event_id = '\(event.id)'") == 1)
        }
    }

    @Test("every fact of the person goes with user.deleted, and nobody else's; events are taken only from their producer")
    func erasure() async throws {
        try await withService(.analytics, build: buildApplication) { port, database throws in
            let (user, other) = (UUID(), UUID())
            for person in [user, other] {
                let session = try AnalyticsHarness.session(of: person, weeksAgo: 1, score: 6, areas: [.engagement])
                #expect(try await deliver([session.completed, session.evaluated], to: port, as: "coaching-session").applied == 2)
                let progress = try AnalyticsHarness.progress(of: person, "bayes", .completed, seconds: 60, path: UUID(), percent: 10, at: Date())
                #expect(try await deliver([progress], to: port, as: "pathing").applied == 1)
            }
            let forged = try AnalyticsHarness.session(of: user, weeksAgo: 1, score: 6)
            await #expect(throws: (any Error).self) { try await deliver([forged.evaluated], to: port, as: "pathing") }
            #expect(try await deliver([try EventEnvelope(UserDeleted(userID: user))], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            // No content here to find lessons, and no trend read yet: those two tables hold nobody's rows.
            for table in AnalyticsMigrations.userOwnedTables {
                #expect(try await database.count("SELECT count(*) FROM analytics.\(table) WHERE user_id = '\(user)'") == 0, "\(table)")
                guard !["weakness_lessons", "trend_snapshots"].contains(table) else { continue }
                #expect(try await database.count("SELECT count(*) FROM analytics.\(table) WHERE user_id = '\(other)'") >= 1, "\(table)")
            }
        }
    }

    @Test("its router answers an unknown path with a problem+json 404, and takes events only from a service's certificate")
    func routerShape() async throws {
        try await AnalyticsHarness.with { harness in
            let missing = try await harness.caller.send(.GET, "/api/v1/nothing-here")
            #expect(missing.status == 404 && missing.headers["Content-Type"].first == "application/problem+json")
            let events = try await harness.caller.send(.POST, InternalPath.events, json: EventBatch(events: [try EventEnvelope(UserDeleted(userID: UUID()))]))
            #expect(events.status == 403)
        }
    }
}
