import Foundation
import PathwiseProtocol
import Testing

@testable import Coaching

/// A session to evaluate: its settings and its exchanges, numbered from 1 with the coach's turns odd
/// and the person's even.
struct EvaluatorTranscript: Sendable {
    /// One coach turn and the person's answer to it.
    struct Exchange: Sendable {
        /// The coach's turn.
        var question: String
        /// The person's answer.
        var answer: String
    }

    /// What the fixture shows, for failure messages.
    var name: String
    /// What the session practised.
    var preparationType: PreparationType = .interview
    /// How the coach spoke.
    var tone: Tone = .neutral
    /// The plan's focus terms.
    var focusTerms: [String] = []
    /// The exchanges, in order.
    var exchanges: [Exchange]

    /// The transcript as the evaluation reads it.
    var input: EvaluationInput {
        var turns: [TurnDTO] = []
        for exchange in exchanges {
            for (role, content) in [(TurnRole.coach, exchange.question), (TurnRole.user, exchange.answer)] {
                let number = turns.count + 1
                turns.append(TurnDTO(turnNumber: number, role: role, content: content, createdAt: Date(timeIntervalSince1970: Double(number))))
            }
        }
        return EvaluationInput(preparationType: preparationType, tone: tone, turns: turns, focusTerms: focusTerms)
    }

    /// The embedded engine's evaluation.
    var draft: EvaluationDraft { SessionEvaluator().evaluate(input) }

    /// One question and its answer.
    static func single(
        _ name: String, _ question: String, _ answer: String, type: PreparationType = .interview, tone: Tone = .neutral,
        focus: [String] = EvaluatorFixtures.processFocus
    ) -> EvaluatorTranscript {
        EvaluatorTranscript(name: name, preparationType: type, tone: tone, focusTerms: focus, exchanges: [Exchange(question: question, answer: answer)])
    }
}

/// Answers written for the evaluator tests: one strong story and versions of it that each lose one thing.
enum EvaluatorFixtures {
    /// The behavioural question most fixtures answer.
    static let processQuestion = "Tell me about a time you improved a process that was slowing your team down."
    /// The plan's focus for that question.
    static let processFocus = ["process improvement", "automation", "reporting"]

    /// A STAR story that leads with its point and quantifies the result.
    static let strongAnswer = """
        I cut our weekly reporting time from 6 hours to 40 minutes by automating the pipeline. At my last job at Northwind Logistics, \
        our analytics team of five built the weekly operations report by hand, and it was slowing every Monday down. I was responsible \
        for making that process reliable before the peak season. I mapped every manual step, wrote a Python job that pulled the \
        warehouse data overnight, and added validation checks so errors surfaced before anyone saw the report. I also trained two \
        colleagues to maintain it. As a result, the report went out by 9am every Monday, errors dropped by 80%, and the team saved \
        about 20 hours a month, which we spent on forecasting instead.
        """

    /// The same story, hedged throughout.
    static let hedgingAnswer = """
        I think maybe the best example is when I kind of cut our weekly reporting time from 6 hours to 40 minutes by automating the \
        pipeline. At my last job at Northwind Logistics, our analytics team of five built the weekly operations report by hand, and I \
        guess it was slowing every Monday down. I was probably responsible for making that process reliable before the peak season, \
        but I'm not sure. I mapped every manual step, wrote a Python job to sort of pull the warehouse data overnight, and added \
        validation checks so errors surfaced before anyone saw the report. I also trained two colleagues to maintain it, hopefully \
        well. As a result, the report went out by 9am every Monday, errors dropped by maybe 80%, and the team saved perhaps 20 hours \
        a month, which we spent on forecasting instead.
        """

    /// The same story without a single figure.
    static let noNumbersAnswer = """
        I cut our weekly reporting time dramatically by automating the pipeline. At my last job at Northwind Logistics, our analytics \
        team built the weekly operations report by hand, and it was slowing every Monday down. I was responsible for making that \
        process reliable before the peak season. I mapped every manual step, wrote a Python job that pulled the warehouse data \
        overnight, and added validation checks so errors surfaced before anyone saw the report. I also trained colleagues to maintain \
        it. As a result, the report went out early every Monday, errors dropped sharply, and the team saved many hours, which we \
        spent on forecasting instead.
        """

