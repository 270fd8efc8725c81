import ServiceKit

/// Content's own settings beyond the common ones.
struct ContentSettings: Sendable {
    /// A topic is covered when its confidence reaches this (`COVERAGE_MIN_SCORE`, 0–1, default 0.75).
    var coverageThreshold: Double
    /// Explanations one person may have made afresh (`DELETE …/personalized`) in an hour
    /// (`EXPLANATION_REGENERATIONS_PER_HOUR`, default 20).
    var regenerationsPerHour: Int

    init(_ env: EnvironmentReader) throws {
        coverageThreshold = try env.double("COVERAGE_MIN_SCORE", default: 0.75, in: 0...1)
        regenerationsPerHour = try env.int("EXPLANATION_REGENERATIONS_PER_HOUR", default: 20, in: 1...10_000)
    }
}
