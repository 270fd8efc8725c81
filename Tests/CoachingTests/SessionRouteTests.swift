import AsyncHTTPClient
import Foundation
import Hummingbird
import Intelligence
import Logging
import NIOCore
import NIOHTTP1
import PathwiseProtocol
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Coaching

/// The coach's view of a quant researcher short of stochastic calculus.
struct FixedContext: CoachingContextSource {
    var context = CoachingContext(
        roleTemplate: "quant_researcher", jobTitle: "Quantitative Researcher", firm: "Northwind Capital",
        gaps: [.init(skillID: "stochastic_calculus", name: "Stochastic calculus", importance: "required")], resumeSkills: ["Python"]
    )

    func context(of user: UUID, logger: Logger) async -> CoachingContext { context }
}

/// A library that teaches everything with one lesson.
struct FixedLessons: LessonSearch {
    func lesson(for query: String, logger: Logger) async -> String? { "star-method-behavioural-answers" }
}

/// Coaching's router over real Postgres, a manual clock and stand-ins for profile, pathing and content.
struct CoachHarness {
    let caller: RouterCaller
    let tokens: StandInTokenIssuer
    let clock: ManualClock
    let database: TestDatabase
    let store: PostgresSessionStore

    static func with(model: LanguageModelClient? = nil, _ body: @Sendable (CoachHarness) async throws -> Void) async throws {
        try await TestDatabase.migrated(role: "coaching", CoachingMigrations.all) { client, database in
            let (tokens, clock) = (StandInTokenIssuer(), ManualClock(Date(timeIntervalSince1970: 1_796_040_000)))
            let store = PostgresSessionStore(client: client, outbox: Outbox(), logger: testLogger)
            let dependencies = CoachingDependencies(
                sessions: PracticeSessions(
                    planner: SessionPlanner(taxonomy: try Taxonomy.bundled()),
                    coach: Coach(embedded: EmbeddedCoach(), model: model.map { LanguageModelCoach(client: $0) }), contexts: FixedContext(),
                    store: store, clock: clock.wallClock, logger: testLogger
                ),
                evaluations: SessionEvaluations(
                    evaluator: SessionEvaluator(), model: model.map { LanguageModelEvaluator(client: $0) }, lessons: FixedLessons(), store: store,
                    clock: clock.wallClock, logger: testLogger
                ),
                erasure: UserErasure(tables: CoachingMigrations.userOwnedTables), verifier: tokens.verifier(),
                inbox: Inbox(receipts: MemoryInboxReceipts()), maxBodyBytes: 1 << 20
            )
            try await RouterCaller.with(buildRouter(dependencies)) { caller in
                try await body(CoachHarness(caller: caller, tokens: tokens, clock: clock, database: database, store: store))
            }
        }
    }

    func person() -> (user: UUID, token: String) {
        let user = UUID()
        return (user, tokens.accessToken(for: user))
    }

    func send(
        _ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, token: String, headers: [(String, String)] = []
    ) async throws -> TestClient.Response {
        try await caller.send(method, path, headers: headers, json: json, bearer: token)
    }

    /// A new interview session of the person's.
    func session(_ token: String, _ request: SessionRequest = SessionRequest(preparationType: .interview)) async throws -> SessionDTO {
        let response = try await send(.POST, "/api/v1/sessions", json: request, token: token)
        guard response.status == 201 else { throw TestSetupError("session not created: \(response.status) \(response.text)") }
        return try response.json(SessionDTO.self)
    }

    /// Sends an answer under `key` (a new one unless given).
    func answer(_ session: UUID, _ content: String, token: String, key: String = UUID().uuidString, stream: Bool = false) async throws
        -> TestClient.Response
    {
        var headers = [("Idempotency-Key", key)]
        if stream { headers.append(("Accept", "text/event-stream")) }
        return try await send(.POST, "/api/v1/sessions/\(session)/messages", json: TurnRequest(content: content), token: token, headers: headers)
    }

    /// Answers `count` times with a solid story.
    func answer(_ session: UUID, times count: Int, token: String) async throws {
        for index in 0..<count {
            let response = try await answer(session, Self.story(index), token: token)
            guard response.status == 201 else { throw TestSetupError("turn refused: \(response.status) \(response.text)") }
        }
    }