    /// The same story, full of fillers.
    static let fillerAnswer = """
        Um, so basically I cut our weekly reporting time from 6 hours to 40 minutes by, like, automating the pipeline. At my last job \
        at Northwind Logistics, you know, our analytics team of five built the weekly operations report by hand, and it was, like, \
        slowing every Monday down. I was responsible for, um, making that process reliable before the peak season. I mapped every \
        manual step, uh, wrote a Python job that literally pulled the warehouse data overnight, and added validation checks so errors \
        surfaced before anyone saw the report. I also trained, like, two colleagues to maintain it, you know. As a result, the report \
        went out by 9am every Monday, errors dropped by 80%, and the team basically saved about 20 hours a month, which we spent on \
        forecasting instead.
        """

    /// The same story in the passive voice.
    static let passiveAnswer = """
        Our weekly reporting time was cut from 6 hours to 40 minutes when the pipeline was automated. At my last job at Northwind \
        Logistics, the weekly operations report was built by hand by an analytics team of five, and every Monday was slowed down by \
        it. Making that process reliable before the peak season was assigned to me. Every manual step was mapped, a Python job was \
        written to pull the warehouse data overnight, and validation checks were added so errors were caught before the report was \
        seen. Two colleagues were trained to maintain it. As a result, the report was sent out by 9am every Monday, errors were \
        reduced by 80%, and about 20 hours a month were saved, which were spent on forecasting instead.
        """

    /// The same story told only as "we".
    static let weOnlyAnswer = """
        We cut our weekly reporting time from 6 hours to 40 minutes by automating the pipeline. At our company, Northwind Logistics, \
        our analytics team of five built the weekly operations report by hand, and it was slowing every Monday down. We were \
        responsible for making that process reliable before the peak season. We mapped every manual step, wrote a Python job that \
        pulled the warehouse data overnight, and added validation checks so errors surfaced before anyone saw the report. We also \
        trained two colleagues to maintain it. As a result, the report went out by 9am every Monday, errors dropped by 80%, and the \
        team saved about 20 hours a month, which we spent on forecasting instead.
        """

    /// The same story told in vague words.
    static let vagueAnswer = """
        I improved our weekly reporting and stuff by automating a lot of things. At my last job at Northwind Logistics, our analytics \
        team did various things by hand for the report, and it was slowing everything down. I was responsible for making that process \
        work and so on. I mapped the steps, wrote some kind of Python job that pulled the data and whatever, and added checks for \
        errors and stuff. As a result, things got a lot better, the report went out earlier, and the team saved a lot of time for \
        other things.
        """

    /// The same story as one winding run-up of more than 220 words.
    static let ramblingAnswer = """
        So, um, well, let me think, there are a few examples I could pick from, but the one that comes to mind first is from my last \
        job at Northwind Logistics where our analytics team of five used to build the weekly operations report by hand every single \
        week and it took most of Monday morning and a lot of people were involved in checking numbers and chasing spreadsheets from \
        the warehouse managers who did not always send them on time, and so the whole thing was slowing the team down quite a bit \
        and my manager at the time asked whether anyone had ideas about how to make it less painful. And so what I ended up doing \
        over a few weeks, partly in my own time and partly during quieter afternoons, was looking at every step of the process and \
        working out which parts could be pulled automatically from the warehouse database and which parts needed a person to look at \
        them, and then I wrote a Python job that ran overnight and pulled the data and did the checks that people used to do by hand, \
        and there were some problems at first with missing rows and time zones and a few other things that took a while to sort out, \
        but eventually it worked well enough that the report could go out earlier on Monday and people could spend their time on \
        other work instead of copying figures between files, which everyone seemed to appreciate and which my manager mentioned in \
        my review.
        """

    /// An answer about something else entirely.
    static let offTopicAnswer = """
        Outside work I spend most weekends hiking in the Peak District with my brother. We started doing it a couple of summers ago \
        after he moved back from Canada. I love planning the routes, checking the weather the night before and packing the right \
        gear. Last month we walked the Kinder Scout circuit, which took most of the day and ended with a very good pub lunch. It keeps \
        me fit and it is how I switch off from screens.
        """

    /// A challenge to the story, from a challenging interviewer.
    static let challenge = "Your pipeline failed twice in its first month. Why should anyone trust your judgement on automation?"

