import Foundation
import NIOConcurrencyHelpers
import PathwiseProtocol
import ServiceKit

/// Profiles and resumes held in memory, with the same rules as the Postgres stores: for router tests,
/// which check profile's routes in milliseconds without a database. One object keeps both, since a
/// default resume counts towards the profile and feeds the audience.
final class MemoryProfileStores: ProfileStore, ResumeStore {
    private struct StoredResume {
        var dto: ResumeDTO
        var text: String
        var file: ResumeFile
    }

    private struct State {
        var profiles: [UUID: ProfileRecord] = [:]
        var erased: Set<UUID> = []
        var resumes: [UUID: [StoredResume]] = [:]
        /// `profile.job_target_changed` events published, oldest first.
        var published: [JobTargetChanged] = []

        /// The profile, made on first access; an erased person's old token makes nothing.
        mutating func touch(_ user: UUID, now: Date) throws -> ProfileRecord {
            guard !erased.contains(user) else { throw ProfileError.accountErased }
            var profile = profiles[user] ?? ProfileRecord(
                userID: user, onboardingCompleted: false, hasDefaultResume: false, updatedAt: now
            )
            profile.updatedAt = now
            profile.hasDefaultResume = resumes[user]?.contains { $0.dto.isDefault } ?? false
            profiles[user] = profile
            return profile
        }
    }

    private let state = NIOLockedValueBox(State())
    private let clock: WallClock

    init(clock: WallClock = .system) {
        self.clock = clock
    }

    /// How many resumes are stored, for everyone.
    var resumeCount: Int { state.withLockedValue { $0.resumes.values.reduce(0) { $0 + $1.count } } }

    /// The job-target events published so far, oldest first.
    var publishedEvents: [JobTargetChanged] { state.withLockedValue { $0.published } }

    func createProfile(for event: UserRegistered, in work: UnitOfWork) async throws {
        let now = clock.now
        state.withLockedValue { state in
            guard !state.erased.contains(event.userID) else { return }
            var profile = state.profiles[event.userID] ?? ProfileRecord(
                userID: event.userID, onboardingCompleted: false, hasDefaultResume: false, updatedAt: now
            )
            profile.email = event.email
            profile.name = profile.name ?? event.name
            state.profiles[event.userID] = profile
        }
    }

    func erase(_ event: UserDeleted, in work: UnitOfWork) async throws {
        state.withLockedValue { state in
            state.profiles[event.userID] = nil
            state.resumes[event.userID] = nil
            state.erased.insert(event.userID)
        }
    }

    func profile(of user: UUID) async throws -> ProfileRecord {
        let now = clock.now
        return try state.withLockedValue { state in
            if var profile = state.profiles[user] {
                profile.hasDefaultResume = state.resumes[user]?.contains { $0.dto.isDefault } ?? false
                return profile
            }
            return try state.touch(user, now: now)
        }
    }

    func update(_ user: UUID, with patch: ProfilePatch) async throws -> ProfileRecord {
        let now = clock.now
        return try state.withLockedValue { state in
            var profile = try state.touch(user, now: now)
            func apply<T>(_ change: FieldChange<T>, to value: inout T?) {
                switch change {
                case .unchanged: break
                case .clear: value = nil
                case .set(let new): value = new
                }
            }
            apply(patch.name, to: &profile.name)
            apply(patch.headline, to: &profile.headline)
            apply(patch.educationLevel, to: &profile.educationLevel)
            apply(patch.background, to: &profile.background)
            state.profiles[user] = profile
            return profile
        }
    }

    func setJobTarget(of user: UUID, to target: JobTargetRecord, at now: Date) async throws -> ProfileRecord {
        try state.withLockedValue { state in
            var profile = try state.touch(user, now: now)
            let input = target.input
            let hash = input.hash
            if profile.jobTarget?.targetHash != hash {
                state.published.append(JobTargetChanged(userID: user, targetHash: hash, roleType: target.roleType, changedAt: now))
            }
            profile.jobTarget = JobTargetDTO(
                jobTitle: input.jobTitle, jobDescription: input.jobDescription, jobSeniority: input.jobSeniority, firm: input.firm,
                roleTemplate: input.roleTemplate, roleType: target.roleType, roleScore: target.roleScore, targetHash: hash, updatedAt: now
            )
            state.profiles[user] = profile
            return profile
        }
    }

    func clearJobTarget(of user: UUID, at now: Date) async throws {
        state.withLockedValue { state in
            guard state.profiles[user]?.jobTarget != nil else { return }
            state.profiles[user]?.jobTarget = nil
            state.profiles[user]?.updatedAt = now
            state.published.append(JobTargetChanged(userID: user, targetHash: nil, roleType: nil, changedAt: now))
        }
    }

