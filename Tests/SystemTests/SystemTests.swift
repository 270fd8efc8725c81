import Foundation
import NIOCore
import NIOFoundationCompat
import PathwiseProtocol
import PostgresNIO
import TestSupport
import Testing
import Yams

/// Waits up to `timeout` for `condition` to hold.
func eventually(_ timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}

@Suite("The whole platform through the gateway", .serialized)
struct SystemTests {
    @Test("sign up, log in, rotate, detect reuse, log out, delete the account everywhere; the edges hold")
    func platform() async throws {
        // Coaching talks to a language model (a local fake), so its streamed turns can be watched arriving.
        try await FakeLanguageModel.with(.stream(["Thank you. ", "What was the result?"], done: true)) { model, url in
            try await TestDatabase.with { database throws in
                let stack = try await Stack(
                    database: database, environment: [.coaching: ["LLM_BASE_URL": url.absoluteString, "LLM_MODEL": "fake-coach", "LLM_TIMEOUT_MS": "10000"]]
                )
                do {
                    try await stack.start()
                    try await authJourney(stack)
                    try await accountDeletion(stack)
                    try await profileJourney(stack, model: model)
                    try await libraryJourney(stack)
                    try await edges(stack)
                    try await hostileHTTP(stack)
                } catch {
                    await stack.stop()
                    throw error
                }
                #expect(await stack.stop() == [], "every service stops cleanly on SIGTERM")
            }
        }
    }

    /// The library through the gateway: open to read, synced into content's schema at start, lessons revalidated by ETag.
    func libraryJourney(_ stack: Stack) async throws {
        try await TestClient.with(identity: .none) { client throws in
            let api = "\(stack.gateway)/api/v1"
            let books = try await client.send(.GET, "\(api)/books").json(Page<BookSummaryDTO>.self).items
            #expect(books.count == 5)
            let tree = try await client.send(.GET, "\(api)/books/\(books[0].id)").json(BookDTO.self)
            let first = try #require(tree.parts.first?.chapters.first?.lessons.first)
            let lesson = try await client.send(.GET, "\(api)/lessons/\(first.id)")
            #expect(lesson.status == 200)
            let etag = try #require(lesson.headers.first(name: "ETag"))
            #expect(try await client.send(.GET, "\(api)/lessons/\(first.id)", headers: [("If-None-Match", etag)]).status == 304)
            #expect(try await client.send(.GET, "\(api)/lessons/no-such-lesson").status == 404)
            let coverage = try await client.send(.POST, "\(api)/coverage", json: CoverageRequest(topics: ["combinatorics", "basket weaving"]))
            #expect(coverage.status == 200)
            #expect(try coverage.json(CoverageReportDTO.self).items.map(\.covered) == [true, false])
            let stored = try await stack.database.count("SELECT count(*) FROM content.lessons")
            #expect(stored == books.reduce(0) { $0 + $1.lessonCount }, "the library is synced into content's schema")
        }
    }

    func authJourney(_ stack: Stack) async throws {
        try await TestClient.with(identity: .none) { client throws in
            let api = "\(stack.gateway)/api/v1/auth"
            let email = "journey@example.com"
            let password = "a passphrase for the journey"
            let signup = try await client.send(.POST, "\(api)/signup", json: SignupRequest(email: email, password: password, name: "Journey"))
            #expect(signup.status == 201)
            #expect(signup.version == .http2)
            #expect(signup.headers.first(name: "Strict-Transport-Security") != nil)

            let login = try await client.send(.POST, "\(api)/login", json: LoginRequest(email: email, password: password))
            #expect(login.status == 200)
            let session = try login.json(AuthResponse.self)
            let me = try await client.send(.GET, "\(api)/me", bearer: session.tokens.accessToken)
            #expect(me.status == 200)
            #expect(try me.json(UserDTO.self).email == email)

            let rotated = try await client.send(.POST, "\(api)/refresh", json: RefreshTokenRequest(refreshToken: session.tokens.refreshToken))
            #expect(rotated.status == 200)
            let replay = try await client.send(.POST, "\(api)/refresh", json: RefreshTokenRequest(refreshToken: session.tokens.refreshToken))
            #expect(replay.status == 401)
            #expect(try replay.json(ProblemDetails.self).code == "token_reused")
            let newest = try rotated.json(AuthResponse.self).tokens.refreshToken
            #expect(try await client.send(.POST, "\(api)/refresh", json: RefreshTokenRequest(refreshToken: newest)).status == 401)

            // Log out: the earlier access token stops working within the stated bound (one poll interval).
            let second = try await client.send(.POST, "\(api)/login", json: LoginRequest(email: email, password: password)).json(AuthResponse.self)
            let logout = try await client.send(.POST, "\(api)/logout", json: RefreshTokenRequest(refreshToken: second.tokens.refreshToken), bearer: second.tokens.accessToken)
            #expect(logout.status == 204)
            let rejected = try await eventually(.seconds(2)) {
                try await client.send(.GET, "\(api)/me", bearer: second.tokens.accessToken).status == 401
            }
            #expect(rejected)
            // Every other service has learned the cutoff too: identity's feed reached them.
            let cutoffs = try await TestClient.with(identity: .service("profile")) { profile throws in
                try await profile.send(.GET, stack.serviceURL(.identity, "/internal/token-revocations?after=0")).json(TokenRevocationFeed.self)
            }
            #expect(cutoffs.items.contains { $0.userID == second.user.id })
        }
    }

