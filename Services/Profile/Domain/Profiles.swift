import Foundation
import Logging
import PathwiseProtocol
import ServiceKit

/// What profile does with a person's profile, job target and onboarding answers. Routes read
/// and answer; the rules live here and in the small types beside it; the store keeps records.
struct Profiles: Sendable, LogsPerRequest {
    let store: any ProfileStore
    let roles: RoleInference
    let clock: WallClock
    var logger: Logger

    func profile(of user: UUID) async throws -> ProfileDTO {
        Self.dto(try await store.profile(of: user))
    }

    func update(_ user: UUID, with patch: ProfilePatch) async throws -> ProfileDTO {
        let profile = Self.dto(try await store.update(user, with: patch))
        logger.info("profile.updated", metadata: ["user_id": .id(user), "completion_percent": "\(profile.completionPercent)"])
        return profile
    }

    /// Infers the target's role (the named template, or the classifier's best), then stores it.
    func setJobTarget(of user: UUID, to input: JobTargetInput) async throws -> ProfileDTO {
        let role = try await roles.roleType(for: input)
        let target = JobTargetRecord(input: input, roleType: role.roleType, roleScore: role.score)
        let profile = try await store.setJobTarget(of: user, to: target, at: clock.now)
        logger.info("profile.job_target.set", metadata: ["user_id": .id(user), "role_type": "\(role.roleType)", "role_score": "\(role.score)"])
        return Self.dto(profile)
    }

    func clearJobTarget(of user: UUID) async throws {
        try await store.clearJobTarget(of: user, at: clock.now)
        logger.info("profile.job_target.cleared", metadata: ["user_id": .id(user)])
    }

    func preferences(of user: UUID) async throws -> PreferencesDTO {
        guard let preferences = try await store.preferences(of: user) else { throw ProfileError.noPreferences }
        return preferences
    }

    func replacePreferences(of user: UUID, with answers: OnboardingAnswers) async throws -> PreferencesDTO {
        let preferences = try await store.replacePreferences(of: user, with: answers)
        logger.info("profile.preferences.replaced", metadata: ["user_id": .id(user)])
        return preferences
    }

    func onboarding(of user: UUID) async throws -> OnboardingDTO {
        let profile = try await store.profile(of: user)
        return OnboardingDTO(questions: OnboardingQuestionnaire.questions, completed: profile.onboardingCompleted, answers: profile.preferences)
    }

    func completeOnboarding(of user: UUID, with answers: OnboardingAnswers) async throws -> ProfileDTO {
        let profile = Self.dto(try await store.completeOnboarding(of: user, with: answers))
        logger.info("profile.onboarding.completed", metadata: ["user_id": .id(user)])
        return profile
    }

    func audience(of user: UUID, resume: UUID? = nil) async throws -> AudienceDTO {
        try await store.audience(of: user, resume: resume)
    }

    /// The profile as the API shows it, with its completion.
    static func dto(_ record: ProfileRecord) -> ProfileDTO {
        ProfileDTO(
            userID: record.userID, name: record.name, email: record.email, headline: record.headline, educationLevel: record.educationLevel,
            background: record.background, jobTarget: record.jobTarget, preferences: record.preferences,
            onboardingCompleted: record.onboardingCompleted,
            completionPercent: ProfileCompletion.percent(
                hasName: record.name != nil, hasEmail: record.email != nil, hasEducationLevel: record.educationLevel != nil,
                hasJobTarget: record.jobTarget != nil, onboardingCompleted: record.onboardingCompleted, hasDefaultResume: record.hasDefaultResume
            ),
            updatedAt: record.updatedAt
        )
    }
}

/// What profile does with a person's resumes: upload (through `ResumeIntake`), list, read, make
/// default, delete. Another person's resume is `ProfileError.resumeNotFound`, never theirs to see.
struct Resumes: Sendable, LogsPerRequest {
    let intake: ResumeIntake
    let store: any ResumeStore
    var logger: Logger

    func upload(_ upload: ResumeUpload, for user: UUID) async throws -> ResumeDTO {
        let resume = try await intake.upload(upload, for: user)
        logger.info(
            "profile.resume.uploaded",
            metadata: [
                "user_id": .id(user), "resume_id": .id(resume.id), "content_type": "\(resume.contentType)", "size_bytes": "\(resume.sizeBytes)",
                "skills": "\(resume.skills.count)",
            ]
        )
        return resume
    }

    func list(for user: UUID) async throws -> [ResumeDTO] {
        try await store.list(for: user)
    }

    func resume(_ id: UUID, of user: UUID) async throws -> ResumeDTO {
        guard let resume = try await store.resume(id, of: user) else { throw ProfileError.resumeNotFound }
        return resume
    }

    func file(_ id: UUID, of user: UUID) async throws -> ResumeFile {
        guard let file = try await store.file(id, of: user) else { throw ProfileError.resumeNotFound }
        return file
    }

    func makeDefault(_ id: UUID, of user: UUID) async throws -> ResumeDTO {
        guard let resume = try await store.makeDefault(id, of: user) else { throw ProfileError.resumeNotFound }
        logger.info("profile.resume.made_default", metadata: ["user_id": .id(user), "resume_id": .id(id)])
        return resume
    }

    func delete(_ id: UUID, of user: UUID) async throws {
        guard try await store.delete(id, of: user) else { throw ProfileError.resumeNotFound }
        logger.info("profile.resume.deleted", metadata: ["user_id": .id(user), "resume_id": .id(id)])
    }
}
