public import Foundation

/// The paths of the internal (`/internal/*`, service-to-service) API and of identity's key set.
public enum InternalPath {
    /// Every service's event receiver.
    public static let events = "/internal/events"
    /// Identity's access-token revocation feed.
    public static let tokenRevocations = "/internal/token-revocations"
    /// Identity's public signing keys (also public through the gateway).
    public static let jwks = "/.well-known/jwks.json"
    /// Profile's audience read, as a route pattern.
    public static let audienceRoute = "/internal/users/:user/audience"

    /// Profile's audience read for one person: job target, preferences, default resume's skills.
    public static func audience(of user: UUID) -> String {
        "/internal/users/\(user.uuidString.lowercased())/audience"
    }
}