    func accountDeletion(_ stack: Stack) async throws {
        try await TestClient.with(identity: .none) { client throws in
            let api = "\(stack.gateway)/api/v1/auth"
            let password = "a passphrase to delete later"
            let account = try await client.send(.POST, "\(api)/signup", json: SignupRequest(email: "leaving@example.com", password: password))
                .json(AuthResponse.self)
            let user = account.user.id.uuidString.lowercased()
            #expect(try await eventually { try await stack.database.count("SELECT count(*) FROM profile.profiles WHERE user_id = '\(user)'") == 1 })

            let deleted = try await client.send(.DELETE, "\(api)/account", json: DeleteAccountRequest(password: password), bearer: account.tokens.accessToken)
            #expect(deleted.status == 204)
            #expect(try await stack.database.count("SELECT count(*) FROM identity.users WHERE id = '\(user)'") == 0)
            #expect(try await eventually { try await stack.database.count("SELECT count(*) FROM profile.profiles WHERE user_id = '\(user)'") == 0 })
            for schema in ["profile", "content", "pathing", "coaching", "analytics"] {
                let received = try await eventually {
                    try await stack.database.count("SELECT count(*) FROM \(schema).inbox_events WHERE type = 'user.deleted'") >= 1
                }
                #expect(received, "\(schema) received user.deleted")
            }
            // The relay records a delivery after the receiver has answered, so this can lag the inboxes a little.
            #expect(try await eventually { try await stack.database.count("SELECT count(*) FROM identity.outbox_deliveries WHERE delivered_at IS NULL") == 0 })
            #expect(try await client.send(.GET, "\(api)/me", bearer: account.tokens.accessToken).status == 401)
        }
    }

    /// Sign up → profile exists → onboarding → job target (role inferred) → resume → skills with levels
    /// → download → delete the account → nothing of the person left in the profile schema.
    func profileJourney(_ stack: Stack, model: FakeLanguageModel) async throws {
        try await TestClient.with(identity: .none) { client throws in
            let api = "\(stack.gateway)/api/v1"
            let password = "a passphrase for a profile"
            let account = try await client.send(
                .POST, "\(api)/auth/signup", json: SignupRequest(email: "grace@example.com", password: password, name: "Grace")
            ).json(AuthResponse.self)
            let token = account.tokens.accessToken
            let user = account.user.id.uuidString.lowercased()

            #expect(try await eventually { try await client.send(.GET, "\(api)/profile", bearer: token).json(ProfileDTO.self).email == "grace@example.com" })
            let onboarded = try await client.send(
                .POST, "\(api)/onboarding", json: OnboardingSubmission(answers: OnboardingAnswers(
                    experienceLevel: .midCareer, programmingExperience: .advanced, mathBackground: .phd, learningGoals: [.interviewPrep],
                    learningStyle: .theoryFirst, weeklyHours: 10
                )), bearer: token
            )
            #expect(onboarded.status == 200)
            #expect(try onboarded.json(ProfileDTO.self).onboardingCompleted)

            let description = """
                Join our systematic trading team as a quantitative researcher. You will research alpha signals with statistical \
                learning and time-series analysis, run backtests in Python, and apply probability theory and stochastic calculus.
                """
            let targeted = try await client.send(
                .PUT, "\(api)/profile/job-target", json: JobTargetRequest(jobTitle: "Quantitative Researcher", jobDescription: description),
                bearer: token
            )
            #expect(targeted.status == 200)
            #expect(try targeted.json(ProfileDTO.self).jobTarget?.roleType == "quant_researcher")
            #expect(try await eventually {
                try await stack.database.count("SELECT count(*) FROM pathing.inbox_events WHERE type = 'profile.job_target_changed'") >= 1
            }, "pathing received profile.job_target_changed")

