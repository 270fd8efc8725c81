import Foundation
import Testing

@testable import Pathing

@Suite("Spaced review (FSRS-6)")
struct SpacedReviewTests {
    @Test("every review sequence gives the reference implementation's stability, difficulty and interval", arguments: FSRSGolden.sequences.map(\.name))
    func golden(name: String) throws {
        let steps = try #require(FSRSGolden.sequences.first { $0.name == name }?.steps)
        let scheduler = SpacedReview()
        var memory: SpacedReview.Memory?
        var at = Date(timeIntervalSince1970: FSRSGolden.start)
        for (index, step) in steps.enumerated() {
            at = at.addingTimeInterval(step.hours * 3600)
            let grade = try #require(SpacedReview.Grade(rawValue: step.grade))
            let next = scheduler.review(memory, grade: grade, at: at)
            #expect(abs(next.stability - step.stability) <= 1e-9 * max(1, step.stability), "\(name) #\(index): stability \(next.stability) vs \(step.stability)")
            #expect(abs(next.difficulty - step.difficulty) <= 1e-9, "\(name) #\(index): difficulty \(next.difficulty) vs \(step.difficulty)")
            #expect(SpacedReview.wholeDays(from: at, to: next.due) == step.intervalDays, "\(name) #\(index): interval")
            #expect(next.reviews == index + 1)
            memory = next
        }
    }

    @Test("recall is certain right after a review and falls to the desired retention when the review is due")
    func retrievability() {
        let scheduler = SpacedReview()
        let start = Date(timeIntervalSince1970: FSRSGolden.start)
        let memory = scheduler.review(nil, grade: .good, at: start)
        #expect(scheduler.retrievability(memory, at: start) == 1)
        let due = scheduler.retrievability(stability: memory.stability, elapsedDays: Int(memory.stability.rounded()))
        #expect(abs(due - 0.9) < 0.02)
        #expect(scheduler.retrievability(memory, at: start.addingTimeInterval(365 * 86_400)) < 0.9)
    }
}
