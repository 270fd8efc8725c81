import Foundation

/// What a job posting asks for, read the way a careful recruiter reads it.
public struct PostingReading: Sendable {
    /// How much a requirement matters.
    public enum Importance: String, Sendable, Comparable {
        case required, preferred, implicit

        var rank: Int {
            switch self {
            case .required: 0
            case .preferred: 1
            case .implicit: 2
            }
        }

        public static func < (lhs: Importance, rhs: Importance) -> Bool { lhs.rank < rhs.rank }
    }

    /// One skill the posting asks for.
    public struct Requirement: Sendable, Equatable {
        public var skillID: String
        public var importance: Importance
        /// 1–5.
        public var level: Int
        /// The sentence that states it and where it stands in the text; `nil` for an implicit one.
        public var sentence: String?
        public var sentenceRange: Range<String.Index>?
        /// "stated", "nice to have", "implied by PyTorch", "role template", with the wording of the level.
        public var reason: String

        public init(
            skillID: String, importance: Importance, level: Int, sentence: String?, sentenceRange: Range<String.Index>?, reason: String
        ) {
            self.skillID = skillID
            self.importance = importance
            self.level = level
            self.sentence = sentence
            self.sentenceRange = sentenceRange
            self.reason = reason
        }
    }

    public var required: [Requirement]
    public var preferred: [Requirement]
    public var implicit: [Requirement]
    public var role: RoleClassification?
    /// `junior`, `mid`, `senior`, `lead` or `not_specified`.
    public var seniority: String
    /// Programming languages asked for (required or preferred), as skill ids.
    public var languages: [String]
    /// What the business works on ("derivatives pricing", "payments"), most named first.
    public var domainFocus: [String]
}

/// Reads a posting: its sections (requirements, nice-to-haves, responsibilities, and boilerplate such
/// as benefits, about-us and equal-opportunity text, which yields no skill), then each skill the
/// matcher finds in the context a recruiter reads — negated ("no Java", "you do not need stochastic
/// calculus"), someone else's ("customers migrating from Tableau"), a name ("the SPARK programme",
/// "La Scala", the "Monte Carlo" tool) or a degree subject ("a degree in Mathematics or Physics") is
/// not a requirement — then a level for each from its wording and the seniority, the skills the stated
/// ones imply, and the role template's requirements the posting does not contradict.
public struct PostingReader: Sendable {
    let taxonomy: Taxonomy
    let matcher: SkillMatcher
    let classifier: RoleClassifier
    let domains: DomainLexicon

    public init(taxonomy: Taxonomy, matcher: SkillMatcher, classifier: RoleClassifier, domains: DomainLexicon) {
        self.taxonomy = taxonomy
        self.matcher = matcher
        self.classifier = classifier
        self.domains = domains
    }

