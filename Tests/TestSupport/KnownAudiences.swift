public import Foundation
import NIOConcurrencyHelpers
public import PathwiseProtocol
public import ServiceKit

/// Audiences as profile would answer them, set by the test, for content's and pathing's router
/// tests: a person it does not know has an empty audience (no target, no preferences, no resume); a
/// resume id that is not one of the person's answers 404, as profile does. Counts its reads.
public final class KnownAudiences: AudienceSource {
    private let state = NIOLockedValueBox((audiences: [UUID: [AudienceDTO]](), reads: 0))

    public init() {}

    /// Sets what profile answers for the person with this audience's resume (replacing what was set
    /// for that resume); the first resume set is the person's default.
    public func set(_ audience: AudienceDTO) {
        state.withLockedValue { state in
            var known = state.audiences[audience.userID] ?? []
            if let index = known.firstIndex(where: { $0.resumeID == audience.resumeID }) { known[index] = audience } else { known.append(audience) }
            state.audiences[audience.userID] = known
        }
    }

    /// How many times the audience was read.
    public var reads: Int { state.withLockedValue { $0.reads } }

    public func audience(of user: UUID, resume: UUID?) async throws -> AudienceDTO {
        let known = state.withLockedValue { state in
            state.reads += 1
            return state.audiences[user] ?? []
        }
        guard let resume else {
            return known.first ?? AudienceDTO(userID: user, jobTarget: nil, preferences: nil, resumeID: nil, skills: [], impliedSkills: [])
        }
        guard let chosen = known.first(where: { $0.resumeID == resume }) else { throw InternalCallError.status(.profile, 404, "{}") }
        return chosen
    }
}
