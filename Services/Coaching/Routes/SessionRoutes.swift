import Foundation
import Hummingbird
import NIOCore
import PathwiseProtocol
import ServiceKit

/// `/api/v1/sessions*`: a person's practice sessions, their turns (idempotent, optionally streamed),
/// completion and evaluation.
struct SessionRoutes {
    /// What each free-text field of a session takes.
    static let title = InputText(scalars: 1...200)
    static let meetingSubtype = InputText(scalars: 1...100)
    static let agenda = InputText(scalars: 1...2_000, multiline: true)
    static let roleContext = InputText(scalars: 1...1_000, multiline: true)
    /// One answer: 1–4,000 characters.
    static let answer = InputText(scalars: 1...4_000, multiline: true)

    let sessions: PracticeSessions
    let evaluations: SessionEvaluations

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.post("sessions", use: create)
        routes.get("sessions", use: list)
        routes.get("sessions/:id", use: session)
        routes.patch("sessions/:id", use: update)
        routes.delete("sessions/:id", use: archive)
        routes.post("sessions/:id/messages", use: answer)
        routes.post("sessions/:id/complete", use: complete)
        routes.post("sessions/:id/evaluate", use: evaluate)
        routes.get("sessions/:id/evaluation", use: evaluation)
        return routes
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<SessionDTO> {
        let (brief, title) = try await request.readFields(SessionRequest.self, context: context) { fields -> (SessionBrief, String?)? in
            let type = fields.required(.preparationType, fields.choice(.preparationType, as: PreparationType.self))
            let subtype = fields.text(.meetingSubtype, Self.meetingSubtype).value
            let agenda = fields.text(.agenda, Self.agenda).value
            let tone = fields.choice(.tone, as: Tone.self).value ?? .neutral
            let roleContext = fields.text(.roleContext, Self.roleContext).value
            let title = fields.text(.title, Self.title).value
            guard let type else { return nil }
            return (SessionBrief(preparationType: type, meetingSubtype: subtype, agenda: agenda, tone: tone, roleContext: roleContext), title)
        }
        let session = try await sessions.logging(to: context.logger).create(brief, title: title, for: try context.requireUser().id)
        return EditedResponse(status: .created, headers: [.location: "/api/v1/sessions/\(session.id.uuidString.lowercased())"], response: session)
    }

