import ServiceKit

/// The `content` service: reads its configuration, then runs until SIGTERM or SIGINT.
@main
struct ContentService {
    static func main() async throws {
        let config = ServiceConfig.load(for: .content)
        try await buildApplication(config).runService()
    }
}