    public func read(title: String?, text: String, within budget: WorkBudget = .unlimited) throws(WorkBudget.Exceeded) -> PostingReading {
        let sections = PostingSections(text)
        let scan = try matcher.scan(text, within: budget)
        var sentenceKinds: [String.Index: PostingSections.Kind?] = [:]
        var sentenceReadings: [String.Index: ProficiencyWording.Reading?] = [:]
        var found: [String: PostingReading.Requirement] = [:]
        var order: [String] = []
        var refused: Set<String> = []
        // A skill refused in a sentence is refused for the whole sentence ("the stack is Python and
        // TypeScript, and our frontend team owns the TypeScript").
        var refusedIn: Set<SentenceSkill> = []
        var candidates: [(SentenceSkill, PostingReading.Requirement)] = []
        let passedOver = Self.ambiguousReadings(scan.mentions, taxonomy: taxonomy)
        for (index, mention) in scan.mentions.enumerated() where !passedOver.contains(index) {
            if index & 0x3FF == 0 { try budget.check() }
            let sentenceKey = mention.sentenceRange.lowerBound
            let kind: PostingSections.Kind?
            if let known = sentenceKinds[sentenceKey] {
                kind = known
            } else {
                kind = sections.kind(of: mention.sentence, at: sentenceKey)
                sentenceKinds[sentenceKey] = kind
            }
            guard let kind, kind != .boilerplate else { continue }
            if MentionContext.isNotARequirement(mention, in: text) {
                refused.insert(mention.skillID)
                refusedIn.insert(SentenceSkill(sentence: sentenceKey, skillID: mention.skillID))
                continue
            }
            let importance: PostingReading.Importance = kind == .preferred ? .preferred : .required
            let sentence: ProficiencyWording.Reading?
            if let known = sentenceReadings[sentenceKey] {
                sentence = known
            } else {
                sentence = ProficiencyWording.reading(of: mention.sentence)
                sentenceReadings[sentenceKey] = sentence
            }
            // A sentence with no wording has none in any of its clauses.
            let own = sentence == nil ? nil : ProficiencyWording.clauseReading(at: mention.range, sentence: mention.sentenceRange, in: text)
            let wording = own ?? sentence
            let candidate = PostingReading.Requirement(
                skillID: mention.skillID, importance: importance, level: wording?.level ?? 0, sentence: mention.sentence,
                sentenceRange: mention.sentenceRange,
                reason: (importance == .preferred ? "nice to have" : kind == .responsibilities ? "stated in the responsibilities" : "stated")
                    + (wording.map { ": \"\($0.phrase)\"" } ?? "")
            )
            candidates.append((SentenceSkill(sentence: sentenceKey, skillID: mention.skillID), candidate))
        }
        for (key, candidate) in candidates where !refusedIn.contains(key) {
            if let existing = found[candidate.skillID] {
                // The stronger importance wins, then the stronger stated level.
                if candidate.importance < existing.importance || (candidate.importance == existing.importance && candidate.level > existing.level) {
                    found[candidate.skillID] = candidate
                }
            } else {
                found[candidate.skillID] = candidate
                order.append(candidate.skillID)
            }
        }
        // A skill refused somewhere and stated nowhere else stays out; stated elsewhere, it stays in.
        let statedYears = sentenceReadings.values.compactMap { $0?.years }.max()
        let seniority = Self.seniority(title: title ?? "", years: statedYears ?? ProficiencyWording.statedYears(in: text))
        var required: [PostingReading.Requirement] = []
        var preferred: [PostingReading.Requirement] = []
        for id in order {
            guard var requirement = found[id] else { continue }
            if requirement.level == 0 { requirement.level = Self.defaultLevel(requirement.importance, seniority: seniority) }
            if requirement.importance == .required { required.append(requirement) } else { preferred.append(requirement) }
        }
        let stated = Set(order)
        var implicit: [PostingReading.Requirement] = []
        var implicitIDs: Set<String> = []
        for requirement in required + preferred {
            for implied in taxonomy.skill(requirement.skillID)?.implies ?? []
            where !stated.contains(implied) && !refused.contains(implied) && implicitIDs.insert(implied).inserted {
                implicit.append(
                    .init(
                        skillID: implied, importance: .implicit, level: max(1, min(requirement.level, 5) - 1), sentence: nil, sentenceRange: nil,
                        reason: "implied by \(taxonomy.skill(requirement.skillID)?.name ?? requirement.skillID)"
                    )
                )
            }
        }
        try budget.check()
        let role = classifier.classify(title: title ?? "", text: text, textScan: scan)
        if let best = role?.best, best.score >= RoleClassifier.threshold, let template = taxonomy.roles.first(where: { $0.id == best.roleID }) {
            for need in template.required where !stated.contains(need.skill) && !refused.contains(need.skill) && implicitIDs.insert(need.skill).inserted {
                implicit.append(.init(skillID: need.skill, importance: .implicit, level: need.level, sentence: nil, sentenceRange: nil, reason: "role template"))
            }
        }
        let languages = (required + preferred).map(\.skillID).filter { taxonomy.skill($0)?.category == "programming_language" }
        return PostingReading(
            required: required, preferred: preferred, implicit: implicit, role: role, seniority: seniority, languages: languages,
            domainFocus: domains.focus(of: text)
        )
    }

    /// A name two skills share ("model validation": model evaluation or model risk management; "GBM")
    /// is read as the skill whose group the rest of the text names most; the other readings' indices
    /// are returned. With no group ahead, every reading stays.
    static func ambiguousReadings(_ mentions: [SkillMention], taxonomy: Taxonomy) -> Set<Int> {
        var byRange: [Range<String.Index>: [Int]] = [:]
        for (index, mention) in mentions.enumerated() { byRange[mention.range, default: []].append(index) }
        let shared = byRange.values.filter { $0.count > 1 }
        guard !shared.isEmpty else { return [] }
        var groups: [String: Int] = [:]
        for indices in byRange.values where indices.count == 1 {
            if let group = taxonomy.skill(mentions[indices[0]].skillID)?.group { groups[group, default: 0] += 1 }
        }
        var passedOver: Set<Int> = []
        for indices in shared {
            let weights = indices.map { groups[taxonomy.skill(mentions[$0].skillID)?.group ?? "", default: 0] }
            guard let best = weights.max(), weights.filter({ $0 == best }).count == 1 else { continue }
            for (index, weight) in zip(indices, weights) where weight < best { passedOver.insert(index) }
        }
        return passedOver
    }

