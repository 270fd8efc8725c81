import Foundation
import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit

/// `/api/v1/learning-paths*`: the current path (made when the target changes), paths on request, the
/// person's paths, exports, and topics marked known.
struct LearningPathRoutes {
    let paths: LearningPaths
    let taxonomy: Taxonomy

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.get("learning-paths/current", use: current)
        routes.post("learning-paths/current/known", use: markKnown)
        routes.post("learning-paths", use: create)
        routes.get("learning-paths", use: list)
        routes.get("learning-paths/:id", use: path)
        routes.get("learning-paths/:id/export", use: export)
        return routes
    }

    /// 200 with the path, or 202 while the first path for a new target is being made.
    @Sendable func current(_ request: Request, context: ServiceRequestContext) async throws -> CurrentPathResponse {
        CurrentPathResponse(answer: try await paths.logging(to: context.logger).current(of: try context.requireUser().id))
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<LearningPathDTO> {
        let (description, hours, start) = try await request.readFields(LearningPathRequest.self, context: context) { fields -> (String?, Int?, CalendarDay?)? in
            let description = fields.text(.jobDescription, JobAnalysisRoutes.description).value
            let hours = fields.has(.weeklyHours) ? fields.integer(.weeklyHours, in: OnboardingAnswers.weeklyHours) : nil
            var start: CalendarDay?
            if let raw = fields.optionalString(.startDate) {
                start = CalendarDay(raw).flatMap { CalendarDay.accepted.contains($0) ? $0 : nil }
                if start == nil { fields.fail(.startDate, "must be a date written YYYY-MM-DD, from 2000-01-01 to 2100-12-31") }
            }
            return (description, hours, start)
        }
        let path = try await paths.logging(to: context.logger).create(
            for: try context.requireUser().id, description: description, weeklyHours: hours, startDate: start
        )
        return EditedResponse(status: .created, headers: [.location: "/api/v1/learning-paths/\(path.id.uuidString.lowercased())"], response: path)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<Page<LearningPathDTO>> {
        let page = try PageRequest(request)
        return EditedResponse(headers: [.cacheControl: "private, no-store"], response: try await paths.list(for: try context.requireUser().id, page: page))
    }

    @Sendable func path(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<LearningPathDTO> {
        EditedResponse(headers: [.cacheControl: "private, no-store"], response: try await paths.path(try Self.id(context), of: try context.requireUser().id))
    }

    /// `?format=json` (the default), `csv` or `ics`, as a download; `current` names the current path.
    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard ["json", "csv", "ics"].contains(format) else { throw ProblemError.invalid(field: "format", "must be json, csv or ics") }
        let user = try context.requireUser().id
        let path: LearningPathDTO
        if context.parameters.get("id") == "current" {
            guard case .path(let current) = try await paths.logging(to: context.logger).current(of: user) else { throw PathingError.pathNotFound }
            path = try current.dto()
        } else {
            path = try await paths.path(try Self.id(context), of: user)
        }
        let body: ByteBuffer
        let type: String
        switch format {
        case "csv": (body, type) = (ByteBuffer(string: LearningPathCSV.render(path)), "text/csv; charset=utf-8; header=present")
        case "ics": (body, type) = (ByteBuffer(string: StudyCalendar(path: path).render()), "text/calendar; charset=utf-8")
        default: (body, type) = (ByteBuffer(data: try JSONCoding.encoder.encode(path)), "application/json")
        }
        return .download(body, contentType: type, filename: "learning-path-\(path.id.uuidString.lowercased()).\(format)")
    }

    @Sendable func markKnown(_ request: Request, context: ServiceRequestContext) async throws -> LearningPathDTO {
        let skill = try await request.readFields(KnownTopicRequest.self, context: context) { fields -> String? in
            guard let id = fields.string(.skillID) else { return nil }
            guard taxonomy.skill(id) != nil else {
                fields.fail(.skillID, "is not a skill Pathwise knows")
                return nil
            }
            return id
        }
        return try await paths.logging(to: context.logger).markKnown(skill, for: try context.requireUser().id)
    }

    /// The path id in the route; anything that is not a UUID names no path.
    static func id(_ context: ServiceRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw PathingError.pathNotFound }
        return id
    }
}

/// `GET …/current`'s answer: the stored path with the person's statuses spliced in, or 202 `{status: "generating"}` with a hint to ask again shortly.
struct CurrentPathResponse: ResponseGenerator {
    let answer: LearningPaths.Current

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch answer {
        case .path(let path):
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "private, no-store"],
                body: .init(byteBuffer: try path.rendered())
            )
        case .generating:
            try EditedResponse(status: .accepted, headers: [.cacheControl: "no-store", .retryAfter: "1"], response: PathGeneratingDTO())
                .response(from: request, context: context)
        }
    }
}

/// `GET /internal/users/{user}/gaps`, for coaching: the current path's weak and missing skills.
struct PathGapRoutes {
    let paths: LearningPaths

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.group(RouterPath(InternalPath.gapsRoute)).add(middleware: RequirePeerMiddleware([.coaching])).get(use: gaps)
        return routes
    }

    @Sendable func gaps(_ request: Request, context: ServiceRequestContext) async throws -> SkillGapsDTO {
        // Anything that is not a UUID names no person, who has no gaps.
        guard let user = context.parameters.get("user", as: UUID.self) else { return SkillGapsDTO(items: []) }
        return try await paths.gaps(of: user)
    }
}
