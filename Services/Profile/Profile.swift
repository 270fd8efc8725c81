import ServiceKit

/// The `profile` service: reads its configuration, then runs until SIGTERM or SIGINT.
@main
struct ProfileService {
    static func main() async throws {
        let config = ServiceConfig.load(for: .profile)
        try await buildApplication(config).runService()
    }
}
