import Foundation
import Intelligence
import PathwiseProtocol

/// The embedded evaluation engine: scores a finished session on the six dimensions from what can be
/// measured in the person's answers (each read by `AnswerReading`, each against the coach turn before
/// it), backs every score with quotes from those answers, and says what went well and what to practise.
/// The same input always gives the same draft.
///
/// Each dimension first gets a raw score of 1–10 from its own rule (see the rules below). Then short
/// transcripts are capped, so that a few one-line answers never collect middle marks: with `a` the mean
/// words per answer and `w` the words in all, the raw score's distance above 1 is multiplied by
/// `min(1, a / 35) × min(1, w / 100)` (three 12-word answers keep about an eighth of it). Scores are
/// rounded and kept within 1–10. The overall score is the weighted mean of the six scores times ten,
/// rounded: clarity 20%, relevance 20%, engagement 20%, confidence 15%, language 15%, tone 10%.
/// It holds no state: `SessionEvaluator()` is all it takes.
struct SessionEvaluator: Sendable {
    /// Scores the session `input` describes.
    func evaluate(_ input: EvaluationInput) -> EvaluationDraft {
        let answers = Self.scoredAnswers(input)
        guard !answers.isEmpty else { return Self.draftWithoutAnswers(input.preparationType) }
        let session = SessionMeasures(answers: answers, preparationType: input.preparationType, tone: input.tone)
        var scores: [ScoreDimension: Int] = [:]
        var evidence: [ScoreDimension: [EvaluationEvidenceDTO]] = [:]
        var findings: [ScoreDimension: Finding] = [:]
        for dimension in ScoreDimension.allCases {
            var finding = Self.finding(for: dimension, session)
            let raw = min(10, max(1, finding.raw))
            let score = min(10, max(1, Int((1 + (raw - 1) * session.substance).rounded())))
            // A dimension held down only by the length cap needs longer answers, not its own fix.
            if (session.substance < 0.75 && raw >= 7) || finding.suggestion.isEmpty { finding.suggestion = Self.lengthSuggestion(dimension, session) }
            findings[dimension] = finding
            scores[dimension] = score
            evidence[dimension] = Self.evidence(finding, dimension: dimension, score: score, session: session)
        }
        let areas = Self.weakest(scores).map { (dimension: ScoreDimension) -> ImprovementAreaDTO in
            let score = scores[dimension] ?? 1
            return ImprovementAreaDTO(
                dimension: dimension, currentLevel: score, suggestion: findings[dimension]?.suggestion ?? "", priority: Self.priority(score)
            )
        }
        return EvaluationDraft(
            overallScore: Self.overallScore(scores), scores: scores, evidence: evidence, strengths: Self.strengths(scores, findings),
            improvementAreas: areas,
            practice: areas.map {
                PracticeNeed(
                    dimension: $0.dimension, text: Self.practiceText($0.dimension, input.preparationType, input.tone),
                    lessonQuery: Self.lessonQuery(for: $0.dimension, preparationType: input.preparationType)
                )
            },
            signals: session.signals
        )
    }
}

// MARK: - Answers and session measures

extension SessionEvaluator {
    /// One of the person's answers, the question it answers, and how closely it keeps to it.
    fileprivate struct ScoredAnswer {
        /// The answer's turn number.
        let turnNumber: Int
        /// The answer, read.
        let reading: AnswerReading
        /// The coach turn before it asks for a story ("Tell me about a time…").
        let asksForStory: Bool
        /// The question's content words, each stem once, in order, as written (lower-cased).
        let questionWords: [String]
        /// The stems of the question's content words and of the session's focus terms.
        let topicStems: Set<String>
        /// 0–1: how much of the question (and of the focus) the answer takes up; see `SessionEvaluator.relevance`.
        let relevance: Double
        /// Per sentence of the answer, how many of its content words are topic words.
        let topicHits: [Int]

        /// STAR applies to it: the question asked for a story, or it tells one in an interview (or an
        /// unlabelled session); a pitch's, a sales call's or a meeting's narrative is not judged as STAR.
        let expectsStar: Bool

        /// Reads `content` as the answer to `question` in a session of `preparationType` about `focusStems`.
        init(
            turnNumber: Int, content: String, question: AnswerReading?, asksForStory: Bool, focusStems: Set<String>, preparationType: PreparationType
        ) {
            let reading = AnswerReading(content)
            var questionWords: [String] = []
            var questionStems: Set<String> = []
            for word in question?.contentWords ?? [] {
                if questionStems.insert(word.stem).inserted { questionWords.append(word.word) }
            }
            let answerStems = Set(reading.contentWords.map(\.stem))
            let questionShare: Double? =
                questionStems.isEmpty ? nil : min(1, Double(answerStems.intersection(questionStems).count) / Double(min(3, questionStems.count)))
            let focusShare: Double? =
                focusStems.isEmpty ? nil : min(1, Double(answerStems.intersection(focusStems).count) / Double(min(2, focusStems.count)))
            switch (questionShare, focusShare) {
            case (let question?, let focus?): relevance = max(question, (question + focus) / 2)
            case (let question?, nil): relevance = question
            case (nil, let focus?): relevance = focus
            case (nil, nil): relevance = 0.7
            }
            let topicStems = questionStems.union(focusStems)
            var hits = [Int](repeating: 0, count: reading.sentences.count)
            for word in reading.contentWords where topicStems.contains(word.stem) { hits[word.sentence] += 1 }
            self.turnNumber = turnNumber
            self.reading = reading
            self.asksForStory = asksForStory
            self.expectsStar = asksForStory || (reading.isStory && SessionEvaluator.ownStories(preparationType))
            self.questionWords = questionWords
            self.topicStems = topicStems
            self.topicHits = hits
        }

        /// The answer's text from its first sentence to its last (the whole answer, trimmed).
        var trimmedText: Substring? {
            guard let first = reading.sentences.first, let last = reading.sentences.last else { return nil }
            return reading.text[first.startIndex..<last.endIndex]
        }
    }

    /// A quote the evaluation may cite, and what it shows.
    fileprivate struct Quote {
        /// The turn it is from.
        let turnNumber: Int
        /// A slice of that turn's content.
        let text: Substring
        /// What it shows.
        let note: String
    }

    /// What the rules found for one dimension.
    fileprivate struct Finding {
        /// 1–10, before the cap for short transcripts.
        var raw: Double
        /// Quotes that show the dimension done well.
        var positives: [Quote] = []
        /// Quotes that show it done badly.
        var negatives: [Quote] = []
        /// What went well, concretely, in one sentence.
        var strength: String
        /// What to do about it, concretely, in one sentence.
        var suggestion: String
    }

