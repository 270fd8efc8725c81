import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// What the coach may know about a person when it plans a session.
protocol CoachingContextSource: Sendable {
    /// The person's job target and resume skills (profile) and their path's gaps (pathing).
    func context(of user: UUID, logger: Logger) async -> CoachingContext
}

/// Profile's audience read and pathing's gaps read, over mTLS and at the same time. Either may be
/// down: the session is then planned with what the other said (a practice session is worth more than
/// a refusal), and the log says what was missing.
struct PeerCoachingContext: CoachingContextSource {
    /// The most gaps a plan draws on.
    static let gapsKept = 6

    let audiences: any AudienceSource
    let client: InternalClient

    func context(of user: UUID, logger: Logger) async -> CoachingContext {
        async let audienceRead = audiences.audience(of: user, resume: nil)
        async let gapsRead = client.call(InternalAPI.gaps(of: user))
        var context = CoachingContext.unknown
        do {
            let audience = try await audienceRead
            if let target = audience.jobTarget {
                context.roleTemplate = target.roleTemplate ?? (target.roleType == RoleTemplateID.notSpecified ? nil : target.roleType)
                context.jobTitle = target.jobTitle
                context.firm = target.firm
            }
            context.resumeSkills = audience.skills.map(\.name)
        } catch {
            logger.warning("coaching.context.audience_unavailable", metadata: ["user_id": .id(user), "error": "\(String(describing: error))"])
        }
        do {
            let gaps = try await gapsRead
            context.gaps = gaps.items.prefix(Self.gapsKept).map { CoachingContext.Gap(skillID: $0.skill.id, name: $0.skill.name, importance: $0.importance) }
        } catch {
            logger.warning("coaching.context.gaps_unavailable", metadata: ["user_id": .id(user), "error": "\(String(describing: error))"])
        }
        return context
    }
}
