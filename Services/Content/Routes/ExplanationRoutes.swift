import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `GET` and `DELETE /api/v1/lessons/{id}/personalized`: a lesson explained for the signed-in person,
/// and their own variant dropped so that the next read makes it afresh.
struct ExplanationRoutes {
    let explanations: Explanations
    let verifier: AccessTokenVerifier

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        let personalized = routes.group("api/v1/lessons/:id/personalized").add(middleware: UserAuthenticationMiddleware(verifier: verifier, required: true))
        personalized.get(use: explanation)
        personalized.delete(use: regenerate)
        return routes
    }

    @Sendable func explanation(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<ExplanationDTO> {
        let lesson = try context.parameters.require("id")
        let explanation = try await explanations.logging(to: context.logger).explanation(of: lesson, for: try context.requireUser().id)
        // A person's own explanation: no shared cache may keep it.
        return EditedResponse(headers: [.cacheControl: "private, no-store"], response: explanation)
    }

    @Sendable func regenerate(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await explanations.logging(to: context.logger).regenerate(try context.parameters.require("id"), for: try context.requireUser().id)
        return .noContent
    }
}