            let lines = [
                "Grace Hopper", "Experience", "Research engineer: 6 years of Python building backtests and statistical models.",
                "Skills", "Python, SQL, Linux",
            ]
            let pdf = MinimalPDF.make(pages: [lines])
            let uploaded = try await client.send(
                .POST, "\(api)/resumes", headers: [("Content-Type", "application/pdf"), ("Content-Disposition", "attachment; filename=\"grace.pdf\"")],
                body: ByteBuffer(data: pdf), bearer: token
            )
            #expect(uploaded.status == 201)
            let resume = try uploaded.json(ResumeDTO.self)
            #expect(resume.isDefault && resume.pageCount == 1)
            // Profile logs what it did as structured events, each with the request id the gateway gave.
            let requestID = try #require(uploaded.headers.first(name: "X-Request-ID"))
            let profileLog = try String(contentsOfFile: try TestEnvironment.repoDirectory + "/.run/logs/system-profile.log", encoding: .utf8)
            let uploadLine = profileLog.split(separator: "\n").first { $0.contains(#""msg":"profile.resume.uploaded""#) && $0.contains(requestID) }
            #expect(uploadLine?.contains(#""user_id":"\#(user)""#) == true, "profile.resume.uploaded logged with the request id and user")
            #expect(profileLog.contains(#""msg":"profile.job_target.set""#) && profileLog.contains(#""msg":"profile.onboarding.completed""#))
            let detail = try await client.send(.GET, "\(api)/resumes/\(resume.id)", bearer: token).json(ResumeDTO.self)
            let python = try #require(detail.skills.first { $0.id == "python" })
            #expect(python.level == 4 && python.levelReason.contains("6 years"))
            #expect(detail.skills.allSatisfy { (1...5).contains($0.level) && !$0.evidence.isEmpty })

            let file = try await client.send(.GET, "\(api)/resumes/\(resume.id)/file", bearer: token)
            #expect(file.status == 200 && Data(buffer: file.body) == pdf)
            #expect(file.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(file.headers.first(name: "Content-Disposition")?.hasPrefix("attachment; filename=\"grace.pdf\"") == true)
            #expect(try await client.send(.GET, "\(api)/profile", bearer: token).json(ProfileDTO.self).completionPercent == 83)

            // Learning: search (misspelled), open the lesson, have it explained for this job, then again from the cache.
            let search = try await client.send(.POST, "\(api)/search", json: SearchRequest(query: "stochastc calculus", limit: 5))
            #expect(search.status == 200)
            let hit = try #require(try search.json(SearchResultsDTO.self).items.first)
            #expect(["itos-lemma-in-finance", "random-walks-to-brownian-motion"].contains(hit.lessonID), "\(hit.lessonID)")
            #expect(try await client.send(.GET, "\(api)/lessons/\(hit.lessonID)").status == 200)
            let explained = try await client.send(.GET, "\(api)/lessons/\(hit.lessonID)/personalized", bearer: token)
            #expect(explained.status == 200 && explained.headers.first(name: "Cache-Control") == "private, no-store")
            let explanation = try explained.json(ExplanationDTO.self)
            #expect(explanation.cache == "miss" && explanation.engine == "embedded" && !explanation.fallback)
            #expect(explanation.audience.roleType == "quant_researcher" && explanation.audience.learningStyle == .theoryFirst)
            #expect(explanation.sections.first?.markdown.contains("> ") == true, "the posting's own sentence is quoted")
            #expect(explanation.sections.first { $0.kind == .connections }?.markdown.contains("Python") == true, "the resume's Python is named")
            let again = try await client.send(.GET, "\(api)/lessons/\(hit.lessonID)/personalized", bearer: token).json(ExplanationDTO.self)
            #expect(again.cache == "hit" && again.sections == explanation.sections)
            #expect(try await stack.database.count("SELECT count(*) FROM content.explanations WHERE user_id = '\(user)'") == 1)

            // Pathing: the posting read, then a gap report of the job target against the resume, with
            // lessons from content's coverage (pathing → profile and pathing → content over mTLS).
            let analysed = try await client.send(
                .POST, "\(api)/job-analysis", json: JobAnalysisRequest(jobTitle: "Quantitative Researcher", jobDescription: description), bearer: token
            )
            #expect(analysed.status == 200)
            let analysis = try analysed.json(JobAnalysisDTO.self)
            #expect(analysis.roleType == "quant_researcher" && analysis.required.contains { $0.skill.id == "python" })
            let reported = try await client.send(.POST, "\(api)/gap-reports", json: GapReportRequest(), bearer: token)
            #expect(reported.status == 201, "\(reported.text)")
            let report = try reported.json(GapReportDTO.self)
            #expect(report.resumeID == resume.id && report.target.roleType == "quant_researcher" && report.target.targetHash != nil)
            #expect(report.matched.contains { $0.skill.id == "python" })
            #expect((report.weak + report.missing).contains { !$0.lessons.isEmpty }, "gaps carry the lessons content covers them with")
            let csv = try await client.send(.GET, "\(api)/gap-reports/\(report.id)/export?format=csv", bearer: token)
            #expect(csv.status == 200 && csv.text.hasPrefix("skill_id,"))

            // The learning path was made for the job target without being asked (the target change
            // reached pathing, which waited out the debounce, read profile and content, and announced it).
            var current = try await client.send(.GET, "\(api)/learning-paths/current", bearer: token)
            let pathAppeared = try await eventually {
                current = try await client.send(.GET, "\(api)/learning-paths/current", bearer: token)
                return current.status == 200
            }
            #expect(pathAppeared, "GET learning-paths/current: \(current.status) \(current.text)")
            let path = try current.json(LearningPathDTO.self)
            #expect(path.target.roleType == "quant_researcher" && (3...5).contains(path.stages.count) && !path.lessons.isEmpty)
            #expect(path.knownTopics.contains { $0.id == "python" } || report.matched.contains { $0.skill.id == "python" })
            #expect(try await stack.database.count("SELECT count(*) FROM pathing.outbox_events WHERE type = 'path.created'") >= 1)

            // Progress: the first recommended lesson started and completed; the recommendations move on.
            let before = try await client.send(.GET, "\(api)/recommendations", bearer: token).json(RecommendationsDTO.self)
            let first = try #require(before.items.first { $0.kind == .nextOnPath }).lessonID
            #expect(try await client.send(.POST, "\(api)/progress/lessons/\(first)/start", bearer: token).status == 200)
            let timed = try await client.send(
                .PUT, "\(api)/progress/lessons/\(first)/time", headers: [("Idempotency-Key", "system-1")], json: LessonTimeRequest(seconds: 900), bearer: token
            )
            #expect(try timed.json(LessonProgressDTO.self).secondsSpent == 900)
            let completed = try await client.send(.POST, "\(api)/progress/lessons/\(first)/complete", bearer: token).json(LessonProgressDTO.self)
            #expect(completed.status == .completed && completed.reviewDueAt != nil)
            let after = try await client.send(.GET, "\(api)/recommendations", bearer: token).json(RecommendationsDTO.self)
            #expect(!after.items.contains { $0.lessonID == first } && after.items != before.items)
            let summary = try await client.send(.GET, "\(api)/progress?tz=Europe/London", bearer: token).json(ProgressSummaryDTO.self)
            #expect(summary.lessonsCompleted == 1 && summary.minutes == 15 && summary.streakDays == 1 && summary.path?.id == path.id)
            // A second lesson, so the journey has two completed.
            let second = try #require(after.items.first { $0.kind == .nextOnPath && $0.lessonID != first }).lessonID
            #expect(try await client.send(.POST, "\(api)/progress/lessons/\(second)/complete", bearer: token).status == 200)
            #expect(try await client.send(.GET, "\(api)/learning-paths/current", bearer: token).json(LearningPathDTO.self).lessons.first { $0.lessonID == first }?.status == .completed)
            let ics = try await client.send(.GET, "\(api)/learning-paths/\(path.id)/export?format=ics", bearer: token)
            #expect(ics.status == 200 && ics.text.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.text.contains("BEGIN:VEVENT"))
            let pathCSV = try await client.send(.GET, "\(api)/learning-paths/\(path.id)/export?format=csv", bearer: token)
            #expect(pathCSV.status == 200 && pathCSV.text.hasPrefix("stage,"))
            // The rest of the path routes through the gateway: the list, a review, a topic marked known.
            let listed = try await client.send(.GET, "\(api)/learning-paths?limit=5", bearer: token).json(Page<LearningPathDTO>.self)
            #expect(listed.items.first?.id == path.id)
            let reviewed = try await client.send(.POST, "\(api)/progress/lessons/\(first)/review", json: ReviewRequest(grade: .good), bearer: token)
            #expect(try reviewed.json(LessonProgressDTO.self).reviews == 2)
            let topic = try #require(path.coveredTopics.first).id
            let known = try await client.send(.POST, "\(api)/learning-paths/current/known", json: KnownTopicRequest(skillID: topic), bearer: token)
            #expect(try known.json(LearningPathDTO.self).knownTopics.contains { $0.id == topic })

            try await coachingJourney(stack, client: client, user: account.user.id, token: token, model: model)

            let deleted = try await client.send(.DELETE, "\(api)/auth/account", json: DeleteAccountRequest(password: password), bearer: token)
            #expect(deleted.status == 204)
            for table in ["profiles", "preferences", "job_targets", "resumes"] {
                let erased = try await eventually {
                    try await stack.database.count("SELECT count(*) FROM profile.\(table) WHERE user_id = '\(user)'") == 0
                }
                #expect(erased, "profile.\(table) erased")
            }
            let explanationsErased = try await eventually {
                try await stack.database.count("SELECT count(*) FROM content.explanations WHERE user_id = '\(user)'") == 0
            }
            #expect(explanationsErased, "content.explanations erased")
            let reportsErased = try await eventually {
                try await stack.database.count("SELECT count(*) FROM pathing.gap_reports WHERE user_id = '\(user)'") == 0
            }
            #expect(reportsErased, "pathing.gap_reports erased")
            for table in ["learning_paths", "lesson_progress", "study_activity", "path_targets"] {
                let erased = try await eventually {
                    try await stack.database.count("SELECT count(*) FROM pathing.\(table) WHERE user_id = '\(user)'") == 0
                }
                #expect(erased, "pathing.\(table) erased")
            }
            for table in ["sessions", "session_turns", "evaluations", "turn_keys"] {
                let erased = try await eventually {
                    try await stack.database.count("SELECT count(*) FROM coaching.\(table) WHERE user_id = '\(user)'") == 0
                }
                #expect(erased, "coaching.\(table) erased")
            }
            // Once the relays have delivered: not one row of the person in any schema but the rows kept on purpose.
            var remaining: [String] = []
            let clean = try await eventually(.seconds(60)) {
                remaining = try await remainingRows(of: account.user.id, in: stack)
                return remaining.isEmpty
            }
            #expect(clean, "rows left after erasure: \(remaining)")
        }
    }