    /// The figures of a whole session that the rules read.
    fileprivate struct SessionMeasures {
        /// What the session practised.
        let preparationType: PreparationType
        /// How the coach spoke.
        let tone: Tone
        /// The person's answers, in order.
        let answers: [ScoredAnswer]
        /// Words in all answers.
        let words: Int
        /// Sentences in all answers.
        let sentences: Int
        /// The longest sentence's word count.
        let longestSentence: Int
        /// Hedges in all answers.
        let hedges: Int
        /// Fillers in all answers.
        let fillers: Int
        /// Passive clauses in all answers.
        let passives: Int
        /// Figures cited in all answers.
        let numbers: Int
        /// Questions asked back in all answers.
        let questions: Int
        /// Vague words in all answers.
        let vague: Int
        /// Slang words in all answers.
        let slang: Int
        /// Sentences ending with an exclamation mark.
        let exclamations: Int
        /// Contractions in all answers.
        let contractions: Int
        /// Apologies in all answers.
        let apologies: Int
        /// Capitalised names inside sentences.
        let properNouns: Int
        /// 0–1: how much of a score above 1 a transcript this long keeps.
        let substance: Double

        /// Sums the answers' measures.
        init(answers: [ScoredAnswer], preparationType: PreparationType, tone: Tone) {
            self.preparationType = preparationType
            self.tone = tone
            self.answers = answers
            let readings = answers.map(\.reading)
            func total(_ measure: (AnswerReading) -> Int) -> Int { readings.reduce(0) { $0 + measure($1) } }
            words = total(\.words)
            sentences = total(\.sentences.count)
            longestSentence = readings.map(\.longestSentenceWords).max() ?? 0
            hedges = total(\.hedgeMarks.count)
            fillers = total(\.fillerMarks.count)
            passives = total(\.passiveMarks.count)
            numbers = total(\.numberMarks.count)
            questions = total(\.questionSentences.count)
            vague = total(\.vagueMarks.count)
            slang = total(\.slangMarks.count)
            exclamations = total(\.exclamations)
            contractions = total(\.contractions)
            apologies = total(\.apologyMarks.count)
            properNouns = total(\.properNouns)
            let average = Double(words) / Double(max(1, answers.count))
            substance = min(1, average / 35) * min(1, Double(words) / 100)
        }

        /// How many answers there are.
        var count: Int { answers.count }
        /// Mean words per answer.
        var averageWords: Double { Double(words) / Double(max(1, count)) }
        /// Mean words per sentence.
        var averageSentenceWords: Double { sentences == 0 ? 0 : Double(words) / Double(sentences) }

        /// `amount` per 100 words.
        func per100(_ amount: Int) -> Double {
            words == 0 ? 0 : Double(amount) * 100 / Double(words)
        }

        /// The answers that tell a story.
        var stories: [ScoredAnswer] { answers.filter(\.reading.isStory) }

        /// The measured signals, as the evaluation reports them.
        var signals: EvaluationSignalsDTO {
            let told = stories
            let coverage = told.isEmpty ? 0 : told.reduce(0) { $0 + Double($1.reading.star.count) / 4 } / Double(told.count)
            return EvaluationSignalsDTO(
                answerWordsAvg: SessionEvaluator.rounded(averageWords, places: 1), fillerPer100Words: SessionEvaluator.rounded(per100(fillers), places: 1),
                hedges: hedges, numbersCited: numbers, starCoverage: SessionEvaluator.rounded(coverage, places: 2), questionsAsked: questions
            )
        }

        /// The setting, as a noun: "interview", "meeting", "sales call"…
        var setting: String {
            switch preparationType {
            case .interview: "interview"
            case .corporate: "meeting"
            case .pitch: "pitch"
            case .sales: "sales call"
            case .presentation: "presentation"
            case .other: "session"
            }
        }

        /// The answer and sentence holding the most of some marks (the first on a tie), with those marks.
        func busiestSentence(_ marks: (AnswerReading) -> [AnswerReading.Mark]) -> (answer: ScoredAnswer, sentence: Int, marks: [AnswerReading.Mark])? {
            var best: (answer: ScoredAnswer, sentence: Int, marks: [AnswerReading.Mark])?
            for answer in answers {
                var bySentence = [[AnswerReading.Mark]](repeating: [], count: answer.reading.sentences.count)
                for mark in marks(answer.reading) where mark.sentence < bySentence.count { bySentence[mark.sentence].append(mark) }
                for (sentence, found) in bySentence.enumerated() where !found.isEmpty && found.count > (best?.marks.count ?? 0) {
                    best = (answer, sentence, found)
                }
            }
            return best
        }

        /// Up to `limit` distinct phrases among some marks, the most frequent first (the earliest on a tie),
        /// each as first written.
        func commonest(_ marks: (AnswerReading) -> [AnswerReading.Mark], limit: Int = 2) -> [String] {
            var counts: [String: Int] = [:]
            var firstWritten: [(key: String, text: String)] = []
            for answer in answers {
                for mark in marks(answer.reading) {
                    let key = AnswerReading.key(of: mark.text)
                    if counts[key] == nil { firstWritten.append((key, String(mark.text))) }
                    counts[key, default: 0] += 1
                }
            }
            let ranked = firstWritten.enumerated().sorted { lhs, rhs in
                let left = counts[lhs.element.key] ?? 0
                let right = counts[rhs.element.key] ?? 0
                return left != right ? left > right : lhs.offset < rhs.offset
            }
            return ranked.prefix(limit).map { $0.element.text }
        }
    }
}

// MARK: - Reading the transcript

extension SessionEvaluator {
    /// Phrases of a coach turn that ask for a story.
    private static let storyPrompts = PhraseSet([
        "tell me about a time", "describe a time", "give me an example", "a time when", "a time you", "a situation where",
        "a situation when", "walk me through a time", "share an example", "an example of", "have you ever", "talk me through a time",
        "tell me about when", "describe a situation",
    ])

    /// The person's answers, each read against the coach turn before it: that turn's questions (its
    /// sentences ending in `?`), or the whole turn when it asks nothing with a question mark.
    private static func scoredAnswers(_ input: EvaluationInput) -> [ScoredAnswer] {
        let focusStems = Set(input.focusTerms.flatMap { AnswerReading.contentStems(of: $0) })
        var answers: [ScoredAnswer] = []
        var question: AnswerReading?
        var asksForStory = false
        for turn in input.turns {
            switch turn.role {
            case .coach:
                let coach = AnswerReading(turn.content)
                question = coach.questions.isEmpty ? coach : AnswerReading(coach.questions.joined(separator: " "))
                asksForStory = storyPrompts.occurs(in: turn.content)
            case .user:
                answers.append(
                    ScoredAnswer(
                        turnNumber: turn.turnNumber, content: turn.content, question: question, asksForStory: asksForStory, focusStems: focusStems,
                        preparationType: input.preparationType
                    )
                )
            }
        }
        return answers
    }

    /// The draft for a session without a single answer: every score 1, nothing to quote.
    private static func draftWithoutAnswers(_ preparationType: PreparationType) -> EvaluationDraft {
        let scores = Dictionary(uniqueKeysWithValues: ScoreDimension.allCases.map { ($0, 1) })
        let areas = weakest(scores).map { dimension in
            ImprovementAreaDTO(
                dimension: dimension, currentLevel: 1, suggestion: "There were no answers to evaluate: answer at least three of the coach's questions.",
                priority: .high
            )
        }
        return EvaluationDraft(
            overallScore: overallScore(scores), scores: scores,
            evidence: Dictionary(uniqueKeysWithValues: ScoreDimension.allCases.map { ($0, [EvaluationEvidenceDTO]()) }), strengths: [], improvementAreas: areas,
            practice: areas.map {
                PracticeNeed(
                    dimension: $0.dimension, text: practiceText($0.dimension, preparationType, .neutral),
                    lessonQuery: lessonQuery(for: $0.dimension, preparationType: preparationType)
                )
            },
            signals: EvaluationSignalsDTO(answerWordsAvg: 0, fillerPer100Words: 0, hedges: 0, numbersCited: 0, starCoverage: 0, questionsAsked: 0)
        )
    }
}

