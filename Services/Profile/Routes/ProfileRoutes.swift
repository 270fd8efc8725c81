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
            return try Response.json(try await profiles.update(try context.requireUser().id, with: patch))
        }
        api.put("profile/job-target") { request, context in
            let input = try JobTargetInput(try await request.decodeJSONObject(context: context))
            let role = try await roles.roleType(for: input)
            let target = StoredJobTarget(input: input, roleType: role.roleType, roleScore: role.score)
            return try Response.json(try await profiles.setJobTarget(of: try context.requireUser().id, to: target))
        }
        api.delete("profile/job-target") { _, context in
            try await profiles.clearJobTarget(of: try context.requireUser().id)
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
            return try Response.json(try await profiles.replacePreferences(of: try context.requireUser().id, with: answers))
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
            return try Response.json(try await profiles.completeOnboarding(of: try context.requireUser().id, with: answers))
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