    /// A solid answer, different each time.
    static func story(_ index: Int) -> String {
        "At my last job our nightly risk report took \(index + 3) hours. I rewrote the aggregation in NumPy and added a cache, "
            + "and as a result it ran in \(index + 10) minutes, which let the desk see limits before the open."
    }

    /// Events in the outbox of `type`, their payloads decoded.
    func published<Event: DomainEvent>(_ type: Event.Type) async throws -> [Event] {
        let json = try await database.text(
            "SELECT coalesce(json_agg(payload ORDER BY occurred_at, id)::text, '[]') FROM coaching.outbox_events WHERE type = '\(Event.type)'"
        )
        return try JSONCoding.decoder.decode([Event].self, from: Data(json.utf8))
    }

    func turns(of session: UUID) async throws -> Int {
        try await database.count("SELECT count(*) FROM coaching.session_turns WHERE session_id = '\(session)'")
    }
}

/// The frames of an event-stream body: (event, data).
func frames(_ text: String) -> [(event: String, data: String)] {
    text.components(separatedBy: "\n\n").compactMap { block in
        var event: String?
        var data: String?
        for line in block.split(separator: "\n") {
            if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
            if line.hasPrefix("data: ") { data = String(line.dropFirst(6)) }
        }
        guard let event, let data else { return nil }
        return (event, data)
    }
}

