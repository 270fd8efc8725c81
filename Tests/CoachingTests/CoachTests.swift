import Foundation
import Intelligence
import PathwiseProtocol
import Testing

@testable import Coaching

/// A transcript written turn by turn: numbered from 1, every turn at the epoch.
struct TestTranscript {
    /// The turns so far, in order.
    private(set) var turns: [TurnDTO] = []

    /// Adds a coach turn.
    mutating func coach(_ text: String) {
        append(.coach, text)
    }

    /// Adds one of the person's turns.
    mutating func user(_ text: String) {
        append(.user, text)
    }

    /// Adds a turn numbered after the last.
    private mutating func append(_ role: TurnRole, _ text: String) {
        turns.append(TurnDTO(turnNumber: turns.count + 1, role: role, content: text, createdAt: Date(timeIntervalSince1970: 0)))
    }
}

/// Briefs, people and answers the coach tests share.
enum CoachFixtures {
    /// A brief with only what a test sets.
    static func brief(
        _ type: PreparationType, subtype: String? = nil, agenda: String? = nil, tone: Tone = .neutral, roleContext: String? = nil
    ) -> SessionBrief {
        SessionBrief(preparationType: type, meetingSubtype: subtype, agenda: agenda, tone: tone, roleContext: roleContext)
    }

    /// A person aiming at a quantitative researcher role at Jane Street, whose path says stochastic calculus is missing.
    static func quantResearcher(_ taxonomy: Taxonomy) -> CoachingContext {
        let name = taxonomy.skill("stochastic_calculus")?.name ?? "Stochastic calculus"
        return CoachingContext(
            roleTemplate: "quant_researcher", jobTitle: "Quantitative Researcher", firm: "Jane Street",
            gaps: [CoachingContext.Gap(skillID: "stochastic_calculus", name: name, importance: "preferred")], resumeSkills: ["Python", "pandas"]
        )
    }

    /// A technical answer told entirely as "we", in the present tense.
    static let onlyWe = """
        We use stochastic calculus every day on our desk. We model the short rate as a diffusion, and we calibrate it to swaption \
        prices each morning. Our hedge ratios come straight out of that model, and we rebalance them whenever the curve moves.
        """

    /// A story with a situation, a task and actions, but no ending.
    static let storyWithoutResult = """
        Last spring the migration of the reporting database slipped badly. I was the analyst who owned the cut-over, so I had to get \
        it back on track. I mapped every report that depended on the old tables, I split the work into small batches, and I ran the \
        riskiest batch myself over a weekend.
        """

    /// A founder's claim of traction without a single figure.
    static let tractionWithoutNumbers = """
        Traction is strong. Customers love the product and keep coming back, and several large retailers are trialling it right now. \
        Their operations teams tell us it saves them a lot of time every single week, and usage keeps climbing.
        """

    /// One long, winding sentence full of fillers.
    static let rambling = """
        So basically, um, the thing is that when I started looking at the problem I kind of realised that there were a lot of different \
        moving parts and you know some of them were about the data and some of them were about the people and some of them were about \
        the process, and I spent quite a while going back and forth between them, and then there was also the question of which tools \
        we would use, which was its own whole discussion because some people wanted Python and some people wanted to keep everything in \
        spreadsheets, and honestly I think both sides had a point, and so I kind of tried to sit in the middle and listen to everyone, \
        and then after that we had the budget conversation which was, like, a whole other thing, and I remember thinking at the time \
        that maybe we should just step back and rethink the whole approach, but then again there was a deadline, so I sort of kept \
        going with what we had, and looking back I'm not totally sure it was the right call but it was the call I made, and then there \
        were a few more meetings about the timeline and the scope and who would own what, and by the end of it I think everyone was \
        pretty tired, you know, and I was too, and that's basically where things ended up, more or less, give or take a few details \
        that I've probably forgotten by now anyway.
        """

    /// Barely an answer.
    static let short = "I'd say it went fine overall."

    /// A clear answer: the problem with a figure, the person's own action, and a measured result.
    static let good = """
        Warehouse pickers waste about 12% of every shift walking to the wrong aisle. I built Pathpick, which reorders each pick list \
        by live shelf location. I ran a pilot at two sites, and as a result picking time fell by 18% in six weeks.
        """

