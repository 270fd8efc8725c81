import Foundation

/// Spaced review by FSRS-6 (the Free Spaced Repetition Scheduler, version 6) with its published default
/// parameters: how well a person remembers a lesson (stability, in days until recall falls to the
/// desired retention; difficulty, 1–10) and when to review it next. Day granularity: no learning
/// steps, no fuzzing. Checked against the reference implementation (py-fsrs 6.1.0) by golden tests.
struct SpacedReview: Sendable {
    /// How a review went.
    enum Grade: Int, Sendable, CaseIterable, Codable {
        case again = 1, hard, good, easy
    }

    /// What is known of one lesson's memory after its last review.
    struct Memory: Sendable, Equatable, Codable {
        /// Days for recall to fall to the desired retention (when the review interval is due).
        var stability: Double
        /// 1 (easy) to 10 (hard).
        var difficulty: Double
        var lastReview: Date
        var due: Date
        var reviews: Int
    }

    /// FSRS-6's published default parameters (w0–w20).
    static let defaultParameters: [Double] = [
        0.2172, 1.1771, 3.2602, 16.1507, 7.0114, 0.57, 2.0966, 0.0069, 1.5261, 0.112, 1.0178, 1.849, 0.1133, 0.3127, 2.2934, 0.2191,
        3.0004, 0.7536, 0.3332, 0.1437, 0.2,
    ]
    static let minimumStability = 0.001
    static let secondsPerDay = 86_400.0

    let parameters: [Double]
    /// The probability of recall a review is scheduled for.
    let desiredRetention: Double
    /// The longest interval, in days.
    let maximumInterval: Int
    private let decay: Double
    private let factor: Double

    init(parameters: [Double] = Self.defaultParameters, desiredRetention: Double = 0.9, maximumInterval: Int = 36_500) {
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.maximumInterval = maximumInterval
        self.decay = -parameters[20]
        self.factor = pow(0.9, 1 / decay) - 1
    }

    /// The memory after a review graded `grade` at `date`; `memory` is `nil` for the first review.
    func review(_ memory: Memory?, grade: Grade, at date: Date) -> Memory {
        let stability: Double
        let difficulty: Double
        if let memory {
            let elapsedDays = Self.wholeDays(from: memory.lastReview, to: date)
            if elapsedDays < 1 {
                stability = shortTermStability(memory.stability, grade: grade)
            } else {
                let recall = retrievability(stability: memory.stability, elapsedDays: elapsedDays)
                stability = grade == .again
                    ? forgetStability(difficulty: memory.difficulty, stability: memory.stability, retrievability: recall)
                    : recallStability(difficulty: memory.difficulty, stability: memory.stability, retrievability: recall, grade: grade)
            }
            difficulty = nextDifficulty(memory.difficulty, grade: grade)
        } else {
            stability = max(parameters[grade.rawValue - 1], Self.minimumStability)
            difficulty = initialDifficulty(grade)
        }
        let clamped = max(stability, Self.minimumStability)
        let interval = intervalDays(stability: clamped)
        return Memory(
            stability: clamped, difficulty: difficulty, lastReview: date, due: date.addingTimeInterval(Double(interval) * Self.secondsPerDay),
            reviews: (memory?.reviews ?? 0) + 1
        )
    }

    /// The probability of recalling a lesson at `date`.
    func retrievability(_ memory: Memory, at date: Date) -> Double {
        retrievability(stability: memory.stability, elapsedDays: Self.wholeDays(from: memory.lastReview, to: date))
    }

    /// Whole days from `start` to `end`, rounded down, never negative.
    static func wholeDays(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / secondsPerDay).rounded(.down)))
    }

    func retrievability(stability: Double, elapsedDays: Int) -> Double {
        pow(1 + factor * Double(elapsedDays) / stability, decay)
    }

    /// Days until recall falls to the desired retention, rounded half to even as the reference does, 1 at least.
    func intervalDays(stability: Double) -> Int {
        let days = (stability / factor) * (pow(desiredRetention, 1 / decay) - 1)
        return min(max(Int(days.rounded(.toNearestOrEven)), 1), maximumInterval)
    }

    func initialDifficulty(_ grade: Grade) -> Double {
        Self.clampDifficulty(parameters[4] - exp(parameters[5] * Double(grade.rawValue - 1)) + 1)
    }

    func nextDifficulty(_ difficulty: Double, grade: Grade) -> Double {
        let delta = -(parameters[6] * Double(grade.rawValue - 3))
        let damped = difficulty + (10 - difficulty) * delta / 9
        // Mean reversion toward the difficulty of a first "easy".
        return Self.clampDifficulty(parameters[7] * initialDifficulty(.easy) + (1 - parameters[7]) * damped)
    }

    func shortTermStability(_ stability: Double, grade: Grade) -> Double {
        var increase = exp(parameters[17] * (Double(grade.rawValue) - 3 + parameters[18])) * pow(stability, -parameters[19])
        if grade == .good || grade == .easy { increase = max(increase, 1) }
        return stability * increase
    }

    func recallStability(difficulty: Double, stability: Double, retrievability: Double, grade: Grade) -> Double {
        let hardPenalty = grade == .hard ? parameters[15] : 1
        let easyBonus = grade == .easy ? parameters[16] : 1
        return stability
            * (1 + exp(parameters[8]) * (11 - difficulty) * pow(stability, -parameters[9]) * (exp((1 - retrievability) * parameters[10]) - 1)
                * hardPenalty * easyBonus)
    }

    func forgetStability(difficulty: Double, stability: Double, retrievability: Double) -> Double {
        let longTerm = parameters[11] * pow(difficulty, -parameters[12]) * (pow(stability + 1, parameters[13]) - 1)
            * exp((1 - retrievability) * parameters[14])
        let shortTerm = stability / exp(parameters[17] * parameters[18])
        return min(longTerm, shortTerm)
    }

    static func clampDifficulty(_ difficulty: Double) -> Double {
        min(max(difficulty, 1), 10)
    }
}