    /// A practice interview through the gateway: planned from the person's gaps, a turn streamed as the
    /// model writes it, three answers, completed (which activates the account), evaluated and read back.
    func coachingJourney(_ stack: Stack, client: TestClient, user: UUID, token: String, model: FakeLanguageModel) async throws {
        let api = "\(stack.gateway)/api/v1"
        let created = try await client.send(.POST, "\(api)/sessions", json: SessionRequest(preparationType: .interview, tone: .neutral), bearer: token)
        #expect(created.status == 201, "\(created.text)")
        let session = try created.json(SessionDTO.self)
        #expect(session.engine == "llm:fake-coach" && session.turns.count == 1 && session.turns.first?.role == .coach)
        // The plan drew on the person's gaps, read from pathing over mutual TLS.
        let plan = try await stack.database.text("SELECT plan::text FROM coaching.sessions WHERE id = '\(session.id)'")
        let gaps = try await TestClient.with(identity: .service("coaching-session")) { peer in
            try await peer.send(.GET, stack.serviceURL(.pathing, InternalPath.gaps(of: user))).json(SkillGapsDTO.self)
        }
        #expect(!gaps.items.isEmpty && gaps.items.contains { plan.lowercased().contains($0.skill.name.lowercased()) }, "a gap is asked about")

        // A streamed turn: the model pauses between pieces, and the first delta reaches the client through
        // the gateway while the model is still writing (the gateway does not buffer the stream).
        model.answer(with: .pacedStream(["Thank you. ", "Now tell me ", "what changed as a result."], pause: .milliseconds(600)))
        let streamed = try await client.arrivals(
            .POST, "\(api)/sessions/\(session.id)/messages", headers: [("Idempotency-Key", "journey-1"), ("Accept", "text/event-stream")],
            json: TurnRequest(content: "At my last job I rebuilt our backtest engine in NumPy; runs went from 40 minutes to 3."), bearer: token
        )
        #expect(streamed.status == 200 && streamed.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true)
        let firstDelta = try #require(streamed.arrivals.firstIndex { $0.text.contains("event: delta") })
        let done = try #require(streamed.arrivals.firstIndex { $0.text.contains("event: done") })
        #expect(firstDelta < done && !streamed.arrivals[firstDelta].text.contains("event: done"), "the first delta came on its own, before the turn was done")
        #expect(streamed.arrivals[done].after - streamed.arrivals[firstDelta].after >= .milliseconds(1_000), "two of the model's pauses lay between them")
        let exchange = try JSONCoding.decoder.decode(
            TurnExchangeDTO.self,
            from: Data(try #require(streamed.arrivals.map(\.text).joined().components(separatedBy: "event: done\ndata: ").last?.split(separator: "\n").first).utf8)
        )
        #expect(exchange.coachTurn.content == "Thank you. Now tell me what changed as a result." && exchange.turnNumber == 2)

        model.answer(with: .stream(["Good. ", "Next: how would you test that?"], done: true))
        for (index, answer) in [
            "Um, I think maybe we kind of tested it on some stuff, you know, and it was sort of fine I guess.",
            "Basically we just did what the team wanted, like, and things worked out in the end, I think.",
            "I'm not sure, probably the usual things, like checking stuff and whatever.",
        ].enumerated() {
            let turn = try await client.send(
                .POST, "\(api)/sessions/\(session.id)/messages", headers: [("Idempotency-Key", "journey-\(index + 2)")], json: TurnRequest(content: answer),
                bearer: token
            )
            #expect(turn.status == 201, "\(turn.text)")
        }
        let before = try await client.send(.GET, "\(api)/auth/me", bearer: token).json(UserDTO.self)
        #expect(!before.activated)
        let completed = try await client.send(.POST, "\(api)/sessions/\(session.id)/complete", bearer: token)
        let completedSession = try completed.json(SessionDTO.self)
        #expect(completed.status == 200 && completedSession.status == .completed)
        let activated = try await eventually { try await client.send(.GET, "\(api)/auth/me", bearer: token).json(UserDTO.self).activated }
        #expect(activated, "session.completed reached identity, which activated the account")

        model.answer(with: .failing(503))
        let evaluated = try await client.send(.POST, "\(api)/sessions/\(session.id)/evaluate", bearer: token)
        #expect(evaluated.status == 201, "\(evaluated.text)")
        let evaluation = try evaluated.json(EvaluationDTO.self)
        #expect(evaluation.engine == "embedded" && evaluation.fallback && evaluation.scores.count == 6)
        #expect(
            !evaluation.practiceSuggestions.isEmpty && evaluation.practiceSuggestions.allSatisfy { $0.lessonID != nil },
            "each practice suggestion links the lesson content's search found for it, over mTLS"
        )
        let readBack = try await client.send(.GET, "\(api)/sessions/\(session.id)/evaluation", bearer: token)
        #expect(readBack.status == 200)
        #expect(try readBack.json(EvaluationDTO.self) == evaluation)
        let listed = try await client.send(.GET, "\(api)/sessions", bearer: token).json(Page<SessionSummaryDTO>.self)
        #expect(listed.items.first?.id == session.id && listed.items.first?.overallScore == evaluation.overallScore)

        // A second, better session: answers with a headline, the person's own actions, figures and a result.
        model.answer(with: .stream(["Thank you. ", "Next question."], done: true))
        let better = try await client.send(.POST, "\(api)/sessions", json: SessionRequest(preparationType: .interview), bearer: token).json(SessionDTO.self)
        for (index, answer) in [
            "I cut our backtest time from 40 minutes to 3. Our research team was blocked waiting on runs, so I profiled the engine, "
                + "rewrote the slowest loop in NumPy and added a cache. As a result we now test 12 ideas a day instead of 2.",
            "I validated it with a walk-forward test. I held out the last two years, fitted on the rest and compared the Sharpe ratio "
                + "with 200 runs on shuffled signals. The real signal beat 196 of them, so we shipped it in May.",
            "I led the rollout to the desk. I wrote the runbook, trained four traders in two sessions and set an alert on drift. "
                + "Since then the model has run for six months with no missed day.",
        ].enumerated() {
            let turn = try await client.send(
                .POST, "\(api)/sessions/\(better.id)/messages", headers: [("Idempotency-Key", "better-\(index)")], json: TurnRequest(content: answer),
                bearer: token
            )
            #expect(turn.status == 201, "\(turn.text)")
        }
        // Event times carry whole seconds, and two sessions completed in one second have no order between
        // them: a person takes longer than that, this client does not, so it waits for the next second.
        let firstCompleted = try #require(completedSession.completedAt)
        while Date() < firstCompleted.addingTimeInterval(1.1) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(try await client.send(.POST, "\(api)/sessions/\(better.id)/complete", bearer: token).status == 200)
        let betterEvaluation = try await client.send(.POST, "\(api)/sessions/\(better.id)/evaluate", bearer: token).json(EvaluationDTO.self)
        #expect(betterEvaluation.overallScore > evaluation.overallScore, "\(betterEvaluation.overallScore) after \(evaluation.overallScore)")

        // Analytics, from the events alone: two sessions, a dimension improving, the minutes studied.
        var trends = try await client.send(.GET, "\(api)/analytics/trends?days=30", bearer: token).json(TrendsDTO.self)
        let bothArrived = try await eventually {
            trends = try await client.send(.GET, "\(api)/analytics/trends?days=30", bearer: token).json(TrendsDTO.self)
            return trends.progression.count == 2 && trends.learning.lessonsCompleted == 2
        }
        #expect(bothArrived, "trends: \(trends)")
        #expect(trends.sessions.count == 2 && trends.sessions.byType[.interview] == 2)
        #expect(trends.progression.map(\.sessionID) == [session.id, better.id])
        #expect(trends.direction.values.contains(.improving), "\(trends.direction)")
        #expect(trends.learning.minutesByWeek.reduce(0) { $0 + $1.minutes } == 15 && trends.learning.pathPercent.map { $0 > 0 } == true, "\(trends.learning)")
        let improvements = try await client.send(.GET, "\(api)/analytics/improvements", bearer: token).json(ImprovementsDTO.self)
        #expect(!improvements.recurringWeaknesses.isEmpty && improvements.recurringWeaknesses.allSatisfy { $0.occurrences == 2 }, "\(improvements)")
        #expect(improvements.recommendations.count == improvements.recurringWeaknesses.count)
        #expect(improvements.recommendations.contains { !$0.lessons.isEmpty }, "lessons found in content's search when the evaluation arrived")
    }

