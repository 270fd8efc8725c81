import Foundation
import Intelligence
import PathwiseProtocol

/// The coach's turn: what it says, and what kind of move it makes.
struct CoachReply: Sendable, Equatable {
    /// What a coach turn does in the session.
    enum Move: String, Sendable, Equatable {
        /// Asks more about the answer just given.
        case followUp
        /// Acknowledges the answer and asks the next planned question.
        case nextQuestion
        /// Says the planned questions are done and invites completing the session.
        case wrapUp
        /// Answers a turn that came after the wrap-up, without asking anything.
        case closed
    }

    /// What the coach says.
    var text: String
    /// What the turn does.
    var move: Move
}

/// Where a session stands, read from its transcript alone, so any engine can pick up where another left off.
struct SessionProgress: Sendable, Equatable {
    /// The planned questions some coach turn has asked, in the order first asked.
    var askedQuestionIDs: [String]
    /// The planned question asked last, which the newest answers respond to.
    var currentQuestion: PlannedQuestion?
    /// Coach turns since `currentQuestion` that asked no planned question and did not wrap up.
    var followUpsSinceQuestion: Int
    /// The first planned question not yet asked, in plan order.
    var nextQuestion: PlannedQuestion?
    /// Whether a coach turn has already said the plan is done (the wrap-up or a closing reply since).
    var wrappedUp: Bool
    /// The coach's turns so far, the opening included.
    var coachTurns: Int
    /// The person's turns so far.
    var answers: Int
}

/// The embedded coach: a pure function of the plan, the brief and the transcript that reads the newest
/// answer and either follows up on it or moves on to the next planned question.
///
/// Follow-ups, in order of priority, each only where the question's kind makes it fit:
/// 1. a rambling answer → the short version;
/// 2. a story (or a behavioural question answered at length) without a result → the result;
/// 3. "we" throughout (three or more "we" and no "I", or three times as many) on a behavioural or
///    technical question, or anywhere in an interview → the person's own part;
/// 4. no figures where impact, traction, sizing or return matters (the question's wording says so) → a number;
/// 5. under `shortAnswerWords` words → more, with an example.
///
/// A planned question gets at most one follow-up: whatever the answer to it, the coach then moves on,
/// so a session always reaches its end. No question is asked twice: the coach keeps four phrasings of
/// each follow-up per tone and takes one that no coach turn holds yet, starting from one chosen by the
/// number of coach turns; when all four are used it skips the follow-up and moves on. Moving on is a
/// short acknowledgement (quoting a figure the person cited, when the answer was good) and then the next
/// planned question verbatim, so later turns can recognise it. After the last question comes the
/// wrap-up; anything the person writes after that gets a closing reply that asks nothing.
struct EmbeddedCoach: Sendable {
    /// Follow-ups a planned question may get before the coach moves on.
    static let maxFollowUpsPerQuestion = 1
    /// An answer shorter than this, in words, is asked to expand.
    static let shortAnswerWords = 20
    /// The longest quote from an answer an acknowledgement carries, in characters.
    static let maxQuoteLength = 60
    /// Words every wrap-up and closing reply carries, by which a transcript shows the plan is done.
    static let closingMarker = "complete the session"
    /// `closingMarker`, found without regard to case in one pass over a turn's bytes.
    static let closingMarkerPhrase = PhraseSet([closingMarker])