// MARK: - Scores and their summary

extension SessionEvaluator {
    /// Whether the person's stories are their own in this setting: in an interview (or an unlabelled
    /// session) a story shows what the person did; a founder's or a seller's "we" is their company, and
    /// a meeting's is the team.
    static func ownStories(_ type: PreparationType) -> Bool {
        type == .interview || type == .other
    }

    /// A dimension's share of the overall score.
    static func weight(_ dimension: ScoreDimension) -> Double {
        switch dimension {
        case .clarityStructure, .relevanceFocus, .engagement: 0.2
        case .confidenceDelivery, .languageQuality: 0.15
        case .toneAlignment: 0.1
        }
    }

    /// The weighted mean of the scores, times ten, rounded (0–100).
    static func overallScore(_ scores: [ScoreDimension: Int]) -> Int {
        let mean = ScoreDimension.allCases.reduce(0) { $0 + weight($1) * Double(scores[$1] ?? 1) }
        return min(100, max(0, Int((mean * 10).rounded())))
    }

    /// High at 4 or below, medium at 5–6, low above.
    static func priority(_ score: Int) -> Priority {
        score <= 4 ? .high : score <= 6 ? .medium : .low
    }

    /// The dimensions scoring 6 or less, lowest first (in the order of `ScoreDimension.allCases` on a tie), at most three.
    private static func weakest(_ scores: [ScoreDimension: Int]) -> [ScoreDimension] {
        let order = ScoreDimension.allCases
        return order.enumerated()
            .filter { (scores[$0.element] ?? 1) <= 6 }
            .sorted { lhs, rhs in
                let left = scores[lhs.element] ?? 1
                let right = scores[rhs.element] ?? 1
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            .prefix(3).map { $0.element }
    }

    /// The top-scoring dimensions' strengths: those at 7 or more, best first, at most three; else the best one, named as such.
    private static func strengths(_ scores: [ScoreDimension: Int], _ findings: [ScoreDimension: Finding]) -> [String] {
        let ranked = ScoreDimension.allCases.enumerated().sorted { lhs, rhs in
            let left = scores[lhs.element] ?? 1
            let right = scores[rhs.element] ?? 1
            return left != right ? left > right : lhs.offset < rhs.offset
        }.map { $0.element }
        let strong = ranked.filter { (scores[$0] ?? 1) >= 7 }.prefix(3).compactMap { findings[$0]?.strength }
        if !strong.isEmpty { return Array(strong) }
        guard let best = ranked.first, let finding = findings[best] else { return [] }
        return ["Your strongest area was \(name(best)) (\(scores[best] ?? 1)/10). \(finding.strength)"]
    }

    /// Up to three quotes for a dimension: what shows it done well first when it scored 7 or more, what
    /// shows it done badly first otherwise; never the same quote twice; at least one while there is an answer.
    private static func evidence(_ finding: Finding, dimension: ScoreDimension, score: Int, session: SessionMeasures) -> [EvaluationEvidenceDTO] {
        let ordered = score >= 7 ? finding.positives + finding.negatives : finding.negatives + finding.positives
        var seen: Set<String> = []
        var chosen: [EvaluationEvidenceDTO] = []
        for quote in ordered where chosen.count < 3 {
            let text = quoted(quote.text)
            guard !text.isEmpty, seen.insert("\(quote.turnNumber)\u{1F}\(text)").inserted else { continue }
            chosen.append(EvaluationEvidenceDTO(turnNumber: quote.turnNumber, quote: text, note: quote.note))
        }
        if chosen.isEmpty, let fallback = fallbackQuote(dimension, score: score, session: session) { chosen.append(fallback) }
        return chosen
    }

    /// The longest answer's opening, for a dimension no rule found a quote for.
    private static func fallbackQuote(_ dimension: ScoreDimension, score: Int, session: SessionMeasures) -> EvaluationEvidenceDTO? {
        guard
            let longest = session.answers.enumerated().max(by: { lhs, rhs in
                lhs.element.reading.words != rhs.element.reading.words ? lhs.element.reading.words < rhs.element.reading.words : lhs.offset > rhs.offset
            })?.element
        else { return nil }
        let words = longest.reading.words
        let note =
            words < 25
            ? "Only \(counted(words, "word")) in your longest answer: too little to show \(name(dimension))."
            : "Typical of your answers for \(name(dimension)) (\(score)/10)."
        if let text = longest.reading.sentences.first ?? longest.trimmedText {
            return EvaluationEvidenceDTO(turnNumber: longest.turnNumber, quote: quoted(text), note: note)
        }
        let content = longest.reading.text
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        let quote = trimmed.isEmpty ? String(content.prefix(200)) : quoted(Substring(trimmed))
        return EvaluationEvidenceDTO(turnNumber: longest.turnNumber, quote: quote, note: note)
    }

    /// `text` as a quote: whole up to 200 characters, else cut at the last space before the 200th
    /// character (and before any trailing comma or dash), so it stays a verbatim substring.
    static func quoted(_ text: Substring) -> String {
        guard text.count > 200 else { return String(text) }
        let head = text.prefix(200)
        guard let space = head.lastIndex(of: " "), space > head.startIndex else { return String(head) }
        var cut = head[..<space]
        while let last = cut.last, last == "," || last == ";" || last == ":" || last == " " || last == "-" || last == "\u{2014}" {
            cut = cut.dropLast()
        }
        return String(cut.isEmpty ? head : cut)
    }
}

// MARK: - The six rules

extension SessionEvaluator {
    /// What `dimension`'s rule finds in the session.
    private static func finding(for dimension: ScoreDimension, _ session: SessionMeasures) -> Finding {
        switch dimension {
        case .clarityStructure: clarity(session)
        case .relevanceFocus: relevance(session)
        case .confidenceDelivery: confidence(session)
        case .languageQuality: language(session)
        case .toneAlignment: tone(session)
        case .engagement: engagement(session)
        }
    }