    /// A casual answer to the challenge.
    static let informalReply = """
        Yeah, fair question! Honestly the first month was kinda rough, we had a couple of bad runs and stuff. The warehouse files came \
        in late and the job just fell over, which was super annoying. But we fixed it pretty fast, like within a day, and I added \
        alerts so it's gonna flag problems before anyone notices. Since then it's run for eight months without a miss, so yeah, you \
        can totally trust it. The team's been loving it and nobody's complained, which is awesome! So I'd say my judgement on \
        automation is pretty solid, to be honest.
        """

    /// A formal, firm answer to the challenge.
    static let formalReply = """
        That is a fair question, and the record supports it. The first month exposed two failures, both caused by late warehouse \
        files rather than by the logic of the pipeline. I fixed each within a day and added alerts that flag missing data before the \
        report runs. Since then the pipeline has run for eight months without a miss, across more than 30 weekly reports. I am \
        confident you can trust both the automation and my judgement, because every failure so far has been caught before anyone \
        relied on the numbers. The team now builds its forecasts on it every week.
        """

    /// The prospect's opening and follow-up in the sales call.
    static let prospectOpening = "Thanks for calling. We're a 40-person logistics firm and our dispatch team still plans routes in spreadsheets."
    /// The prospect's second turn.
    static let prospectConcern = "Honestly, re-planning eats most of the afternoon. Our ops director is worried about cost though."

    /// A discovery call that asks before it tells.
    static let salesWithQuestions = EvaluatorTranscript(
        name: "sales call with questions", preparationType: .sales, focusTerms: ["discovery", "pricing", "onboarding"],
        exchanges: [
            EvaluatorTranscript.Exchange(
                question: prospectOpening,
                answer: """
                    Thanks for making the time. Before I say anything about our product, how do your dispatchers plan routes today, and \
                    where does it hurt most? When a route changes at short notice, who has to re-plan it, and how long does that take? \
                    I ask because customers your size usually lose two or three hours a day to re-planning. If that matches what you \
                    see, what would it be worth to get that time back?
                    """
            ),
            EvaluatorTranscript.Exchange(
                question: prospectConcern,
                answer: """
                    That makes sense, and cost should be weighed against the hours you get back. Our onboarding takes about two weeks \
                    and pricing is per vehicle, so for a fleet of your size it's usually around $900 a month. Who else would need to be \
                    involved in a decision like this, and what budget cycle are you working to? Would it help if I set up a 30-minute \
                    call with your ops director next week?
                    """
            ),
        ]
    )

    /// The same call, telling without asking.
    static let salesWithoutQuestions = EvaluatorTranscript(
        name: "sales call without questions", preparationType: .sales, focusTerms: ["discovery", "pricing", "onboarding"],
        exchanges: [
            EvaluatorTranscript.Exchange(
                question: prospectOpening,
                answer: """
                    Thanks for making the time. Let me tell you about our product. It plans dispatch routes automatically, and when a \
                    route changes at short notice it re-plans it in seconds. Customers your size usually lose two or three hours a day \
                    to re-planning, and our software gives that time back. It is used by logistics firms across the country and it \
                    works with the spreadsheets your team already uses.
                    """
            ),
            EvaluatorTranscript.Exchange(
                question: prospectConcern,
                answer: """
                    That makes sense, and cost should be weighed against the hours you get back. Our onboarding takes about two weeks \
                    and pricing is per vehicle, so for a fleet of your size it's usually around $900 a month. I will send you a \
                    proposal this week and follow up with your ops director.
                    """
            ),
        ]
    )

    /// The investor's question in the pitch.
    static let pitchQuestion = "You have two minutes. What problem does your company solve, who pays for it, and why now?"

    /// A confident pitch with traction figures, addressed to the listener.
    static let strongPitch = EvaluatorTranscript.single(
        "strong pitch", pitchQuestion,
        """
        RouteLoop solves a costly problem: dispatch teams at mid-sized logistics firms lose two to three hours a day re-planning \
        routes by hand. Our company sells a planning tool that cuts that re-planning time by 70%, and fleet operators pay per \
        vehicle, so your cost grows only as your fleet does. We launched in March, signed 14 paying customers, and reached $38k in \
        monthly recurring revenue, growing 20% month on month. Now is the moment because fuel costs rose 30% last year, and every \
        idle hour of your fleet is money you lose. We are raising $1.5m to hire four engineers and expand into two new regions.
        """,
        type: .pitch, focus: ["traction", "market", "revenue"]
    )

