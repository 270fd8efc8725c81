import Foundation
import PathwiseProtocol

/// A lesson read by its parts, the way every lesson in the library is written: the idea, its key
/// formulas (or frameworks), a worked example, code, how it comes up in interviews, and takeaways.
/// The explanation engines put these together; they never write a fact of their own.
struct LessonParts: Sendable, Equatable {
    /// A question from the lesson's interview section, with the answer the lesson gives.
    struct InterviewQuestion: Sendable, Equatable {
        var question: String
        var answer: String
    }

    var idea: String?
    /// "Key formulas" or "Key frameworks".
    var formulas: String?
    var formulasTitle: String?
    var workedExample: String?
    var code: String?
    /// The language the code section's first fence names (`python`, `sql`), as written.
    var codeLanguage: String?
    var interview: String?
    var questions: [InterviewQuestion]
    var takeaways: [String]

    /// Splits `markdown` at its `##` headings and reads each known one; other sections are left out.
    init(markdown: String) {
        var sections: [(title: String, body: String)] = []
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let located = MarkdownHeadings.locate(lines).filter { $0.heading.level == 2 }
        for (index, heading) in located.enumerated() {
            let end = index + 1 < located.count ? located[index + 1].line : lines.count
            let body = lines[(heading.line + 1)..<end].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            sections.append((heading.heading.text, body))
        }
        func section(_ titles: String...) -> (title: String, body: String)? {
            sections.first { section in titles.contains { section.title.lowercased().hasPrefix($0) } }
        }
        idea = section("the idea")?.body
        let formulas = section("key formulas", "key frameworks")
        self.formulas = formulas?.body
        formulasTitle = formulas?.title
        workedExample = section("worked example")?.body
        code = section("in code")?.body
        codeLanguage = code.flatMap { code in
            code.split(separator: "\n").first { $0.hasPrefix("```") }.map { $0.dropFirst(3).trimmingCharacters(in: .whitespaces) }
        }.flatMap { $0.isEmpty ? nil : $0 }
        interview = section("in the interview")?.body
        questions = interview.map(Self.questions) ?? []
        takeaways = (section("key takeaways")?.body ?? "").split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") else { return nil }
            return String(trimmed.dropFirst(2))
        }
    }

    /// The interview section's questions: a paragraph or a top-level list item that opens with a bold
    /// question (`**"…"**` or `- **"…"**`); what follows, up to the next question, is its answer
    /// (a list item's nested lines brought back to the margin).
    static func questions(in interview: String) -> [InterviewQuestion] {
        var questions: [InterviewQuestion] = []
        var current: (question: String, answer: [Substring], listed: Bool)?
        func finish() {
            guard let open = current else { return }
            let answer = open.answer.map { line in open.listed && line.hasPrefix("  ") ? line.dropFirst(2) : line }
                .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !open.question.isEmpty && !answer.isEmpty { questions.append(InterviewQuestion(question: open.question, answer: answer)) }
            current = nil
        }
        for line in interview.split(separator: "\n", omittingEmptySubsequences: false) {
            let listed = line.hasPrefix("- **")
            let opening = listed ? line.dropFirst(2) : line
            if opening.hasPrefix("**\"") || opening.hasPrefix("**“"), let close = opening.dropFirst(2).range(of: "**") {
                finish()
                let question = opening[opening.index(opening.startIndex, offsetBy: 2)..<close.lowerBound]
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\"“”' "))
                current = (question, [opening[close.upperBound...]], listed)
            } else if current != nil {
                current?.answer.append(line)
            }
        }
        finish()
        return questions
    }
}
