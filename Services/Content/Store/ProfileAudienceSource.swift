import Foundation
import PathwiseProtocol
import ServiceKit

/// Profile's audience read, over the process's internal client.
struct ProfileAudienceSource: AudienceSource {
    let client: InternalClient

    func audience(of user: UUID) async throws -> AudienceDTO {
        try await client.call(InternalAPI.audience(of: user))
    }
}