    /// One skill in one sentence.
    struct SentenceSkill: Hashable {
        var sentence: String.Index
        var skillID: String
    }

    /// The level a requirement gets when its words state none: what the seniority expects of a
    /// required skill, one less for a nice-to-have.
    public static func defaultLevel(_ importance: PostingReading.Importance, seniority: String) -> Int {
        let base =
            switch seniority {
            case "junior": 2
            case "senior", "lead": 4
            default: 3
            }
        return importance == .preferred ? max(1, base - 1) : base
    }

    /// The seniority a title states, else the years the text asks for (0–1 junior, 2–4 mid, 5–7
    /// senior, 8 or more lead), else `not_specified`.
    public static func seniority(title: String, text: String) -> String {
        seniority(title: title, years: ProficiencyWording.statedYears(in: text))
    }

    /// The seniority a title states, else what `years` of experience asked for mean.
    static func seniority(title: String, years: Int?) -> String {
        if let stated = SeniorityWording.fromTitle(title) { return stated }
        guard let years else { return "not_specified" }
        switch years {
        case ..<2: return "junior"
        case 2...4: return "mid"
        case 5...7: return "senior"
        default: return "lead"
        }
    }
}

/// The seniority words of a job title.
public enum SeniorityWording {
    /// `lead`, `senior`, `junior` or `mid` when the title says so ("Senior Quant Researcher"); `nil` otherwise.
    public static func fromTitle(_ title: String) -> String? {
        let lowered = title.lowercased()
        let words = Set(Tokenizer.words(in: lowered))
        if !words.isDisjoint(with: ["lead", "principal", "staff", "head", "director"]) { return "lead" }
        if !words.isDisjoint(with: ["senior", "sr"]) { return "senior" }
        if !words.isDisjoint(with: ["junior", "jr", "intern", "internship", "graduate", "entry", "trainee"]) { return "junior" }
        if words.contains("mid") || lowered.contains("mid-level") { return "mid" }
        return nil
    }
}

/// A posting's parts by their headings: what is required, what is nice to have, what the job does,
/// and boilerplate (benefits, pay, about us, equal opportunity, how to apply).
struct PostingSections: Sendable {
    enum Kind: Sendable, Equatable {
        case required, preferred, responsibilities, boilerplate
    }

    /// Where each heading's section starts, in text order.
    private(set) var starts: [(index: String.Index, kind: Kind)] = []
    /// Whether the posting has headings at all; without any, every sentence is read for requirements.
    var hasHeadings: Bool { !starts.isEmpty }

    init(_ text: String) {
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            if let kind = Self.heading(text[lineStart..<lineEnd]) { starts.append((lineStart, kind)) }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
    }

    /// The kind of the section `index` falls in: before the first heading, the about-us opening of a
    /// posting that has headings.
    func section(at index: String.Index) -> Kind? {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle].index <= index { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? (hasHeadings ? .boilerplate : nil) : starts[low - 1].kind
    }

    /// How to read one sentence: its own words first (a benefit, "is a plus", "required"), then its
    /// section. `nil` means read for requirements with no section to say more (a posting without headings).
    func kind(of sentence: String, at index: String.Index) -> Kind? {
        let padded = " \(sentence) "
        if Self.boilerplateWords.occurs(in: padded) { return .boilerplate }
        if Self.preferredWords.occurs(in: padded) { return .preferred }
        let section = section(at: index)
        if section == .boilerplate, Self.requirementWords.occurs(in: padded) { return .required }
        return section ?? .required
    }