@Suite("Practice session routes")
struct SessionRouteTests {
    @Test("a session starts in progress with the coach's opening turn and a plan for the person; it is read back whole")
    func create() async throws {
        try await CoachHarness.with { harness in
            let (_, token) = harness.person()
            let response = try await harness.send(
                .POST, "/api/v1/sessions", json: SessionRequest(preparationType: .interview, meetingSubtype: "technical", tone: .challenging), token: token
            )
            #expect(response.status == 201, "\(response.text)")
            let session = try response.json(SessionDTO.self)
            #expect(response.headers["Location"].first == "/api/v1/sessions/\(session.id.uuidString.lowercased())")
            #expect(session.status == .inProgress && session.tone == .challenging && session.engine == "embedded" && session.completedAt == nil)
            #expect(session.turns.count == 1 && session.turns.first?.role == .coach && session.turns.first?.turnNumber == 1)
            #expect(session.title.hasPrefix("Interview practice"), "a default title says what is practised: \(session.title)")
            let read = try await harness.send(.GET, "/api/v1/sessions/\(session.id)", token: token)
            #expect(read.status == 200)
            #expect(try read.json(SessionDTO.self) == session)
            let object = try read.object()
            for key in ["meeting_subtype", "agenda", "role_context", "completed_at"] { #expect(object.keys.contains(key), "\(key) is written, null or not") }
        }
    }

    @Test("a bad session request is a 400 naming each field")
    func createRefusals() async throws {
        try await CoachHarness.with { harness in
            let (_, token) = harness.person()
            let cases: [(String, [String])] = [
                (#"{}"#, ["preparation_type"]),
                (#"{"preparation_type":"tea party"}"#, ["preparation_type"]),
                (#"{"preparation_type":"pitch","tone":"angry","title":""}"#, ["tone", "title"]),
                (#"{"preparation_type":"pitch","agenda":"\#(String(repeating: "x", count: 2_001))"}"#, ["agenda"]),
                (#"{"preparation_type":"sales","budget":10}"#, ["budget"]),
            ]
            for (body, fields) in cases {
                let response = try await harness.caller.send(.POST, "/api/v1/sessions", text: body, bearer: token)
                #expect(response.status == 400, "\(body)")
                #expect(Set(response.invalidFields) == Set(fields), "\(body): \(response.invalidFields)")
            }
            let anonymous = try await harness.caller.send(.POST, "/api/v1/sessions", json: SessionRequest(preparationType: .pitch))
            #expect(anonymous.status == 401)
        }
    }

    @Test("the list is newest first, filtered by status and type, paged by cursor, with the overall score once evaluated; archived ones only on request")
    func list() async throws {
        try await CoachHarness.with { harness in
            let (_, token) = harness.person()
            var made: [SessionDTO] = []
            for type in [PreparationType.interview, .pitch, .sales] {
                made.append(try await harness.session(token, SessionRequest(preparationType: type)))
                harness.clock.advance(by: 60)
            }
            let all = try await harness.send(.GET, "/api/v1/sessions", token: token).json(Page<SessionSummaryDTO>.self)
            #expect(all.items.map(\.id) == made.reversed().map(\.id) && all.nextCursor == nil)
            let first = try await harness.send(.GET, "/api/v1/sessions?limit=2", token: token).json(Page<SessionSummaryDTO>.self)
            let cursor = try #require(first.nextCursor)
            let second = try await harness.send(.GET, "/api/v1/sessions?limit=2&cursor=\(cursor)", token: token).json(Page<SessionSummaryDTO>.self)
            #expect((first.items + second.items).map(\.id) == all.items.map(\.id) && second.nextCursor == nil)
            let pitches = try await harness.send(.GET, "/api/v1/sessions?preparation_type=pitch", token: token).json(Page<SessionSummaryDTO>.self)
            #expect(pitches.items.map(\.id) == [made[1].id])

            #expect(try await harness.send(.DELETE, "/api/v1/sessions/\(made[0].id)", token: token).status == 204)
            #expect(try await harness.send(.DELETE, "/api/v1/sessions/\(made[0].id)", token: token).status == 204, "archiving twice changes nothing")
            let visible = try await harness.send(.GET, "/api/v1/sessions", token: token).json(Page<SessionSummaryDTO>.self)
            #expect(visible.items.map(\.id) == [made[2].id, made[1].id])
            let archived = try await harness.send(.GET, "/api/v1/sessions?status=archived", token: token).json(Page<SessionSummaryDTO>.self)
            #expect(archived.items.map(\.id) == [made[0].id] && archived.items.first?.status == .archived)

            try await harness.answer(made[2].id, times: 3, token: token)
            _ = try await harness.send(.POST, "/api/v1/sessions/\(made[2].id)/complete", token: token)
            let evaluation = try await harness.send(.POST, "/api/v1/sessions/\(made[2].id)/evaluate", token: token).json(EvaluationDTO.self)
            let completed = try await harness.send(.GET, "/api/v1/sessions?status=completed", token: token).json(Page<SessionSummaryDTO>.self)
            #expect(completed.items.map(\.id) == [made[2].id])
            #expect(completed.items.first?.overallScore == evaluation.overallScore && completed.items.first?.userTurns == 3)

            let bad = try await harness.send(.GET, "/api/v1/sessions?status=paused&preparation_type=dance&limit=0", token: token)
            #expect(bad.status == 400 && Set(bad.invalidFields) == ["status", "preparation_type", "limit"])
        }
    }

    @Test("a turn stores the answer and the coach's reply; a retry with its key gets the same answer and adds nothing")
    func turnsAndReplay() async throws {
        try await CoachHarness.with { harness in
            let (_, token) = harness.person()
            let session = try await harness.session(token)
            let first = try await harness.answer(session.id, "  " + CoachHarness.story(0) + "\n", token: token, key: "turn-1")
            #expect(first.status == 201, "\(first.text)")
            let exchange = try first.json(TurnExchangeDTO.self)
            #expect(exchange.turnNumber == 2 && exchange.userTurn.turnNumber == 2 && exchange.coachTurn.turnNumber == 3)
            #expect(exchange.userTurn.role == .user && exchange.coachTurn.role == .coach && exchange.userTurn.content == CoachHarness.story(0))
            #expect(!exchange.coachTurn.content.isEmpty)

            let replay = try await harness.answer(session.id, CoachHarness.story(0), token: token, key: "turn-1")
            #expect(replay.status == 201 && replay.headers["Idempotent-Replayed"].first == "true")
            #expect(try replay.json(TurnExchangeDTO.self) == exchange)
            #expect(try await harness.turns(of: session.id) == 3, "no second coach turn")

            let otherBody = try await harness.answer(session.id, "Something else entirely.", token: token, key: "turn-1")
            #expect(otherBody.status == 422 && otherBody.code == "idempotency_key_reused")
            let otherSession = try await harness.session(token)
            let otherTarget = try await harness.answer(otherSession.id, CoachHarness.story(0), token: token, key: "turn-1")
            #expect(otherTarget.status == 422, "a key names one request: the same words to another session are another request")

            let (_, stranger) = harness.person()
            let theirs = try await harness.session(stranger)
            let sameKey = try await harness.answer(theirs.id, CoachHarness.story(0), token: stranger, key: "turn-1")
            #expect(sameKey.status == 201 && sameKey.headers["Idempotent-Replayed"].first == nil, "keys are per person")

            harness.clock.advance(by: TurnKey.lifetime + 60)
            let (_, quiet) = harness.person()
            let quietSession = try await harness.session(quiet)
            _ = try await harness.answer(quietSession.id, "An answer from someone who will not be back.", token: quiet)
            #expect(try await harness.store.forgetExpiredKeys(at: harness.clock.wallClock.now) == 2, "the day-old keys go, whoever holds them")
            #expect(try await harness.database.count("SELECT count(*) FROM coaching.turn_keys") == 1)
            let afterADay = try await harness.answer(session.id, "A new answer a day later, with 3 numbers: 1, 2, 3.", token: token, key: "turn-1")
            #expect(afterADay.status == 201 && afterADay.headers["Idempotent-Replayed"].first == nil, "keys are kept 24 hours")
            let read = try await harness.send(.GET, "/api/v1/sessions/\(session.id)", token: token).json(SessionDTO.self)
            #expect(read.turns.map(\.turnNumber) == [1, 2, 3, 4, 5] && read.turns.map(\.role) == [.coach, .user, .coach, .user, .coach])
        }
    }

    @Test("a turn needs its Idempotency-Key and 1 to 4,000 characters")
    func turnRefusals() async throws {
        try await CoachHarness.with { harness in
            let (_, token) = harness.person()
            let session = try await harness.session(token)
            let path = "/api/v1/sessions/\(session.id)/messages"
            let keyless = try await harness.send(.POST, path, json: TurnRequest(content: "Hello"), token: token)
            #expect(keyless.status == 400 && keyless.invalidFields == ["Idempotency-Key"])
            let badKey = try await harness.send(.POST, path, json: TurnRequest(content: "Hello"), token: token, headers: [("Idempotency-Key", "has space")])
            #expect(badKey.status == 400 && badKey.invalidFields == ["Idempotency-Key"])
            for content in ["", "   ", String(repeating: "a", count: 4_001)] {
                let response = try await harness.answer(session.id, content, token: token)
                #expect(response.status == 400 && response.invalidFields == ["content"], "\(content.count) characters")
            }
            let longest = try await harness.answer(session.id, String(repeating: "word ", count: 800), token: token)
            #expect(longest.status == 201, "4,000 characters are allowed")
            #expect(try await harness.turns(of: session.id) == 3)
        }
    }

    @Test("complete needs three answers and publishes session.completed; a completed session takes no turn; PATCH moves only where allowed")
    func transitions() async throws {
        try await CoachHarness.with { harness in
            let (user, token) = harness.person()
            let session = try await harness.session(token)
            try await harness.answer(session.id, times: 2, token: token)
            let early = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/complete", token: token)
            #expect(early.status == 409 && early.code == "too_few_turns")
            let patchedToCompleted = try await harness.send(.PATCH, "/api/v1/sessions/\(session.id)", json: SessionPatchRequest(status: .completed), token: token)
            #expect(patchedToCompleted.status == 400 && patchedToCompleted.invalidFields == ["status"])
            let unevaluable = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/evaluate", token: token)
            #expect(unevaluable.status == 409 && unevaluable.code == "session_not_completed")

            try await harness.answer(session.id, times: 1, token: token)
            let completed = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/complete", token: token)
            #expect(completed.status == 200, "\(completed.text)")
            let done = try completed.json(SessionDTO.self)
            #expect(done.status == .completed && done.completedAt != nil && done.turns.count == 7)
            let events = try await harness.published(SessionCompleted.self)
            #expect(events.count == 1 && events.first?.userID == user && events.first?.sessionID == session.id && events.first?.userTurns == 3)
            #expect(events.first?.preparationType == .interview)

            let again = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/complete", token: token)
            #expect(again.status == 409 && again.code == "session_not_in_progress")
            let late = try await harness.answer(session.id, "One more thing.", token: token)
            #expect(late.status == 409 && late.code == "session_not_in_progress")
            #expect(try await harness.published(SessionCompleted.self).count == 1)

            let renamed = try await harness.send(.PATCH, "/api/v1/sessions/\(session.id)", json: SessionPatchRequest(title: "Round two"), token: token)
            let renamedSession = try renamed.json(SessionDTO.self)
            #expect(renamed.status == 200 && renamedSession.title == "Round two")
            let archived = try await harness.send(.PATCH, "/api/v1/sessions/\(session.id)", json: SessionPatchRequest(status: .archived), token: token)
            let archivedSession = try archived.json(SessionDTO.self)
            #expect(archived.status == 200 && archivedSession.status == .archived)
            let back = try await harness.send(.PATCH, "/api/v1/sessions/\(session.id)", json: SessionPatchRequest(status: .inProgress), token: token)
            #expect(back.status == 409 && back.code == "transition_not_allowed")
            let empty = try await harness.caller.send(.PATCH, "/api/v1/sessions/\(session.id)", text: "{}", bearer: token)
            #expect(empty.status == 400)
            let evaluated = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/evaluate", token: token)
            #expect(evaluated.status == 201, "an archived session that was completed is still evaluated")

            let fresh = try await harness.session(token)
            let dropped = try await harness.send(.PATCH, "/api/v1/sessions/\(fresh.id)", json: SessionPatchRequest(status: .archived), token: token)
            #expect(dropped.status == 200, "in progress → archived is allowed")
            let closed = try await harness.answer(fresh.id, "Hello?", token: token)
            #expect(closed.status == 409 && closed.code == "session_not_in_progress")
        }
    }

    @Test("a session holds 60 answers; the 61st is 409 session_full")
    func cap() async throws {
        try await CoachHarness.with { harness in
            let (_, token) = harness.person()
            let session = try await harness.session(token)
            try await harness.answer(session.id, times: PracticeSession.maxAnswers, token: token)
            let full = try await harness.answer(session.id, "And one more.", token: token)
            #expect(full.status == 409 && full.code == "session_full")
            #expect(try await harness.turns(of: session.id) == 1 + 2 * PracticeSession.maxAnswers)
            let read = try await harness.send(.GET, "/api/v1/sessions/\(session.id)", token: token).json(SessionDTO.self)
            let coachTurns = read.turns.filter { $0.role == .coach }.map(\.content)
            #expect(Set(coachTurns).count == coachTurns.count, "the coach never says the same turn twice")
        }
    }

    @Test("evaluate makes one evaluation (201, then 200 with the same), publishes evaluation.created, and quotes only the person's turns")
    func evaluation() async throws {
        try await CoachHarness.with { harness in
            let (user, token) = harness.person()
            let session = try await harness.session(token)
            try await harness.answer(session.id, times: 4, token: token)
            let before = try await harness.send(.GET, "/api/v1/sessions/\(session.id)/evaluation", token: token)
            #expect(before.status == 404)
            _ = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/complete", token: token)
            let made = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/evaluate", token: token)
            #expect(made.status == 201, "\(made.text)")
            let evaluation = try made.json(EvaluationDTO.self)
            #expect(evaluation.sessionID == session.id && evaluation.engine == "embedded" && !evaluation.fallback)
            #expect(Set(evaluation.scores.keys) == Set(ScoreDimension.allCases) && evaluation.scores.values.allSatisfy { (1...10).contains($0) })
            #expect((0...100).contains(evaluation.overallScore))
            let read = try await harness.send(.GET, "/api/v1/sessions/\(session.id)", token: token).json(SessionDTO.self)
            let userTurns = Dictionary(uniqueKeysWithValues: read.turns.filter { $0.role == .user }.map { ($0.turnNumber, $0.content) })
            for (dimension, quotes) in evaluation.evidence {
                #expect(!quotes.isEmpty, "\(dimension) is backed by a quote")
                for quote in quotes { #expect(userTurns[quote.turnNumber]?.contains(quote.quote) == true, "\(quote.quote)") }
            }
            #expect(evaluation.practiceSuggestions.allSatisfy { $0.lessonID == "star-method-behavioural-answers" })

            let again = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/evaluate", token: token)
            #expect(again.status == 200)
            #expect(try again.json(EvaluationDTO.self) == evaluation)
            let fetched = try await harness.send(.GET, "/api/v1/sessions/\(session.id)/evaluation", token: token)
            #expect(fetched.status == 200)
            #expect(try fetched.json(EvaluationDTO.self) == evaluation)
            let events = try await harness.published(EvaluationCreated.self)
            #expect(events.count == 1 && events.first?.userID == user && events.first?.overallScore == evaluation.overallScore)
            #expect(events.first?.scores == evaluation.scores && events.first?.practiceSuggestions == evaluation.practiceSuggestions)
            #expect(events.first?.improvementAreas.map(\.dimension) == evaluation.improvementAreas.map(\.dimension))
        }
    }

    @Test("another person's session, turns and evaluation are 404 on every route; so is an id that is no UUID")
    func isolation() async throws {
        try await CoachHarness.with { harness in
            let (_, owner) = harness.person()
            let session = try await harness.session(owner)
            try await harness.answer(session.id, times: 3, token: owner)
            _ = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/complete", token: owner)
            _ = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/evaluate", token: owner)
            let (_, stranger) = harness.person()
            let base = "/api/v1/sessions/\(session.id)"
            let attempts: [(HTTPMethod, String, (any Encodable)?)] = [
                (.GET, base, nil), (.PATCH, base, SessionPatchRequest(title: "Mine now")), (.DELETE, base, nil), (.POST, base + "/complete", nil),
                (.POST, base + "/evaluate", nil), (.GET, base + "/evaluation", nil), (.GET, "/api/v1/sessions/not-a-uuid", nil),
            ]
            for (method, path, body) in attempts {
                let response = try await harness.send(method, path, json: body, token: stranger)
                #expect(response.status == 404, "\(method) \(path)")
            }
            let turn = try await harness.answer(session.id, "Let me in.", token: stranger)
            #expect(turn.status == 404)
            let list = try await harness.send(.GET, "/api/v1/sessions?status=completed", token: stranger).json(Page<SessionSummaryDTO>.self)
            #expect(list.items.isEmpty)
            let untouched = try await harness.send(.GET, base, token: owner).json(SessionDTO.self)
            #expect(untouched.status == .completed && untouched.title == session.title && untouched.turns.count == 7)
        }
    }

    @Test("with Accept: text/event-stream the coach's turn streams as delta frames, then done with the stored turns; a replay is one done frame")
    func streaming() async throws {
        try await CoachHarness.with { harness in
            let (_, token) = harness.person()
            let session = try await harness.session(token)
            let response = try await harness.answer(session.id, CoachHarness.story(1), token: token, key: "stream-1", stream: true)
            #expect(response.status == 200 && response.headers["Content-Type"].first?.hasPrefix("text/event-stream") == true)
            let sent = frames(response.text)
            #expect(sent.first?.event == "delta" && sent.last?.event == "done" && sent.dropLast().allSatisfy { $0.event == "delta" })
            let done = try JSONCoding.decoder.decode(TurnExchangeDTO.self, from: Data(try #require(sent.last).data.utf8))
            let text = try sent.dropLast().map { try JSONCoding.decoder.decode(TurnDeltaDTO.self, from: Data($0.data.utf8)).text }.joined()
            #expect(text == done.coachTurn.content, "the deltas add up to the stored turn")
            let stored = try await harness.send(.GET, "/api/v1/sessions/\(session.id)", token: token).json(SessionDTO.self)
            #expect(stored.turns.last == done.coachTurn)

            let replay = try await harness.answer(session.id, CoachHarness.story(1), token: token, key: "stream-1", stream: true)
            let replayed = frames(replay.text)
            #expect(replayed.count == 1 && replayed.first?.event == "done")
            let replayedExchange = try JSONCoding.decoder.decode(TurnExchangeDTO.self, from: Data(try #require(replayed.first).data.utf8))
            #expect(replayedExchange == done)
            let refused = try await harness.answer(session.id, "Another body", token: token, key: "stream-1", stream: true)
            #expect(refused.status == 422, "a refusal is known before the stream starts, so it is a plain problem")
        }
    }
}

@Suite("Practice sessions with a language model")
struct SessionModelTests {
    @Test("the model's streamed turn is stored and the session names the model; the model sees the plan and the last ten turns")
    func modelTurn() async throws {
        try await FakeLanguageModel.withClient(.stream(["Good. ", "What did it ", "save per year?"], done: true)) { client, fake in
            try await CoachHarness.with(model: client) { harness in
                let (_, token) = harness.person()
                let session = try await harness.session(token)
                #expect(session.engine == "llm:test-model")
                for index in 0..<6 {
                    let response = try await harness.answer(session.id, CoachHarness.story(index), token: token, stream: index == 5)
                    #expect(response.status == (index == 5 ? 200 : 201))
                }
                let read = try await harness.send(.GET, "/api/v1/sessions/\(session.id)", token: token).json(SessionDTO.self)
                #expect(read.turns.last?.content == "Good. What did it save per year?")
                let last = try #require(fake.requests.last).body
                let sent = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any]
                let messages = try #require(sent?["messages"] as? [[String: Any]])
                #expect(messages.count == 1 + LanguageModelCoach.turnsSent, "the system prompt and the last ten turns")
                #expect((messages.first?["content"] as? String)?.contains(session.turns[0].content.split(separator: "\n").last.map(String.init) ?? "") == true)
                #expect(sent?["stream"] as? Bool == true)
            }
        }
    }

    @Test("a model that fails before its first word is replaced by the embedded coach; one that fails mid-stream ends the stream with an error and stores nothing")
    func modelFailures() async throws {
        try await FakeLanguageModel.withClient(.failing(503)) { client, fake in
            try await CoachHarness.with(model: client) { harness in
                let (_, token) = harness.person()
                let session = try await harness.session(token)
                let fallback = try await harness.answer(session.id, CoachHarness.story(0), token: token)
                #expect(fallback.status == 201, "\(fallback.text)")
                let fallbackTurn = try fallback.json(TurnExchangeDTO.self).coachTurn
                #expect(!fallbackTurn.content.isEmpty)

                fake.answer(with: .stream(["Half a "], done: false))
                let broken = try await harness.answer(session.id, CoachHarness.story(1), token: token, key: "mid-stream", stream: true)
                let sent = frames(broken.text)
                #expect(sent.first?.event == "delta" && sent.last?.event == "error")
                let problem = try JSONCoding.decoder.decode(ProblemDetails.self, from: Data(try #require(sent.last).data.utf8))
                #expect(problem.status == 503)
                #expect(try await harness.turns(of: session.id) == 3, "nothing of the broken turn is stored")

                fake.answer(with: .stream(["Thanks. ", "Next question."], done: true))
                let retry = try await harness.answer(session.id, CoachHarness.story(1), token: token, key: "mid-stream", stream: true)
                #expect(frames(retry.text).last?.event == "done", "the key was let go, so the same request goes through")
                #expect(try await harness.turns(of: session.id) == 5)
            }
        }
    }

    @Test("two requests with one key at once store exactly one coach turn; the other is 409 while the first runs")
    func concurrentKey() async throws {
        try await FakeLanguageModel.withClient(.pacedStream(["Thank ", "you. ", "Next."], pause: .milliseconds(700))) { client, _ in
            try await CoachHarness.with(model: client) { harness in
                let (_, token) = harness.person()
                let session = try await harness.session(token)
                async let first = harness.answer(session.id, CoachHarness.story(0), token: token, key: "same")
                async let second = harness.answer(session.id, CoachHarness.story(0), token: token, key: "same")
                let statuses = [try await first.status, try await second.status].sorted()
                #expect(statuses == [201, 409] || statuses == [201, 201], "\(statuses)")
                #expect(try await harness.turns(of: session.id) == 3, "exactly one coach turn")
                async let third = harness.answer(session.id, CoachHarness.story(1), token: token, key: "a")
                try await Task.sleep(for: .milliseconds(300))
                let other = try await harness.answer(session.id, CoachHarness.story(2), token: token, key: "b")
                #expect(other.status == 409 && other.code == "turn_in_progress", "one turn of a session at a time")
                #expect(try await third.status == 201)
            }
        }
    }

    @Test("the model's evaluation is used when it holds up; a quote the person never said sends it back to the embedded engine")
    func modelEvaluation() async throws {
        try await FakeLanguageModel.withClient(.failing(500)) { client, fake in
            try await CoachHarness.with(model: client) { harness in
                let (_, token) = harness.person()
                var sessions: [UUID] = []
                for _ in 0..<2 {
                    let session = try await harness.session(token)
                    try await harness.answer(session.id, times: 3, token: token)
                    _ = try await harness.send(.POST, "/api/v1/sessions/\(session.id)/complete", token: token)
                    sessions.append(session.id)
                }
                let quote = "I rewrote the aggregation in NumPy"
                func answer(quote: String) -> String {
                    let evidence = ScoreDimension.allCases.map { #""\#($0.rawValue)":[{"turn_number":2,"quote":"\#(quote)","note":"shows ownership"}]"# }
                    let scores = ScoreDimension.allCases.map { #""\#($0.rawValue)":7"# }
                    return #"{"scores":{\#(scores.joined(separator: ","))},"evidence":{\#(evidence.joined(separator: ","))},"strengths":["Owns the work."],"#
                        + #""improvement_areas":[{"dimension":"engagement","suggestion":"Ask the interviewer a question back.","priority":"medium"}]}"#
                }
                fake.answer(with: .answer(answer(quote: quote)))
                let good = try await harness.send(.POST, "/api/v1/sessions/\(sessions[0])/evaluate", token: token).json(EvaluationDTO.self)
                #expect(good.engine == "llm:test-model" && !good.fallback && good.scores.values.allSatisfy { $0 == 7 } && good.overallScore == 70)
                #expect(good.evidence[.engagement]?.first?.quote == quote && good.improvementAreas.first?.currentLevel == 7)

                fake.answer(with: .answer(answer(quote: "I single-handedly saved the firm")))
                let invented = try await harness.send(.POST, "/api/v1/sessions/\(sessions[1])/evaluate", token: token).json(EvaluationDTO.self)
                #expect(invented.engine == "embedded" && invented.fallback)
            }
        }
    }
}

@Suite("Coaching service")
struct CoachingServiceTests {
    @Test("it boots on its own schema and consumes user.deleted through its inbox, once")
    func consumesUserDeleted() async throws {
        try await withService(.coaching, build: buildApplication) { port, database throws in
            #expect(try await database.count("SELECT count(*) FROM coaching.schema_migrations") == CoachingMigrations.all.count)
            let event = try EventEnvelope(UserDeleted(userID: UUID()))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([event], to: port) == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM coaching.inbox_events WHERE event_id = '\(event.id)'") == 1)
        }
    }

    @Test("user.deleted erases the person's sessions, turns, evaluations and keys, and nobody else's")
    func erasure() async throws {
        try await withService(.coaching, build: buildApplication) { port, database throws in
            let (user, other) = (UUID(), UUID())
            for (owner, session) in [(user, UUID()), (other, UUID())] {
                try await database.execute(
                    """
                    INSERT INTO coaching.sessions (id, user_id, title, preparation_type, tone, status, plan, engine, turn_count, user_turns, created_at,
                        completed_at, updated_at)
                    VALUES ('\(session)', '\(owner)', 'Practice', 'interview', 'neutral', 'completed', '{"opening":"","questions":[],"focusTerms":[]}',
                        'embedded', 2, 1, now(), now(), now())
                    """
                )
                try await database.execute(
                    """
                    INSERT INTO coaching.session_turns (session_id, turn_number, user_id, role, content, created_at)
                    VALUES ('\(session)', 1, '\(owner)', 'coach', 'Hello', now())
                    """
                )
                try await database.execute(
                    "INSERT INTO coaching.evaluations (session_id, user_id, overall_score, evaluation, created_at) VALUES ('\(session)', '\(owner)', 50, '{}', now())"
                )
                try await database.execute(
                    """
                    INSERT INTO coaching.turn_keys (user_id, idempotency_key, session_id, fingerprint, exchange, created_at)
                    VALUES ('\(owner)', 'k', '\(session)', 'f', NULL, now())
                    """
                )
            }
            #expect(try await deliver([try EventEnvelope(UserDeleted(userID: user))], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            for table in CoachingMigrations.userOwnedTables {
                #expect(try await database.count("SELECT count(*) FROM coaching.\(table) WHERE user_id = '\(user)'") == 0, "\(table)")
                #expect(try await database.count("SELECT count(*) FROM coaching.\(table) WHERE user_id = '\(other)'") == 1, "\(table)")
            }
        }
    }

    @Test("its router answers an unknown path with a problem+json 404, and takes events only from a service's certificate")
    func routerShape() async throws {
        try await CoachHarness.with { harness in
            let missing = try await harness.caller.send(.GET, "/api/v1/nothing-here")
            #expect(missing.status == 404 && missing.headers["Content-Type"].first == "application/problem+json")
            let events = try await harness.caller.send(.POST, InternalPath.events, json: EventBatch(events: [try EventEnvelope(UserDeleted(userID: UUID()))]))
            #expect(events.status == 403)
        }
    }
}
