public import Foundation
public import PathwiseProtocol

/// Where a person's audience comes from: profile's `/internal/users/{id}/audience`, asked over mTLS
/// each time it is needed (services keep no copy beyond a short cache).
public protocol AudienceSource: Sendable {
    /// The person's target, preferences and the skills of their default resume, or of `resume`.
    func audience(of user: UUID, resume: UUID?) async throws -> AudienceDTO
}

/// Profile's audience read, over the process's internal client.
public struct ProfileAudienceSource: AudienceSource {
    let client: InternalClient

    public init(client: InternalClient) {
        self.client = client
    }

    public func audience(of user: UUID, resume: UUID?) async throws -> AudienceDTO {
        try await client.call(InternalAPI.audience(of: user, resume: resume))
    }
}