    /// The session's coach turns and replies when the person gives `answers` in turn after the opening.
    static func simulate(_ plan: SessionPlan, brief: SessionBrief, answers: [String]) -> (replies: [CoachReply], turns: [TurnDTO]) {
        var transcript = TestTranscript()
        transcript.coach(SessionPlanner.openingTurn(plan))
        var replies: [CoachReply] = []
        let coach = EmbeddedCoach()
        for answer in answers {
            transcript.user(answer)
            let reply = coach.reply(plan: plan, brief: brief, transcript: transcript.turns)
            replies.append(reply)
            transcript.coach(reply.text)
        }
        return (replies, transcript.turns)
    }

    /// The question a coach turn asks: a follow-up's whole text, or the part of a move-on turn after the acknowledgement.
    static func askedPart(_ reply: CoachReply) -> String? {
        switch reply.move {
        case .followUp: return reply.text
        case .nextQuestion: return reply.text.components(separatedBy: "\n\n").last
        case .wrapUp, .closed: return nil
        }
    }
}

@Suite("Session plans and the embedded coach")
struct CoachTests {
    // MARK: - Plans

    @Test("a quant researcher with a gap in stochastic calculus is asked about stochastic calculus by name, and about the firm")
    func gapIsAsked() throws {
        let taxonomy = try Taxonomy.bundled()
        let name = try #require(taxonomy.skill("stochastic_calculus")?.name)
        let plan = SessionPlanner(taxonomy: taxonomy).plan(CoachFixtures.brief(.interview), context: CoachFixtures.quantResearcher(taxonomy))
        let asked = plan.questions.filter { $0.text.lowercased().contains(name.lowercased()) }
        #expect(asked.count == 1)
        #expect(asked.first?.kind == .technical)
        #expect(asked.first?.focus.contains(name.lowercased()) == true)
        #expect(plan.focusTerms.contains(name.lowercased()))
        #expect((5...7).contains(plan.questions.count))
        let themed = plan.questions.contains { $0.text.contains("probability brainteasers and expected-value puzzles") }
        #expect(themed)
        let aboutFirm = plan.questions.contains { $0.text.contains("Why Jane Street?") }
        #expect(aboutFirm)
        let ids = (1...plan.questions.count).map { "q\($0)" }
        #expect(plan.questions.map(\.id) == ids)
    }

    @Test("an interview always has behavioural questions; a behavioural round is mostly stories and a technical round mostly knowledge")
    func behaviouralMix() throws {
        let taxonomy = try Taxonomy.bundled()
        let planner = SessionPlanner(taxonomy: taxonomy)
        let person = CoachFixtures.quantResearcher(taxonomy)
        /// How many of the plan's questions are of `kind`.
        func count(_ plan: SessionPlan, _ kind: PlannedQuestion.Kind) -> Int { plan.questions.filter { $0.kind == kind }.count }

        let balanced = planner.plan(CoachFixtures.brief(.interview), context: person)
        #expect(count(balanced, .behavioural) >= 2)
        let conflict = balanced.questions.contains { $0.text.contains("disagreement") }
        #expect(conflict)

        let behavioural = planner.plan(CoachFixtures.brief(.interview, subtype: "behavioural"), context: person)
        #expect(count(behavioural, .behavioural) > count(behavioural, .technical))
        #expect(count(behavioural, .behavioural) >= 4)

        let technical = planner.plan(CoachFixtures.brief(.interview, subtype: "technical"), context: person)
        #expect(count(technical, .technical) > count(technical, .behavioural))
        #expect(count(technical, .behavioural) >= 1)

        let engineer = CoachingContext(roleTemplate: "software_engineer", jobTitle: nil, firm: nil, gaps: [], resumeSkills: [])
        let themed = planner.plan(CoachFixtures.brief(.interview), context: engineer)
        let fromTheme = themed.questions.contains { $0.kind == .behavioural && $0.text.contains("ownership and collaboration") }
        #expect(fromTheme)
    }

    @Test("with no target the interview is a generic one: about yourself, a project, a challenge, strengths and why this role")
    func genericInterview() throws {
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(CoachFixtures.brief(.interview), context: .unknown)
        let texts = plan.questions.map(\.text).joined(separator: "\n")
        #expect((5...7).contains(plan.questions.count))
        #expect(plan.questions.first?.text.hasPrefix("Tell me about yourself") == true)
        #expect(texts.contains("proudest"))
        #expect(texts.contains("hardest challenge"))
        #expect(texts.contains("strengths"))
        #expect(texts.contains("Why this kind of role"))
    }

