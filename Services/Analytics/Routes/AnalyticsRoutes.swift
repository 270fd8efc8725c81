import Hummingbird
import NIOCore
import PathwiseProtocol
import ServiceKit

/// `/api/v1/analytics/*`: a person's trends and recurring weaknesses.
struct AnalyticsRoutes {
    let analytics: PersonalAnalytics

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.get("analytics/trends", use: trends)
        routes.get("analytics/improvements", use: improvements)
        return routes
    }

    /// `?days=` (1–365, 90 by default).
    @Sendable func trends(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        var days = PersonalAnalytics.defaultDays
        if let raw = request.uri.queryParameters.get("days") {
            guard raw.utf8.count <= 3, let value = Int(raw), PersonalAnalytics.days ~= value else {
                throw ProblemError.invalid(
                    field: "days", "must be a whole number from \(PersonalAnalytics.days.lowerBound) to \(PersonalAnalytics.days.upperBound)"
                )
            }
            days = value
        }
        let json = try await analytics.logging(to: context.logger).trendsJSON(of: try context.requireUser().id, days: days)
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "private, no-store"],
            body: .init(byteBuffer: ByteBuffer(string: json))
        )
    }

    @Sendable func improvements(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<ImprovementsDTO> {
        EditedResponse(headers: [.cacheControl: "private, no-store"], response: try await analytics.improvements(of: try context.requireUser().id))
    }
}