    /// The same pitch, hedged and without figures.
    static let weakPitch = EvaluatorTranscript.single(
        "weak pitch", pitchQuestion,
        """
        So, um, I guess RouteLoop is kind of a tool that maybe helps dispatch teams with routes and stuff. I think a lot of logistics \
        companies probably have some issues with re-planning. We launched a while ago and we have a few customers, and revenue is \
        sort of growing. I'm not sure about the exact market size, but it could be big. We are hoping to raise some money to hire \
        people and maybe expand into other places at some point.
        """,
        type: .pitch, focus: ["traction", "market", "revenue"]
    )

    /// The strong story.
    static let strong = EvaluatorTranscript.single("strong STAR answer", processQuestion, strongAnswer)
    /// The hedged story.
    static let hedging = EvaluatorTranscript.single("hedging", processQuestion, hedgingAnswer)
    /// The story without figures.
    static let noNumbers = EvaluatorTranscript.single("no numbers", processQuestion, noNumbersAnswer)
    /// The story full of fillers.
    static let fillers = EvaluatorTranscript.single("filler-heavy", processQuestion, fillerAnswer)
    /// The story in the passive voice.
    static let passive = EvaluatorTranscript.single("passive-heavy", processQuestion, passiveAnswer)
    /// The story told as "we".
    static let weOnly = EvaluatorTranscript.single("we only", processQuestion, weOnlyAnswer)
    /// The story in vague words.
    static let vague = EvaluatorTranscript.single("vague", processQuestion, vagueAnswer)
    /// The story as a ramble.
    static let rambling = EvaluatorTranscript.single("rambling", processQuestion, ramblingAnswer)
    /// An answer about something else.
    static let offTopic = EvaluatorTranscript.single("off topic", processQuestion, offTopicAnswer)
    /// The casual answer to a challenging interviewer.
    static let informalChallenged = EvaluatorTranscript.single("informal, challenged", challenge, informalReply, tone: .challenging)
    /// The casual answer to a supportive interviewer.
    static let informalSupported = EvaluatorTranscript.single("informal, supported", challenge, informalReply, tone: .supportive)
    /// The formal answer to a challenging interviewer.
    static let formalChallenged = EvaluatorTranscript.single("formal, challenged", challenge, formalReply, tone: .challenging)

    /// Three one-line answers.
    static let veryShort = EvaluatorTranscript(
        name: "very short", focusTerms: processFocus,
        exchanges: [
            EvaluatorTranscript.Exchange(question: processQuestion, answer: "I automated a report once."),
            EvaluatorTranscript.Exchange(question: "How did you measure the impact?", answer: "It was faster."),
            EvaluatorTranscript.Exchange(question: "What would you do differently?", answer: "Probably test it more."),
        ]
    )

    /// A whole interview of strong answers.
    static let strongSession = EvaluatorTranscript(
        name: "strong session", focusTerms: processFocus + ["stakeholders", "forecasting"],
        exchanges: [
            EvaluatorTranscript.Exchange(question: processQuestion, answer: strongAnswer),
            EvaluatorTranscript.Exchange(
                question: "How did you get the warehouse managers to trust the automated numbers?",
                answer: """
                    I earned their trust by running both versions side by side. For the first 4 weeks I published the manual report and \
                    the automated one together, and I sent the warehouse managers a short note on every difference over 1%. By week \
                    three the differences had dropped to zero, and the managers asked us to retire the manual version. As a result, \
                    adoption reached all 12 sites within two months.
                    """
            ),
            EvaluatorTranscript.Exchange(
                question: "What would you do differently if you ran that project again?",
                answer: """
                    I would involve the forecasting team from the first day. They were the biggest users of the report, but I only \
                    brought them in after launch, and two of their requests cost us an extra sprint. Next time I would run a one-hour \
                    workshop with every team that reads the report before writing any code, and agree the three checks they care about \
                    most.
                    """
            ),
        ]
    )