    @Test("a pitch gets an investor's questions: problem, market size, traction, unit economics, competition, team and the ask")
    func pitchQuestions() throws {
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(CoachFixtures.brief(.pitch, subtype: "seed round"), context: .unknown)
        let texts = plan.questions.map { $0.text.lowercased() }.joined(separator: "\n")
        for topic in ["problem", "market", "traction", "unit economics", "why will you win", "team", "raising"] {
            #expect(texts.contains(topic), "no question about \(topic)")
        }
        let allChallenges = plan.questions.allSatisfy { $0.kind == .challenge }
        #expect(allChallenges)
        #expect(plan.opening.contains("investor"))
        #expect(plan.opening.contains("seed round"))
    }

    @Test("a sales call has the coach play a buyer who raises price, timing, an incumbent, sign-off and proof")
    func salesObjections() throws {
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(
            CoachFixtures.brief(.sales, roleContext: "VP of operations at a logistics firm"), context: .unknown
        )
        let texts = plan.questions.map { $0.text.lowercased() }.joined(separator: "\n")
        for objection in ["expensive", "timing", "already use", "sign-off", "return"] {
            #expect(texts.contains(objection), "no objection about \(objection)")
        }
        #expect(plan.opening.contains("buyer"))
        #expect(plan.opening.contains("VP of operations at a logistics firm"))
    }

    @Test("a presentation gets audience questions on its agenda: clarifying, challenging the data, and what to do next")
    func presentationQuestions() throws {
        let agenda = "Q3 revenue\nChurn in the enterprise segment\nHiring plan for 2025"
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(CoachFixtures.brief(.presentation, agenda: agenda), context: .unknown)
        let texts = plan.questions.map(\.text).joined(separator: "\n")
        #expect(texts.contains("“Q3 revenue”"))
        #expect(texts.contains("“Churn in the enterprise segment”"))
        #expect(texts.contains("“Hiring plan for 2025”"))
        #expect(texts.contains("where do those numbers come from"))
        #expect(texts.lowercased().contains("what should we do next"))
        #expect(plan.opening.contains("audience"))
        #expect(plan.focusTerms.contains("churn"))
    }

    @Test("a meeting turns each agenda item into a discussion question shaped by its subtype, and adds a stakeholder's challenge")
    func meetingUsesAgenda() throws {
        let agenda = "1. Budget for the data platform 2. Hiring two analysts 3) Vendor contract renewal"
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(
            CoachFixtures.brief(.corporate, subtype: "quarterly review", agenda: agenda), context: .unknown
        )
        #expect(SessionPlanner.agendaItems(agenda) == ["Budget for the data platform", "Hiring two analysts", "Vendor contract renewal"])
        for item in ["Budget for the data platform", "Hiring two analysts", "Vendor contract renewal"] {
            let asked = plan.questions.contains { $0.kind == .discussion && $0.text.contains("“\(item)”") }
            #expect(asked, "no question on \(item)")
        }
        let results = plan.questions.contains { $0.text.contains("against plan") }
        #expect(results)
        let challenged = plan.questions.contains { $0.kind == .challenge }
        #expect(challenged)
        #expect(plan.focusTerms.contains("budget"))
        #expect(plan.focusTerms.contains("vendor"))
        #expect(plan.opening.contains("review"))
    }

    @Test("agenda items split on lines, semicolons, commas and numbers, without bullets, each once")
    func agendaSplitting() {
        let items = SessionPlanner.agendaItems("- Budget; hiring, roadmap\n• Risks\n\n1) Budget 2) Next steps")
        #expect(items == ["Budget", "hiring", "roadmap", "Risks", "Next steps"])
        #expect(SessionPlanner.agendaItems("Revenue grew 3.5% in 2024. Costs fell") == ["Revenue grew 3.5% in 2024. Costs fell"])
        #expect(SessionPlanner.agendaItems(nil).isEmpty)
        #expect(SessionPlanner.agendaItems(" \n ;, ").isEmpty)
    }

