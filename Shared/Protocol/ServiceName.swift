/// The six Pathwise services, as they name themselves in certificates, URLs and events.
public enum ServiceName: String, Sendable, Codable, CaseIterable, Hashable {
    case identity
    case profile
    case content
    case pathing
    case coaching = "coaching-session"
    case analytics

    /// The Postgres schema (and database role) this service owns.
    public var schema: String {
        switch self {
        case .coaching: "coaching"
        default: rawValue
        }
    }

    /// The port the service listens on in local development.
    public var defaultPort: Int {
        switch self {
        case .identity: 7101
        case .profile: 7102
        case .content: 7103
        case .pathing: 7104
        case .coaching: 7105
        case .analytics: 7106
        }
    }

    /// The environment variable that holds this service's base URL for its peers.
    public var urlVariable: String {
        switch self {
        case .coaching: "COACHING_URL"
        default: rawValue.uppercased() + "_URL"
        }
    }
}
