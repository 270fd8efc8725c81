public import Foundation

/// The paths of the internal (`/internal/*`, service-to-service) API and of identity's key set.
public enum InternalPath {
    /// Every service's event receiver.
    public static let events = "/internal/events"
    /// Identity's access-token revocation feed.
    public static let tokenRevocations = "/internal/token-revocations"
    /// Identity's public signing keys (also public through the gateway).
    public static let jwks = "/.well-known/jwks.json"
    /// Content's lesson graph.
    public static let lessons = "/internal/lessons"
    /// Content's coverage read (a POST of `CoverageRequest`), for pathing.
    public static let coverage = "/internal/coverage"
    /// Profile's audience read, as a route pattern.
    public static let audienceRoute = "/internal/users/:user/audience"

    /// Profile's audience read for one person: job target, preferences, default resume's skills.
    public static func audience(of user: UUID) -> String {
        "/internal/users/\(user.uuidString.lowercased())/audience"
    }
}

/// An internal GET endpoint: the service that answers it, its path, and the type of its answer, so a
/// caller cannot ask one service for another's path or decode the answer as the wrong type.
public struct InternalEndpoint<Response: Decodable & Sendable>: Sendable {
    /// The service that answers.
    public let service: ServiceName
    /// The path, with its query.
    public let path: String
}

/// The typed internal endpoints, for `InternalClient.call(_:)`.
public enum InternalAPI {
    /// Identity's revocation feed: the cutoffs recorded after `cursor`.
    public static func tokenRevocations(after cursor: Int64) -> InternalEndpoint<TokenRevocationFeed> {
        InternalEndpoint(service: .identity, path: "\(InternalPath.tokenRevocations)?after=\(cursor)")
    }

    /// Profile's audience read for one person, with their default resume or `resume` (another of theirs).
    public static func audience(of user: UUID, resume: UUID? = nil) -> InternalEndpoint<AudienceDTO> {
        let query = resume.map { "?resume_id=\($0.uuidString.lowercased())" } ?? ""
        return InternalEndpoint(service: .profile, path: InternalPath.audience(of: user) + query)
    }
}