    @Test("the tone changes the opening, and a challenging interviewer skips the warm-up")
    func toneChangesOpening() throws {
        let taxonomy = try Taxonomy.bundled()
        let planner = SessionPlanner(taxonomy: taxonomy)
        let person = CoachFixtures.quantResearcher(taxonomy)
        let plans = Tone.allCases.map { planner.plan(CoachFixtures.brief(.interview, tone: $0), context: person) }
        #expect(Set(plans.map(\.opening)).count == Tone.allCases.count)
        let supportive = planner.plan(CoachFixtures.brief(.interview, tone: .supportive), context: person)
        let challenging = planner.plan(CoachFixtures.brief(.interview, tone: .challenging), context: person)
        #expect(supportive.opening.contains("welcome"))
        #expect(challenging.opening.contains("push back"))
        #expect(supportive.questions.first?.text.hasPrefix("Tell me about yourself") == true)
        #expect(challenging.questions.first?.text.hasPrefix("Tell me about yourself") == false)
        #expect(challenging.opening.contains("\(challenging.questions.count) questions"))
        let turn = SessionPlanner.openingTurn(challenging)
        #expect(turn == challenging.opening + "\n\n" + (challenging.questions.first?.text ?? ""))
    }

    @Test("untrusted agenda, subtype and role context never make a plan large")
    func untrustedTextIsCapped() throws {
        let filler = String(repeating: "an extremely long-winded agenda point that never quite seems to end ", count: 3)
        let agenda = (1...200).map { "Topic \($0) " + filler }.joined(separator: "\n")
        let items = SessionPlanner.agendaItems(agenda)
        #expect(items.count == SessionPlanner.maxAgendaItems)
        let trimmed = items.allSatisfy { $0.count <= SessionPlanner.maxItemLength }
        #expect(trimmed)
        let huge = String(repeating: "word ", count: 2_000)
        let taxonomy = try Taxonomy.bundled()
        let planner = SessionPlanner(taxonomy: taxonomy)
        for type in PreparationType.allCases {
            let plan = planner.plan(CoachFixtures.brief(type, subtype: huge, agenda: agenda, roleContext: huge), context: .unknown)
            #expect(plan.questions.count <= SessionPlanner.maxQuestions)
            #expect(plan.questions.count >= 5)
            let questionsShort = plan.questions.allSatisfy { $0.text.count <= 400 }
            #expect(questionsShort)
            #expect(plan.opening.count <= 1_500)
            #expect(plan.focusTerms.count <= SessionPlanner.maxFocusTerms)
            #expect(Set(plan.questions.map(\.text)).count == plan.questions.count)
        }
    }

    @Test("the same brief and person always give the same plan, and no two questions share a text")
    func plansAreDeterministic() throws {
        let taxonomy = try Taxonomy.bundled()
        let person = CoachFixtures.quantResearcher(taxonomy)
        for type in PreparationType.allCases {
            for tone in Tone.allCases {
                let brief = CoachFixtures.brief(type, agenda: "Budget; Hiring; Roadmap", tone: tone, roleContext: "a skeptical CFO")
                let first = SessionPlanner(taxonomy: taxonomy).plan(brief, context: person)
                let second = SessionPlanner(taxonomy: taxonomy).plan(brief, context: person)
                #expect(first == second)
                let texts = first.questions.map(\.text)
                #expect(Set(texts).count == texts.count)
                #expect(!first.opening.contains("?"))
            }
        }
    }

    // MARK: - Follow-ups

    @Test("an answer told only as \"we\" is asked for the person's own part")
    func onlyWeAsksForOwnPart() throws {
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(CoachFixtures.brief(.interview), context: CoachFixtures.quantResearcher(taxonomy))
        let found = plan.questions.first { $0.text.contains("stochastic calculus") }
        let question = try #require(found)
        var transcript = TestTranscript()
        transcript.coach(question.text)
        transcript.user(CoachFixtures.onlyWe)
        let reply = EmbeddedCoach().reply(plan: plan, brief: CoachFixtures.brief(.interview), transcript: transcript.turns)
        #expect(reply.move == .followUp)
        #expect(EmbeddedCoach.phrasings(for: .onlyWe, tone: .neutral).contains(reply.text))
    }

