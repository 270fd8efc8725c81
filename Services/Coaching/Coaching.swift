import ServiceKit

/// The `coaching-session` service: reads its configuration, then runs until SIGTERM or SIGINT.
@main
struct CoachingService {
    static func main() async throws {
        let config = ServiceConfig.load(for: .coaching)
        try await buildApplication(config).runService()
    }
}