    /// `text` without the white space at either end, read by scalars (no bridging, no copy).
    static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return text[text.endIndex...] }
        return Substring(scalars[first...last])
    }

    /// A heading: a short line, maybe `#`-marked, bold or ending in a colon, whose words name a kind of section.
    static func heading(_ line: Substring) -> Kind? {
        // A heading is short: a long line is passed over before any of it is read by characters.
        guard line.utf8.count <= 400 else { return nil }
        var text = trimmed(line)
        while let first = text.first, "#*_".contains(first) { text.removeFirst() }
        while let last = text.last, "*_:".contains(last) { text.removeLast() }
        text = trimmed(text)
        guard !text.isEmpty, text.count <= 60, text.split(separator: " ").count <= 8, text.last != "." else { return nil }
        let padded = " \(text) "
        if preferredHeadings.occurs(in: padded) { return .preferred }
        if boilerplateHeadings.occurs(in: padded) { return .boilerplate }
        if requiredHeadings.occurs(in: padded) { return .required }
        if responsibilityHeadings.occurs(in: padded) { return .responsibilities }
        return nil
    }

    static let preferredHeadings = PhraseSet([
        "nice to have", "nice-to-have", "preferred", "bonus", " plus", "would be great", "great if", "desirable", "ideally", "good to have",
        "extra credit", "not required", "optional", "even better",
    ])
    static let boilerplateHeadings = PhraseSet([
        "benefit", "perks", "what we offer", "we offer", "compensation", "salary", "pay ", "about us", "who we are", "about the company",
        "about the team", "our team", "our company", "equal opportunit", "diversity", "eeo", "how to apply", "why join", "why work",
        "life at", "our values", "culture", "location", "working here", "the package", "rewards",
    ])
    static let responsibilityHeadings = PhraseSet([
        "responsibilit", "what you'll do", "what you will do", "what you’ll do", "the role", "your role", "day to day", "day-to-day",
        "duties", "in this role", "the job", "what you'll work on", "you will", "the work", "your mission", "impact", "what you'll",
        "what you will", "what you’ll", "you'll own", "you will own", "you'll do", "your day",
    ])
    static let requiredHeadings = PhraseSet([
        "requirement", "qualification", "what you'll need", "what you need", "what you’ll need", "must have", "must-have", "you have",
        "you bring", "about you", "who you are", "skills", "experience", "looking for", "essential", "what we need", "you'll need",
        "to succeed", "we expect",
    ])

    /// Words that make a sentence boilerplate wherever it stands: pay, benefits, perks, equal opportunity.
    static let boilerplateWords = PhraseSet([
        " salary", " equity", " 401(k)", " 401k", " pension", " health insurance", " dental", " vision insurance", " paid time off",
        " pto ", " vacation", " parental leave", " gym", " wellness", " stipend", " equal opportunity", " regardless of", " race,",
        " visa sponsorship", " relocation", " free lunch", " snacks", " remote-first", " hybrid working", " bonus scheme", " stock options",
    ])
    /// Words that make a requirement a nice-to-have wherever it stands.
    static let preferredWords = PhraseSet([
        " a plus", " is a plus", " a bonus", " nice to have", " nice-to-have", " preferred", " ideally", " desirable", " would be great",
        " is an advantage", " an advantage", " not required but", " helpful", " beneficial", " bonus points", " is welcome", " are welcome",
        " welcome too",
    ])
    /// Words that make a sentence in an about-us opening a requirement after all.
    static let requirementWords = PhraseSet([
        " you have ", " you'll have ", " you will have ", " required", " must ", " you bring ", " experience with ", " experience in ",
        " years of ", " proficiency ", " strong ",
    ])
}

/// The context around one mention that tells a recruiter it is not asked of the candidate.
enum MentionContext {
    /// How far back a negation or another party's word reaches, in characters.
    static let reach = 100