    @Test("a story without an ending is asked for the result")
    func storyAsksForResult() throws {
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(CoachFixtures.brief(.interview), context: CoachFixtures.quantResearcher(taxonomy))
        let found = plan.questions.first { $0.kind == .behavioural }
        let question = try #require(found)
        var transcript = TestTranscript()
        transcript.coach(SessionPlanner.openingTurn(plan))
        transcript.user(CoachFixtures.good)
        transcript.coach("Thanks.\n\n" + question.text)
        transcript.user(CoachFixtures.storyWithoutResult)
        let reply = EmbeddedCoach().reply(plan: plan, brief: CoachFixtures.brief(.interview), transcript: transcript.turns)
        #expect(reply.move == .followUp)
        #expect(EmbeddedCoach.phrasings(for: .noResult, tone: .neutral).contains(reply.text))
    }

    @Test("traction claimed without a figure is asked for a number")
    func tractionAsksForNumber() throws {
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(CoachFixtures.brief(.pitch), context: .unknown)
        let found = plan.questions.first { $0.text.contains("traction") }
        let question = try #require(found)
        #expect(EmbeddedCoach.asksForFigures(question))
        var transcript = TestTranscript()
        transcript.coach("Understood.\n\n" + question.text)
        transcript.user(CoachFixtures.tractionWithoutNumbers)
        let reply = EmbeddedCoach().reply(plan: plan, brief: CoachFixtures.brief(.pitch), transcript: transcript.turns)
        #expect(reply.move == .followUp)
        #expect(EmbeddedCoach.phrasings(for: .noNumbers, tone: .neutral).contains(reply.text))
    }

    @Test("a rambling answer is asked for the short version, in the session's tone", arguments: Tone.allCases)
    func ramblingAsksForShorter(tone: Tone) throws {
        let brief = CoachFixtures.brief(.pitch, tone: tone)
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(brief, context: .unknown)
        var transcript = TestTranscript()
        transcript.coach(SessionPlanner.openingTurn(plan))
        transcript.user(CoachFixtures.rambling)
        let reply = EmbeddedCoach().reply(plan: plan, brief: brief, transcript: transcript.turns)
        #expect(reply.move == .followUp)
        #expect(EmbeddedCoach.phrasings(for: .rambling, tone: tone).contains(reply.text))
    }

    @Test("a good answer is acknowledged and followed by the next planned question, verbatim")
    func goodAnswerMovesOn() throws {
        let brief = CoachFixtures.brief(.pitch)
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(brief, context: .unknown)
        var transcript = TestTranscript()
        transcript.coach(SessionPlanner.openingTurn(plan))
        transcript.user(CoachFixtures.good)
        let reply = EmbeddedCoach().reply(plan: plan, brief: brief, transcript: transcript.turns)
        #expect(reply.move == .nextQuestion)
        let next = try #require(plan.questions.dropFirst().first)
        #expect(reply.text.hasSuffix("\n\n" + next.text))
        let acknowledgement = reply.text.components(separatedBy: "\n\n").first ?? ""
        #expect(acknowledgement.contains("“"))
        #expect(!acknowledgement.contains("?"))
        transcript.coach(reply.text)
        let progress = EmbeddedCoach.context(for: plan, transcript: transcript.turns)
        #expect(progress.askedQuestionIDs == ["q1", "q2"])
        #expect(progress.currentQuestion == next)
        #expect(progress.followUpsSinceQuestion == 0)
    }

    @Test("a planned question gets at most one follow-up, and the coach moves on however weak the next answer")
    func oneFollowUpPerQuestion() throws {
        let brief = CoachFixtures.brief(.pitch)
        let taxonomy = try Taxonomy.bundled()
        let plan = SessionPlanner(taxonomy: taxonomy).plan(brief, context: .unknown)
        let run = CoachFixtures.simulate(plan, brief: brief, answers: [CoachFixtures.short, CoachFixtures.short])
        #expect(run.replies.map(\.move) == [.followUp, .nextQuestion])
        let progress = EmbeddedCoach.context(for: plan, transcript: Array(run.turns.prefix(3)))
        #expect(progress.askedQuestionIDs == ["q1"])
        #expect(progress.followUpsSinceQuestion == 1)
        #expect(progress.nextQuestion?.id == "q2")
    }

    // MARK: - Whole sessions

