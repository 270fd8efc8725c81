import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Profile

/// Profile's routes over in-memory stores: the rules a client relies on, in milliseconds, without a
/// database, TLS or a running server (`ProfileRouteTests` and `ResumeRouteTests` keep those).
@Suite("Profile routes, in memory")
struct ProfileRouterTests {
    /// What a test inspects beside the router.
    struct Built: Sendable {
        let stores: MemoryProfileStores
        let inbox: Inbox
        let tokens: StandInTokenIssuer
    }

    static func build() throws -> (Router<ServiceRequestContext>, Built) {
        let (router, stores, tokens) = try ProfileHarness.memory()
        return (router, Built(stores: stores, inbox: Inbox(receipts: MemoryInboxReceipts()), tokens: tokens))
    }

    @Test("the profile exists on first access; a patch sets fields, and completion counts them")
    func profileAndPatch() async throws {
        let (router, built) = try Self.build()
        let token = built.tokens.accessToken(for: UUID())
        try await RouterCaller.with(router) { caller in
            let first = try await caller.send(.GET, "/api/v1/profile", bearer: token)
            #expect(first.status == 200)
            #expect(try first.json(ProfileDTO.self).completionPercent == 0)
            let patched = try await caller.send(.PATCH, "/api/v1/profile", json: ProfileUpdateRequest(name: "Ada", educationLevel: .master), bearer: token)
            #expect(patched.status == 200)
            let profile = try patched.json(ProfileDTO.self)
            #expect(profile.name == "Ada" && profile.educationLevel == .master && profile.completionPercent == 33)
        }
    }

    @Test("one 400 names every bad, unknown and read-only field of a patch")
    func patchNamesEveryBadField() async throws {
        let (router, built) = try Self.build()
        try await RouterCaller.with(router) { caller in
            let response = try await caller.send(
                .PATCH, "/api/v1/profile", text: #"{"name":"","education_level":"wizard","email":"a@b.c","colour":"red"}"#,
                bearer: built.tokens.accessToken(for: UUID())
            )
            #expect(response.status == 400)
            #expect(Set(response.invalidFields) == ["name", "education_level", "email", "colour"])
        }
    }

    @Test("a job target is classified and stored; a change publishes profile.job_target_changed, a repeat does not")
    func jobTargetEvents() async throws {
        let (router, built) = try Self.build()
        let user = UUID()
        let token = built.tokens.accessToken(for: user)
        try await RouterCaller.with(router) { caller in
            let target = JobTargetRequest(jobTitle: "Quantitative Researcher", jobDescription: quantDescription)
            let set = try await caller.send(.PUT, "/api/v1/profile/job-target", json: target, bearer: token)
            #expect(set.status == 200)
            #expect(try set.json(ProfileDTO.self).jobTarget?.roleType == "quant_researcher")
            _ = try await caller.send(.PUT, "/api/v1/profile/job-target", json: target, bearer: token)
            #expect(try await caller.send(.DELETE, "/api/v1/profile/job-target", bearer: token).status == 204)
            #expect(built.stores.publishedEvents.map(\.targetHash.isNil) == [false, true])
            #expect(built.stores.publishedEvents.allSatisfy { $0.userID == user })
        }
    }

    @Test("preferences cannot be replaced before onboarding (409), and can after")
    func preferencesAfterOnboarding() async throws {
        let (router, built) = try Self.build()
        let token = built.tokens.accessToken(for: UUID())
        try await RouterCaller.with(router) { caller in
            #expect(try await caller.send(.GET, "/api/v1/profile/preferences", bearer: token).status == 404)
            let early = try await caller.send(.PUT, "/api/v1/profile/preferences", json: sampleAnswers, bearer: token)
            #expect(early.status == 409 && early.code == "onboarding_incomplete")
            let onboarded = try await caller.send(.POST, "/api/v1/onboarding", json: OnboardingSubmission(answers: sampleAnswers), bearer: token)
            #expect(onboarded.status == 200)
            #expect(try onboarded.json(ProfileDTO.self).onboardingCompleted)
            var changed = sampleAnswers
            changed.weeklyHours = 12
            let replaced = try await caller.send(.PUT, "/api/v1/profile/preferences", json: changed, bearer: token)
            #expect(replaced.status == 200)
            #expect(try replaced.json(PreferencesDTO.self).answers.weeklyHours == 12)
        }
    }