    /// Every fixture with answers.
    static let all: [EvaluatorTranscript] = [
        strong, hedging, noNumbers, fillers, passive, weOnly, vague, rambling, offTopic, informalChallenged, informalSupported,
        formalChallenged, salesWithQuestions, salesWithoutQuestions, strongPitch, weakPitch, veryShort, strongSession,
    ]

    /// The fixtures that each lose something the strong story has.
    static let flawed: [EvaluatorTranscript] = [
        hedging, noNumbers, fillers, passive, weOnly, vague, rambling, offTopic, informalChallenged, salesWithoutQuestions, weakPitch,
        veryShort,
    ]
}

@Suite("Answer reading")
struct AnswerReadingTests {
    @Test("figures are digits with their currency and percent signs and spelled quantities with a unit, not years or negated measures")
    func numbers() {
        let figures = AnswerReading("Revenue grew 40% to $2m in 3.5 years, across 1,200 stores and 2x the users.").numbers.map(String.init)
        #expect(figures == ["40%", "$2m", "3.5", "1,200", "2x"])
        let spelled = AnswerReading("It took three weeks, we doubled throughput and saved half the time.").numbers.map(String.init)
        #expect(spelled == ["three weeks", "doubled", "half the time"])
        #expect(AnswerReading("I didn't measure it, honestly.").numbers.isEmpty)
        #expect(AnswerReading("In 2019 I joined the team as its 3rd analyst.").numbers.isEmpty)
        #expect(AnswerReading("We never doubled anything.").numbers.isEmpty)
    }

    @Test("'like' is a filler after or before a pause and before a figure, but not as a verb or a comparison")
    func likeAsFiller() {
        #expect(AnswerReading("I like working with data.").fillers.isEmpty)
        #expect(AnswerReading("It looks like the model was wrong, and tools like Jira would not have helped.").fillers.isEmpty)
        #expect(AnswerReading("We would like to ship something like that.").fillers.isEmpty)
        #expect(AnswerReading("We had, like, three weeks to ship it.").fillers.map(String.init) == ["like"])
        #expect(AnswerReading("It took like 40 minutes.").fillers.map(String.init) == ["like"])
        #expect(AnswerReading("I was like, we need to fix this.").fillers.map(String.init) == ["like"])
        #expect(AnswerReading("Um, you know, it was basically fine.").fillers.map(String.init) == ["Um", "you know", "basically"])
        #expect(AnswerReading("Do you know the answer? As you know, it works.").fillers.isEmpty)
    }

    @Test("hedges include 'I think maybe' as one, 'not sure' and 'kind of', but not 'I think' before a firm claim or 'what kind of'")
    func hedges() {
        let hedged = AnswerReading("I think maybe we could try it. I\u{2019}m not sure it scales, but it's kind of promising.")
        #expect(hedged.hedges.map(String.init) == ["I think maybe", "I\u{2019}m not sure", "kind of"])
        #expect(AnswerReading("I think the answer is to cache the results.").hedges.isEmpty)
        #expect(AnswerReading("What kind of data do you have?").hedges.isEmpty)
        #expect(AnswerReading("I think so.").hedges.map(String.init) == ["I think so"])
        // "sort of" is a hedge, never counted again as a filler.
        let sortOf = AnswerReading("It was sort of slow.")
        #expect(sortOf.hedges.count == 1 && sortOf.fillers.isEmpty)
    }

    @Test("passive clauses are 'be' with a participle, not 'be' with an adjective of feeling")
    func passives() {
        #expect(AnswerReading("The decision was made by the board and the budget was quickly approved.").passiveClauses == 2)
        #expect(AnswerReading("It has been done.").passiveClauses == 1)
        #expect(AnswerReading("I was tired but interested in the project.").passiveClauses == 0)
        #expect(AnswerReading("I built the model and shipped it.").passiveClauses == 0)
    }

    @Test("sentences split on terminal marks and line breaks, not on decimals or 'e.g.'")
    func sentences() {
        let reading = AnswerReading("We grew 3.5x, e.g. in Europe. Then we stopped! Why?\nNext point")
        #expect(reading.sentences.map(String.init) == ["We grew 3.5x, e.g. in Europe.", "Then we stopped!", "Why?", "Next point"])
        #expect(reading.questions.map(String.init) == ["Why?"])
        #expect(reading.words == 12)
        #expect(reading.longestSentenceWords == 6)
    }