    @Test("over a whole session of weak answers no question is asked twice, every planned question is asked once, then wrap-up, then closed")
    func wholeSessionNeverRepeats() throws {
        let taxonomy = try Taxonomy.bundled()
        let planner = SessionPlanner(taxonomy: taxonomy)
        let sessions: [(SessionBrief, CoachingContext)] = [
            (CoachFixtures.brief(.interview), CoachFixtures.quantResearcher(taxonomy)),
            (CoachFixtures.brief(.interview, subtype: "behavioural", tone: .supportive), .unknown),
            (CoachFixtures.brief(.pitch, tone: .challenging), .unknown),
            (CoachFixtures.brief(.corporate, subtype: "status update", agenda: "Migration; Budget; Hiring", tone: .supportive), .unknown),
            (CoachFixtures.brief(.sales, tone: .challenging), .unknown),
        ]
        let weak = [
            CoachFixtures.onlyWe, CoachFixtures.storyWithoutResult, CoachFixtures.tractionWithoutNumbers, CoachFixtures.rambling,
            CoachFixtures.short, CoachFixtures.good,
        ]
        let mixed = (0..<20).map { weak[$0 % weak.count] }
        let kinds: [[String]] = weak.map { [String](repeating: $0, count: 20) } + [mixed]
        for (brief, person) in sessions {
            let plan = planner.plan(brief, context: person)
            for answers in kinds {
                let run = CoachFixtures.simulate(plan, brief: brief, answers: answers)
                let coachTexts = run.turns.filter { $0.role == .coach }.map(\.content)
                #expect(Set(coachTexts).count == coachTexts.count)
                let asked = run.replies.compactMap(CoachFixtures.askedPart)
                #expect(Set(asked).count == asked.count)
                for question in plan.questions {
                    let times = coachTexts.filter { $0.contains(question.text) }.count
                    #expect(times == 1, "asked \(question.id) \(times) times")
                }
                let moves = run.replies.map(\.move)
                let wrapUp = try #require(moves.firstIndex(of: .wrapUp))
                let wrapUps = moves.filter { $0 == .wrapUp }.count
                #expect(wrapUps == 1)
                let beforeAreQuestions = moves[..<wrapUp].allSatisfy { $0 == .followUp || $0 == .nextQuestion }
                let afterAreClosed = moves[(wrapUp + 1)...].allSatisfy { $0 == .closed }
                #expect(beforeAreQuestions)
                #expect(afterAreClosed)
                #expect(moves.last == .closed)
                let followUps = moves.filter { $0 == .followUp }.count
                #expect(followUps <= plan.questions.count)
                let wrapUpText = run.replies[wrapUp].text
                #expect(wrapUpText.contains("last question"))
                let closings = run.replies.filter { $0.move == .closed }.map(\.text)
                let closingsDiffer = closings.allSatisfy { !$0.contains("?") && $0 != wrapUpText && !wrapUpText.hasSuffix($0) }
                #expect(closingsDiffer)
                #expect(Set(closings).count == closings.count)
            }
        }
    }

    @Test("the coach is deterministic: the same session gives the same turns")
    func coachIsDeterministic() throws {
        let taxonomy = try Taxonomy.bundled()
        let brief = CoachFixtures.brief(.interview, tone: .challenging)
        let plan = SessionPlanner(taxonomy: taxonomy).plan(brief, context: CoachFixtures.quantResearcher(taxonomy))
        let answers = [CoachFixtures.short, CoachFixtures.rambling, CoachFixtures.onlyWe, CoachFixtures.good, CoachFixtures.storyWithoutResult]
        let first = CoachFixtures.simulate(plan, brief: brief, answers: answers)
        let second = CoachFixtures.simulate(plan, brief: brief, answers: answers)
        #expect(first.replies == second.replies)
        #expect(first.turns == second.turns)
    }

    @Test("the coach finds a question in a turn byte for byte, wherever it stands, in any script")
    func findsQuestionsInTurns() {
        #expect(EmbeddedCoach.holds("Good.\n\nWhy Zürich, and why now?", "Why Zürich, and why now?"))
        #expect(EmbeddedCoach.holds("Straight in: what's the ask?", "Straight in"))
        #expect(!EmbeddedCoach.holds("Why Zurich, and why now?", "Why Zürich, and why now?"))
        #expect(!EmbeddedCoach.holds("short", "a longer question than the turn"))
        #expect(EmbeddedCoach.holds("anything", ""))
    }
}
