import ServiceKit

/// The `pathing` service: reads its configuration, then runs until SIGTERM or SIGINT.
@main
struct PathingService {
    static func main() async throws {
        let config = ServiceConfig.load(for: .pathing)
        try await buildApplication(config).runService()
    }
}
