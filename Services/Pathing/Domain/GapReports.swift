import Foundation
import Intelligence
import Logging
import PathwiseProtocol
import ServiceKit

/// Gap reports: a job's requirements (a posting sent with the request, or the person's job target)
/// against a resume's skills (the default one, or another of theirs), with the lessons or outside
/// resources for each gap; stored, listed, read, exported and deleted by their owner only.
struct GapReports: Sendable, LogsPerRequest {
    let analyses: JobAnalyses
    let taxonomy: Taxonomy
    let audiences: any AudienceSource
    let coverage: any CoverageSource
    let store: any GapReportStore
    let clock: WallClock
    var logger: Logger

    /// Makes and stores a report. `PathingError.noJobTarget` with no description and no target;
    /// `PathingError.resumeNotFound` when `resume` is not one of the person's.
    func create(for user: UUID, description: String?, resume: UUID?) async throws -> GapReportDTO {
        let audience: AudienceDTO
        do {
            audience = try await audiences.audience(of: user, resume: resume)
        } catch InternalCallError.status(.profile, 404, _) {
            throw PathingError.resumeNotFound
        }
        let (requirements, target) = try await requirements(description: description, target: audience.jobTarget)
        let analysis = GapAnalysis(requirements: requirements, skills: audience.skills, impliedSkills: audience.impliedSkills, taxonomy: taxonomy)
        let covered = try await coverage.coverage(of: analysis.gaps)
        var sections: [GapAnalysis.Status: [GapDTO]] = [:]
        for finding in analysis.findings {
            guard let skill = analyses.skill(finding.requirement.skillID) else { continue }
            let teaching = finding.status == .matched ? nil : covered[skill.id]
            sections[finding.status, default: []].append(
                GapDTO(
                    skill: skill, importance: finding.requirement.importance.rawValue, requiredLevel: finding.requirement.level,
                    shownLevel: finding.shownLevel, evidence: finding.evidence, lessons: teaching?.covered == true ? teaching?.lessons ?? [] : [],
                    resources: teaching?.covered == false ? teaching?.externalResources ?? [] : []
                )
            )
        }
        let report = GapReportDTO(
            id: UUID(), createdAt: clock.now, target: target, resumeID: audience.resumeID, score: analysis.score, matched: sections[.matched] ?? [],
            weak: sections[.weak] ?? [], missing: sections[.missing] ?? [], groups: analysis.groups
        )
        try await store.save(report, for: user)
        logger.info("pathing.gap_report.created", metadata: ["user_id": .id(user), "report_id": .id(report.id), "score": "\(report.score)"])
        return report
    }

    /// What the job asks for: the posting sent, else the target's own posting, else its role template.
    func requirements(description: String?, target: JobTargetDTO?) async throws -> (JobRequirements, PathTargetDTO) {
        if let description {
            let requirements = JobRequirements(try await analyses.read(title: nil, description: description))
            return (requirements, PathTargetDTO(jobTitle: nil, roleType: requirements.roleType, targetHash: nil))
        }
        guard let target else { throw PathingError.noJobTarget }
        let described = PathTargetDTO(jobTitle: target.jobTitle, roleType: target.roleType, targetHash: target.targetHash)
        if let posting = target.jobDescription {
            return (JobRequirements(try await analyses.read(title: target.jobTitle, description: posting)), described)
        }
        let templateID = target.roleTemplate ?? target.roleType
        guard let template = taxonomy.roles.first(where: { $0.id == templateID }) else { throw PathingError.noJobTarget }
        return (JobRequirements(template: template), described)
    }

    func list(for user: UUID, page: PageRequest) async throws -> Page<GapReportDTO> {
        try await store.list(for: user, page: page)
    }

    func report(_ id: UUID, of user: UUID) async throws -> GapReportDTO {
        guard let report = try await store.report(id, of: user) else { throw PathingError.reportNotFound }
        return report
    }

    func delete(_ id: UUID, of user: UUID) async throws {
        guard try await store.delete(id, of: user) else { throw PathingError.reportNotFound }
        logger.info("pathing.gap_report.deleted", metadata: ["user_id": .id(user), "report_id": .id(id)])
    }
}