    /// Clarity and structure, out of 10 points mapped to 1–10 (`1 + 0.9 × points`). When some answers
    /// tell a story or answer a "tell me about a time" question: STAR coverage of those answers (the
    /// mean share of situation, task, action and result found) 4 points, headline first (share of
    /// answers whose first sentence states the point) 2, sentence length 2 (full up to 22 words on
    /// average, falling to none at 40; 60% below 6), not rambling (share of answers that do not ramble) 2.
    /// Without stories: headline 4, sentence length 3, not rambling 3.
    private static func clarity(_ session: SessionMeasures) -> Finding {
        let answers = session.answers
        let count = Double(answers.count)
        let starAnswers = answers.filter(\.expectsStar)
        let starMean = starAnswers.isEmpty ? 0 : starAnswers.reduce(0) { $0 + Double($1.reading.star.count) / 4 } / Double(starAnswers.count)
        let headlines = answers.filter(\.reading.star.headlineFirst).count
        let headlineShare = Double(headlines) / count
        let average = session.averageSentenceWords
        let sentenceFit = average < 6 ? 0.6 : average <= 22 ? 1 : max(0, 1 - (average - 22) / 18)
        let rambling = answers.filter(\.reading.rambles)
        let rambleShare = Double(rambling.count) / count
        let stories = !starAnswers.isEmpty
        let points =
            stories
            ? 4 * starMean + 2 * headlineShare + 2 * sentenceFit + 2 * (1 - rambleShare)
            : 4 * headlineShare + 3 * sentenceFit + 3 * (1 - rambleShare)

        var finding = Finding(raw: 1 + 0.9 * points, strength: "", suggestion: "")
        let fullest = starAnswers.enumerated().max { lhs, rhs in
            lhs.element.reading.star.count != rhs.element.reading.star.count
                ? lhs.element.reading.star.count < rhs.element.reading.star.count : lhs.offset > rhs.offset
        }?.element
        if let fullest, fullest.reading.star.count >= 3, let result = fullest.reading.star.result {
            finding.positives.append(
                Quote(
                    turnNumber: fullest.turnNumber, text: result,
                    note: "States the result; this story covers \(fullest.reading.star.count) of 4 STAR parts (situation, task, action, result)."
                )
            )
        }
        if let headline = answers.first(where: \.reading.star.headlineFirst), let first = headline.reading.sentences.first {
            finding.positives.append(Quote(turnNumber: headline.turnNumber, text: first, note: "Leads with the point in one short sentence."))
        }
        let thinnest = starAnswers.enumerated().min { lhs, rhs in
            lhs.element.reading.star.count != rhs.element.reading.star.count
                ? lhs.element.reading.star.count < rhs.element.reading.star.count : lhs.offset < rhs.offset
        }?.element
        var gaps: [(Double, Quote)] = []
        if let thinnest, thinnest.reading.star.count < 4, let first = thinnest.reading.sentences.first {
            let missing = missingParts(thinnest.reading.star)
            gaps.append(
                (
                    4 * (1 - starMean),
                    Quote(
                        turnNumber: thinnest.turnNumber, text: first,
                        note: "This story covers \(thinnest.reading.star.count) of 4 STAR parts; missing: \(missing.joined(separator: ", "))."
                    )
                )
            )
        }
        if let preamble = answers.first(where: { !$0.reading.star.headlineFirst }), let first = preamble.reading.sentences.first {
            let quote = Quote(turnNumber: preamble.turnNumber, text: first, note: "Opens with a run-up rather than the point.")
            gaps.append(((stories ? 2 : 4) * (1 - headlineShare), quote))
        }
        if let longest = longestSentence(session), longest.words > 35 {
            gaps.append(
                (
                    (stories ? 2 : 3) * (1 - sentenceFit) + 0.1,
                    Quote(
                        turnNumber: longest.answer.turnNumber, text: longest.text,
                        note: "\(longest.words) words in one sentence: hard to follow when spoken."
                    )
                )
            )
        }
        if let ramble = rambling.first, let first = ramble.reading.sentences.first {
            gaps.append(
                (
                    (stories ? 2 : 3) * rambleShare,
                    Quote(turnNumber: ramble.turnNumber, text: first, note: "This answer runs \(ramble.reading.words) words; the point gets lost.")
                )
            )
        }
        finding.negatives = ranked(gaps)

        if stories && starMean >= 0.75 {
            finding.strength =
                "You told your stories in STAR order: they covered \(decimal(starMean * 4)) of situation, task, action and result on average."
        } else if headlineShare >= 0.5 {
            finding.strength = "You led with the point: \(headlines) of \(counted(answers.count, "answer")) opened with a one-sentence answer."
        } else {
            finding.strength = "Your sentences were easy to follow: \(decimal(average)) words on average."
        }

        var options: [(Double, String)] = []
        if stories {
            let missing = starAnswers.flatMap { missingParts($0.reading.star) }
            let commonest =
                ["result", "action", "task", "situation"].max { lhs, rhs in
                    missing.filter { $0 == lhs }.count < missing.filter { $0 == rhs }.count
                } ?? "result"
            options.append(
                (
                    4 * (1 - starMean),
                    "Tell each story as situation, task, action, result: yours covered \(decimal(starMean * 4)) of the 4 parts on average, "
                        + "most often missing the \(commonest)."
                )
            )
        }
        options.append(
            (
                (stories ? 2 : 4) * (1 - headlineShare),
                "Open with your answer in one sentence, then the detail: \(answers.count - headlines) of \(counted(answers.count, "answer")) "
                    + "began with a run-up instead."
            )
        )
        options.append(
            ((stories ? 2 : 3) * (1 - sentenceFit), "Break up long sentences: yours averaged \(decimal(average)) words; aim for under 20.")
        )
        options.append(
            (
                (stories ? 2 : 3) * rambleShare,
                "Keep each answer under about 200 words: \(rambling.count) of \(counted(answers.count, "answer")) ran longer and the point got lost."
            )
        )
        finding.suggestion = ranked(options).first ?? ""
        return finding
    }

    /// Relevance and focus: each answer's share of the question's content words it uses (stems, stop
    /// words dropped; three of them is full), raised towards its share of the session's focus terms (two
    /// is full) when that is higher: `max(q, (q + f) / 2)`. No question words: the focus share alone;
    /// neither: 0.7. The score is `1 + 9 × min(1, mean / 0.8)`, so an answer that takes up the question
    /// scores full and an off-topic one about 1.
    private static func relevance(_ session: SessionMeasures) -> Finding {
        let answers = session.answers
        let mean = answers.reduce(0) { $0 + $1.relevance } / Double(answers.count)
        var finding = Finding(raw: 1 + 9 * min(1, mean / 0.8), strength: "", suggestion: "")

        let best = answers.enumerated().max { lhs, rhs in
            lhs.element.relevance != rhs.element.relevance ? lhs.element.relevance < rhs.element.relevance : lhs.offset > rhs.offset
        }?.element
        if let best, best.relevance >= 0.5, let most = best.topicHits.max(), most > 0, let sentence = best.topicHits.firstIndex(of: most) {
            let terms = topicWords(best, sentence: sentence, limit: 3)
            finding.positives.append(
                Quote(turnNumber: best.turnNumber, text: best.reading.sentences[sentence], note: "On the question: uses \(quotedList(terms)).")
            )
        }
        let strays = answers.enumerated().filter { $0.element.relevance < 0.4 }.sorted { lhs, rhs in
            lhs.element.relevance != rhs.element.relevance ? lhs.element.relevance < rhs.element.relevance : lhs.offset < rhs.offset
        }.map { $0.element }
        for stray in strays.prefix(2) {
            let sentence = stray.topicHits.firstIndex(of: 0) ?? 0
            guard sentence < stray.reading.sentences.count else { continue }
            let about = stray.questionWords.isEmpty ? "" : " about \(quotedList(Array(stray.questionWords.prefix(3))))"
            finding.negatives.append(
                Quote(
                    turnNumber: stray.turnNumber, text: stray.reading.sentences[sentence],
                    note: "Strays from the question\(about): none of its key words appear."
                )
            )
        }

        let onTopic = answers.filter { $0.relevance >= 0.5 }
        var used: [String] = []
        terms: for answer in onTopic {
            for word in answer.reading.contentWords where answer.topicStems.contains(word.stem) && !used.contains(word.word) {
                used.append(word.word)
                if used.count == 2 { break terms }
            }
        }
        finding.strength =
            used.isEmpty
            ? "You kept to what was asked in \(onTopic.count) of \(counted(answers.count, "answer"))."
            : "You stayed on the question: \(onTopic.count) of \(counted(answers.count, "answer")) used its key terms, "
                + "such as \(quotedList(Array(used.prefix(2))))."
        let offTopic = answers.filter { $0.relevance < 0.5 }
        let worst = strays.first ?? answers.min { $0.relevance < $1.relevance }
        let term = worst.flatMap { $0.questionWords.first }.map { "'\($0)'" } ?? "the session's focus"
        finding.suggestion =
            "Answer the question you were asked before adding context: \(offTopic.count) of \(counted(answers.count, "answer")) "
            + "barely touched its key terms, such as \(term)."
        return finding
    }

