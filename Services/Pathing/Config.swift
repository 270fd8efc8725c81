import ServiceKit

/// Pathing's own settings, read from the environment at start.
struct PathingSettings: Sendable {
    /// How long after a job-target change its path is made, each further change starting the wait
    /// again (`PATH_DEBOUNCE_MS`, default 1,500).
    var debounceSeconds: Double

    init(_ env: EnvironmentReader) throws {
        debounceSeconds = Double(try env.int("PATH_DEBOUNCE_MS", default: 1_500, in: 0...600_000)) / 1_000
    }
}