    /// The tables of every schema that still hold `user` anywhere in a row, read as each schema's owner,
    /// leaving out the rows docs/security.md says stay (token revocations, the erased-user tombstone).
    func remainingRows(of user: UUID, in stack: Stack) async throws -> [String] {
        let id = user.uuidString.lowercased()
        let kept: Set<String> = ["identity.token_revocations", "profile.erased_users"]
        var remaining: [String] = []
        for schema in ["identity", "profile", "content", "pathing", "coaching", "analytics"] {
            try await stack.database.connect(as: schema) { connection in
                let tables = try await connection.query("SELECT tablename FROM pg_tables WHERE schemaname = \(schema) ORDER BY tablename", logger: testLogger)
                var names: [String] = []
                for try await name in tables.decode(String.self) { names.append(name) }
                for table in names where !kept.contains("\(schema).\(table)") {
                    // The table name comes from the catalogue, the id from a UUID: nothing here is input.
                    let rows = try await connection.query(
                        PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(schema).\(table) AS t WHERE t::text LIKE '%\(id)%'"), logger: testLogger
                    )
                    for try await count in rows.decode(Int.self) where count > 0 { remaining.append("\(schema).\(table): \(count)") }
                }
            }
        }
        return remaining
    }

    func edges(_ stack: Stack) async throws {
        try await TestClient.with(identity: .none) { client throws in
            for path in ["/internal/events", "/internal/token-revocations", "/metrics", "/health/ready", "/api/v1/nothing"] {
                let response = try await client.send(.GET, "\(stack.gateway)\(path)")
                #expect(response.status == 404, "\(path) is not reachable from outside")
            }
            let spoofed = try await client.send(.GET, "\(stack.gateway)/health/live", headers: [("X-Request-ID", "client-chosen")])
            #expect(spoofed.headers.first(name: "X-Request-ID") != "client-chosen")
            #expect(spoofed.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(spoofed.headers.first(name: "X-Frame-Options") == "DENY")
            let huge = try await client.send(.POST, "\(stack.gateway)/api/v1/auth/login", headers: [("Content-Type", "application/json")], body: .init(repeating: 0x20, count: 12 << 20))
            #expect(huge.status == 413)
        }
        // A service port: no certificate, no conversation; with one from the internal CA, h2.
        await #expect(throws: (any Error).self) {
            try await TestClient.with(identity: .none) { client in
                _ = try await client.send(.GET, stack.serviceURL(.profile, "/health/live"))
            }
        }
        try await TestClient.with(identity: .gateway) { client throws in
            let response = try await client.send(.GET, stack.serviceURL(.profile, "/health/live"))
            #expect(response.status == 200 && response.version == .http2)
            let metrics = try await client.send(.GET, stack.serviceURL(.identity, "/metrics"))
            #expect(metrics.text.contains("http_requests_total") || metrics.text.contains("hb_requests"))
        }
        // Each role reaches only its own schema.
        await #expect(throws: PSQLError.self) {
            try await stack.database.connect(as: "profile") { connection in
                try await connection.query("SELECT count(*) FROM identity.users", logger: testLogger).collect()
            }
        }
        let denied: String? = try await stack.database.connect(as: "profile") { connection in
            do {
                _ = try await connection.query("SELECT count(*) FROM identity.users", logger: testLogger).collect()
                return nil
            } catch let error as PSQLError {
                return error.serverInfo?[.sqlState]
            }
        }
        #expect(denied == "42501")
    }

    @Test("the gateway configuration passes haproxy -dW -c")
    func gatewayConfig() async throws {
        try await TestDatabase.with { database throws in
            let stack = try await Stack(database: database)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/haproxy")
            process.arguments = ["-dW", "-c", "-f", try stack.haproxyConfig]
            process.environment = try stack.gatewayEnvironment()
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(output)")
        }
    }

    @Test("the gateway throttles login and signup per address with 429 and Retry-After")
    func authRateLimit() async throws {
        try await TestDatabase.with { database throws in
            let stack = try await Stack(database: database)
            var environment = try stack.gatewayEnvironment()
            environment["GATEWAY_AUTH_RATE_LIMIT"] = "3"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/haproxy")
            process.arguments = ["-db", "-W", "-f", try stack.haproxyConfig]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { process.terminate() }
            try await TestClient.with(identity: .none) { client throws in
                // No service is running: the first three get the gateway's own 503, the fourth is throttled before routing.
                let listening = try await eventually(.seconds(10)) {
                    (try? await client.send(.GET, "\(stack.gateway)/health/live")) != nil
                }
                #expect(listening)
                var statuses: [Int] = []
                for _ in 0..<5 {
                    let response = try await client.send(.POST, "\(stack.gateway)/api/v1/auth/login", json: LoginRequest(email: "a@example.com", password: "x"))
                    statuses.append(response.status)
                    if response.status == 429 {
                        #expect(response.headers.first(name: "Retry-After") != nil)
                        #expect(try response.json(ProblemDetails.self).status == 429)
                    }
                }
                #expect(statuses.suffix(2) == [429, 429], "statuses: \(statuses)")
                #expect(!statuses.prefix(3).contains(429))
            }
        }
    }

    @Test("compose.yaml is valid YAML that wires Postgres, the gateway and the six services")
    func compose() throws {
        let text = try String(contentsOfFile: try TestEnvironment.repoDirectory + "/compose.yaml", encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let services = try #require(document["services"] as? [String: Any])
        for name in ["postgres", "gateway"] + ServiceName.allCases.map(\.rawValue) {
            #expect(services[name] != nil, "compose defines \(name)")
        }
        func dependencies(of name: String) -> [String] {
            let dependsOn = (services[name] as? [String: Any])?["depends_on"]
            return (dependsOn as? [String: Any]).map { Array($0.keys) } ?? (dependsOn as? [String]) ?? []
        }
        func waitsFor(_ name: String, _ target: String, seen: Set<String> = []) -> Bool {
            dependencies(of: name).contains { $0 == target || (!seen.contains($0) && waitsFor($0, target, seen: seen.union([name]))) }
        }
        for service in ServiceName.allCases {
            let definition = try #require(services[service.rawValue] as? [String: Any])
            #expect(definition["environment"] != nil, "\(service.rawValue) has an environment")
            #expect(waitsFor(service.rawValue, "postgres"), "\(service.rawValue) starts after postgres")
        }
        let gateway = try #require(services["gateway"] as? [String: Any])
        #expect((gateway["ports"] as? [Any])?.isEmpty == false)
    }
}
