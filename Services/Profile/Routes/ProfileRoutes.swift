import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/profile*` and `/api/v1/onboarding`: decode, call the store, encode.
struct ProfileRoutes {
    let profiles: any ProfileStore
    let roles: RoleInference

    func add(to api: RouterGroup<ServiceRequestContext>) {
        api.get("profile") { _, context in
            try Response.json(try await profiles.profile(of: try context.requireUser().id), headers: [.cacheControl: "no-store"])
        }
        api.patch("profile") { request, context in
            let patch = try ProfilePatch(try await request.decodeJSONObject(context: context))
            let user = try context.requireUser().id
            let profile = try await profiles.update(user, with: patch)
            context.logger.info("profile.updated", metadata: ["user_id": .id(user), "completion_percent": "\(profile.completionPercent)"])
            return try Response.json(profile)
        }
        api.put("profile/job-target") { request, context in
            let input = try JobTargetInput(try await request.decodeJSONObject(context: context))
            let role = try await roles.roleType(for: input)
            let target = StoredJobTarget(input: input, roleType: role.roleType, roleScore: role.score)
            let user = try context.requireUser().id
            let profile = try await profiles.setJobTarget(of: user, to: target)
            context.logger.info(
                "profile.job_target.set", metadata: ["user_id": .id(user), "role_type": "\(role.roleType)", "role_score": "\(role.score)"]
            )
            return try Response.json(profile)
        }
        api.delete("profile/job-target") { _, context in
            let user = try context.requireUser().id
            try await profiles.clearJobTarget(of: user)
            context.logger.info("profile.job_target.cleared", metadata: ["user_id": .id(user)])
            return Response(status: .noContent)
        }
        api.get("profile/preferences") { _, context in
            guard let preferences = try await profiles.preferences(of: try context.requireUser().id) else {
                throw ProblemError.notFound("No preferences yet: answer the onboarding questions first.")
            }
            return try Response.json(preferences, headers: [.cacheControl: "no-store"])
        }
        api.put("profile/preferences") { request, context in
            let answers = try OnboardingQuestionnaire.answers(from: try await request.decodeJSONObject(context: context))
            let user = try context.requireUser().id
            let preferences = try await profiles.replacePreferences(of: user, with: answers)
            context.logger.info("profile.preferences.replaced", metadata: ["user_id": .id(user)])
            return try Response.json(preferences)
        }
        api.get("onboarding") { _, context in
            let profile = try await profiles.profile(of: try context.requireUser().id)
            let onboarding = OnboardingDTO(
                questions: OnboardingQuestionnaire.questions, completed: profile.onboardingCompleted, answers: profile.preferences
            )
            return try Response.json(onboarding, headers: [.cacheControl: "no-store"])
        }
        api.post("onboarding") { request, context in
            let answers = try OnboardingQuestionnaire.submission(from: try await request.decodeJSONObject(context: context))
            let user = try context.requireUser().id
            let result = try await profiles.completeOnboarding(of: user, with: answers)
            context.logger.info("profile.onboarding.completed", metadata: ["user_id": .id(user)])
            return try Response.json(result)
        }
    }
}

/// `GET /internal/users/{id}/audience`, for the services that tailor what they say to a person.
struct AudienceRoutes {
    let profiles: any ProfileStore

    func add(to router: Router<ServiceRequestContext>) {
        router.group(RouterPath(InternalPath.audienceRoute))
            .add(middleware: RequirePeerMiddleware([.content, .pathing, .coaching]))
            .get { _, context in
                guard let user = context.parameters.get("user").flatMap(UUID.init(uuidString:)) else { throw ProblemError.notFound() }
                return try Response.json(try await profiles.audience(of: user))
            }
    }
}