    /// Confidence and delivery: `10 − 0.9 × hedges per 100 words − 0.6 × fillers per 100 words − 5 ×
    /// (passive clauses per sentence above 0.1) − 2 × the share of stories told only with "we" (two or
    /// more "we", no "I")`; the last only where stories are the person's own (`ownStories`).
    private static func confidence(_ session: SessionMeasures) -> Finding {
        let hedgeCost = 0.9 * session.per100(session.hedges)
        let fillerCost = 0.6 * session.per100(session.fillers)
        let passiveShare = session.sentences == 0 ? 0 : Double(session.passives) / Double(session.sentences)
        let passiveCost = 5 * max(0, passiveShare - 0.1)
        let stories = ownStories(session.preparationType) ? session.stories : []
        let weOnly = stories.filter { $0.reading.pluralFirstPerson >= 2 && $0.reading.singularFirstPerson == 0 }
        let ownershipCost = stories.isEmpty ? 0 : 2 * Double(weOnly.count) / Double(stories.count)
        var finding = Finding(raw: 10 - hedgeCost - fillerCost - passiveCost - ownershipCost, strength: "", suggestion: "")

        var gaps: [(Double, Quote)] = []
        if let busiest = session.busiestSentence(\.hedgeMarks) {
            let phrases = busiest.marks.map { String($0.text) }
            gaps.append(
                (
                    hedgeCost + 0.01,
                    Quote(
                        turnNumber: busiest.answer.turnNumber, text: busiest.answer.reading.sentences[busiest.sentence],
                        note: "Hedges (\(quotedList(Array(phrases.prefix(3))))) soften the claim."
                    )
                )
            )
        }
        if let busiest = session.busiestSentence(\.fillerMarks) {
            let phrases = busiest.marks.map { String($0.text) }
            gaps.append(
                (
                    fillerCost,
                    Quote(
                        turnNumber: busiest.answer.turnNumber, text: busiest.answer.reading.sentences[busiest.sentence],
                        note: "Fillers (\(quotedList(Array(phrases.prefix(3))))) break up the delivery."
                    )
                )
            )
        }
        if let answer = session.answers.first(where: { !$0.reading.passiveMarks.isEmpty }), let passive = answer.reading.passiveMarks.first {
            gaps.append(
                (
                    passiveCost,
                    Quote(
                        turnNumber: answer.turnNumber, text: answer.reading.sentences[passive.sentence],
                        note: "Passive voice ('\(passive.text)') hides who acted."
                    )
                )
            )
        }
        if let answer = weOnly.first, let we = answer.reading.tokens.first(where: { AnswerReading.pluralPronouns.contains($0.key) }) {
            gaps.append(
                (
                    ownershipCost,
                    Quote(
                        turnNumber: answer.turnNumber, text: answer.reading.sentences[we.sentence],
                        note: "Says 'we' throughout: your own part in it is not clear."
                    )
                )
            )
        }
        finding.negatives = ranked(gaps)
        for answer in session.answers {
            let reading = answer.reading
            guard let action = reading.star.action, let index = reading.sentences.firstIndex(where: { $0.startIndex == action.startIndex }) else { continue }
            let clean = !reading.hedgeMarks.contains { $0.sentence == index } && !reading.fillerMarks.contains { $0.sentence == index }
            if clean {
                finding.positives.append(Quote(turnNumber: answer.turnNumber, text: action, note: "Firm and owned: says what you did, without hedging."))
                break
            }
        }
        if session.hedges == 0 && session.fillers == 0, let plain = session.answers.first(where: { !$0.reading.sentences.isEmpty }),
            let first = plain.reading.sentences.first
        {
            finding.positives.append(Quote(turnNumber: plain.turnNumber, text: first, note: "States it plainly: no hedges or fillers."))
        }

        finding.strength =
            "You sounded sure of yourself: \(counted(session.hedges, "hedge")) and \(counted(session.fillers, "filler")) "
            + "across \(counted(session.words, "word"))."
        let fillers = session.commonest(\.fillerMarks)
        let hedges = session.commonest(\.hedgeMarks)
        let passive = session.answers.first(where: { !$0.reading.passiveMarks.isEmpty })?.reading.passiveMarks.first.map { String($0.text) } ?? ""
        let we = stories.reduce(0) { $0 + $1.reading.pluralFirstPerson }
        let i = stories.reduce(0) { $0 + $1.reading.singularFirstPerson }
        let options: [(Double, String)] = [
            (fillerCost, "Cut the fillers: \(decimal(session.per100(session.fillers))) per 100 words, mostly \(quotedList(fillers))."),
            (hedgeCost, "Drop the hedges and commit to your view: \(counted(session.hedges, "hedge")), such as \(quotedList(hedges))."),
            (passiveCost, "Say who did what: \(counted(session.passives, "passive clause")), such as '\(passive)', hide your part."),
            (ownershipCost, "Say what you did yourself: your stories say 'we' \(counted(we, "time")) and 'I' \(counted(i, "time"))."),
        ]
        finding.suggestion = ranked(options).first ?? ""
        return finding
    }

