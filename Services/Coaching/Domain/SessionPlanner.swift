import Foundation
import Intelligence
import PathwiseProtocol

/// Plans a practice session: the coach's opening and the questions it means to ask, in order, from the
/// session's brief and what is known of the person.
///
/// - An interview draws technical questions from the person's gaps (most important first) and the
///   role template's interview themes, behavioural ones from the role's communication themes and the
///   classic set (ownership, conflict, failure, a project to be proud of), in the mix the subtype asks
///   (`behavioural` mostly stories, `technical` mostly knowledge). With no target it is a generic interview.
/// - A meeting (`corporate`) turns agenda items into discussion questions shaped by its subtype and ends
///   with a stakeholder's challenge; a pitch asks what investors ask; a sales call has the coach play a
///   buyer with the usual objections; a presentation has it play the audience; `other` is a general
///   conversation around the agenda.
/// - The tone changes the opening and some phrasing; a challenging coach asks the tougher questions first.
///
/// Free text (agenda, subtype, role context, job title, firm) is untrusted: it is read only up to
/// `maxFreeTextLength` characters, at most `maxAgendaItems` agenda items are taken, each cut to
/// `maxItemLength` at a word boundary, so no input makes a plan large. The same inputs always give the
/// same plan, and no two of its questions have the same text — nor does one contain another, since the
/// coach recognises a question in a transcript by its text.
struct SessionPlanner: Sendable {
    /// The most agenda items a plan reads from an agenda.
    static let maxAgendaItems = 6
    /// The longest an agenda item may be once trimmed, in characters.
    static let maxItemLength = 120
    /// How much of a free-text field the planner reads at all, in characters.
    static let maxFreeTextLength = 2_000
    /// The most questions a plan for anything but an interview holds.
    static let maxQuestions = 8
    /// The most questions an interview plan holds.
    static let maxInterviewQuestions = 7
    /// The most focus terms a plan keeps.
    static let maxFocusTerms = 40

    /// Skills with their kinds, and the role templates with their interview themes.
    let taxonomy: Taxonomy

