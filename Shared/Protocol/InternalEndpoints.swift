/// The paths of the internal (`/internal/*`, service-to-service) API and of identity's key set.
public enum InternalPath {
    /// Every service's event receiver.
    public static let events = "/internal/events"
    /// Identity's access-token revocation feed.
    public static let tokenRevocations = "/internal/token-revocations"
    /// Identity's public signing keys (also public through the gateway).
    public static let jwks = "/.well-known/jwks.json"
}