    /// Language quality: `10 − 0.8 × vague words per 100 words − 0.6 × repetitions per 100 words −
    /// (average sentence words above 24) / 5 (at most 3) − 0.5 when a sentence runs past 50 words`. A
    /// repetition is each use of a content word (not one of the question's or the focus's) past its third
    /// in one answer.
    private static func language(_ session: SessionMeasures) -> Finding {
        var excess = 0
        var worstRepeat: (answer: ScoredAnswer, word: String, stem: String, count: Int)?
        for answer in session.answers {
            var counts: [String: Int] = [:]
            var firstWord: [(stem: String, word: String)] = []
            for word in answer.reading.contentWords where !answer.topicStems.contains(word.stem) {
                if counts[word.stem] == nil { firstWord.append((word.stem, word.word)) }
                counts[word.stem, default: 0] += 1
            }
            for entry in firstWord {
                let count = counts[entry.stem] ?? 0
                excess += max(0, count - 3)
                if count > 3 && count > (worstRepeat?.count ?? 0) { worstRepeat = (answer, entry.word, entry.stem, count) }
            }
        }
        let vagueCost = 0.8 * session.per100(session.vague)
        let repeatCost = 0.6 * session.per100(excess)
        let average = session.averageSentenceWords
        let lengthCost = (average > 24 ? min(3, (average - 24) / 5) : 0) + (session.longestSentence > 50 ? 0.5 : 0)
        var finding = Finding(raw: 10 - vagueCost - repeatCost - lengthCost, strength: "", suggestion: "")

        var gaps: [(Double, Quote)] = []
        if let busiest = session.busiestSentence(\.vagueMarks) {
            let phrases = busiest.marks.map { String($0.text) }
            gaps.append(
                (
                    vagueCost,
                    Quote(
                        turnNumber: busiest.answer.turnNumber, text: busiest.answer.reading.sentences[busiest.sentence],
                        note: "Vague (\(quotedList(Array(phrases.prefix(3))))) where a specific would land."
                    )
                )
            )
        }
        if let worstRepeat, let word = worstRepeat.answer.reading.contentWords.first(where: { $0.stem == worstRepeat.stem }) {
            gaps.append(
                (
                    repeatCost,
                    Quote(
                        turnNumber: worstRepeat.answer.turnNumber, text: worstRepeat.answer.reading.sentences[word.sentence],
                        note: "Repeats '\(worstRepeat.word)' \(worstRepeat.count) times in one answer."
                    )
                )
            )
        }
        if let longest = longestSentence(session), longest.words > 30 {
            gaps.append((lengthCost, Quote(turnNumber: longest.answer.turnNumber, text: longest.text, note: "\(longest.words) words in one sentence.")))
        }
        finding.negatives = ranked(gaps)
        outer: for answer in session.answers {
            let reading = answer.reading
            var concreteSentences = Set(reading.numberMarks.map(\.sentence))
            var looseSentences = Set(reading.vagueMarks.map(\.sentence)).union(reading.fillerMarks.map(\.sentence))
            for (index, word) in reading.tokens.enumerated() where word.capitalized && !word.startsWithDigit && word.key != "i" {
                if index > 0 && reading.tokens[index - 1].sentence == word.sentence { concreteSentences.insert(word.sentence) }
            }
            looseSentences.formUnion(reading.slangMarks.map(\.sentence))
            for (index, sentence) in reading.sentences.enumerated() where (8...25).contains(reading.sentenceWordCounts[index]) {
                let concrete = concreteSentences.contains(index)
                let loose = looseSentences.contains(index)
                if concrete && !loose {
                    finding.positives.append(
                        Quote(
                            turnNumber: answer.turnNumber, text: sentence,
                            note: "Precise and concise: \(reading.sentenceWordCounts[index]) words with a concrete detail."
                        )
                    )
                    break outer
                }
            }
        }

        let vagueText = session.vague == 0 ? "no vague words" : counted(session.vague, "vague word")
        finding.strength = "Your wording was precise: \(vagueText), and sentences of \(decimal(average)) words on average."
        let vague = session.commonest(\.vagueMarks)
        var options: [(Double, String)] = [
            (vagueCost, "Replace vague words with specifics: \(quotedList(vague)) came up \(counted(session.vague, "time")) in all."),
            (lengthCost, "Shorten your sentences: they averaged \(decimal(average)) words, and one ran to \(session.longestSentence)."),
        ]
        if let worstRepeat {
            options.insert((repeatCost, "Vary your wording: '\(worstRepeat.word)' came up \(worstRepeat.count) times in one answer."), at: 1)
        }
        finding.suggestion = ranked(options).first ?? ""
        return finding
    }

    /// Tone alignment: `10 −` costs by the coach's tone, per 100 words — challenging: slang × 1.5,
    /// exclamations × 1, contractions past 3 × 0.3, hedges × 0.5, 1 per apology (at most 2), 1.5 × the
    /// share of rambling answers (a firm, direct answer is expected); neutral: slang × 1, exclamations ×
    /// 0.7, contractions past 5 × 0.2, hedges × 0.2, 0.5 per apology (at most 1); supportive: slang ×
    /// 0.6, exclamations × 0.3 (warmth is welcome). Slang costs 1.2 times as much in an interview or a
    /// meeting. A pitch, sales call or presentation expects audience-oriented, confident language: 2 ×
    /// the share of answers that never address the listener ("you", "your", customers, investors), and
    /// hedges × 0.3 more.
    private static func tone(_ session: SessionMeasures) -> Finding {
        let formalSetting = session.preparationType == .interview || session.preparationType == .corporate
        let audienceSetting = [PreparationType.pitch, .sales, .presentation].contains(session.preparationType)
        let slangRate = session.per100(session.slang) * (formalSetting ? 1.2 : 1)
        let exclamationRate = session.per100(session.exclamations)
        let contractionRate = session.per100(session.contractions)
        let hedgeRate = session.per100(session.hedges)
        let rambleShare = Double(session.answers.filter(\.reading.rambles).count) / Double(session.count)
        let slangCost: Double
        let exclamationCost: Double
        var contractionCost = 0.0
        var hedgeCost = 0.0
        var apologyCost = 0.0
        var rambleCost = 0.0
        switch session.tone {
        case .challenging:
            slangCost = 1.5 * slangRate
            exclamationCost = exclamationRate
            contractionCost = 0.3 * max(0, contractionRate - 3)
            hedgeCost = 0.5 * hedgeRate
            apologyCost = min(2, Double(session.apologies))
            rambleCost = 1.5 * rambleShare
        case .neutral:
            slangCost = slangRate
            exclamationCost = 0.7 * exclamationRate
            contractionCost = 0.2 * max(0, contractionRate - 5)
            hedgeCost = 0.2 * hedgeRate
            apologyCost = min(1, 0.5 * Double(session.apologies))
        case .supportive:
            slangCost = 0.6 * slangRate
            exclamationCost = 0.3 * exclamationRate
        }
        let silent = session.answers.filter { $0.reading.audienceWords == 0 }
        var audienceCost = 0.0
        if audienceSetting {
            audienceCost = 2 * Double(silent.count) / Double(session.count)
            hedgeCost += 0.3 * hedgeRate
        }
        let raw = 10 - slangCost - exclamationCost - contractionCost - hedgeCost - apologyCost - rambleCost - audienceCost
        var finding = Finding(raw: raw, strength: "", suggestion: "")
        let register = "a \(session.tone.rawValue) \(session.setting)"

        var gaps: [(Double, Quote)] = []
        if let busiest = session.busiestSentence(\.slangMarks) {
            let phrases = busiest.marks.map { String($0.text) }
            gaps.append(
                (
                    slangCost,
                    Quote(
                        turnNumber: busiest.answer.turnNumber, text: busiest.answer.reading.sentences[busiest.sentence],
                        note: "Too casual for \(register): \(quotedList(Array(phrases.prefix(3))))."
                    )
                )
            )
        }
        if let answer = session.answers.first(where: { $0.reading.exclamations > 0 }),
            let sentence = answer.reading.sentences.first(where: { $0.last == "!" || $0.dropLast().last == "!" })
        {
            gaps.append((exclamationCost, Quote(turnNumber: answer.turnNumber, text: sentence, note: "Exclamation marks read as over-eager in \(register).")))
        }
        if let answer = session.answers.first(where: { !$0.reading.apologyMarks.isEmpty }), let apology = answer.reading.apologyMarks.first {
            let quote = Quote(turnNumber: answer.turnNumber, text: answer.reading.sentences[apology.sentence], note: "Apologising undercuts the answer.")
            gaps.append((apologyCost, quote))
        }
        if hedgeCost > 0, let busiest = session.busiestSentence(\.hedgeMarks) {
            gaps.append(
                (
                    hedgeCost,
                    Quote(
                        turnNumber: busiest.answer.turnNumber, text: busiest.answer.reading.sentences[busiest.sentence],
                        note: "Hedging reads as giving ground in \(register), where a firm answer is expected."
                    )
                )
            )
        }
        if audienceSetting, let answer = silent.first, let first = answer.reading.sentences.first {
            gaps.append(
                (audienceCost, Quote(turnNumber: answer.turnNumber, text: first, note: "Talks about yourself, not about what it means for the listener."))
            )
        }
        finding.negatives = ranked(gaps)
        if audienceSetting {
            for answer in session.answers {
                let reading = answer.reading
                if let word = reading.tokens.first(where: { AnswerReading.audienceKeys.contains($0.key) }) {
                    finding.positives.append(
                        Quote(turnNumber: answer.turnNumber, text: reading.sentences[word.sentence], note: "Speaks to the listener and what it means for them.")
                    )
                    break
                }
            }
        }
        outer: for answer in session.answers {
            let reading = answer.reading
            let markedSentences = Set((reading.slangMarks + reading.hedgeMarks + reading.fillerMarks + reading.apologyMarks).map(\.sentence))
            for (index, sentence) in reading.sentences.enumerated() where reading.sentenceWordCounts[index] >= 6 {
                if !markedSentences.contains(index) && !sentence.contains(where: { $0 == "!" }) {
                    finding.positives.append(Quote(turnNumber: answer.turnNumber, text: sentence, note: "A measured register that suits \(register)."))
                    break outer
                }
            }
        }

        let slangText = session.slang == 0 ? "no slang" : counted(session.slang, "casual word")
        let exclamationText = session.exclamations == 0 ? "no exclamation marks" : counted(session.exclamations, "exclamation mark")
        finding.strength = "Your register suited \(register): \(slangText), \(exclamationText), and \(counted(session.hedges, "hedge"))."
        let slang = session.commonest(\.slangMarks)
        let options: [(Double, String)] = [
            (slangCost, "Match \(register) with a more formal register: drop words like \(quotedList(slang)) (\(session.slang) in all)."),
            (exclamationCost, "Let the content carry the energy: \(counted(session.exclamations, "exclamation mark")) read as over-eager."),
            (contractionCost, "Use a more formal register under pressure: \(counted(session.contractions, "contraction")) in \(session.words) words."),
            (hedgeCost, "Answer firmly in \(register): \(counted(session.hedges, "hedge")) read as giving ground."),
            (apologyCost, "Don't apologise for your answer: state it and move on."),
            (rambleCost, "Under pressure, give the answer in two or three sentences first, then offer detail."),
            (
                audienceCost,
                "Speak to your audience: say what it means for them ('you', 'your team'); \(silent.count) of \(counted(session.count, "answer")) never did."
            ),
        ]
        finding.suggestion = ranked(options).first ?? ""
        return finding
    }

