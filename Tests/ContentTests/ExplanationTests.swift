import AsyncHTTPClient
import Foundation
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Content

/// People to explain lessons to, as profile's audience read describes them.
enum Audiences {
    static let posting = """
        We are hiring a quantitative researcher to build option pricing models. You will calibrate Black–Scholes and local \
        volatility models and explain implied volatility surfaces to traders. Strong Python is required.
        """

    static func make(
        _ user: UUID = UUID(), template: String? = nil, posting: String? = nil, roleType: String? = nil, style: LearningStyle? = nil,
        level: ExperienceLevel = .earlyCareer, math: MathBackground = .undergraduate, skills: [ResumeSkillDTO] = []
    ) -> AudienceDTO {
        let hasTarget = template != nil || posting != nil
        let target = JobTargetDTO(
            jobTitle: posting == nil ? nil : "Quant Researcher", jobDescription: posting, jobSeniority: .notSpecified, firm: nil, roleTemplate: template,
            roleType: roleType ?? template ?? "quant_researcher", roleScore: 1, targetHash: String(repeating: posting == nil ? "a" : "b", count: 64),
            updatedAt: Date()
        )
        let preferences = style.map {
            PreferencesDTO(
                answers: OnboardingAnswers(
                    experienceLevel: level, programmingExperience: .intermediate, mathBackground: math, learningGoals: [.interviewPrep], learningStyle: $0,
                    weeklyHours: 5
                ), updatedAt: Date()
            )
        }
        return AudienceDTO(userID: user, jobTarget: hasTarget ? target : nil, preferences: preferences, resumeID: nil, skills: skills, impliedSkills: [])
    }

    static func skill(_ id: String, level: Int = 3) -> ResumeSkillDTO {
        let known = ContentFixtures.taxonomy.skill(id)
        return ResumeSkillDTO(
            id: id, name: known?.name ?? id, category: known?.category ?? "", evidence: "", level: level, levelReason: "", mentions: 1
        )
    }
}

/// A caller signed in as `user`, against a router whose explanations read `audiences`.
struct ExplanationCaller {
    let caller: RouterCaller
    let tokens: StandInTokenIssuer

    func get(_ lesson: String, as user: UUID) async throws -> TestClient.Response {
        try await caller.send(.GET, "/api/v1/lessons/\(lesson)/personalized", bearer: tokens.accessToken(for: user))
    }

    func explanation(_ lesson: String, as user: UUID) async throws -> ExplanationDTO {
        let response = try await get(lesson, as: user)
        #expect(response.status == 200, "\(response.text)")
        return try response.json(ExplanationDTO.self)
    }

    func delete(_ lesson: String, as user: UUID) async throws -> TestClient.Response {
        try await caller.send(.DELETE, "/api/v1/lessons/\(lesson)/personalized", bearer: tokens.accessToken(for: user))
    }

    static func with(_ explanations: Explanations, _ body: @Sendable (ExplanationCaller) async throws -> Void) async throws {
        let tokens = StandInTokenIssuer()
        try await RouterCaller.with(try ContentFixtures.router(tokens: tokens, explanations: explanations)) { caller in
            try await body(ExplanationCaller(caller: caller, tokens: tokens))
        }
    }
}

extension ExplanationDTO {
    func section(_ kind: ExplanationSectionDTO.Kind) -> ExplanationSectionDTO? {
        sections.first { $0.kind == kind }
    }
}

@Suite("Personalized explanations")
struct ExplanationTests {
    static let lesson = "black-scholes-model"

    @Test("every shipped lesson reads into its parts: the idea, a worked example, takeaways, and interview questions with answers")
    func lessonParts() {
        for (id, lesson) in ContentFixtures.catalog.lessons {
            let parts = LessonParts(markdown: lesson.markdown)
            #expect(parts.idea != nil && parts.workedExample != nil && !parts.takeaways.isEmpty, "\(id)")
            #expect(parts.questions.count >= 2, "\(id): \(parts.questions.count) questions")
            #expect(parts.questions.allSatisfy { !$0.question.contains("**") && !$0.answer.isEmpty && !$0.answer.hasPrefix("**") }, "\(id)")
        }
        let listed = LessonParts.questions(in: "- **\"Why?\"** Because.\n  - *One:* a reason.\n- **\"How?\"** Like this.")
        #expect(listed == [.init(question: "Why?", answer: "Because.\n- *One:* a reason."), .init(question: "How?", answer: "Like this.")])
    }