    @Test("a strong story shows all four STAR parts and leads with its point")
    func starParts() {
        let reading = AnswerReading(EvaluatorFixtures.strongAnswer)
        let star = reading.star
        #expect(star.count == 4 && star.headlineFirst)
        #expect(star.situation?.hasPrefix("At my last job") == true)
        #expect(star.task?.hasPrefix("I was responsible") == true)
        #expect(star.action?.hasPrefix("I cut") == true)
        #expect(star.result?.hasPrefix("As a result") == true)
        #expect(reading.isStory && !reading.rambles)
        #expect(reading.numbers.count >= 5 && reading.hedges.isEmpty && reading.fillers.isEmpty && reading.passiveClauses == 0)
    }

    @Test("a preamble is not a headline, a story without an ending has no result, and 'we' is no one's own action")
    func starGaps() {
        #expect(!AnswerReading("That's a good question. I led the migration to Postgres in 2021.").star.headlineFirst)
        #expect(!AnswerReading("So, um, well, let me think. I led the migration to Postgres.").star.headlineFirst)
        let unfinished = AnswerReading(
            "Last spring our migration slipped. I was responsible for the cut-over. I split the work into batches and ran the riskiest one myself."
        )
        #expect(unfinished.isStory && unfinished.star.result == nil && unfinished.star.count == 3)
        let team = AnswerReading(EvaluatorFixtures.weOnlyAnswer)
        #expect(team.star.action == nil && team.singularFirstPerson == 0 && team.pluralFirstPerson >= 5)
        #expect(!AnswerReading("I would start by profiling the query. Then I would add an index.").isStory)
    }

    @Test("pronouns, vague words, curly apostrophes and rambling are counted")
    func counts() {
        let reading = AnswerReading("I built it, but we shipped it together with our team and my manager in the US.")
        #expect(reading.singularFirstPerson == 2 && reading.pluralFirstPerson == 2)
        #expect(AnswerReading("We did stuff with various tools, etc.").vagueWords.map(String.init) == ["stuff", "various", "etc"])
        #expect(AnswerReading("I\u{2019}ve led it and I\u{2019}m proud of it.").singularFirstPerson == 2)
        #expect(AnswerReading(EvaluatorFixtures.ramblingAnswer).rambles)
        #expect(AnswerReading(EvaluatorFixtures.ramblingAnswer).words > 220)
    }
}

@Suite("Session evaluator")
struct SessionEvaluatorTests {
    @Test("a clean STAR answer with figures scores high on every dimension, with no area to improve")
    func strongAnswer() {
        let draft = EvaluatorFixtures.strong.draft
        #expect(draft.overallScore >= 85)
        for dimension in ScoreDimension.allCases {
            #expect((draft.scores[dimension] ?? 0) >= 8, "\(dimension.rawValue)")
        }
        #expect(draft.signals.starCoverage == 1)
        #expect(draft.signals.numbersCited >= 5)
        #expect(draft.signals.hedges == 0 && draft.signals.fillerPer100Words == 0 && draft.signals.questionsAsked == 0)
        #expect(draft.improvementAreas.isEmpty && draft.practice.isEmpty)
        #expect((1...3).contains(draft.strengths.count))
    }

    @Test("the same story with hedges, fillers, passive voice or only 'we' scores lower on confidence and delivery")
    func confidence() {
        let clean = EvaluatorFixtures.strong.draft.scores[.confidenceDelivery] ?? 0
        for weaker in [EvaluatorFixtures.hedging, EvaluatorFixtures.fillers, EvaluatorFixtures.passive, EvaluatorFixtures.weOnly] {
            let score = weaker.draft.scores[.confidenceDelivery] ?? 0
            #expect(score < clean, "\(weaker.name)")
        }
        let hedged = EvaluatorFixtures.hedging.draft
        #expect(hedged.signals.hedges >= 6)
        #expect(hedged.improvementAreas.contains { $0.dimension == .confidenceDelivery && $0.suggestion.contains("hedge") })
        let filled = EvaluatorFixtures.fillers.draft
        #expect(filled.signals.fillerPer100Words > 5)
        #expect(filled.improvementAreas.contains { $0.dimension == .confidenceDelivery && $0.suggestion.contains("filler") })
    }

