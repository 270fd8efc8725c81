import ServiceKit

/// The `analytics` service: reads its configuration, then runs until SIGTERM or SIGINT.
@main
struct AnalyticsService {
    static func main() async throws {
        let config = ServiceConfig.load(for: .analytics)
        try await buildApplication(config).runService()
    }
}