    func completeOnboarding(of user: UUID, with answers: OnboardingAnswers) async throws -> ProfileRecord {
        let now = clock.now
        return try state.withLockedValue { state in
            var profile = try state.touch(user, now: now)
            profile.preferences = PreferencesDTO(answers: answers, updatedAt: now)
            profile.onboardingCompleted = true
            state.profiles[user] = profile
            return profile
        }
    }

    func preferences(of user: UUID) async throws -> PreferencesDTO? {
        state.withLockedValue { $0.profiles[user]?.preferences }
    }

    func replacePreferences(of user: UUID, with answers: OnboardingAnswers) async throws -> PreferencesDTO {
        let now = clock.now
        return try state.withLockedValue { state in
            guard state.profiles[user]?.onboardingCompleted == true else { throw ProfileError.onboardingIncomplete }
            let preferences = PreferencesDTO(answers: answers, updatedAt: now)
            state.profiles[user]?.preferences = preferences
            state.profiles[user]?.updatedAt = now
            return preferences
        }
    }

    func audience(of user: UUID, resume chosen: UUID?) async throws -> AudienceDTO {
        try state.withLockedValue { state in
            let profile = state.profiles[user]
            let resume = state.resumes[user]?.first { chosen == nil ? $0.dto.isDefault : $0.dto.id == chosen }?.dto
            if chosen != nil && resume == nil { throw ProfileError.resumeNotFound }
            return AudienceDTO(
                userID: user, jobTarget: profile?.jobTarget, preferences: profile?.preferences, resumeID: resume?.id,
                skills: resume?.skills ?? [], impliedSkills: resume?.impliedSkills ?? []
            )
        }
    }

    // MARK: - Resumes

    func add(_ resume: NewResume, for user: UUID, limit: Int) async throws -> ResumeDTO {
        let now = clock.now
        return try state.withLockedValue { state in
            _ = try state.touch(user, now: now)
            let existing = state.resumes[user] ?? []
            guard existing.count < limit else { throw ProfileError.resumeLimitReached(limit: limit) }
            let dto = ResumeDTO(
                id: resume.id, filename: resume.filename, contentType: resume.document.contentType, sizeBytes: resume.bytes.readableBytes,
                pageCount: resume.document.pageCount, wordCount: resume.analysis.wordCount, isDefault: !existing.contains { $0.dto.isDefault },
                skills: resume.analysis.skills, impliedSkills: resume.analysis.impliedSkills, warnings: resume.document.warnings,
                textPreview: nil, createdAt: now
            )
            let file = ResumeFile(filename: resume.filename, contentType: resume.document.contentType, bytes: resume.bytes)
            state.resumes[user, default: []].insert(StoredResume(dto: dto, text: resume.document.text, file: file), at: 0)
            return Self.withPreview(StoredResume(dto: dto, text: resume.document.text, file: file))
        }
    }

    func list(for user: UUID) async throws -> [ResumeDTO] {
        state.withLockedValue { $0.resumes[user]?.map(\.dto) ?? [] }
    }

    func resume(_ id: UUID, of user: UUID) async throws -> ResumeDTO? {
        state.withLockedValue { $0.resumes[user]?.first { $0.dto.id == id }.map(Self.withPreview) }
    }

    func file(_ id: UUID, of user: UUID) async throws -> ResumeFile? {
        state.withLockedValue { $0.resumes[user]?.first { $0.dto.id == id }?.file }
    }

    func makeDefault(_ id: UUID, of user: UUID) async throws -> ResumeDTO? {
        state.withLockedValue { state in
            guard var resumes = state.resumes[user], resumes.contains(where: { $0.dto.id == id }) else { return nil }
            for index in resumes.indices { resumes[index].dto.isDefault = resumes[index].dto.id == id }
            state.resumes[user] = resumes
            return resumes.first { $0.dto.id == id }.map(Self.withPreview)
        }
    }

    func delete(_ id: UUID, of user: UUID) async throws -> Bool {
        state.withLockedValue { state in
            guard var resumes = state.resumes[user], let index = resumes.firstIndex(where: { $0.dto.id == id }) else { return false }
            let removed = resumes.remove(at: index)
            if removed.dto.isDefault, !resumes.isEmpty { resumes[0].dto.isDefault = true }
            state.resumes[user] = resumes
            return true
        }
    }

    private static func withPreview(_ resume: StoredResume) -> ResumeDTO {
        var dto = resume.dto
        dto.textPreview = String(resume.text.prefix(PostgresResumeStore.previewLength))
        return dto
    }
}