    /// A planner that reads skills and role templates from `taxonomy`.
    init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
    }

    /// The plan for a session with `brief`, for a person the coach knows `context` of.
    func plan(_ brief: SessionBrief, context: CoachingContext) -> SessionPlan {
        let setting = self.setting(brief, context)
        let drafts: [Draft]
        switch brief.preparationType {
        case .interview: drafts = interview(setting)
        case .corporate: drafts = Self.meeting(setting)
        case .pitch: drafts = Self.pitch(setting)
        case .sales: drafts = Self.sales(setting)
        case .presentation: drafts = Self.presentation(setting)
        case .other: drafts = Self.conversation(setting)
        }
        let limit = brief.preparationType == .interview ? Self.maxInterviewQuestions : Self.maxQuestions
        let chosen = Array(Self.distinct(Self.voiced(drafts, tone: brief.tone)).prefix(limit))
        let questions = chosen.enumerated().map { entry in
            PlannedQuestion(
                id: "q\(entry.offset + 1)", text: entry.element.text, kind: entry.element.kind, focus: Self.normalized(entry.element.focus)
            )
        }
        return SessionPlan(
            opening: Self.opening(setting, drafts: chosen), questions: questions, focusTerms: Self.focusTerms(questions, setting: setting)
        )
    }

    /// The coach's first turn as the service stores it: the opening, then the first question.
    static func openingTurn(_ plan: SessionPlan) -> String {
        guard let first = plan.questions.first else { return plan.opening }
        return plan.opening + "\n\n" + first.text
    }

    // MARK: - The setting

    /// A question before it has an id.
    private struct Draft {
        /// What the coach will say, verbatim.
        var text: String
        /// Which follow-ups fit it.
        var kind: PlannedQuestion.Kind
        /// Terms an on-topic answer would use.
        var focus: [String]
        /// What the question is about, as the opening may name it; nil for warm-ups and wrap-ups.
        var topic: String?
    }

    /// The kinds of meeting a `corporate` session's subtype can name.
    private enum MeetingKind {
        /// A status update: where things stand, risks, next steps.
        case status
        /// A one-on-one with a manager.
        case oneOnOne
        /// A quarterly or performance review against a plan.
        case review
        /// Winning over a stakeholder or a board.
        case stakeholder
        /// A negotiation with another party.
        case negotiation
        /// Any other meeting.
        case general
    }

    /// The brief and the context with every free-text field bounded and tidied.
    private struct Setting {
        /// What is being practised.
        var preparation: PreparationType
        /// How the coach speaks.
        var tone: Tone
        /// The meeting subtype as written, bounded.
        var subtype: String?
        /// The agenda's items, bounded.
        var agenda: [String]
        /// The role or audience as described, bounded.
        var roleContext: String?
        /// The role template the target names, when the taxonomy has it.
        var role: RoleTemplate?
        /// The target's job title, bounded.
        var jobTitle: String?
        /// The target's firm, bounded.
        var firm: String?
        /// The path's gaps, most important first.
        var gaps: [CoachingContext.Gap]
        /// Skills the resume shows, bounded.
        var resumeSkills: [String]

        /// The subtype lowercased, for matching.
        var subtypeWords: String { subtype?.lowercased() ?? "" }
        /// Whether anything is known of the job the person is aiming for.
        var hasTarget: Bool { role != nil || jobTitle != nil || firm != nil || !gaps.isEmpty }
    }

    /// The brief and context as the planner reads them.
    private func setting(_ brief: SessionBrief, _ context: CoachingContext) -> Setting {
        Setting(
            preparation: brief.preparationType, tone: brief.tone, subtype: Self.bounded(brief.meetingSubtype, to: 60),
            agenda: Self.agendaItems(brief.agenda), roleContext: Self.bounded(brief.roleContext, to: 160),
            role: context.roleTemplate.flatMap { id in taxonomy.roles.first { $0.id == id } },
            jobTitle: Self.bounded(context.jobTitle, to: 80), firm: Self.bounded(context.firm, to: 60),
            gaps: Array(context.gaps.prefix(12)), resumeSkills: context.resumeSkills.prefix(12).compactMap { Self.bounded($0, to: 60) }
        )
    }

    // MARK: - Interviews

    /// An interview: a warm-up, technical and behavioural questions in the subtype's mix, and why this job.
    private func interview(_ setting: Setting) -> [Draft] {
        let words = setting.subtypeWords
        let behaviouralRound = words.contains("behav")
        let technicalRound = !behaviouralRound && (words.contains("techn") || words.contains("coding") || words.contains("case"))
        // Without a target or a resume there is nothing to ask technical questions about, unless the round is technical.
        let generic = !setting.hasTarget && setting.resumeSkills.isEmpty && !technicalRound
        var mix =
            behaviouralRound
            ? (technical: 1, behavioural: 4) : technicalRound ? (technical: 4, behavioural: 1) : (technical: 3, behavioural: 2)
        if generic { mix = (technical: 0, behavioural: behaviouralRound ? 4 : 3) }
        // A challenging interviewer skips the warm-up and spends it on one more hard question.
        if setting.tone == .challenging { mix.technical += 1 }

        let technical = Array((technicalQuestions(setting) + Self.genericTechnical).prefix(mix.technical))
        let behavioural = Array((behaviouralQuestions(setting) + Self.classicBehavioural(generic: generic)).prefix(mix.behavioural))
        var body = behaviouralRound ? Self.interleave(behavioural, technical) : Self.interleave(technical, behavioural)
        if generic { body.append(Self.strengths) }
        if setting.tone == .challenging { return body + [Self.whyHire(setting)] }
        return [Self.introduction(setting)] + body + [Self.whyThisJob(setting)]
    }

    /// Technical questions from the person's gaps and the role's themes, alternating, then from the resume.
    private func technicalQuestions(_ setting: Setting) -> [Draft] {
        var fromGaps: [Draft] = []
        var seen: Set<String> = []
        for gap in setting.gaps where seen.insert(gap.skillID).inserted {
            let skill = taxonomy.skill(gap.skillID)
            guard skill?.kind != .softSkill else { continue }
            fromGaps.append(Self.skillQuestion(gap, skill: skill, variant: fromGaps.count))
        }
        let themes = (setting.role?.interviewThemes ?? []).filter { !Self.isBehaviouralTheme($0) }
        let fromThemes = themes.enumerated().map { Self.themeQuestion($0.element, variant: $0.offset) }
        let fromResume = setting.resumeSkills.enumerated().map { Self.resumeQuestion($0.element, variant: $0.offset) }
        return Self.interleave(fromGaps, fromThemes) + fromResume
    }

    /// Behavioural questions from the role's communication themes and the person's soft-skill gaps.
    private func behaviouralQuestions(_ setting: Setting) -> [Draft] {
        var pool: [Draft] = []
        for theme in setting.role?.interviewThemes ?? [] where Self.isBehaviouralTheme(theme) {
            let subject = Self.behaviouralSubject(theme)
            pool.append(
                Draft(
                    text: "Tell me about a specific time that involved \(subject). What happened, what did you do, and how did it end?",
                    kind: .behavioural, focus: Self.contentWords(subject), topic: subject
                )
            )
        }
        for gap in setting.gaps {
            guard let skill = taxonomy.skill(gap.skillID), skill.kind == .softSkill else { continue }
            let name = Self.spokenName(Self.clipped(skill.name, to: 60), kind: skill.kind)
            pool.append(
                Draft(
                    text: "Tell me about a recent situation that called for \(name). What did you do, and how did it turn out?",
                    kind: .behavioural, focus: [skill.name] + Array(skill.aliases.prefix(2)), topic: name
                )
            )
        }
        return pool
    }

    /// A question about a skill the person's path says is weak or missing, named as the taxonomy names it.
    private static func skillQuestion(_ gap: CoachingContext.Gap, skill: Skill?, variant: Int) -> Draft {
        let name = spokenName(clipped(skill?.name ?? gap.name, to: 60), kind: skill?.kind)
        let templates = [
            "Your target role leans on \(name). Take me through a problem where you applied it — what did you decide, and why?",
            "How would you explain \(name) to a colleague, and where have you used it?",
            "Where does \(name) break down or mislead in practice, and how would you notice?",
            "If you had to use \(name) on this team next week, how would you get started?",
        ]
        let focus = [skill?.name ?? gap.name] + Array(skill?.aliases.prefix(2) ?? [])
        return Draft(text: templates[variant % templates.count], kind: .technical, focus: focus, topic: name)
    }

    /// A question on one of the role template's technical interview themes.
    private static func themeQuestion(_ theme: String, variant: Int) -> Draft {
        let storyPrefix = "discussion of "
        if theme.lowercased().hasPrefix(storyPrefix) {
            let subject = String(theme.dropFirst(storyPrefix.count))
            return Draft(
                text: "Walk me through \(subject): what question were you answering, what did you do, and what came of it?",
                kind: .behavioural, focus: contentWords(subject), topic: subject
            )
        }
        let templates = [
            "Let's turn to \(theme). How would you approach a question on that, and what would you watch out for?",
            "Interviews for this role often cover \(theme). Give me an example from your own work, and what you learnt from it.",
            "On \(theme): what do people most often get wrong, and how do you avoid it?",
        ]
        return Draft(text: templates[variant % templates.count], kind: .technical, focus: contentWords(theme), topic: theme)
    }

    /// A question on a skill the person's resume shows.
    private static func resumeQuestion(_ skill: String, variant: Int) -> Draft {
        let templates = [
            "Your resume mentions \(skill). What's the hardest thing you've done with it, and how did it turn out?",
            "You list \(skill) on your resume. How deep does that experience go, and where would you need to look things up?",
        ]
        return Draft(text: templates[variant % templates.count], kind: .technical, focus: [skill], topic: skill)
    }

    /// Technical questions that need no target: used when the target gives too few.
    private static let genericTechnical: [Draft] = [
        Draft(
            text: "Pick a technical or analytical problem you solved recently. Take me through how you approached it, step by step.",
            kind: .technical, focus: ["problem", "approach", "solution"], topic: "a problem you solved"
        ),
        Draft(
            text: "Explain something from your field to me as if I were a smart colleague from another team.", kind: .technical,
            focus: ["explain", "example"], topic: "explaining your field"
        ),
        Draft(
            text: "How do you check that your work is right before you hand it over?", kind: .technical,
            focus: ["testing", "check", "review", "validation"], topic: "checking your work"
        ),
        Draft(
            text: "Tell me about a tool or method you learnt recently. How did you learn it, and where have you used it since?",
            kind: .technical, focus: ["learnt", "tool", "method"], topic: "learning something new"
        ),
        Draft(
            text: "What's a trade-off you made recently between speed and quality, and how did you decide?", kind: .technical,
            focus: ["trade-off", "speed", "quality", "decision"], topic: "trade-offs"
        ),
    ]

    /// The classic behavioural questions, in the order an interview uses them.
    private static func classicBehavioural(generic: Bool) -> [Draft] {
        let proud = Draft(
            text: "What's the project you're proudest of? Take me through your own part in it and how it turned out.", kind: .behavioural,
            focus: ["project", "proud", "outcome"], topic: "a project you're proud of"
        )
        let challenge = Draft(
            text: "Tell me about the hardest challenge you've faced at work or in your studies, and how you handled it.", kind: .behavioural,
            focus: ["challenge", "handled", "outcome"], topic: "a hard challenge"
        )
        let ownership = Draft(
            text: "Tell me about a time you took ownership of something that wasn't strictly your job. What did you do, and what was the result?",
            kind: .behavioural, focus: ["ownership", "responsibility", "result"], topic: "ownership"
        )
        let conflict = Draft(
            text: "Tell me about a disagreement with a colleague or manager. How did you handle it, and how did it end?", kind: .behavioural,
            focus: ["disagreement", "conflict", "resolved"], topic: "conflict"
        )
        let failure = Draft(
            text: "Tell me about a time something you were responsible for went wrong. What happened, and what did you change afterwards?",
            kind: .behavioural, focus: ["failure", "mistake", "learnt"], topic: "a failure"
        )
        return generic ? [proud, challenge, ownership, conflict, failure] : [ownership, conflict, failure, proud, challenge]
    }

    /// The strengths question of a generic interview.
    private static let strengths = Draft(
        text: "What are your two biggest strengths, and what's one thing you're working to improve?", kind: .discussion,
        focus: ["strengths", "improve"], topic: "your strengths"
    )

    /// The warm-up: tell me about yourself, aimed at the target when there is one.
    private static func introduction(_ setting: Setting) -> Draft {
        let focus = ["background", "experience"]
        guard setting.hasTarget else {
            return Draft(
                text: "Tell me about yourself — the short version, ending with why you're interviewing now.", kind: .discussion, focus: focus
            )
        }
        let title = setting.jobTitle ?? setting.role?.name
        let subject =
            switch (title, setting.firm) {
            case (let title?, let firm?): "the \(title) role at \(firm)"
            case (let title?, nil): "the \(title) role"
            case (nil, let firm?): "this role at \(firm)"
            case (nil, nil): "the role you're aiming for"
            }
        return Draft(text: "Tell me about yourself and what draws you to \(subject).", kind: .discussion, focus: focus)
    }

    /// The motivation question: why this firm, or this role, and why now.
    private static func whyThisJob(_ setting: Setting) -> Draft {
        let focus = ["motivation", "why"]
        if let firm = setting.firm {
            return Draft(text: "Why \(firm)? What would you want to have achieved in your first year there?", kind: .discussion, focus: focus)
        }
        if let title = setting.jobTitle ?? setting.role?.name {
            return Draft(text: "Why the \(title) role, and why now?", kind: .discussion, focus: focus)
        }
        return Draft(text: "Why this kind of role, and why now?", kind: .discussion, focus: focus)
    }

    /// A challenging interviewer's last question: why you over the other candidates.
    private static func whyHire(_ setting: Setting) -> Draft {
        let focus = ["motivation", "strengths"]
        if let firm = setting.firm {
            return Draft(text: "Why \(firm), and why should they hire you over the other candidates they're seeing?", kind: .discussion, focus: focus)
        }
        return Draft(text: "Why should I hire you over the other candidates I'm seeing for this role?", kind: .discussion, focus: focus)
    }

    /// Whether an interview theme asks for a story rather than knowledge.
    private static func isBehaviouralTheme(_ theme: String) -> Bool {
        let lower = theme.lowercased()
        return lower.contains("behavioural") || lower.contains("behavioral") || lower.contains("communicating")
    }

    /// What a behavioural theme is about: "behavioural questions (STAR) on ownership and collaboration" → "ownership and collaboration".
    private static func behaviouralSubject(_ theme: String) -> String {
        guard let range = theme.range(of: " on ", options: .backwards) else { return theme }
        return String(theme[range.upperBound...])
    }

    /// Proper names that start topic names and keep their capital mid-sentence.
    private static let properNames: Set<String> = [
        "adam", "amdahl", "basel", "bayes", "bayesian", "bellman", "bernoulli", "bertrand", "bonferroni", "brownian", "cauchy", "chebyshev",
        "dirichlet", "euler", "excel", "fisher", "fourier", "gaussian", "gini", "girsanov", "granger", "heston", "itô", "ito", "jensen", "kalman",
        "kelly", "kolmogorov", "laplace", "lagrange", "markov", "merton", "monte", "monty", "nash", "newton", "pareto", "poisson", "sharpe",
        "shapley", "sortino", "student", "taylor", "vasicek", "wiener",
    ]

    /// A skill's name as it reads mid-sentence: a topic's or soft skill's first word lowercased, unless
    /// it is a proper name or an acronym; a technology's name as it is.
    static func spokenName(_ name: String, kind: Skill.Kind?) -> String {
        guard let kind, kind != .technology, let first = name.first, first.isUppercase else { return name }
        let firstWord = name.prefix(while: { !$0.isWhitespace })
        let rest = firstWord.dropFirst()
        guard rest.allSatisfy({ $0.isLowercase || $0 == "-" || $0 == "'" || $0 == "’" }) else { return name }
        var stem = firstWord.lowercased()
        if stem.hasSuffix("'s") || stem.hasSuffix("’s") { stem.removeLast(2) }
        guard !properNames.contains(stem) else { return name }
        return first.lowercased() + String(name.dropFirst())
    }

    // MARK: - Meetings, pitches, sales calls, presentations, conversations

    /// The kind of meeting a subtype names.
    private static func meetingKind(_ words: String) -> MeetingKind {
        /// Whether the subtype contains any of `needles`.
        func has(_ needles: String...) -> Bool { needles.contains { words.contains($0) } }
        if has("one-on-one", "one on one", "1:1", "1-1", "1on1", "check-in") { return .oneOnOne }
        if has("negotiat", "contract", "salary") { return .negotiation }
        if has("stakeholder", "steering", "board", "sponsor") { return .stakeholder }
        if has("quarter", "review", "qbr", "retro") { return .review }
        if has("status", "update", "stand-up", "standup") { return .status }
        return .general
    }

    /// A meeting: an opener in the subtype's shape, each agenda item, a stakeholder's challenge and a close.
    private static func meeting(_ setting: Setting) -> [Draft] {
        let kind = meetingKind(setting.subtypeWords)
        let opener: String
        let itemTemplates: [(String) -> String]
        let fallbacks: [String]
        switch kind {
        case .status:
            opener = "Let's start with the headline: overall, is the work on track, at risk or late?"
            itemTemplates = [
                { "Where does “\($0)” stand, and what's the next milestone?" },
                { "What's at risk on “\($0)”, and what are you doing about it?" },
            ]
            fallbacks = [
                "What has changed since the last update?", "What's blocking you, and what do you need to unblock it?",
                "What are the next milestones, and how confident are you in the dates?",
            ]
        case .oneOnOne:
            opener = "How are things going for you at the moment — what's going well, and what's getting in your way?"
            itemTemplates = [
                { "Let's talk about “\($0)”. How do you think it's going, and what do you need from me?" },
                { "On “\($0)”: what would you do differently if you started again?" },
            ]
            fallbacks = [
                "What's one piece of feedback you'd like from me?", "Where do you want to grow over the next six months, and how can I help?",
                "Is there anything you've been hesitant to raise with me?",
            ]
        case .review:
            opener = "Give me the quarter's results in a headline: what did you commit to, and what did you deliver?"
            itemTemplates = [
                { "What were the results on “\($0)” against plan, and what explains the gap?" },
                { "What are you changing on “\($0)” next quarter, and how will we measure it?" },
            ]
            fallbacks = [
                "Which metric moved the most this quarter, and why?", "What didn't work this quarter, and what did you learn from it?",
                "What are your priorities for next quarter, and what will you stop doing?",
            ]
        case .stakeholder:
            opener = "Before we start: what exactly are you asking my team to support, and what will it cost us?"
            itemTemplates = [
                { "I'm not convinced on “\($0)”. Why should my team commit to it?" },
                { "What does “\($0)” mean for my team's workload and targets?" },
            ]
            fallbacks = [
                "What happens to my team if we don't support this?", "Who else have you consulted, and what did they say?",
                "What's the timeline, and what do you need from us first?",
            ]
        case .negotiation:
            opener = "What are you proposing, and why should we accept it?"
            itemTemplates = [
                { "On “\($0)”: what's your position, and what's the reasoning behind it?" },
                { "We can't accept your terms on “\($0)”. What can you offer instead?" },
            ]
            fallbacks = [
                "What matters most to you in this deal, and what's flexible?", "What happens if we can't reach agreement today?",
                "What's your best offer if we commit today?",
            ]
        case .general:
            opener = "Open the meeting for us: what's the purpose, and what do you need decided today?"
            itemTemplates = [
                { "Let's take “\($0)”. Where does it stand, and what decision do you need from this group?" },
                { "On “\($0)”: what are the options, and which do you recommend?" },
            ]
            fallbacks = [
                "What's the most important point you need everyone to leave with?", "Who needs to do what after this meeting?",
                "What's the biggest open question, and how will you resolve it?",
            ]
        }
        var items: [Draft] = []
        if setting.agenda.isEmpty {
            for text in fallbacks { items.append(Draft(text: text, kind: .discussion, focus: contentWords(text))) }
        }
        for (offset, item) in setting.agenda.enumerated() {
            let text = itemTemplates[offset % itemTemplates.count](item)
            items.append(Draft(text: text, kind: .discussion, focus: contentWords(item), topic: item))
        }
        let first = Draft(text: opener, kind: .discussion, focus: contentWords(opener))
        let challenge = Draft(
            text: "What's the biggest risk in what you're proposing, and what will you do if it happens?", kind: .challenge,
            focus: ["risk", "mitigation", "plan"]
        )
        let close = Draft(
            text: "To wrap up: what do you need from the people in this meeting, and by when?", kind: .discussion,
            focus: ["next steps", "owner", "deadline"]
        )
        let body = setting.tone == .challenging ? [challenge] + items : items + [challenge]
        return [first] + body + [close]
    }

    /// A pitch: what investors ask, the hard numbers first when the coach is challenging.
    private static func pitch(_ setting: Setting) -> [Draft] {
        let problem = Draft(
            text: "What problem are you solving, and for whom? Make it concrete.", kind: .challenge, focus: ["problem", "customer", "pain"],
            topic: "the problem"
        )
        let market = Draft(
            text: "How big is the market you're going after, and how did you size it?", kind: .challenge,
            focus: ["market", "market size", "customers"], topic: "market size"
        )
        let traction = Draft(
            text: "What traction do you have so far? Give me the numbers: users, revenue, growth.", kind: .challenge,
            focus: ["traction", "users", "revenue", "growth"], topic: "traction"
        )
        let model = Draft(
            text: "How do you make money, and what are the unit economics per customer?", kind: .challenge,
            focus: ["business model", "pricing", "unit economics", "margin"], topic: "your business model"
        )
        let competition = Draft(
            text: "Who else is solving this, and why will you win?", kind: .challenge, focus: ["competition", "competitors", "advantage"],
            topic: "competition"
        )
        let team = Draft(
            text: "Why is your team the right one to build this?", kind: .challenge, focus: ["team", "experience", "founders"], topic: "your team"
        )
        let ask = Draft(
            text: "How much are you raising, what will you spend it on, and which milestones will it get you to?", kind: .challenge,
            focus: ["raise", "funding", "use of funds", "milestones"], topic: "the ask and the use of funds"
        )
        if setting.tone == .challenging { return [traction, model, market, competition, problem, team, ask] }
        return [problem, market, traction, model, competition, team, ask]
    }

    /// A sales call: a buyer's discovery questions and objections, with the person selling.
    private static func sales(_ setting: Setting) -> [Draft] {
        let discovery = Draft(
            text: "Before we go further: what exactly would your product do for a company like ours?", kind: .discussion,
            focus: ["product", "value", "use case"], topic: "what you offer"
        )
        let pain = Draft(
            text: "Our current process works well enough. What problem do you think we actually have?", kind: .challenge,
            focus: ["problem", "pain", "process"], topic: "our problem"
        )
        let price = Draft(
            text: "Honestly, this looks expensive. Why is it worth the price?", kind: .challenge, focus: ["price", "value", "cost", "roi"],
            topic: "price"
        )
        let incumbent = Draft(
            text: "We already use another provider for this, and switching is a hassle. Why would we change?", kind: .challenge,
            focus: ["switching", "competitor", "difference"], topic: "the tool we already use"
        )
        let timing = Draft(
            text: "The timing's bad: the team is stretched this quarter. Why should we do this now rather than next year?", kind: .challenge,
            focus: ["timing", "urgency", "now"], topic: "timing"
        )
        let approval = Draft(
            text: "Even if I like it, I'd need sign-off from finance and my boss. What would you give me to take to them?", kind: .challenge,
            focus: ["approval", "sign-off", "business case"], topic: "sign-off"
        )
        let proof = Draft(
            text: "What proof do you have that this pays off? What return have customers like us seen?", kind: .challenge,
            focus: ["proof", "roi", "return", "case study"], topic: "proof"
        )
        let fromAgenda = setting.agenda.prefix(1).map { item in
            Draft(
                text: "You mentioned “\(item)”. How would that work for a team like mine?", kind: .discussion, focus: contentWords(item),
                topic: item
            )
        }
        if setting.tone == .challenging { return [price, incumbent, pain, discovery] + fromAgenda + [timing, proof, approval] }
        return [discovery] + fromAgenda + [pain, price, incumbent, timing, approval, proof]
    }

    /// A presentation: the audience's questions on each agenda item, clarifying and challenging, and what to do next.
    private static func presentation(_ setting: Setting) -> [Draft] {
        let itemTemplates: [(text: (String) -> String, kind: PlannedQuestion.Kind)] = [
            ({ "Could you clarify what you meant on “\($0)”, and why it matters to us?" }, .discussion),
            ({ "On “\($0)”: where do those numbers come from, and how confident are you in them?" }, .challenge),
            ({ "How does “\($0)” affect my team in practice?" }, .discussion),
            ({ "What would change your mind about “\($0)”?" }, .challenge),
        ]
        // A challenging audience starts by questioning the data.
        let shift = setting.tone == .challenging ? 1 : 0
        var items: [Draft] = []
        if setting.agenda.isEmpty {
            items = [
                Draft(
                    text: "Could you go back to your main point and say it more simply?", kind: .discussion, focus: ["main point", "summary"]
                ),
                Draft(
                    text: "Where does your data come from, and how confident are you in it?", kind: .challenge,
                    focus: ["data", "source", "confidence"], topic: "your data"
                ),
                Draft(
                    text: "What's the biggest risk in what you're recommending?", kind: .challenge, focus: ["risk", "recommendation"],
                    topic: "risks"
                ),
            ]
        }
        for (offset, item) in setting.agenda.enumerated() {
            let template = itemTemplates[(offset + shift) % itemTemplates.count]
            items.append(Draft(text: template.text(item), kind: template.kind, focus: contentWords(item), topic: item))
        }
        let opener = Draft(
            text: "Before we get into the details: what's the one thing you want us to take away from this?", kind: .discussion,
            focus: ["takeaway", "message"]
        )
        let next = Draft(
            text: "So what should we do next, and who needs to do it?", kind: .discussion, focus: ["next steps", "action", "owner"],
            topic: "what to do next"
        )
        return [opener] + items + [next]
    }

    /// Any other conversation: set the scene, talk through each agenda item, and sum up.
    private static func conversation(_ setting: Setting) -> [Draft] {
        let opener = Draft(
            text: "Set the scene for me: what's this conversation about, and what outcome do you want from it?", kind: .discussion,
            focus: ["goal", "outcome"]
        )
        let hardest = Draft(
            text: "What's the hardest question someone could ask you here, and how would you answer it?", kind: .challenge,
            focus: ["objection", "answer"], topic: "the hardest question"
        )
        var items: [Draft] = []
        for (offset, item) in setting.agenda.enumerated() {
            let text =
                offset.isMultiple(of: 2)
                ? "Let's talk about “\(item)”. What's your view, and what's behind it?"
                : "On “\(item)”: what would you say if someone pushed back?"
            items.append(Draft(text: text, kind: .discussion, focus: contentWords(item), topic: item))
        }
        let fillers = [
            Draft(
                text: "What do you need from the other person by the end of this conversation?", kind: .discussion, focus: ["need", "ask"],
                topic: "what you need"
            ),
            Draft(
                text: "What's the strongest evidence for your position?", kind: .challenge, focus: ["evidence", "position"],
                topic: "your evidence"
            ),
        ]
        let close = Draft(
            text: "If you had to sum up your position in one sentence, what would it be?", kind: .discussion, focus: ["summary", "position"]
        )
        let middle = items + fillers.prefix(max(0, 3 - items.count))
        if setting.tone == .challenging { return [opener, hardest] + middle + [close] }
        return [opener] + middle + [hardest, close]
    }

    // MARK: - Tone, distinctness and the opening

    /// The drafts with the tone's lead-ins on some of them: a challenging coach presses on every other
    /// question, a supportive one eases into a few.
    private static func voiced(_ drafts: [Draft], tone: Tone) -> [Draft] {
        drafts.enumerated().map { entry in
            var draft = entry.element
            let position = entry.offset
            switch tone {
            case .neutral:
                break
            case .supportive where position > 0 && position.isMultiple(of: 2):
                let leads = ["Take your time with this one. ", "Think out loud if it helps. "]
                draft.text = leads[(position / 2 - 1) % leads.count] + draft.text
            case .challenging where !position.isMultiple(of: 2):
                let leads = ["Be specific. ", "Skip the preamble. ", "Convince me. "]
                draft.text = leads[(position / 2) % leads.count] + draft.text
            case .supportive, .challenging:
                break
            }
            return draft
        }
    }

    /// The drafts without empty ones and without any whose text equals, contains or is contained in an earlier one's.
    private static func distinct(_ drafts: [Draft]) -> [Draft] {
        var kept: [Draft] = []
        var keptTexts: [String] = []
        for draft in drafts {
            let text = draft.text.lowercased()
            guard !text.isEmpty, !keptTexts.contains(where: { $0.contains(text) || text.contains($0) }) else { continue }
            kept.append(draft)
            keptTexts.append(text)
        }
        return kept
    }

    /// The greeting and framing: who the coach plays, what the session covers, how many questions, and how to answer.
    private static func opening(_ setting: Setting, drafts: [Draft]) -> String {
        var sentences: [String] = []
        switch setting.tone {
        case .supportive: sentences.append("Hi, and welcome — it's great that you're practising this.")
        case .neutral: sentences.append("Hello, and thanks for making the time.")
        case .challenging: sentences.append("Let's get straight to it.")
        }
        sentences.append(part(setting))
        let topics = drafts.compactMap(\.topic)
        let agendaDriven = setting.preparation == .corporate || setting.preparation == .presentation || setting.preparation == .other
        if agendaDriven && !setting.agenda.isEmpty {
            sentences.append("We'll go through your agenda: \(naturalList(setting.agenda.map { clipped($0, to: 60) })).")
        } else if setting.preparation == .sales {
            sentences.append("I'll ask what a buyer asks, objections included: \(naturalList(Array(topics.prefix(7)))).")
        } else if setting.preparation == .pitch {
            sentences.append("I'll ask what investors ask: \(naturalList(Array(topics.prefix(7)))).")
        } else if !topics.isEmpty {
            sentences.append("We'll cover \(naturalList(topics.prefix(4).map { clipped($0, to: 80) })).")
        }
        let count = drafts.count == 1 ? "one question" : "\(drafts.count) questions"
        sentences.append("I have \(count) planned, and I may follow up on your answers.")
        if let context = setting.roleContext, setting.preparation != .sales {
            sentences.append("You described the setting as “\(context)”, and I'll keep that in mind.")
        }
        switch setting.tone {
        case .supportive: sentences.append("There are no wrong answers here, so take your time and try things out.")
        case .neutral: sentences.append("Answer as you would in the real conversation.")
        case .challenging: sentences.append("I'll push back when an answer is vague, so lead with your point and back it up.")
        }
        return sentences.joined(separator: " ")
    }

    /// Who the coach plays in this session.
    private static func part(_ setting: Setting) -> String {
        switch setting.preparation {
        case .interview:
            let round = setting.subtype.map { " This is a \($0) round." } ?? ""
            let title = setting.jobTitle ?? setting.role?.name
            switch (title, setting.firm) {
            case (let title?, let firm?): return "I'll be your interviewer for the \(title) role at \(firm).\(round)"
            case (let title?, nil): return "I'll be your interviewer for the \(title) role.\(round)"
            case (nil, let firm?): return "I'll be your interviewer at \(firm).\(round)"
            case (nil, nil): return "I'll be your interviewer for a general interview.\(round)"
            }
        case .corporate:
            switch meetingKind(setting.subtypeWords) {
            case .status: return "I'll play your manager and colleagues in a status update."
            case .oneOnOne: return "I'll play your manager in a one-on-one."
            case .review: return "I'll play the leadership team in your review."
            case .stakeholder: return "I'll play a sceptical stakeholder you need on your side."
            case .negotiation: return "I'll play the other side of the negotiation."
            case .general: return "I'll play the other people in your meeting" + (setting.subtype.map { " — a \($0)." } ?? ".")
            }
        case .pitch:
            return "I'll play an investor hearing your pitch" + (setting.subtype.map { " for your \($0)." } ?? ".")
        case .sales:
            let persona = setting.roleContext.map { " Think of me as \($0)." } ?? ""
            return "I'll play the buyer, and you're the seller.\(persona)"
        case .presentation:
            return "I'll play someone in your audience, asking questions after you present" + (setting.subtype.map { " — a \($0)." } ?? ".")
        case .other:
            return "I'll be your conversation partner" + (setting.subtype.map { " for a \($0)." } ?? " for this practice.")
        }
    }

    /// "a", "a and b", "a, b and c".
    private static func naturalList(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// The plan's focus terms: each question's focus, the gaps' names and the agenda's words, lowercased, each once.
    private static func focusTerms(_ questions: [PlannedQuestion], setting: Setting) -> [String] {
        var terms: [String] = []
        var seen: Set<String> = []
        var candidates = questions.flatMap(\.focus)
        candidates += setting.gaps.map { clipped($0.name, to: 60) }
        candidates += setting.agenda.flatMap { contentWords($0) }
        for candidate in candidates {
            let term = candidate.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
            guard !term.isEmpty, seen.insert(term).inserted else { continue }
            terms.append(term)
            if terms.count == maxFocusTerms { break }
        }
        return terms
    }

    /// Focus terms lowercased, trimmed and each once.
    private static func normalized(_ focus: [String]) -> [String] {
        var terms: [String] = []
        for term in focus.map({ $0.lowercased().trimmingCharacters(in: .whitespacesAndNewlines) }) where !term.isEmpty && !terms.contains(term) {
            terms.append(term)
        }
        return terms
    }

    /// `first` and `second` taken in turns, then whatever is left of the longer.
    private static func interleave(_ first: [Draft], _ second: [Draft]) -> [Draft] {
        var result: [Draft] = []
        for index in 0..<max(first.count, second.count) {
            if index < first.count { result.append(first[index]) }
            if index < second.count { result.append(second[index]) }
        }
        return result
    }

    // MARK: - Untrusted text

    /// Words too common to say what a text is about.
    private static let stopWords: Set<String> = [
        "about", "also", "been", "could", "does", "each", "from", "have", "into", "just", "make", "more", "most", "other", "over", "should",
        "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "under", "using", "very", "what",
        "when", "where", "which", "will", "with", "would", "your", "questions", "question", "discussion", "past", "e.g.",
    ]

    /// Up to six words of `text` that say what it is about: lowercased, four letters or more, no stop words.
    static func contentWords(_ text: String) -> [String] {
        var words: [String] = []
        let pieces = text.prefix(maxFreeTextLength).lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") })
        for piece in pieces {
            let word = piece.trimmingCharacters(in: CharacterSet(charactersIn: "-'"))
            guard word.count >= 4, !stopWords.contains(word), !words.contains(word) else { continue }
            words.append(word)
            if words.count == 6 { break }
        }
        return words
    }

    /// `text` read as untrusted: only its first `maxFreeTextLength` characters, whitespace collapsed, cut
    /// at a word boundary to `limit`; nil when nothing is left.
    static func bounded(_ text: String?, to limit: Int) -> String? {
        guard let text else { return nil }
        let collapsed = text.prefix(maxFreeTextLength).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !collapsed.isEmpty else { return nil }
        return clipped(collapsed, to: limit)
    }

    /// `text` cut to at most `limit` characters, at a word boundary when one falls in its second half, ending in "…".
    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        let head = text.prefix(limit - 1)
        guard let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= limit / 2 else {
            return String(head) + "…"
        }
        var cut = head[..<space]
        while let last = cut.last, last.isPunctuation || last.isWhitespace { cut.removeLast() }
        return String(cut) + "…"
    }

    /// The agenda's items: split on lines, semicolons, commas and numbered markers ("1.", "2)"), stripped
    /// of bullets and cut to `maxItemLength`; at most `maxAgendaItems`, no two alike.
    static func agendaItems(_ agenda: String?) -> [String] {
        guard let agenda else { return [] }
        var items: [String] = []
        var seen: Set<String> = []
        let lines = agenda.prefix(maxFreeTextLength).split(whereSeparator: { $0.isNewline || $0 == ";" || $0 == "," })
        for line in lines {
            for piece in numberedPieces(line) {
                guard let item = bounded(strippedOfMarkers(piece), to: maxItemLength), item.contains(where: { $0.isLetter || $0.isNumber }),
                    seen.insert(item.lowercased()).inserted
                else { continue }
                items.append(item)
                if items.count == maxAgendaItems { return items }
            }
        }
        return items
    }

    /// `line` split at numbered markers: one or two digits after a space, a "(" or the start, then "." or ")" and a space.
    private static func numberedPieces(_ line: Substring) -> [String] {
        let characters = Array(line)
        var pieces: [String] = []
        var current = ""
        var index = 0
        while index < characters.count {
            let atBoundary = index == 0 || characters[index - 1].isWhitespace || characters[index - 1] == "("
            if atBoundary, characters[index].isASCII, characters[index].isNumber {
                var end = index
                while end < characters.count, end - index < 3, characters[end].isASCII, characters[end].isNumber { end += 1 }
                let isMarker =
                    end - index <= 2 && end < characters.count && (characters[end] == "." || characters[end] == ")")
                    && (end + 1 == characters.count || characters[end + 1].isWhitespace)
                if isMarker {
                    pieces.append(current)
                    current = ""
                    index = end + 1
                    continue
                }
            }
            current.append(characters[index])
            index += 1
        }
        pieces.append(current)
        return pieces
    }

    /// `piece` without leading bullets and trailing full stops or colons.
    private static func strippedOfMarkers(_ piece: String) -> String {
        let bullets: Set<Character> = ["-", "*", "•", "–", "—", "·", ">", "(", ")", "#"]
        var text = Substring(piece).drop(while: { $0.isWhitespace || bullets.contains($0) })
        while let last = text.last, last.isWhitespace || last == "." || last == ":" { text.removeLast() }
        return String(text)
    }
}
