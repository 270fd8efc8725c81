import Foundation
import NIOCore
import NIOHTTP1
import PathwiseProtocol
import TestSupport
import Testing

@testable import Profile

@Suite("Profile routes")
struct ProfileRouteTests {
    @Test("the first GET creates the profile, once, and user.registered arriving later fills in the email without undoing edits")
    func createdOnFirstAccess() async throws {
        try await ProfileHarness.live { person throws in
            async let first = person.send(.GET, "/api/v1/profile")
            async let second = person.send(.GET, "/api/v1/profile")
            let (a, b) = try await (first, second)
            #expect(a.status == 200 && b.status == 200)
            let created = try a.json(ProfileDTO.self)
            #expect(created.userID == person.user && created.email == nil && created.jobTarget == nil && created.completionPercent == 0)
            #expect(try a.object()["job_target"] is NSNull)

            #expect(try await person.send(.PATCH, "/api/v1/profile", json: ProfileUpdateRequest(name: "Ada L.")).status == 200)
            let event = try EventEnvelope(UserRegistered(userID: person.user, email: "ada@example.com", name: "Ada"))
            #expect(try await deliver([event], to: try person.service.port) == EventBatchReceipt(applied: 1, duplicates: 0))
            let profile = try await person.profile()
            #expect(profile.email == "ada@example.com" && profile.name == "Ada L.")
            #expect(try await person.service.database.count("SELECT count(*) FROM profile.profiles WHERE user_id = '\(person.user)'") == 1)
        }
    }