    @Test("a role's interview themes closest to the lesson come first; the requirements it names are the lesson's own topics first")
    func themes() throws {
        let composer = ExplanationComposer(catalog: ContentFixtures.catalog, taxonomy: ContentFixtures.taxonomy, matcher: ContentFixtures.matcher)
        let role = try #require(ContentFixtures.taxonomy.roles.first { $0.id == "quant_researcher" })
        let lesson = try #require(ContentFixtures.catalog.lessons["backtesting-pitfalls"])
        let themes = composer.relatedThemes(role, lesson: lesson, skills: composer.lessonSkills(lesson))
        #expect(themes.first?.contains("backtest") == true, "\(themes)")
        let audience = ExplanationAudience(Audiences.make(template: "quant_researcher"), taxonomy: ContentFixtures.taxonomy)
        let why = composer.whyItMatters(lesson, skills: composer.lessonSkills(lesson), audience: audience).markdown
        #expect(why.contains("The role asks for Backtesting (level 4 of 5)"), "\(why)")
    }

    @Test("the same lesson reads differently for a theory-first quant researcher and a code-first software engineer")
    func twoAudiences() async throws {
        let audiences = KnownAudiences()
        let (quant, engineer) = (UUID(), UUID())
        audiences.set(Audiences.make(quant, template: "quant_researcher", style: .theoryFirst, math: .graduate))
        audiences.set(Audiences.make(engineer, template: "software_engineer", style: .codeFirst, math: .undergraduate))
        try await ExplanationCaller.with(ContentFixtures.explanations(audiences: audiences)) { api in
            let parts = LessonParts(markdown: try #require(ContentFixtures.catalog.lessons[Self.lesson]).markdown)
            let theory = try await api.explanation(Self.lesson, as: quant)
            let code = try await api.explanation(Self.lesson, as: engineer)
            #expect(theory.sections.map(\.kind) == ExplanationSectionDTO.Kind.allCases)
            #expect(code.sections.map(\.kind) == [.whyItMatters, .explanation, .practice, .workedExample, .connections, .interviewAngle])
            #expect(theory.audience == ExplanationAudienceDTO(roleType: "quant_researcher", roleTemplate: "quant_researcher", jobHash: nil, learningStyle: .theoryFirst, experienceLevel: .earlyCareer))
            #expect(code.audience.roleType == "software_engineer" && code.audience.learningStyle == .codeFirst)
            #expect(theory.section(.whyItMatters)?.title == "Why it matters for a Quantitative Researcher")
            #expect(code.section(.whyItMatters)?.title == "Why it matters for a Software Engineer")
            // Theory first: the idea, then the formulas. Code first: the lesson's code before the idea.
            let theoryText = try #require(theory.section(.explanation)?.markdown)
            let codeText = try #require(code.section(.explanation)?.markdown)
            let idea = try #require(parts.idea)
            let formulas = try #require(parts.formulas)
            let program = try #require(parts.code)
            #expect(theoryText.hasPrefix(idea) && theoryText.contains(formulas))
            #expect(codeText.hasPrefix(program) && codeText.contains(idea) && !codeText.contains(formulas))
            #expect(theory.engine == "embedded" && !theory.fallback && theory.cache == "miss")
            #expect(theory.section(.practice)?.markdown.components(separatedBy: "Answer: ").count == 4, "three questions with answers")
        }
    }

    @Test("a posting's own sentences that name the lesson's topics are quoted; the entry is the person's own")
    func postingSentences() async throws {
        let audiences = KnownAudiences()
        let (first, second) = (UUID(), UUID())
        audiences.set(Audiences.make(first, posting: Audiences.posting, style: .examplesFirst))
        audiences.set(Audiences.make(second, posting: Audiences.posting, style: .examplesFirst))
        let store = MemoryExplanationStore()
        try await ExplanationCaller.with(ContentFixtures.explanations(audiences: audiences, store: store)) { api in
            let explanation = try await api.explanation(Self.lesson, as: first)
            let why = try #require(explanation.section(.whyItMatters)?.markdown)
            #expect(why.contains("> You will calibrate Black–Scholes and local volatility models and explain implied volatility surfaces to traders."))
            #expect(!why.contains("Strong Python is required"), "a sentence that names none of the lesson's topics is not quoted")
            #expect(explanation.audience.jobHash == String(repeating: "b", count: 64))
            #expect(explanation.sections.map(\.kind) == [.whyItMatters, .workedExample, .explanation, .connections, .interviewAngle, .practice])
            // The same posting pasted by someone else is still not the first person's to read.
            #expect(try await api.explanation(Self.lesson, as: second).cache == "miss")
            #expect(try await api.explanation(Self.lesson, as: first).cache == "hit")
            #expect(store.count == 2)
        }
    }

    @Test("a template entry is shared, but each person's connections name their own resume")
    func sharedTemplateEntry() async throws {
        let audiences = KnownAudiences()
        let (first, second) = (UUID(), UUID())
        audiences.set(Audiences.make(first, template: "quant_researcher", style: .visual, skills: [Audiences.skill("brownian_motion", level: 4)]))
        audiences.set(Audiences.make(second, template: "quant_researcher", style: .visual, skills: [Audiences.skill("black_scholes", level: 2)]))
        let store = MemoryExplanationStore()
        try await ExplanationCaller.with(ContentFixtures.explanations(audiences: audiences, store: store)) { api in
            let made = try await api.explanation(Self.lesson, as: first)
            let shared = try await api.explanation(Self.lesson, as: second)
            #expect(made.cache == "miss" && shared.cache == "hit" && made.generatedAt == shared.generatedAt && store.count == 1)
            let firstConnections = try #require(made.section(.connections)?.markdown)
            let secondConnections = try #require(shared.section(.connections)?.markdown)
            #expect(firstConnections.contains("Brownian motion") && firstConnections.contains("builds on it") && !firstConnections.contains("level 2"))
            #expect(secondConnections.contains("Black") && secondConnections.contains("this lesson is about it") && !secondConnections.contains("Brownian motion**"))
            #expect(made.sections.filter { $0.kind != .connections } == shared.sections.filter { $0.kind != .connections })
        }
    }

    @Test("with no job target the explanation is made for the preferences alone; with no resume, connections says how to get them")
    func noTarget() async throws {
        let audiences = KnownAudiences()
        let user = UUID()
        audiences.set(Audiences.make(user, style: .theoryFirst, math: .highSchool))
        try await ExplanationCaller.with(ContentFixtures.explanations(audiences: audiences)) { api in
            let explanation = try await api.explanation(Self.lesson, as: user)
            #expect(explanation.audience.roleType == nil && explanation.audience.jobHash == nil)
            #expect(explanation.section(.whyItMatters)?.markdown.contains("Set a job target") == true)
            #expect(explanation.section(.connections)?.markdown.contains("Add a resume") == true)
            // A high-school math background gets the idea and a pointer to the formulas, not the formulas.
            let text = try #require(explanation.section(.explanation)?.markdown)
            #expect(text.contains("Key formulas section") && !text.contains("$$"))
            // Someone the profile knows nothing about gets the lesson for no preferences at all.
            let stranger = try await api.explanation(Self.lesson, as: UUID())
            #expect(stranger.audience == ExplanationAudienceDTO(roleType: nil, roleTemplate: nil, jobHash: nil, learningStyle: nil, experienceLevel: nil))
        }
    }

    @Test("DELETE drops only the caller's own entry (204 either way); the next read is made afresh; too many regenerations → 429")
    func regenerate() async throws {
        let audiences = KnownAudiences()
        let (owner, templated) = (UUID(), UUID())
        audiences.set(Audiences.make(owner, posting: Audiences.posting))
        audiences.set(Audiences.make(templated, template: "quant_researcher"))
        let clock = ManualClock()
        try await ExplanationCaller.with(ContentFixtures.explanations(audiences: audiences, regenerationLimit: 3, clock: clock.wallClock)) { api in
            _ = try await api.explanation(Self.lesson, as: owner)
            _ = try await api.explanation(Self.lesson, as: templated)
            #expect(try await api.delete(Self.lesson, as: owner).status == 204)
            #expect(try await api.explanation(Self.lesson, as: owner).cache == "miss")
            #expect(try await api.delete(Self.lesson, as: templated).status == 204)
            #expect(try await api.explanation(Self.lesson, as: templated).cache == "hit", "a shared entry stays")
            #expect(try await api.delete(Self.lesson, as: owner).status == 204)
            #expect(try await api.delete(Self.lesson, as: owner).status == 204)
            let limited = try await api.delete(Self.lesson, as: owner)
            #expect(limited.status == 429 && limited.headers.first(name: "Retry-After") == "3600")
            clock.advance(by: 3601)
            #expect(try await api.delete(Self.lesson, as: owner).status == 204)
        }
    }

    @Test("a token is required; an unknown lesson is 404 for GET and DELETE")
    func refusals() async throws {
        try await ExplanationCaller.with(ContentFixtures.explanations()) { api in
            let path = "/api/v1/lessons/\(Self.lesson)/personalized"
            let anonymous = try await api.caller.send(.GET, path)
            let anonymousDelete = try await api.caller.send(.DELETE, path)
            let badToken = try await api.caller.send(.GET, path, bearer: "not-a-token")
            #expect(anonymous.status == 401 && anonymousDelete.status == 401 && badToken.status == 401)
            let unknown = try await api.get("no-such-lesson", as: UUID())
            let unknownDelete = try await api.delete("no-such-lesson", as: UUID())
            #expect(unknown.status == 404 && unknownDelete.status == 404)
        }
    }

    @Test("the audience is read once a minute at most, and read again once the job target changes")
    func audienceLifetime() async throws {
        let audiences = KnownAudiences()
        let user = UUID()
        audiences.set(Audiences.make(user, template: "quant_researcher"))
        let clock = ManualClock()
        let explanations = ContentFixtures.explanations(audiences: audiences, clock: clock.wallClock)
        try await ExplanationCaller.with(explanations) { api in
            _ = try await api.explanation(Self.lesson, as: user)
            _ = try await api.explanation("itos-lemma-in-finance", as: user)
            #expect(audiences.reads == 1)
            clock.advance(by: 61)
            _ = try await api.explanation(Self.lesson, as: user)
            #expect(audiences.reads == 2)
            audiences.set(Audiences.make(user, template: "software_engineer"))
            explanations.audiences.forget(user)
            #expect(try await api.explanation(Self.lesson, as: user).audience.roleType == "software_engineer")
            #expect(audiences.reads == 3)
        }
    }
}

/// The LLM engine, through the fake OpenAI-compatible server.
@Suite("Personalized explanations by the language model")
struct LanguageModelExplanationTests {
    static let lesson = "black-scholes-model"

