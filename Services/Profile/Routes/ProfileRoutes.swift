import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/profile*` and `/api/v1/onboarding`: read the body, call `Profiles`, answer.
struct ProfileRoutes {
    let profiles: Profiles

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.get("profile", use: profile)
        routes.patch("profile", use: update)
        routes.put("profile/job-target", use: setJobTarget)
        routes.delete("profile/job-target", use: clearJobTarget)
        routes.get("profile/preferences", use: preferences)
        routes.put("profile/preferences", use: replacePreferences)
        routes.get("onboarding", use: onboarding)
        routes.post("onboarding", use: completeOnboarding)
        return routes
    }

    @Sendable func profile(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<ProfileDTO> {
        EditedResponse(headers: [.cacheControl: "no-store"], response: try await profiles.profile(of: try context.requireUser().id))
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> ProfileDTO {
        let patch = try await request.readFields(ProfileUpdateRequest.self, context: context, readOnly: ProfilePatch.readOnlyFields) {
            ProfilePatch(&$0)
        }
        return try await profiles.logging(to: context.logger).update(try context.requireUser().id, with: patch)
    }

    @Sendable func setJobTarget(_ request: Request, context: ServiceRequestContext) async throws -> ProfileDTO {
        let input = try await request.readFields(JobTargetRequest.self, context: context, readOnly: JobTargetInput.readOnlyFields) {
            JobTargetInput(&$0)
        }
        return try await profiles.logging(to: context.logger).setJobTarget(of: try context.requireUser().id, to: input)
    }

    @Sendable func clearJobTarget(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await profiles.logging(to: context.logger).clearJobTarget(of: try context.requireUser().id)
        return .noContent
    }

    @Sendable func preferences(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<PreferencesDTO> {
        EditedResponse(headers: [.cacheControl: "no-store"], response: try await profiles.preferences(of: try context.requireUser().id))
    }

    @Sendable func replacePreferences(_ request: Request, context: ServiceRequestContext) async throws -> PreferencesDTO {
        let answers = try await request.readFields(OnboardingAnswers.self, context: context, readOnly: OnboardingQuestionnaire.readOnlyFields) {
            OnboardingQuestionnaire.answers(&$0)
        }
        return try await profiles.logging(to: context.logger).replacePreferences(of: try context.requireUser().id, with: answers)
    }

    @Sendable func onboarding(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<OnboardingDTO> {
        EditedResponse(headers: [.cacheControl: "no-store"], response: try await profiles.onboarding(of: try context.requireUser().id))
    }

    @Sendable func completeOnboarding(_ request: Request, context: ServiceRequestContext) async throws -> ProfileDTO {
        let answers = try await request.readFields(OnboardingSubmission.self, context: context) { OnboardingQuestionnaire.submission(&$0) }
        return try await profiles.logging(to: context.logger).completeOnboarding(of: try context.requireUser().id, with: answers)
    }
}

/// `GET /internal/users/{user}/audience[?resume_id=]`, for the services that tailor what they say to a
/// person: the default resume's skills, or those of another of their resumes (404 when it is not theirs).
struct AudienceRoutes {
    let profiles: Profiles

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.group(RouterPath(InternalPath.audienceRoute)).add(middleware: RequirePeerMiddleware([.content, .pathing, .coaching])).get(use: audience)
        return routes
    }

    @Sendable func audience(_ request: Request, context: ServiceRequestContext) async throws -> AudienceDTO {
        // Anything that is not a UUID names no person.
        guard let user = context.parameters.get("user", as: UUID.self) else { throw ProblemError.notFound() }
        var resume: UUID?
        if let raw = request.uri.queryParameters.get("resume_id") {
            // A resume id that is not a UUID names no resume of this person's.
            guard let id = UUID(uuidString: raw) else { throw ProfileError.resumeNotFound }
            resume = id
        }
        return try await profiles.audience(of: user, resume: resume)
    }
}