    /// Whether `text` holds `part` byte for byte: a search over UTF-8 with no Foundation bridge, which
    /// every coach turn makes against each planned question.
    static func holds(_ text: String, _ part: String) -> Bool {
        var text = text
        var part = part
        return text.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard let first = needle.first else { return true }
                guard haystack.count >= needle.count else { return false }
                var start = 0
                while start <= haystack.count - needle.count {
                    if haystack[start] == first, haystack[start..<start + needle.count].elementsEqual(needle) { return true }
                    start += 1
                }
                return false
            }
        }
    }

    /// What a follow-up asks the person to fix.
    enum Weakness: String, Sendable, Equatable, CaseIterable {
        /// Too long and winding: asks for the short version.
        case rambling
        /// A story without its ending: asks for the result.
        case noResult
        /// All "we": asks for the person's own part.
        case onlyWe
        /// No figures where they matter: asks for a number.
        case noNumbers
        /// Too brief: asks for more, with an example.
        case tooShort
    }

    /// A coach with nothing to configure.
    init() {}

    /// The coach's next turn, given the whole session so far ending with the person's newest answer.
    func reply(plan: SessionPlan, brief: SessionBrief, transcript: [TurnDTO]) -> CoachReply {
        let progress = Self.context(for: plan, transcript: transcript)
        let spoken = transcript.filter { $0.role == .coach }.map(\.content)
        let answer = AnswerReading(transcript.last { $0.role == .user }?.content ?? "")
        let tone = brief.tone
        if progress.wrappedUp {
            return CoachReply(text: Self.closingReply(tone: tone, spoken: spoken, progress: progress), move: .closed)
        }
        guard let current = progress.currentQuestion else {
            // No planned question asked yet (an opening without one): start with the first.
            guard let first = progress.nextQuestion else {
                return CoachReply(text: Self.wrapUpLine(tone: tone), move: .wrapUp)
            }
            return CoachReply(text: "Let's begin.\n\n" + first.text, move: .nextQuestion)
        }
        let weakness = Self.weakness(of: answer, to: current, preparation: brief.preparationType)
        if let weakness, progress.followUpsSinceQuestion < Self.maxFollowUpsPerQuestion,
            let followUp = Self.unused(Self.phrasings(for: weakness, tone: tone), spoken: spoken, startingAt: progress.coachTurns)
        {
            return CoachReply(text: followUp, move: .followUp)
        }
        let acknowledgement = Self.acknowledgement(of: answer, strong: weakness == nil, tone: tone, turn: progress.coachTurns)
        guard let next = progress.nextQuestion else {
            return CoachReply(text: acknowledgement + "\n\n" + Self.wrapUpLine(tone: tone), move: .wrapUp)
        }
        return CoachReply(text: acknowledgement + "\n\n" + next.text, move: .nextQuestion)
    }

    /// Where the session stands: a coach turn that contains a planned question's text asked it; one that
    /// asks none and carries `closingMarker` wrapped up; any other coach turn after a question is a follow-up.
    static func context(for plan: SessionPlan, transcript: [TurnDTO]) -> SessionProgress {
        var asked: [String] = []
        var askedSet: Set<String> = []
        var current: PlannedQuestion?
        var followUps = 0
        var wrappedUp = false
        var coachTurns = 0
        var answers = 0
        for turn in transcript {
            guard turn.role == .coach else {
                answers += 1
                continue
            }
            coachTurns += 1
            let found = plan.questions.filter { !$0.text.isEmpty && Self.holds(turn.content, $0.text) }
            if let last = found.last {
                for question in found where askedSet.insert(question.id).inserted { asked.append(question.id) }
                current = last
                followUps = 0
                wrappedUp = false
            } else if closingMarkerPhrase.occurs(in: turn.content) {
                wrappedUp = true
            } else if current != nil {
                followUps += 1
            }
        }
        return SessionProgress(
            askedQuestionIDs: asked, currentQuestion: current, followUpsSinceQuestion: followUps,
            nextQuestion: plan.questions.first { !askedSet.contains($0.id) }, wrappedUp: wrappedUp, coachTurns: coachTurns, answers: answers
        )
    }

    /// What most needs a follow-up in `answer` to `question`, if anything.
    static func weakness(of answer: AnswerReading, to question: PlannedQuestion, preparation: PreparationType) -> Weakness? {
        if answer.rambles { return .rambling }
        // A behavioural question answered in a line or two needs expanding more than it needs an ending.
        let storyExpected = question.kind == .behavioural && answer.words >= shortAnswerWords
        if (answer.isStory || storyExpected) && answer.star.result == nil { return .noResult }
        // A founder's or a seller's "we" is their company, and a meeting's is the team: only stories and skills are the person's own.
        let ownWorkMatters = question.kind == .behavioural || question.kind == .technical || preparation == .interview
        if ownWorkMatters && speaksOnlyAsTeam(answer) { return .onlyWe }
        if answer.numbers.isEmpty && asksForFigures(question) { return .noNumbers }
        if answer.words < shortAnswerWords { return .tooShort }
        return nil
    }

    /// "We" throughout: at least three, and no "I" or three times as many "we" as "I".
    static func speaksOnlyAsTeam(_ answer: AnswerReading) -> Bool {
        answer.pluralFirstPerson >= 3 && (answer.singularFirstPerson == 0 || answer.pluralFirstPerson >= 3 * answer.singularFirstPerson)
    }

    /// Words in a question that say its answer should carry figures: impact, traction, sizing, return.
    private static let figureCues = [
        "number", "how big", "how much", "how many", "traction", "revenue", "roi", "return on", "what return", "pays off", "pay off",
        "impact", "metric", "market size", "size it", "sizing", "growth", "unit economics", "results", "budget", "forecast", "measure",
        "expensive", "quantif",
    ]

    /// Whether an answer to `question` should carry figures.
    static func asksForFigures(_ question: PlannedQuestion) -> Bool {
        let text = question.text.lowercased()
        return figureCues.contains { text.contains($0) }
    }

    /// The phrasings of a follow-up for `weakness`, in `tone`.
    static func phrasings(for weakness: Weakness, tone: Tone) -> [String] {
        switch (weakness, tone) {
        case (.rambling, .supportive):
            [
                "There's good material in there. Could you give me that in two sentences — the headline and the result?",
                "You clearly know a lot about this. Try the short version now: lead with your main point, then one example.",
                "Let's practise trimming it. What's the one thing you most want me to take away?",
                "Nice detail. Now imagine you only had thirty seconds: what would you say?",
            ]
        case (.rambling, .neutral):
            [
                "Give me that in two sentences: the headline and the result.",
                "Let's tighten that. What's the one point you want me to remember?",
                "That was a lot to follow. Can you give me the short version, main point first and then one piece of evidence?",
                "If you had thirty seconds for that answer, what would you keep?",
            ]
        case (.rambling, .challenging):
            [
                "That rambled. Two sentences: the headline and the result.",
                "I lost the thread. What's your point, in one sentence?",
                "Too long. Give me the thirty-second version.",
                "Cut it down. Lead with the conclusion, then one fact that backs it up.",
            ]
        case (.noResult, .supportive):
            [
                "That's a good story so far. How did it turn out in the end?",
                "I'd love to hear the ending. What was the result of what you did?",
                "You set that up well. What changed because of your work?",
                "Nearly there: what was the outcome, ideally something you could measure?",
            ]
        case (.noResult, .neutral):
            [
                "How did that end? What was the result, and how did you know?",
                "What happened in the end? What changed because of what you did?",
                "You've told me the situation and what you did. What was the outcome?",
                "What was the measurable result of that?",
            ]
        case (.noResult, .challenging):
            [
                "You didn't give me an ending. What was the result?",
                "So what happened? A story without an outcome doesn't land.",
                "And the outcome? Be concrete.",
                "What changed because of you? If nothing measurable, say so.",
            ]
        case (.onlyWe, .supportive):
            [
                "It sounds like a real team effort. What was your own part in it?",
                "I'd like to hear more about you in that story. What did you personally decide or build?",
                "Your team clearly did good work. Which piece of it was yours?",
                "Tell me a little more about your role: what would not have happened without you?",
            ]
        case (.onlyWe, .neutral):
            [
                "You said \"we\" throughout. What was your own part — what did you personally do?",
                "Which of those decisions were yours?",
                "If I asked your teammates, what would they say you contributed?",
                "Take the team out of it for a moment: what did you do yourself?",
            ]
        case (.onlyWe, .challenging):
            [
                "That's all \"we\". What did you do?",
                "I'm hearing about your team, not you. Which decisions were yours?",
                "Strip out the team. What was your personal contribution?",
                "Who actually did the work you described, and which part of it was you?",
            ]
        case (.noNumbers, .supportive):
            [
                "That's a good start. Could you add a number that shows the impact?",
                "Numbers make this land well. Is there a figure you could share?",
                "Try anchoring that with one concrete number. What would it be?",
                "If you had to show that with a single metric, which one would you pick, and what is it?",
            ]
        case (.noNumbers, .neutral):
            [
                "Can you put a number on that?",
                "How would you measure that? Give me a figure.",
                "What do the numbers say: size, growth or impact?",
                "Give me one figure that backs that up.",
            ]
        case (.noNumbers, .challenging):
            [
                "That's vague. Give me a number.",
                "No figures, no credibility. What are the actual numbers?",
                "How much, exactly? I need a figure.",
                "Prove it. What's the metric, and what's its value?",
            ]
        case (.tooShort, .supportive):
            [
                "That's a good start. Could you tell me a bit more, with an example?",
                "I'd like to hear more. Can you share a specific example?",
                "You're on the right track. What's a real situation where that applied?",
                "Take a moment and expand on that. What would it look like in practice?",
            ]
        case (.tooShort, .neutral):
            [
                "Can you say more? Give me a specific example.",
                "That's brief. Walk me through one concrete example.",
                "Could you expand on that with a real situation you've been in?",
                "Tell me more: what would that look like in practice?",
            ]
        case (.tooShort, .challenging):
            [
                "That's too thin. Give me a specific example.",
                "That's vague. Expand, with one concrete case.",
                "Not enough. What actually happened, in detail?",
                "Back that up with a real example.",
            ]
        }
    }

    /// The first of `options`, from `start` round, that no coach turn has said yet.
    static func unused(_ options: [String], spoken: [String], startingAt start: Int) -> String? {
        guard !options.isEmpty else { return nil }
        for step in 0..<options.count {
            let option = options[(start + step) % options.count]
            if !spoken.contains(where: { holds($0, option) }) { return option }
        }
        return nil
    }

    /// A short acknowledgement of the answer before the next question: for a good answer that cited a
    /// figure, the figure quoted; otherwise one of a few phrasings, chosen by the turn count.
    static func acknowledgement(of answer: AnswerReading, strong: Bool, tone: Tone, turn: Int) -> String {
        if strong, let figure = answer.numbers.first {
            let quote = "“" + SessionPlanner.clipped(String(figure), to: maxQuoteLength) + "”"
            switch tone {
            case .supportive: return "Good: \(quote) makes that concrete."
            case .neutral: return "Thanks. \(quote) is a useful figure."
            case .challenging: return "\(quote): fine, that's a number I can check."
            }
        }
        if !strong && tone == .challenging && !answer.vagueWords.isEmpty { return "That's vague, but let's move on." }
        let options: [String]
        switch (strong, tone) {
        case (true, .supportive):
            options = [
                "That's a strong answer.", "Nicely done: clear and concrete.", "Good, that came across well.",
                "Great, that's the kind of detail that helps.",
            ]
        case (true, .neutral):
            options = ["Thanks, that's clear.", "Understood.", "Okay, noted.", "Thank you."]
        case (true, .challenging):
            options = ["Fine.", "All right, that holds up.", "Okay.", "Noted."]
        case (false, .supportive):
            options = ["Thanks for sharing that.", "Thanks, let's keep going.", "Okay, thank you.", "Good effort. Let's move on."]
        case (false, .neutral):
            options = ["Okay, let's move on.", "Thanks. Next question.", "All right.", "Noted, let's continue."]
        case (false, .challenging):
            options = ["Not convincing yet. Next.", "We'll leave that there.", "Let's move on.", "Moving on."]
        }
        return options[turn % options.count]
    }

    /// What the coach says after the last planned question has been answered.
    static func wrapUpLine(tone: Tone) -> String {
        switch tone {
        case .supportive:
            "That was my last question, and you've worked through the whole plan. "
                + "Complete the session when you're ready and I'll score it, with quotes from your own answers."
        case .neutral:
            "That was my last question. Complete the session when you're ready and I'll score it."
        case .challenging:
            "That was my last question. Complete the session when you're ready and I'll score it, and I won't round up."
        }
    }

    /// A reply to a turn after the wrap-up: the questions are done, complete the session. Never the same
    /// twice: when every phrasing has been said, one that counts the answers.
    static func closingReply(tone: Tone, spoken: [String], progress: SessionProgress) -> String {
        let options: [String]
        switch tone {
        case .supportive:
            options = [
                "You've answered everything I planned, well done. Complete the session whenever you're ready and I'll put your evaluation together.",
                "We've covered all my questions. When you're ready, complete the session to see your scores and the evidence behind them.",
                "Thanks for adding that. My questions are done, so complete the session to get your feedback.",
            ]
        case .neutral:
            options = [
                "My planned questions are done. Complete the session to get your evaluation.",
                "That covers everything on my list. Complete the session to see your scores.",
                "Noted. There are no more questions from me, so complete the session for your evaluation.",
            ]
        case .challenging:
            options = [
                "We're done with my questions. Complete the session and see how you scored.",
                "Nothing more to ask. Complete the session.",
                "More answers won't change my plan. Complete the session and get your scores.",
            ]
        }
        if let reply = unused(options, spoken: spoken, startingAt: progress.coachTurns) { return reply }
        return "That's answer \(progress.answers) of this session, and my questions are finished. Complete the session to get your evaluation."
    }
}