    static let negations = PhraseSet([
        " no ", " not ", "n't ", " without ", " never ", " nor ", " neither ", " no need ", " not required", " not needed",
        " not necessary", " unnecessary",
    ])
    /// Said right after a skill: "Java is not required".
    static let notNeededAfter = PhraseSet([" is not required", " not required", " is not needed", " isn't required", " is not necessary"])
    /// Said after a skill in its clause: "the models owned by the research team".
    static let ownedAfter = PhraseSet([" owned by ", " used by ", " maintained by ", " handled by "])
    /// Said after a skill, anywhere up to a hard break: "…Power BI reports, so you will not need to".
    static let laterNegations = PhraseSet([" you will not need", " you won't need", " you do not need", " you don't need", " you will never need"])
    static let otherParties = PhraseSet([
        " customers ", " customer ", " clients ", " client ", " competitors ", " competitor ", " competing ", " migrating from ",
        " migrate from ", " migrating off ", " moving from ", " moving off ", " moved off ", " moved away from ", " migrated off ",
        " migrated away from ", " rivals ", " replacing ", " replace ", " team owns ", " teams own ", " team own ", " team runs ",
        " team maintains ", " team handles ", " team builds ", " owned by ", " used by ", " handled by ", " maintained by ",
    ])
    static let degreeWords = PhraseSet([
        "degree", "bachelor", "master's", "masters", "msc", "bsc", "b.sc", "m.sc", "phd", "ph.d", "doctorate", "undergraduate", "major in",
        " ba ", " bs ", " ms ",
    ])
    static let nameFollowers: Set<String> = [
        "programme", "program", "tool", "platform", "product", "app", "initiative", "office", "building", "theatre", "theater", "opera",
        "award", "fellowship", "scheme", "festival", "conference", "hackathon", "project", "campus", "observability",
    ]
    /// Words after a skill that make it the name of a group of people: "our go-to-market team".
    static let groupFollowers: Set<String> = ["team", "teams", "department", "group", "org", "organisation", "organization", "guild"]
    static let nameParticles: Set<String> = ["la", "le", "los", "las", "san", "santa", "st", "fort", "mount", "lake", "port", "new", "el"]
    /// Skills whose names are also the people they name: "present findings to leadership".
    static let audienceNames: Set<String> = ["leadership", "management", "senior leadership", "executive leadership"]

    /// Whether the mention is negated, someone else's, a name or a team, a degree subject, an
    /// audience, or an on-call rotation.
    static func isNotARequirement(_ mention: SkillMention, in text: String) -> Bool {
        let before = " " + lowered(backFrom: mention.range.lowerBound, to: mention.sentenceRange.lowerBound, in: text)
        let after = lowered(forwardFrom: mention.range.upperBound, to: mention.sentenceRange.upperBound, in: text) + " "
        if negations.occurs(in: before) || otherParties.occurs(in: before) { return true }
        let clauseAfter = after.prefix { $0 != "," && $0 != ";" && $0 != ":" } + " "
        if notNeededAfter.occurs(in: clauseAfter.prefix(24)) || ownedAfter.occurs(in: clauseAfter) { return true }
        let rest = after.prefix { $0 != ";" && $0 != ":" }
        if laterNegations.occurs(in: rest) { return true }
        if isName(mention, in: text) { return true }
        let written = mention.matchedText.lowercased()
        if audienceNames.contains(written) {
            let lead = before.suffix(6).lowercased()
            if [" to ", " for ", " with ", " by ", " from "].contains(where: { lead.hasSuffix($0) }) { return true }
        }
        if isDegreeSubject(mention, in: text) { return true }
        return written == "on-call" || written == "on call"
    }

    /// The text before `index` back to a hard break (`.`, `;`, `:`, `,`, "but") or `reach` characters,
    /// lower-cased: the words that can still govern the mention.
    static func lowered(backFrom index: String.Index, to limit: String.Index, in text: String) -> String {
        var start = index
        var count = 0
        while start > limit && count < reach {
            let previous = text.index(before: start)
            let character = text[previous]
            if character == ";" || character == ":" || character == "," || character == "." || character == "\n" { break }
            start = previous
            count += 1
        }
        let window = text[start..<index]
        // Words after a "but" are governed by it, not by what came before.
        if let but = lastOccurrence(of: " but ", in: window) { return String(window[but...]) }
        return String(window)
    }