    /// `?status=` (any status; all but archived by default) and `?preparation_type=`, with cursor paging.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<Page<SessionSummaryDTO>> {
        let query = request.uri.queryParameters
        var errors: [ProblemDetails.FieldError] = []
        var filter = SessionFilter()
        if let raw = query.get("status") {
            filter.status = SessionStatus(rawValue: raw)
            if filter.status == nil { errors.append(.init(field: "status", message: "must be one of in_progress, completed, archived")) }
        }
        if let raw = query.get("preparation_type") {
            filter.preparationType = PreparationType(rawValue: raw)
            if filter.preparationType == nil {
                errors.append(
                    .init(field: "preparation_type", message: "must be one of \(PreparationType.allCases.map(\.rawValue).joined(separator: ", "))")
                )
            }
        }
        let page: PageRequest
        do {
            page = try PageRequest(request)
        } catch let error as ProblemError {
            throw ProblemError.invalid(errors + error.fieldErrors)
        }
        guard errors.isEmpty else { throw ProblemError.invalid(errors) }
        return EditedResponse(
            headers: [.cacheControl: "private, no-store"],
            response: try await sessions.list(for: try context.requireUser().id, filter: filter, page: page)
        )
    }

    @Sendable func session(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<SessionDTO> {
        EditedResponse(
            headers: [.cacheControl: "private, no-store"], response: try await sessions.session(try Self.id(context), of: try context.requireUser().id)
        )
    }

    /// `{title?, status?}`: a new title, and a move to `archived` (or the status it has); `completed` only through `…/complete`.
    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> SessionDTO {
        let id = try Self.id(context)
        let (title, status) = try await request.readFields(SessionPatchRequest.self, context: context) { fields -> (String?, SessionStatus?)? in
            if fields.isEmpty { fields.fail(field: "", "send title, status or both") }
            let title = fields.text(.title, Self.title)
            if title == .clear { fields.fail(.title, "must not be null: a session always has a title") }
            let status = fields.choice(.status, as: SessionStatus.self)
            if status == .clear { fields.fail(.status, "must not be null") }
            if status == .set(.completed) { fields.fail(.status, "cannot be set to completed here: POST /api/v1/sessions/{id}/complete does it") }
            return (title.value, status.value)
        }
        return try await sessions.logging(to: context.logger).update(id, of: try context.requireUser().id, title: title, status: status)
    }

    @Sendable func archive(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await sessions.logging(to: context.logger).archive(try Self.id(context), of: try context.requireUser().id)
        return .noContent
    }

    /// `{content}` under a required `Idempotency-Key`: 201 with both turns, or with `Accept: text/event-stream`
    /// the coach's turn as `delta` frames and then `done` with both turns.
    @Sendable func answer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try Self.id(context)
        let user = try context.requireUser().id
        let key = try request.idempotencyKey(required: true) ?? ""
        let content = try await request.readFields(TurnRequest.self, context: context) { fields in
            fields.required(.content, fields.text(.content, Self.answer))
        }
        let sessions = self.sessions.logging(to: context.logger)
        let start = try await sessions.begin(content, in: id, for: user, key: key)
        guard ServerSentEvents.accepted(by: request) else {
            switch start {
            case .replay(let exchange):
                return try Self.created(exchange, replayed: true, request: request, context: context)
            case .answer(let pending):
                // Unstructured, so a client that leaves does not cut the turn short: its retry replays the stored one.
                let exchange = try await Task { try await sessions.finish(pending, deltas: nil) }.value
                return try Self.created(exchange, replayed: false, request: request, context: context)
            }
        }
        return ServerSentEvents.response { frames in
            switch start {
            case .replay(let exchange):
                frames.yield(ServerSentEvents.frame("done", json: exchange))
            case .answer(let pending):
                do {
                    let exchange = try await sessions.finish(pending) { piece in frames.yield(ServerSentEvents.frame("delta", json: TurnDeltaDTO(text: piece))) }
                    frames.yield(ServerSentEvents.frame("done", json: exchange))
                } catch {
                    frames.yield(ServerSentEvents.errorFrame(for: error, context: context))
                }
            }
        }
    }

    @Sendable func complete(_ request: Request, context: ServiceRequestContext) async throws -> SessionDTO {
        try await sessions.logging(to: context.logger).complete(try Self.id(context), of: try context.requireUser().id)
    }

    /// 201 with the new evaluation; 200 with the stored one when the session was evaluated before.
    @Sendable func evaluate(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<EvaluationDTO> {
        let (evaluation, created) = try await evaluations.logging(to: context.logger).evaluate(try Self.id(context), of: try context.requireUser().id)
        return EditedResponse(status: created ? .created : .ok, response: evaluation)
    }

    @Sendable func evaluation(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<EvaluationDTO> {
        EditedResponse(
            headers: [.cacheControl: "private, no-store"],
            response: try await evaluations.evaluation(of: try Self.id(context), user: try context.requireUser().id)
        )
    }

    /// The turn's answer: 201, and `Idempotent-Replayed: true` when it is the stored answer to a retry.
    static func created(_ exchange: TurnExchangeDTO, replayed: Bool, request: Request, context: ServiceRequestContext) throws -> Response {
        var headers: HTTPFields = [.cacheControl: "no-store"]
        if replayed { headers[.idempotentReplayed] = "true" }
        return try EditedResponse(status: .created, headers: headers, response: exchange).response(from: request, context: context)
    }

    /// The session id in the route; anything that is not a UUID names no session.
    static func id(_ context: ServiceRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), raw.utf8.count == 36, let id = UUID(uuidString: raw) else { throw CoachingError.sessionNotFound }
        return id
    }
}
