import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/progress*` and `/api/v1/recommendations`: a person's lesson progress, its summary, and what to do next.
struct ProgressRoutes {
    /// How many recommendations one request may ask for, and how many it gets unless it says.
    static let recommendationLimits = 1...50
    static let defaultRecommendations = 10

    let progress: StudyProgress

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.post("progress/lessons/:id/start", use: start)
        routes.post("progress/lessons/:id/skip", use: skip)
        routes.put("progress/lessons/:id/time", use: addTime)
        routes.post("progress/lessons/:id/complete", use: complete)
        routes.post("progress/lessons/:id/review", use: review)
        routes.get("progress/lessons/:id", use: lesson)
        routes.get("progress", use: summary)
        routes.get("recommendations", use: recommendations)
        return routes
    }

    @Sendable func start(_ request: Request, context: ServiceRequestContext) async throws -> LessonProgressDTO {
        try await progress.logging(to: context.logger).start(try Self.lesson(context), for: try context.requireUser().id)
    }

    @Sendable func skip(_ request: Request, context: ServiceRequestContext) async throws -> LessonProgressDTO {
        try await progress.logging(to: context.logger).skip(try Self.lesson(context), for: try context.requireUser().id)
    }

    /// Adds `{seconds}` (1–3,600); a retry with the same `Idempotency-Key` adds nothing more.
    @Sendable func addTime(_ request: Request, context: ServiceRequestContext) async throws -> LessonProgressDTO {
        let key = try request.idempotencyKey(required: false)
        let seconds = try await request.readFields(LessonTimeRequest.self, context: context) { fields in
            fields.integer(.seconds, in: LessonTimeRequest.secondsRange)
        }
        return try await progress.logging(to: context.logger).addTime(seconds, to: try Self.lesson(context), for: try context.requireUser().id, key: key)
    }

    @Sendable func complete(_ request: Request, context: ServiceRequestContext) async throws -> LessonProgressDTO {
        try await progress.logging(to: context.logger).complete(try Self.lesson(context), for: try context.requireUser().id)
    }

    @Sendable func review(_ request: Request, context: ServiceRequestContext) async throws -> LessonProgressDTO {
        let grade = try await request.readFields(ReviewRequest.self, context: context) { fields in
            fields.required(.grade, fields.choice(.grade, as: ReviewGrade.self))
        }
        return try await progress.logging(to: context.logger).review(try Self.lesson(context), grade: grade, for: try context.requireUser().id)
    }

    @Sendable func lesson(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<LessonProgressDTO> {
        EditedResponse(
            headers: [.cacheControl: "private, no-store"], response: try await progress.lesson(try Self.lesson(context), of: try context.requireUser().id)
        )
    }

    /// `?tz=` names the zone whose days the streak counts (IANA, UTC by default).
    @Sendable func summary(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<ProgressSummaryDTO> {
        var zone = Calendar.utc.timeZone
        if let name = request.uri.queryParameters.get("tz") {
            guard name.count <= 64, let named = TimeZone(identifier: name) else {
                throw ProblemError.invalid(field: "tz", "must be an IANA time zone such as Europe/London")
            }
            zone = named
        }
        return EditedResponse(
            headers: [.cacheControl: "private, no-store"], response: try await progress.summary(of: try context.requireUser().id, in: zone)
        )
    }

    @Sendable func recommendations(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<RecommendationsDTO> {
        var limit = Self.defaultRecommendations
        if let raw = request.uri.queryParameters.get("limit") {
            guard let value = Int(raw), Self.recommendationLimits ~= value else {
                throw ProblemError.invalid(
                    field: "limit", "must be a whole number from \(Self.recommendationLimits.lowerBound) to \(Self.recommendationLimits.upperBound)"
                )
            }
            limit = value
        }
        return EditedResponse(
            headers: [.cacheControl: "private, no-store"],
            response: try await progress.recommendations(for: try context.requireUser().id, limit: limit)
        )
    }

    /// The lesson id in the route; one too long to be a lesson's names none.
    static func lesson(_ context: ServiceRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), (1...200).contains(id.count) else { throw PathingError.lessonNotFound }
        return id
    }
}