    @Test("the same story without figures scores lower on engagement and cites no numbers")
    func figures() {
        let quantified = EvaluatorFixtures.strong.draft
        let unquantified = EvaluatorFixtures.noNumbers.draft
        #expect((unquantified.scores[.engagement] ?? 0) < (quantified.scores[.engagement] ?? 0))
        #expect(unquantified.signals.numbersCited == 0 && quantified.signals.numbersCited >= 5)
    }

    @Test("an off-topic answer scores low on relevance and is quoted as straying")
    func relevance() {
        let onTopic = EvaluatorFixtures.strong.draft
        let offTopic = EvaluatorFixtures.offTopic.draft
        let offScore = offTopic.scores[.relevanceFocus] ?? 10
        #expect(offScore < (onTopic.scores[.relevanceFocus] ?? 0))
        #expect(offScore <= 3)
        let notes = offTopic.evidence[.relevanceFocus]?.map(\.note) ?? []
        #expect(notes.contains { $0.contains("Strays") })
        #expect(offTopic.improvementAreas.first?.dimension == .relevanceFocus)
    }

    @Test("a rambling version of the story scores lower on clarity and structure")
    func clarity() {
        let clear = EvaluatorFixtures.strong.draft.scores[.clarityStructure] ?? 0
        let rambling = EvaluatorFixtures.rambling.draft
        #expect((rambling.scores[.clarityStructure] ?? 10) < clear)
        #expect((rambling.scores[.clarityStructure] ?? 10) <= 5)
        #expect(rambling.improvementAreas.contains { $0.dimension == .clarityStructure })
    }

    @Test("a vague version of the story scores lower on language quality")
    func language() {
        let precise = EvaluatorFixtures.strong.draft.scores[.languageQuality] ?? 0
        let vague = EvaluatorFixtures.vague.draft
        #expect((vague.scores[.languageQuality] ?? 10) < precise)
        #expect(vague.improvementAreas.contains { $0.dimension == .languageQuality && $0.suggestion.contains("vague") })
    }

    @Test("a casual answer to a challenging interviewer scores lower on tone than a formal one, and no higher than to a supportive one")
    func tone() {
        let formal = EvaluatorFixtures.formalChallenged.draft.scores[.toneAlignment] ?? 0
        let informal = EvaluatorFixtures.informalChallenged.draft.scores[.toneAlignment] ?? 10
        let supported = EvaluatorFixtures.informalSupported.draft.scores[.toneAlignment] ?? 0
        #expect(informal < formal)
        #expect(informal <= supported)
        #expect(formal >= 8)
    }

    @Test("a sales call that asks questions back scores higher on engagement than the same call without them")
    func salesQuestions() {
        let asking = EvaluatorFixtures.salesWithQuestions.draft
        let telling = EvaluatorFixtures.salesWithoutQuestions.draft
        #expect((asking.scores[.engagement] ?? 0) > (telling.scores[.engagement] ?? 10))
        #expect(asking.signals.questionsAsked >= 4 && telling.signals.questionsAsked == 0)
        #expect(telling.practice.allSatisfy { $0.lessonQuery.contains("Sales discovery") })
    }

    @Test("a confident pitch with figures beats a hedged one without on confidence, engagement, tone and overall")
    func pitch() {
        let confident = EvaluatorFixtures.strongPitch.draft
        let hedged = EvaluatorFixtures.weakPitch.draft
        for dimension in [ScoreDimension.confidenceDelivery, .engagement, .toneAlignment] {
            #expect((confident.scores[dimension] ?? 0) > (hedged.scores[dimension] ?? 10), "\(dimension.rawValue)")
        }
        #expect(confident.overallScore > hedged.overallScore)
        #expect(hedged.practice.allSatisfy { $0.lessonQuery.contains("Pitching") })
    }

    @Test("the strong story's overall score beats every weaker fixture's")
    func strongBeatsWeak() {
        let strong = EvaluatorFixtures.strong.draft.overallScore
        for weaker in EvaluatorFixtures.flawed {
            let score = weaker.draft.overallScore
            #expect(score < strong, "\(weaker.name)")
        }
    }

