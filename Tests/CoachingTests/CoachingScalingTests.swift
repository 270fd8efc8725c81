import Foundation
import Intelligence
import PathwiseProtocol
import TestSupport
import Testing

@testable import Coaching

/// The engines read untrusted text: an answer of up to 4,000 characters, a session of up to 60 of them.
/// Their cost must grow linearly; these run in the serial phase of `make test` (the suite name ends in
/// ScalingTests), so parallel suites cannot skew the timings.
@Suite("Coaching engine scaling")
struct CoachingScalingTests {
    /// One sentence of a plausible answer, with a hedge, a filler, a figure and a passive clause in it.
    static let sentence = "Um, I think maybe the pipeline was rebuilt by the team and it cut the run from 40 to 12 minutes, you know. "

    @Test("reading an answer grows linearly with its length, and so do words with no sentence end at all")
    func answerReading() {
        let sentences = costGrowth(n: 4) { size in _ = AnswerReading(String(repeating: Self.sentence, count: size)) }
        #expect(sentences < linearGrowthBound, "growth \(sentences)")
        let runOn = costGrowth(n: 60) { size in _ = AnswerReading(String(repeating: "and then like ", count: size)) }
        #expect(runOn < linearGrowthBound, "growth \(runOn)")
    }

    @Test("evaluating a session and the coach's next turn grow linearly with the number of answers")
    func sessions() throws {
        let planner = SessionPlanner(taxonomy: try Taxonomy.bundled())
        let brief = SessionBrief(preparationType: .interview, tone: .neutral)
        let plan = planner.plan(brief, context: .unknown)
        func transcript(_ answers: Int) -> [TurnDTO] {
            var turns = [TurnDTO(turnNumber: 1, role: .coach, content: SessionPlanner.openingTurn(plan), createdAt: Date(timeIntervalSince1970: 0))]
            for index in 0..<answers {
                turns.append(TurnDTO(turnNumber: turns.count + 1, role: .user, content: String(repeating: Self.sentence, count: 6), createdAt: Date(timeIntervalSince1970: 0)))
                turns.append(TurnDTO(turnNumber: turns.count + 1, role: .coach, content: "Follow-up number \(index)?", createdAt: Date(timeIntervalSince1970: 0)))
            }
            return turns
        }
        let evaluation = costGrowth(n: 6) { size in
            _ = SessionEvaluator().evaluate(EvaluationInput(preparationType: .interview, tone: .neutral, turns: transcript(size), focusTerms: plan.focusTerms))
        }
        #expect(evaluation < linearGrowthBound, "growth \(evaluation)")
        let coach = costGrowth(n: 6) { size in _ = EmbeddedCoach().reply(plan: plan, brief: brief, transcript: Array(transcript(size).dropLast())) }
        #expect(coach < linearGrowthBound, "growth \(coach)")
    }
}