    /// Engagement: `1 + 9 ×` a weighted mean of answer length (none under 15 words on average, full at
    /// 60), figures (full at one per answer on four answers in five), specifics (figures and names, full
    /// at 1.5 per answer) and questions asked back (full at the number the setting expects: half the
    /// answers and at least two in a sales call, one in a meeting, pitch or presentation). Weights
    /// (length, figures, specifics, questions): interview and other 0.4, 0.35, 0.25, 0 (a question back
    /// adds 0.1); sales 0.25, 0.1, 0.15, 0.5; meeting 0.35, 0.25, 0.15, 0.25; pitch 0.3, 0.4, 0.15, 0.15;
    /// presentation 0.35, 0.3, 0.2, 0.15.
    private static func engagement(_ session: SessionMeasures) -> Finding {
        let count = Double(session.count)
        let average = session.averageWords
        let lengthPart = average < 15 ? 0 : min(1, (average - 15) / 45)
        let figuresPart = min(1, Double(session.numbers) / max(1, 0.8 * count))
        let specificsPart = min(1, Double(session.properNouns + session.numbers) / (1.5 * count))
        let expected: Int
        let weights: (length: Double, figures: Double, specifics: Double, questions: Double)
        switch session.preparationType {
        case .interview, .other:
            expected = 0
            weights = (0.4, 0.35, 0.25, 0)
        case .sales:
            expected = max(2, (session.count + 1) / 2)
            weights = (0.25, 0.1, 0.15, 0.5)
        case .corporate:
            expected = 1
            weights = (0.35, 0.25, 0.15, 0.25)
        case .pitch:
            expected = 1
            weights = (0.3, 0.4, 0.15, 0.15)
        case .presentation:
            expected = 1
            weights = (0.35, 0.3, 0.2, 0.15)
        }
        let questionsPart = expected == 0 ? 0 : min(1, Double(session.questions) / Double(expected))
        var weighted = weights.length * lengthPart + weights.figures * figuresPart + weights.specifics * specificsPart + weights.questions * questionsPart
        if expected == 0 && session.questions > 0 { weighted += 0.1 }
        var finding = Finding(raw: 1 + 9 * min(1, weighted), strength: "", suggestion: "")

        let located = session.answers.flatMap { answer in answer.reading.numberMarks.map { (answer: answer, mark: $0) } }
        let figure = located.first { $0.mark.text.hasSuffix("%") || !($0.mark.text.first?.isNumber ?? true) } ?? located.first
        if let figure {
            finding.positives.append(
                Quote(
                    turnNumber: figure.answer.turnNumber, text: figure.answer.reading.sentences[figure.mark.sentence],
                    note: "Cites a figure ('\(figure.mark.text)'), which makes the point concrete."
                )
            )
        }
        if let asking = session.answers.first(where: { !$0.reading.questionSentences.isEmpty }), let question = asking.reading.questions.first {
            finding.positives.append(Quote(turnNumber: asking.turnNumber, text: question, note: "Asks a question back, which keeps it a two-way conversation."))
        }
        var gaps: [(Double, Quote)] = []
        let shortest = session.answers.enumerated().min { lhs, rhs in
            lhs.element.reading.words != rhs.element.reading.words ? lhs.element.reading.words < rhs.element.reading.words : lhs.offset < rhs.offset
        }?.element
        if let shortest, shortest.reading.words < 25, let text = shortest.trimmedText {
            gaps.append(
                (
                    weights.length * (1 - lengthPart) + 0.01,
                    Quote(turnNumber: shortest.turnNumber, text: text, note: "Only \(counted(shortest.reading.words, "word")): too brief to show what you did.")
                )
            )
        }
        if session.numbers == 0, let longest = session.answers.max(by: { $0.reading.words < $1.reading.words }) {
            let sentence = longest.reading.star.result ?? longest.reading.sentences.first
            if let sentence {
                gaps.append(
                    (
                        weights.figures * (1 - figuresPart),
                        Quote(turnNumber: longest.turnNumber, text: sentence, note: "No figure here: a size, a time or an amount would make it concrete.")
                    )
                )
            }
        }
        if expected > 0 && session.questions == 0, let last = session.answers.last, let sentence = last.reading.sentences.last {
            gaps.append(
                (
                    weights.questions,
                    Quote(turnNumber: last.turnNumber, text: sentence, note: "No question back: a \(session.setting) needs you to ask as well as answer.")
                )
            )
        }
        finding.negatives = ranked(gaps)

        if session.numbers >= session.count {
            finding.strength = "You quantified your points: \(counted(session.numbers, "figure")) across \(counted(session.count, "answer"))."
        } else if session.questions > 0 && expected > 0 {
            finding.strength = "You kept it two-way: you asked \(counted(session.questions, "question")) back."
        } else {
            finding.strength = "You gave full answers: \(decimal(average)) words on average, with specifics such as names and figures."
        }
        let options: [(Double, String)] = [
            (weights.length * (1 - lengthPart), "Give fuller answers: \(decimal(average)) words on average; aim for 60–150 with one concrete example."),
            (
                weights.figures * (1 - figuresPart),
                "Bring figures: \(session.numbers) across \(counted(session.count, "answer")); cite sizes, percentages, time or money saved."
            ),
            (weights.specifics * (1 - specificsPart), "Name the specifics: the tools, teams, customers and dates involved."),
            (
                weights.questions * (1 - questionsPart),
                "Ask questions back: \(session.questions) in this \(session.setting); aim for at least \(expected)."
            ),
        ]
        finding.suggestion = ranked(options).first ?? ""
        return finding
    }
}

// MARK: - Wording

extension SessionEvaluator {
    /// The dimension's name in a sentence.
    static func name(_ dimension: ScoreDimension) -> String {
        switch dimension {
        case .clarityStructure: "clarity and structure"
        case .relevanceFocus: "relevance and focus"
        case .confidenceDelivery: "confidence and delivery"
        case .languageQuality: "language quality"
        case .toneAlignment: "tone alignment"
        case .engagement: "engagement"
        }
    }

