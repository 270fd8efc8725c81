import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `POST /api/v1/coverage` (open, like the rest of the library) and `POST /internal/coverage` (pathing).
struct CoverageRoutes {
    let coverage: CoverageIndex
    let verifier: AccessTokenVerifier

    /// Topics one request may ask about.
    static let topics = 1...200

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.group("api/v1/coverage").add(middleware: UserAuthenticationMiddleware(verifier: verifier, required: false)).post(use: report)
        routes.group(RouterPath(InternalPath.coverage)).add(middleware: RequirePeerMiddleware([.pathing])).post(use: report)
        return routes
    }

    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> CoverageReportDTO {
        let topics = try await request.readFields(CoverageRequest.self, context: context) {
            $0.texts(.topics, InputText(scalars: 1...200), count: Self.topics)
        }
        return coverage.report(topics)
    }
}
