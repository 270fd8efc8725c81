import ServiceKit

/// Content's own settings beyond the common ones.
struct ContentSettings: Sendable {
    /// A topic is covered when its confidence reaches this (`COVERAGE_MIN_SCORE`, 0–1, default 0.75).
    var coverageThreshold: Double

    init(_ env: EnvironmentReader) throws {
        coverageThreshold = try env.double("COVERAGE_MIN_SCORE", default: 0.75, in: 0...1)
    }
}