    /// The suggestion for a dimension held down only because the answers were too short to show it.
    private static func lengthSuggestion(_ dimension: ScoreDimension, _ session: SessionMeasures) -> String {
        "Say more: \(decimal(session.averageWords)) words per answer is too little to show \(name(dimension)); "
            + "aim for 60–150 words with one concrete example."
    }

    /// What to practise for a dimension.
    static func practiceText(_ dimension: ScoreDimension, _ type: PreparationType, _ tone: Tone) -> String {
        switch dimension {
        case .clarityStructure:
            return type == .interview || type == .other
                ? "Tell one story aloud in STAR order (situation, task, action, result), opening with the point and ending on a measured result."
                : "Open with your point in one sentence, give two supporting details, then close with the next step."
        case .relevanceFocus:
            return "Restate the question's key words in your first sentence, answer it, then add context only where it serves the answer."
        case .confidenceDelivery:
            return "Record a two-minute answer, count the hedges and fillers, and record it again with none: pause instead of filling, and say 'I'."
        case .languageQuality:
            return "Rewrite one answer replacing every vague word ('stuff', 'things') with the specific tool, team or number, in sentences under 20 words."
        case .toneAlignment:
            if type == .pitch || type == .sales || type == .presentation {
                return "Practise framing each point as what it means for the listener ('you', 'your team'), stated without hedging."
            }
            return tone == .challenging
                ? "Practise answering tough follow-ups in a formal, direct register: lead with the answer, then the reason."
                : "Practise the same answer in the register the setting expects: no slang, few exclamations."
        case .engagement:
            switch type {
            case .sales: return "Prepare five open discovery questions and ask at least two in every call, then agree a next step."
            case .pitch: return "Put one figure in every answer: market size, traction, revenue or time saved."
            default: return "Add one figure and one named specific to every answer, and close with a question where it fits."
            }
        }
    }

    /// The words to find the library lesson that teaches a dimension in a setting: the title of the
    /// lesson for that setting (STAR answers for an interview's structure, sales discovery for a sales
    /// call, explaining technical work for language…).
    static func lessonQuery(for dimension: ScoreDimension, preparationType type: PreparationType) -> String {
        let star = "STAR answers to behavioural questions"
        let technical = "Explaining technical work to technical and non-technical audiences"
        let pressure = "Case and quant interviews under pressure"
        let presenting = "Presenting: structure, slides and handling questions"
        let pitching = "Pitching an idea or a startup"
        let discovery = "Sales discovery calls: questions, qualifying and next steps"
        let meetings = "Running effective meetings"
        switch type {
        case .interview:
            switch dimension {
            case .clarityStructure, .relevanceFocus, .engagement: return star
            case .confidenceDelivery, .toneAlignment: return pressure
            case .languageQuality: return technical
            }
        case .corporate:
            return dimension == .languageQuality ? technical : meetings
        case .pitch:
            return pitching
        case .sales:
            return discovery
        case .presentation:
            return dimension == .languageQuality ? technical : presenting
        case .other:
            switch dimension {
            case .clarityStructure, .relevanceFocus: return presenting
            case .languageQuality: return technical
            case .confidenceDelivery, .toneAlignment: return pressure
            case .engagement: return meetings
            }
        }
    }

    /// The story parts a reading lacks, in STAR order.
    private static func missingParts(_ star: StarCoverage) -> [String] {
        var missing: [String] = []
        if star.situation == nil { missing.append("situation") }
        if star.task == nil { missing.append("task") }
        if star.action == nil { missing.append("action") }
        if star.result == nil { missing.append("result") }
        return missing
    }

    /// The longest sentence of the session (the first on a tie), with its answer and word count.
    private static func longestSentence(_ session: SessionMeasures) -> (answer: ScoredAnswer, text: Substring, words: Int)? {
        var best: (answer: ScoredAnswer, text: Substring, words: Int)?
        for answer in session.answers {
            for (index, words) in answer.reading.sentenceWordCounts.enumerated() where words > (best?.words ?? 0) {
                best = (answer, answer.reading.sentences[index], words)
            }
        }
        return best
    }

    /// The distinct topic words (as written) of one sentence of an answer, in order.
    private static func topicWords(_ answer: ScoredAnswer, sentence: Int, limit: Int) -> [String] {
        var words: [String] = []
        for word in answer.reading.contentWords where word.sentence == sentence && answer.topicStems.contains(word.stem) && !words.contains(word.word) {
            words.append(word.word)
            if words.count == limit { break }
        }
        return words
    }

    /// The items of costed pairs, the costliest first (the earliest on a tie), those without cost dropped.
    private static func ranked<Item>(_ items: [(Double, Item)]) -> [Item] {
        items.enumerated().filter { $0.element.0 > 0 }
            .sorted { lhs, rhs in lhs.element.0 != rhs.element.0 ? lhs.element.0 > rhs.element.0 : lhs.offset < rhs.offset }
            .map { $0.element.1 }
    }

    /// "'a', 'b' and 'c'".
    private static func quotedList(_ items: [String]) -> String {
        let quoted = items.map { "'\($0)'" }
        guard quoted.count > 1, let last = quoted.last else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + last
    }

    /// "1 word", "3 words".
    static func counted(_ amount: Int, _ noun: String) -> String {
        amount == 1 ? "1 \(noun)" : "\(amount) \(noun)s"
    }

    /// A figure with one decimal, "7.2".
    static func decimal(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// `value` rounded to `places` decimals.
    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