    @Test("three one-line answers score low on every dimension and below 40 overall")
    func veryShort() {
        let draft = EvaluatorFixtures.veryShort.draft
        #expect(draft.overallScore < 40)
        for dimension in ScoreDimension.allCases {
            #expect((draft.scores[dimension] ?? 10) <= 4, "\(dimension.rawValue)")
        }
        #expect(draft.improvementAreas.count == 3 && draft.improvementAreas.allSatisfy { $0.priority == .high })
        #expect(draft.signals.answerWordsAvg == 4)
    }

    @Test("every quote is verbatim from the person's turn it names, at most 200 characters, one to three per dimension")
    func verbatimEvidence() {
        for transcript in EvaluatorFixtures.all {
            let input = transcript.input
            let draft = SessionEvaluator().evaluate(input)
            var answers: [Int: String] = [:]
            for turn in input.turns where turn.role == .user { answers[turn.turnNumber] = turn.content }
            #expect(Set(draft.scores.keys) == Set(ScoreDimension.allCases), "\(transcript.name)")
            for dimension in ScoreDimension.allCases {
                let evidence = draft.evidence[dimension] ?? []
                #expect((1...3).contains(evidence.count), "\(transcript.name): \(dimension.rawValue)")
                for item in evidence {
                    let content = answers[item.turnNumber] ?? ""
                    #expect(!item.quote.isEmpty && content.contains(item.quote), "\(transcript.name): \(dimension.rawValue): \(item.quote)")
                    #expect(item.quote.count <= 200 && !item.note.isEmpty, "\(transcript.name): \(dimension.rawValue)")
                }
            }
        }
    }

    @Test("scores are 1–10, the overall 0–100, and improvement areas are the lowest scores of 6 or less, each with its practice")
    func shape() {
        for transcript in EvaluatorFixtures.all {
            let draft = transcript.draft
            #expect(draft.scores.values.allSatisfy { (1...10).contains($0) } && (0...100).contains(draft.overallScore), "\(transcript.name)")
            let areas = draft.improvementAreas
            #expect(areas.count <= 3 && areas.map(\.currentLevel) == areas.map(\.currentLevel).sorted(), "\(transcript.name)")
            for area in areas {
                let expected: Priority = area.currentLevel <= 4 ? .high : .medium
                #expect(area.currentLevel == draft.scores[area.dimension] && area.currentLevel <= 6 && area.priority == expected, "\(transcript.name)")
                #expect(!area.suggestion.isEmpty, "\(transcript.name)")
            }
            #expect(draft.practice.map(\.dimension) == areas.map(\.dimension) && draft.practice.allSatisfy { !$0.lessonQuery.isEmpty && !$0.text.isEmpty })
            #expect((1...3).contains(draft.strengths.count), "\(transcript.name)")
        }
    }

    @Test("the same input gives the same draft")
    func deterministic() {
        for transcript in EvaluatorFixtures.all {
            let first = SessionEvaluator().evaluate(transcript.input)
            let second = SessionEvaluator().evaluate(transcript.input)
            #expect(first == second, "\(transcript.name)")
        }
    }

    @Test("a session without answers still gets a valid draft, every score 1")
    func noAnswers() {
        let input = EvaluationInput(
            preparationType: .interview, tone: .neutral,
            turns: [TurnDTO(turnNumber: 1, role: .coach, content: EvaluatorFixtures.processQuestion, createdAt: Date(timeIntervalSince1970: 0))],
            focusTerms: []
        )
        let draft = SessionEvaluator().evaluate(input)
        #expect(draft.scores.count == 6 && draft.scores.values.allSatisfy { $0 == 1 })
        #expect(draft.evidence.values.allSatisfy { $0.isEmpty })
        #expect(draft.signals == EvaluationSignalsDTO(answerWordsAvg: 0, fillerPer100Words: 0, hedges: 0, numbersCited: 0, starCoverage: 0, questionsAsked: 0))
        #expect((0...100).contains(draft.overallScore))
    }

    @Test("a strong multi-answer interview scores high and reports its signals")
    func strongSession() {
        let draft = EvaluatorFixtures.strongSession.draft
        #expect(draft.overallScore >= 80)
        #expect(draft.signals.numbersCited >= 8)
        #expect(draft.signals.starCoverage >= 0.5)
        #expect(draft.signals.answerWordsAvg > 60)
    }
}
