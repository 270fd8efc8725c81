import ServiceKit

/// The `identity` service: reads its configuration, then runs until SIGTERM or SIGINT.
@main
struct IdentityService {
    static func main() async throws {
        let config = ServiceConfig.load(for: .identity)
        try await buildApplication(config).runService()
    }
}