    @Test("PATCH changes only name, headline, education level and background; every other field is named in one 400")
    func patch() async throws {
        try await ProfileHarness.with { person throws in
            let updated = try await person.send(
                .PATCH, "/api/v1/profile",
                json: ProfileUpdateRequest(name: "  Ada  ", headline: "Quant developer", educationLevel: .master, background: "Maths.\nThen code.")
            )
            #expect(updated.status == 200)
            let profile = try updated.json(ProfileDTO.self)
            #expect(profile.name == "Ada" && profile.headline == "Quant developer" && profile.educationLevel == .master)
            #expect(profile.background == "Maths.\nThen code.")

            let refused = try await person.sendJSON(
                .PATCH, "/api/v1/profile",
                #"{"email":"x@example.com","completion_percent":100,"user_id":"\#(UUID())","favourite_colour":"red","education_level":"wizard","headline":"a\nb","name":""}"#
            )
            #expect(refused.status == 400)
            #expect(
                Set(refused.invalidFields) == ["email", "completion_percent", "user_id", "favourite_colour", "education_level", "headline", "name"]
            )
            #expect(refused.problem?.errors?.first { $0.field == "email" }?.message == "is read-only")
            #expect(try await person.profile() == profile)

            #expect(try await person.sendJSON(.PATCH, "/api/v1/profile", #"{"headline":null}"#).status == 200)
            #expect(try await person.profile().headline == nil)
            #expect(try await person.sendJSON(.PATCH, "/api/v1/profile", "{}").status == 400)
            #expect(try await person.sendJSON(.PATCH, "/api/v1/profile", "[1]").status == 400)
            #expect(try await person.sendJSON(.PATCH, "/api/v1/profile", "{").problem?.code == "malformed_json")
            let notJSON = try await person.send(.PATCH, "/api/v1/profile", body: ByteBuffer(string: "name=Ada"), headers: [("Content-Type", "text/plain")])
            #expect(notJSON.status == 415)
            let longName = try await person.send(.PATCH, "/api/v1/profile", json: ProfileUpdateRequest(name: String(repeating: "a", count: 101)))
            #expect(longName.invalidFields == ["name"])
        }
    }

    @Test("a job target's role is the template, or inferred from title and description with its score, or not_specified")
    func jobTargetRole() async throws {
        try await ProfileHarness.with { person throws in
            let templated = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(roleTemplate: "risk_quant"))
            #expect(templated.status == 200)
            let fromTemplate = try #require(try templated.json(ProfileDTO.self).jobTarget)
            #expect(fromTemplate.roleType == "risk_quant" && fromTemplate.roleScore == 1 && fromTemplate.jobSeniority == .notSpecified)

            let inferred = try await person.send(
                .PUT, "/api/v1/profile/job-target",
                json: JobTargetRequest(jobTitle: "Senior Quantitative Researcher", jobDescription: quantDescription, firm: "Example Capital")
            )
            let target = try #require(try inferred.json(ProfileDTO.self).jobTarget)
            #expect(target.roleType == "quant_researcher" && target.roleScore >= RoleInference.threshold)
            #expect(target.jobSeniority == .senior && target.firm == "Example Capital" && target.roleTemplate == nil)
            #expect(target.targetHash.count == 64)

            let vague = try await person.send(
                .PUT, "/api/v1/profile/job-target",
                json: JobTargetRequest(jobDescription: "A friendly place to work with great people and free lunches every day.")
            )
            let vagueTarget = try #require(try vague.json(ProfileDTO.self).jobTarget)
            #expect(vagueTarget.roleType == RoleTemplateID.notSpecified && vagueTarget.roleScore < RoleInference.threshold)
        }
    }

    @Test("job target input is validated field by field")
    func jobTargetValidation() async throws {
        try await ProfileHarness.with { person throws in
            let short = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(jobDescription: "Quant role, London"))
            #expect(short.status == 400 && short.invalidFields == ["job_description"])
            let long = try await person.send(
                .PUT, "/api/v1/profile/job-target", json: JobTargetRequest(jobDescription: String(repeating: "quant ", count: 3_334))
            )
            #expect(long.invalidFields == ["job_description"])
            let neither = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(jobTitle: "Quant"))
            #expect(neither.invalidFields == ["job_description"])
            let several = try await person.sendJSON(
                .PUT, "/api/v1/profile/job-target",
                #"{"role_template":"astronaut","job_seniority":"intern","salary":1,"role_type":"quant_trader","firm":7}"#
            )
            #expect(Set(several.invalidFields) == ["role_template", "job_seniority", "salary", "role_type", "firm"])
            #expect(try await person.profile().jobTarget == nil)
        }
    }

    @Test("setting, replacing and clearing the target emits profile.job_target_changed only when the target changes")
    func jobTargetEvents() async throws {
        try await ProfileHarness.live { person throws in
            let database = try person.service.database
            func events() async throws -> Int {
                try await database.count("SELECT count(*) FROM profile.outbox_events WHERE type = 'profile.job_target_changed'")
            }
            let first = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(jobTitle: "Quant", roleTemplate: "quant_trader"))
            let hash = try #require(try first.json(ProfileDTO.self).jobTarget?.targetHash)
            #expect(try await events() == 1)
            // Same target, typed differently: same hash, no new event.
            let again = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(jobTitle: "  QUANT ", roleTemplate: "quant_trader"))
            #expect(try again.json(ProfileDTO.self).jobTarget?.targetHash == hash)
            #expect(try await events() == 1)
            _ = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(jobTitle: "Quant trader", roleTemplate: "quant_trader"))
            #expect(try await events() == 2)
            let payload = try await database.text(
                "SELECT payload::text FROM profile.outbox_events WHERE type = 'profile.job_target_changed' ORDER BY occurred_at DESC LIMIT 1"
            )
            #expect(payload.lowercased().contains("\"user_id\": \"\(person.user.uuidString.lowercased())\"") && payload.contains("\"role_type\": \"quant_trader\""))
            #expect(try await database.count("SELECT count(*) FROM profile.outbox_deliveries WHERE subscriber = 'pathing'") == 2)

            #expect(try await person.send(.DELETE, "/api/v1/profile/job-target").status == 204)
            #expect(try await person.profile().jobTarget == nil)
            #expect(try await events() == 3)
            #expect(try await person.send(.DELETE, "/api/v1/profile/job-target").status == 204)
            #expect(try await events() == 3)
        }
    }

    @Test("onboarding lists six questions, refuses every bad answer by name, then completes; preferences follow it")
    func onboarding() async throws {
        try await ProfileHarness.with { person throws in
            let listed = try await person.send(.GET, "/api/v1/onboarding").json(OnboardingDTO.self)
            #expect(listed.questions.map(\.id) == ["experience_level", "programming_experience", "math_background", "learning_goals", "learning_style", "weekly_hours"])
            #expect(listed.questions.allSatisfy { !$0.help.isEmpty && !$0.prompt.isEmpty })
            #expect(listed.questions.first { $0.id == "experience_level" }?.options?.map(\.value) == ExperienceLevel.allCases.map(\.rawValue))
            #expect(listed.questions.last?.minimum == 1 && listed.questions.last?.maximum == 60 && !listed.completed)

            #expect(try await person.send(.GET, "/api/v1/profile/preferences").status == 404)
            #expect(try await person.send(.PUT, "/api/v1/profile/preferences", json: sampleAnswers).problem?.code == "onboarding_incomplete")

            let bad = try await person.sendJSON(
                .POST, "/api/v1/onboarding",
                #"{"answers":{"experience_level":"wizard","programming_experience":"basic","learning_goals":["upskill","fame"],"learning_style":"visual","weekly_hours":61,"shoe_size":9}}"#
            )
            #expect(bad.status == 400)
            #expect(
                Set(bad.invalidFields)
                    == ["answers.experience_level", "answers.math_background", "answers.learning_goals[1]", "answers.weekly_hours", "answers.shoe_size"]
            )
            #expect(try await person.sendJSON(.POST, "/api/v1/onboarding", #"{"answers":{"weekly_hours":2.5}}"#).invalidFields.contains("answers.weekly_hours"))
            #expect(try await person.sendJSON(.POST, "/api/v1/onboarding", #"{}"#).invalidFields == ["answers"])
            #expect(try await person.profile().onboardingCompleted == false)

            let done = try await person.send(.POST, "/api/v1/onboarding", json: OnboardingSubmission(answers: sampleAnswers))
            #expect(done.status == 200)
            let profile = try done.json(ProfileDTO.self)
            #expect(profile.onboardingCompleted && profile.preferences?.answers == sampleAnswers)

            let read = try await person.send(.GET, "/api/v1/profile/preferences").json(PreferencesDTO.self)
            #expect(read.answers == sampleAnswers)
            var changed = sampleAnswers
            changed.weeklyHours = 20
            changed.learningGoals = [.careerSwitch]
            let replaced = try await person.send(.PUT, "/api/v1/profile/preferences", json: changed)
            #expect(replaced.status == 200)
            #expect(try replaced.json(PreferencesDTO.self).answers == changed)
            #expect(try await person.send(.GET, "/api/v1/onboarding").json(OnboardingDTO.self).answers?.answers == changed)
            let invalid = try await person.sendJSON(.PUT, "/api/v1/profile/preferences", #"{"weekly_hours":0}"#)
            #expect(invalid.status == 400 && invalid.invalidFields.contains("weekly_hours") && invalid.invalidFields.contains("experience_level"))
        }
    }

    @Test("completion_percent counts name, email, education level, job target, onboarding and a default resume, a sixth each")
    func completion() async throws {
        try await ProfileHarness.live { person throws in
            #expect(try await person.profile().completionPercent == 0)
            let event = try EventEnvelope(UserRegistered(userID: person.user, email: "ada@example.com", name: nil))
            _ = try await deliver([event], to: try person.service.port)
            #expect(try await person.profile().completionPercent == 17)
            _ = try await person.send(.PATCH, "/api/v1/profile", json: ProfileUpdateRequest(name: "Ada", educationLevel: .bachelor))
            #expect(try await person.profile().completionPercent == 50)
            _ = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(roleTemplate: "data_scientist"))
            #expect(try await person.profile().completionPercent == 67)
            _ = try await person.send(.POST, "/api/v1/onboarding", json: OnboardingSubmission(answers: sampleAnswers))
            #expect(try await person.profile().completionPercent == 83)
            _ = try await person.uploaded(ResumeFixtures.text)
            #expect(try await person.profile().completionPercent == 100)
        }
    }

    @Test("without a token every route answers 401; a wrong method answers 405 with Allow")
    func authentication() async throws {
        try await ProfileHarness.live { person throws in
            for (method, path) in [
                (HTTPMethod.GET, "/api/v1/profile"), (.PATCH, "/api/v1/profile"), (.PUT, "/api/v1/profile/job-target"),
                (.DELETE, "/api/v1/profile/job-target"), (.GET, "/api/v1/onboarding"), (.POST, "/api/v1/onboarding"),
                (.GET, "/api/v1/profile/preferences"), (.PUT, "/api/v1/profile/preferences"), (.POST, "/api/v1/resumes"),
                (.GET, "/api/v1/resumes"), (.GET, "/api/v1/resumes/\(UUID())"), (.GET, "/api/v1/resumes/\(UUID())/file"),
                (.POST, "/api/v1/resumes/\(UUID())/default"), (.DELETE, "/api/v1/resumes/\(UUID())"),
            ] {
                #expect(try await person.send(method, path, authenticated: false).status == 401, "\(method) \(path)")
            }
            let wrong = try await person.send(.DELETE, "/api/v1/profile")
            #expect(wrong.status == 405 && wrong.headers["Allow"].first?.contains("PATCH") == true)
        }
    }

    @Test("one person's changes never reach another's profile")
    func isolation() async throws {
        try await ProfileHarness.with { person throws in
            let other = person.otherPerson()
            _ = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(roleTemplate: "ml_engineer"))
            _ = try await person.send(.PATCH, "/api/v1/profile", json: ProfileUpdateRequest(name: "Ada"))
            let theirs = try await other.profile()
            #expect(theirs.userID == other.user && theirs.name == nil && theirs.jobTarget == nil)
            #expect(try await other.send(.DELETE, "/api/v1/profile/job-target").status == 204)
            #expect(try await person.profile().jobTarget?.roleType == "ml_engineer")
        }
    }

    @Test("the audience is served to content, pathing and coaching-session only, with the default resume's skills")
    func audience() async throws {
        try await ProfileHarness.live { person throws in
            _ = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(roleTemplate: "quant_researcher"))
            _ = try await person.send(.POST, "/api/v1/onboarding", json: OnboardingSubmission(answers: sampleAnswers))
            let resume = try await person.uploaded(ResumeFixtures.text)
            let path = try person.service.url(InternalPath.audience(of: person.user))
            for caller in ["content", "pathing", "coaching-session"] {
                let audience = try await TestClient.with(identity: .service(caller)) { client in
                    try await client.send(.GET, path).json(AudienceDTO.self)
                }
                #expect(audience.jobTarget?.roleType == "quant_researcher" && audience.preferences?.answers == sampleAnswers)
                #expect(audience.resumeID == resume.id && audience.skills == resume.skills && !audience.skills.isEmpty)
            }
            for refused in [TestClient.Identity.gateway, .service("identity"), .service("analytics")] {
                let status = try await TestClient.with(identity: refused) { try await $0.send(.GET, path).status }
                #expect(status == 403)
            }
            let nobody = try await TestClient.with(identity: .service("pathing")) { client in
                try await client.send(.GET, try person.service.url(InternalPath.audience(of: UUID()))).json(AudienceDTO.self)
            }
            #expect(nobody.jobTarget == nil && nobody.skills.isEmpty)

            // Another of the person's resumes by `resume_id`; one that is not theirs, or no id at all, is 404.
            let second = try await person.uploaded(Data("Experience\nBuilt Kubernetes clusters with Terraform for four years.\n".utf8))
            try await TestClient.with(identity: .service("pathing")) { client in
                let chosen = try await client.send(.GET, try person.service.url(InternalAPI.audience(of: person.user, resume: second.id).path))
                #expect(chosen.status == 200)
                let audience = try chosen.json(AudienceDTO.self)
                #expect(audience.resumeID == second.id && audience.skills.contains { $0.id == "kubernetes" } && !audience.skills.contains { $0.id == "python" })
                for query in ["?resume_id=\(UUID().uuidString.lowercased())", "?resume_id=not-a-uuid"] {
                    let missing = try await client.send(.GET, try person.service.url(InternalPath.audience(of: person.user) + query))
                    #expect(missing.status == 404, "\(query)")
                }
                let notTheirs = try await client.send(.GET, try person.service.url(InternalAPI.audience(of: UUID(), resume: second.id).path))
                #expect(notTheirs.status == 404)
            }
        }
    }

    @Test("user.deleted erases profile, preferences, job target and resumes; an old token cannot bring the profile back")
    func erasure() async throws {
        try await ProfileHarness.live { person throws in
            _ = try await person.send(.PUT, "/api/v1/profile/job-target", json: JobTargetRequest(roleTemplate: "quant_researcher"))
            _ = try await person.send(.POST, "/api/v1/onboarding", json: OnboardingSubmission(answers: sampleAnswers))
            _ = try await person.uploaded(ResumeFixtures.text)
            _ = try await person.uploaded(ResumeFixtures.pdf(), filename: "cv.pdf")
            let bystander = person.otherPerson()
            _ = try await bystander.uploaded(ResumeFixtures.text)

            let deleted = try EventEnvelope(UserDeleted(userID: person.user))
            #expect(try await deliver([deleted], to: try person.service.port) == EventBatchReceipt(applied: 1, duplicates: 0))
            for table in ["profiles", "preferences", "job_targets", "resumes"] {
                #expect(try await person.service.database.count("SELECT count(*) FROM profile.\(table) WHERE user_id = '\(person.user)'") == 0, "\(table)")
            }
            #expect(try await person.send(.GET, "/api/v1/profile").status == 401)
            #expect(try await person.service.database.count("SELECT count(*) FROM profile.profiles WHERE user_id = '\(person.user)'") == 0)
            #expect(try await bystander.send(.GET, "/api/v1/resumes").json(Page<ResumeDTO>.self).items.count == 1)
        }
    }
}
