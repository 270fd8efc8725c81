import Foundation
import PathwiseProtocol
import ServiceKit

/// The LLM explanation engine: one prompt per lesson and audience, the lesson's text as the only
/// source, JSON sections out, checked before anything is kept.
struct LanguageModelExplainer: Sendable {
    /// The answer asked for.
    struct Answer: Decodable, Sendable {
        struct Section: Decodable, Sendable {
            var kind: String
            var title: String
            var markdown: String
        }

        var sections: [Section]
    }

    /// What a kept section's title and text may be, in characters.
    static let titleLength = 1...120
    static let markdownLength = 1...12_000

    let client: LanguageModelClient

    var engine: String { client.engine }

    /// The sections the model wrote for `lesson` and `audience`, in the audience's order; `connections`
    /// is not asked for (it names the resume and is made per request).
    func sections(for lesson: LessonDTO, audience: ExplanationAudience, postingSentences: [String]) async throws(LanguageModelError)
        -> [ExplanationSectionDTO]
    {
        let answer = try await client.completeJSON(Self.prompt(for: lesson, audience: audience, postingSentences: postingSentences), as: Answer.self)
        guard let sections = Self.validated(answer, order: ExplanationComposer.order(for: audience.learningStyle)) else {
            throw .malformed("the sections are not the five asked for, each once, with a title and text of a sensible length")
        }
        return sections
    }

    /// The five sections, each once, in `order`; `nil` when anything is missing, repeated, unknown or out of bounds.
    static func validated(_ answer: Answer, order: [ExplanationSectionDTO.Kind]) -> [ExplanationSectionDTO]? {
        var byKind: [ExplanationSectionDTO.Kind: ExplanationSectionDTO] = [:]
        for section in answer.sections {
            let title = section.title.trimmingCharacters(in: .whitespacesAndNewlines)
            let markdown = section.markdown.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let kind = ExplanationSectionDTO.Kind(rawValue: section.kind), kind != .connections, byKind[kind] == nil,
                titleLength.contains(title.count), markdownLength.contains(markdown.count)
            else { return nil }
            byKind[kind] = ExplanationSectionDTO(kind: kind, title: title, markdown: markdown)
        }
        let wanted = order.filter { $0 != .connections }
        guard byKind.count == wanted.count else { return nil }
        return wanted.compactMap { byKind[$0] }
    }

    static func prompt(for lesson: LessonDTO, audience: ExplanationAudience, postingSentences: [String]) -> [ChatMessage] {
        let kinds = ExplanationComposer.order(for: audience.learningStyle).filter { $0 != .connections }.map(\.rawValue)
        let system = """
            You explain one lesson of a learning library to one person, for the job they want. Use only facts \
            from the lesson text and the job details given; never invent numbers, names or claims. Answer with \
            a JSON object {"sections": [{"kind", "title", "markdown"}]} holding exactly these kinds, in this order: \
            \(kinds.joined(separator: ", ")). why_it_matters: what this lesson means for this job, quoting the \
            posting's sentences where given. explanation: the idea, shaped by the learning style. worked_example: \
            the lesson's example, framed for the job. interview_angle: how it is asked for this role. practice: \
            three questions, each with its answer. Markdown only; keep LaTeX as the lesson writes it.
            """
        var job: [String] = []
        if let role = audience.role {
            job.append("Role: \(role.name). Interview themes: \(role.interviewThemes.joined(separator: "; ")).")
        } else {
            job.append("No job target: explain for the preferences alone.")
        }
        if !postingSentences.isEmpty { job.append("Sentences of the posting that name this lesson's topics:\n" + postingSentences.map { "- \($0)" }.joined(separator: "\n")) }
        job.append("Learning style: \(audience.learningStyle?.rawValue ?? "not given").")
        job.append("Experience: \(audience.experienceLevel?.rawValue ?? "not given"). Math background: \(audience.mathBackground?.rawValue ?? "not given").")
        let user = job.joined(separator: "\n") + "\n\nLesson: \(lesson.summary.title)\n\n" + lesson.markdown
        return [ChatMessage(role: "system", content: system), ChatMessage(role: "user", content: user)]
    }
}