    static func answer(kinds: [String] = ["why_it_matters", "explanation", "worked_example", "interview_angle", "practice"]) -> String {
        let sections = kinds.map { #"{"kind": "\#($0)", "title": "About \#($0)", "markdown": "Text for \#($0)."}"# }
        return #"{"sections": [\#(sections.joined(separator: ", "))]}"#
    }

    static func with(
        _ behaviour: FakeLanguageModel.Behaviour, timeout: Duration = .seconds(5),
        _ body: @Sendable (ExplanationCaller, FakeLanguageModel, UUID) async throws -> Void
    ) async throws {
        try await FakeLanguageModel.with(behaviour) { fake, url in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let client = LanguageModelClient(http: http, settings: .init(baseURL: url, apiKey: "sk-test", model: "test-model", timeout: timeout), logger: testLogger)
                let audiences = KnownAudiences()
                let user = UUID()
                audiences.set(Audiences.make(user, posting: Audiences.posting, style: .theoryFirst))
                try await ExplanationCaller.with(ContentFixtures.explanations(audiences: audiences, model: LanguageModelExplainer(client: client))) { api in
                    try await body(api, fake, user)
                }
                try await http.shutdown()
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }

    @Test("the model's sections are kept in the audience's order with connections added; the prompt carries the lesson and the posting's sentences")
    func modelAnswer() async throws {
        try await Self.with(.answer(Self.answer())) { api, fake, user in
            let explanation = try await api.explanation(Self.lesson, as: user)
            #expect(explanation.engine == "llm:test-model" && !explanation.fallback)
            #expect(explanation.sections.map(\.kind) == ExplanationSectionDTO.Kind.allCases)
            #expect(explanation.section(.explanation)?.markdown == "Text for explanation.")
            #expect(explanation.section(.connections)?.title == "What you already have")
            let prompt = try #require(fake.requests.first?.body)
            #expect(prompt.contains("Derive the Black–Scholes PDE") && prompt.contains("You will calibrate Black–Scholes"))
            #expect(!prompt.contains("Strong Python is required"), "only the sentences that name the lesson's topics go")
            #expect(try await api.explanation(Self.lesson, as: user).cache == "hit")
            #expect(fake.requests.count == 1)
        }
    }

    @Test("50 concurrent first requests make exactly one generation")
    func singleFlight() async throws {
        try await Self.with(.delayed(.milliseconds(300), Self.answer())) { api, fake, user in
            let results = try await withThrowingTaskGroup(of: ExplanationDTO.self) { group in
                for _ in 0..<50 { group.addTask { try await api.explanation(Self.lesson, as: user) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 50)
            #expect(fake.requests.count == 1)
            #expect(Set(results.map(\.generatedAt)).count == 1)
        }
    }

    @Test("a timeout, an error status or output that is not the sections asked for falls back to the embedded engine, and says so")
    func fallbacks() async throws {
        let behaviours: [FakeLanguageModel.Behaviour] = [
            .delayed(.seconds(2), Self.answer()), .failing(500), .garbage, .answer(Self.answer(kinds: ["why_it_matters", "explanation"])),
            .answer(Self.answer(kinds: ["why_it_matters", "explanation", "worked_example", "interview_angle", "practice", "practice"])),
        ]
        for behaviour in behaviours {
            try await Self.with(behaviour, timeout: .milliseconds(500)) { api, _, user in
                let explanation = try await api.explanation(Self.lesson, as: user)
                #expect(explanation.engine == "embedded" && explanation.fallback, "\(behaviour)")
                #expect(explanation.sections.map(\.kind) == ExplanationSectionDTO.Kind.allCases)
            }
        }
    }
}

/// The cache and the regeneration log in Postgres.
@Suite("Explanation cache in Postgres")
struct ExplanationStoreTests {
    static func with(_ body: @Sendable (PostgresExplanationStore, TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.migrated(role: "content", ContentMigrations.all) { client, database in
            try await body(PostgresExplanationStore(client: client, logger: testLogger), database)
        }
    }

    @Test("through the routes: a miss, then a hit; a shared entry and a person's own; DELETE and the regeneration limit")
    func routes() async throws {
        try await Self.with { store, database in
            let audiences = KnownAudiences()
            let (owner, other, templated) = (UUID(), UUID(), UUID())
            audiences.set(Audiences.make(owner, posting: Audiences.posting, style: .codeFirst))
            audiences.set(Audiences.make(other, posting: Audiences.posting, style: .codeFirst))
            audiences.set(Audiences.make(templated, template: "quant_researcher", style: .codeFirst))
            let explanations = ContentFixtures.explanations(audiences: audiences, store: store, regenerationLimit: 2)
            try await ExplanationCaller.with(explanations) { api in
                let lesson = ExplanationTests.lesson
                let made = try await api.explanation(lesson, as: owner)
                let again = try await api.explanation(lesson, as: owner)
                #expect(made.cache == "miss" && again.cache == "hit" && again.sections == made.sections)
                #expect(abs(again.generatedAt.timeIntervalSince(made.generatedAt)) < 0.001)
                #expect(try await api.explanation(lesson, as: other).cache == "miss", "another person's variant is never theirs")
                _ = try await api.explanation(lesson, as: templated)
                #expect(try await database.count("SELECT count(*) FROM content.explanations") == 3)
                #expect(try await database.count("SELECT count(*) FROM content.explanations WHERE user_id IS NULL") == 1)
                #expect(try await database.count("SELECT count(*) FROM content.explanations WHERE sections::text LIKE '%connections%'") == 0)
                #expect(try await api.delete(lesson, as: owner).status == 204)
                #expect(try await database.count("SELECT count(*) FROM content.explanations WHERE user_id = '\(owner)'") == 0)
                #expect(try await api.explanation(lesson, as: owner).cache == "miss")
                #expect(try await api.delete(lesson, as: owner).status == 204)
                #expect(try await api.delete(lesson, as: owner).status == 429)
                #expect(try await database.count("SELECT count(*) FROM content.regenerations WHERE user_id = '\(owner)'") == 2)
            }
        }
    }

    @Test("two regenerations at once cannot both take the last one allowed")
    func concurrentRegenerations() async throws {
        try await Self.with { store, _ in
            let user = UUID()
            let now = Date()
            let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 { group.addTask { try await store.recordRegeneration(by: user, at: now, limit: 3, window: 3600) == nil } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(allowed == 3)
        }
    }

    @Test("a fallback entry expires, and a fresh answer then replaces it")
    func fallbackExpires() async throws {
        try await Self.with { store, _ in
            let key = ExplanationKey(lessonID: "black-scholes-model", contentHash: "h", audienceKey: "none|-|-|-", owner: nil)
            let now = Date()
            let audience = ExplanationAudienceDTO(roleType: nil, roleTemplate: nil, jobHash: nil, learningStyle: nil, experienceLevel: nil)
            let fallback = StoredExplanation(audience: audience, sections: [], engine: "embedded", fallback: true, generatedAt: now)
            try await store.save(fallback, for: key, expiresAt: now.addingTimeInterval(600))
            #expect(try await store.find(key, at: now.addingTimeInterval(599))?.fallback == true)
            #expect(try await store.find(key, at: now.addingTimeInterval(601)) == nil)
            let fresh = StoredExplanation(audience: audience, sections: [], engine: "llm:m", fallback: false, generatedAt: now.addingTimeInterval(700))
            try await store.save(fresh, for: key, expiresAt: nil)
            #expect(try await store.find(key, at: now.addingTimeInterval(10_000))?.engine == "llm:m")
        }
    }
}

@Suite("Content erasure")
struct ContentErasureTests {
    @Test("user.deleted removes the person's own explanations and regenerations; shared entries stay")
    func erasure() async throws {
        try await withService(.content, build: buildApplication) { port, database throws in
            let (user, other) = (UUID(), UUID())
            for (owner, key) in [(Optional(user), "posting:1"), (Optional(other), "posting:2"), (nil, "template:quant_researcher")] {
                let owned = owner.map { "'\($0)'" } ?? "NULL"
                try await database.execute(
                    """
                    INSERT INTO content.explanations (lesson_id, content_hash, audience_key, user_id, audience, sections, engine, fallback, generated_at)
                    VALUES ('black-scholes-model', 'h', '\(key)', \(owned), '{}', '[]', 'embedded', false, now())
                    """
                )
            }
            try await database.execute("INSERT INTO content.regenerations (user_id, requested_at) VALUES ('\(user)', now()), ('\(other)', now())")
            #expect(try await deliver([try EventEnvelope(UserDeleted(userID: user))], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await database.count("SELECT count(*) FROM content.explanations WHERE user_id = '\(user)'") == 0)
            #expect(try await database.count("SELECT count(*) FROM content.regenerations WHERE user_id = '\(user)'") == 0)
            #expect(try await database.count("SELECT count(*) FROM content.explanations") == 2)
            #expect(try await database.count("SELECT count(*) FROM content.regenerations") == 1)
        }
    }
}