    /// Where the last occurrence of `word` (ASCII, lower case) in `text` ends, ignoring case.
    static func lastOccurrence(of word: String, in text: Substring) -> Substring.Index? {
        let pattern = Array(word.utf8)
        let bytes = Array(text.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var start = bytes.count - pattern.count
        while start >= 0 {
            var offset = 0
            while offset < pattern.count && PhraseSet.folded(bytes[start + offset]) == pattern[offset] { offset += 1 }
            if offset == pattern.count { return text.utf8.index(text.utf8.startIndex, offsetBy: start + pattern.count) }
            start -= 1
        }
        return nil
    }

    /// The text after `index` to the end of its sentence or `reach` characters, lower-cased.
    static func lowered(forwardFrom index: String.Index, to limit: String.Index, in text: String) -> String {
        let end = text.index(index, offsetBy: reach, limitedBy: limit) ?? limit
        return String(text[index..<max(index, end)])
    }

    /// A subject in a degree requirement: "a degree in Mathematics, Statistics or Physics".
    static func isDegreeSubject(_ mention: SkillMention, in text: String) -> Bool {
        let start = text.index(mention.range.lowerBound, offsetBy: -200, limitedBy: mention.sentenceRange.lowerBound) ?? mention.sentenceRange.lowerBound
        let before = " " + text[start..<mention.range.lowerBound]
        guard let inWordEnd = lastOccurrence(of: " in ", in: before[...]) else { return false }
        let inWord = before.index(inWordEnd, offsetBy: -4)..<inWordEnd
        let list = before[inWord.upperBound...]
        // Only names, commas and "or"/"and" between "in" and the subject: still the degree's list.
        guard !list.contains(";"), !list.contains("."), list.split(separator: " ").count <= 12 else { return false }
        return degreeWords.occurs(in: before[..<inWord.lowerBound].suffix(60))
    }

/// A quoted name ("SPARK", “Monte Carlo”), a name followed by what it names ("the Monte Carlo
    /// observability tool"), or a place after a particle ("La Scala").
    static func isName(_ mention: SkillMention, in text: String) -> Bool {
        let start = mention.range.lowerBound
        let end = mention.range.upperBound
        if start > text.startIndex, end < text.endIndex {
            let open = text[text.index(before: start)]
            let close = text[end]
            if "\"“‘'«".contains(open) && "\"”’'»".contains(close) { return true }
        }
        let following = Tokenizer.firstWord(in: text[end...], within: 40)?.lowercased()
        let preceding = Tokenizer.lastWord(in: text[..<start], within: 40)
        if let following, nameFollowers.contains(following), preceding?.lowercased() == "the" { return true }
        if let following, groupFollowers.contains(following), text[end...].first == " " { return true }
        if let word = preceding, nameParticles.contains(word.lowercased()), word.first?.isUppercase == true,
            mention.matchedText.first?.isUppercase == true
        {
            // "La Scala": a capitalised particle right before the name, not at a sentence's start.
            let gap = text[word.endIndex..<start]
            return gap == " "
        }
        return false
    }
}

/// The business areas a posting names ("derivatives pricing", "payments", "recommender systems"),
/// from `domains.json`.
public struct DomainLexicon: Sendable {
    public struct Domain: Codable, Sendable {
        public var name: String
        public var phrases: [String]
    }

    let domains: [Domain]
    /// First word key → (domain index, the phrase's keys).
    private let index: [String: [(domain: Int, keys: [String])]]

    public init(domains: [Domain]) {
        self.domains = domains
        var index: [String: [(domain: Int, keys: [String])]] = [:]
        for (position, domain) in domains.enumerated() {
            for phrase in [domain.name] + domain.phrases {
                let keys = Tokenizer.tokenize(phrase).map(\.key)
                guard let first = keys.first else { continue }
                index[first, default: []].append((position, keys))
            }
        }
        self.index = index
    }

    /// The lexicon shipped with the taxonomy.
    public static func bundled() throws -> DomainLexicon {
        struct File: Decodable { var domains: [Domain] }
        let url = try Taxonomy.resourceDirectory().appendingPathComponent("domains.json")
        return DomainLexicon(domains: try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).domains)
    }

    /// The domains `text` names, most named first (three at most).
    func focus(of text: String) -> [String] {
        let tokens = Tokenizer.tokenize(text)
        var counts: [Int: Int] = [:]
        var firstSeen: [Int: Int] = [:]
        for (position, token) in tokens.enumerated() {
            guard let candidates = index[token.key] else { continue }
            for candidate in candidates where position + candidate.keys.count <= tokens.count {
                var matches = true
                for offset in 1..<max(1, candidate.keys.count) where tokens[position + offset].key != candidate.keys[offset] {
                    matches = false
                    break
                }
                guard matches else { continue }
                counts[candidate.domain, default: 0] += 1
                if firstSeen[candidate.domain] == nil { firstSeen[candidate.domain] = position }
            }
        }
        return counts.keys.sorted { (counts[$0] ?? 0, -(firstSeen[$0] ?? 0)) > (counts[$1] ?? 0, -(firstSeen[$1] ?? 0)) }
            .prefix(3).map { domains[$0].name }
    }
}