    @Test("a bad onboarding answer is named inside answers.")
    func onboardingNamesNestedFields() async throws {
        let (router, built) = try Self.build()
        try await RouterCaller.with(router) { caller in
            let response = try await caller.send(
                .POST, "/api/v1/onboarding", text: #"{"answers":{"experience_level":"guru","weekly_hours":99}}"#, bearer: built.tokens.accessToken(for: UUID())
            )
            #expect(response.status == 400)
            #expect(Set(response.invalidFields) == [
                "answers.experience_level", "answers.programming_experience", "answers.math_background", "answers.learning_goals",
                "answers.learning_style", "answers.weekly_hours",
            ])
        }
    }

    @Test("a resume is one person's: another's id answers 404, and an erased person's token makes no new profile")
    func resumesAreOwnedAndErased() async throws {
        let (router, built) = try Self.build()
        let (owner, other) = (UUID(), UUID())
        try await RouterCaller.with(router) { caller in
            let text = "Ada Lovelace\nSkills\nPython, SQL and statistics; 5 years of Python.\n"
            let uploaded = try await caller.send(
                .POST, "/api/v1/resumes", headers: [("Content-Type", "text/plain"), ("Content-Disposition", "attachment; filename=\"cv.txt\"")],
                body: ByteBuffer(string: text), bearer: built.tokens.accessToken(for: owner)
            )
            #expect(uploaded.status == 201)
            let resume = try uploaded.json(ResumeDTO.self)
            #expect(resume.isDefault && resume.skills.contains { $0.id == "python" })
            let path = "/api/v1/resumes/\(resume.id.uuidString.lowercased())"
            #expect(try await caller.send(.GET, path, bearer: built.tokens.accessToken(for: owner)).status == 200)
            #expect(try await caller.send(.GET, path, bearer: built.tokens.accessToken(for: other)).status == 404)
            #expect(try await caller.send(.DELETE, path, bearer: built.tokens.accessToken(for: other)).status == 404)
            #expect(try await caller.send(.GET, "/api/v1/resumes/not-a-uuid", bearer: built.tokens.accessToken(for: owner)).status == 404)

            let deleted = try EventEnvelope(UserDeleted(userID: owner))
            #expect(try await built.inbox.on(UserDeleted.self) { event, work in try await built.stores.erase(event, in: work) }
                .receive(EventBatch(events: [deleted]), from: .identity, logger: testLogger) == EventBatchReceipt(applied: 1, duplicates: 0))
            let afterErasure = try await caller.send(.GET, "/api/v1/profile", bearer: built.tokens.accessToken(for: owner))
            #expect(afterErasure.status == 401)
        }
    }

    @Test("a resume whose analysis outruns its time limit is a 422 too_complex naming file, and nothing is stored")
    func analysisTimeLimit() async throws {
        let stores = MemoryProfileStores()
        let tokens = StandInTokenIssuer()
        let dependencies = try ProfileDependencies(
            profiles: stores, resumes: stores, verifier: tokens.verifier(), inbox: Inbox(receipts: MemoryInboxReceipts()), maxBodyBytes: 1 << 20,
            analysisTimeLimit: .zero, taxonomy: ProfileHarness.taxonomy, matcher: ProfileHarness.matcher, logger: testLogger
        )
        try await RouterCaller.with(buildRouter(dependencies)) { caller in
            let response = try await caller.send(
                .POST, "/api/v1/resumes", headers: [("Content-Type", "text/plain"), ("Content-Disposition", "attachment; filename=\"cv.txt\"")],
                body: ByteBuffer(string: "Python and SQL for five years.\n"), bearer: tokens.accessToken(for: UUID())
            )
            #expect(response.status == 422 && response.code == "too_complex" && response.invalidFields == ["file"])
            #expect(stores.resumeCount == 0)
        }
    }
}

extension Optional {
    fileprivate var isNil: Bool { self == nil }
}
