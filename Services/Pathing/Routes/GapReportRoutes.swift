import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/gap-reports*`: make, list, read, export and delete the signed-in person's gap reports.
struct GapReportRoutes {
    let reports: GapReports

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.post("gap-reports", use: create)
        routes.get("gap-reports", use: list)
        routes.get("gap-reports/:id", use: report)
        routes.get("gap-reports/:id/export", use: export)
        routes.delete("gap-reports/:id", use: delete)
        return routes
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<GapReportDTO> {
        let (description, resume) = try await request.readFields(GapReportRequest.self, context: context) { fields -> (String?, UUID?)? in
            let description = fields.text(.jobDescription, JobAnalysisRoutes.description).value
            var resume: UUID?
            if let raw = fields.optionalString(.resumeID) {
                resume = UUID(uuidString: raw)
                if resume == nil { fields.fail(.resumeID, "must be a resume id (a UUID)") }
            }
            return (description, resume)
        }
        let report = try await reports.logging(to: context.logger).create(for: try context.requireUser().id, description: description, resume: resume)
        return EditedResponse(status: .created, headers: [.location: "/api/v1/gap-reports/\(report.id.uuidString.lowercased())"], response: report)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<Page<GapReportDTO>> {
        let page = try PageRequest(request)
        return EditedResponse(headers: [.cacheControl: "private, no-store"], response: try await reports.list(for: try context.requireUser().id, page: page))
    }

    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<GapReportDTO> {
        EditedResponse(headers: [.cacheControl: "private, no-store"], response: try await reports.report(try Self.id(context), of: try context.requireUser().id))
    }

    /// `?format=json` (the default) or `csv`, as a download.
    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard format == "json" || format == "csv" else { throw ProblemError.invalid(field: "format", "must be json or csv") }
        let report = try await reports.report(try Self.id(context), of: try context.requireUser().id)
        let name = "gap-report-\(report.id.uuidString.lowercased()).\(format)"
        if format == "csv" { return .download(ByteBuffer(string: GapReportCSV.render(report)), contentType: "text/csv; charset=utf-8; header=present", filename: name) }
        return .download(ByteBuffer(data: try JSONCoding.encoder.encode(report)), contentType: "application/json", filename: name)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await reports.logging(to: context.logger).delete(try Self.id(context), of: try context.requireUser().id)
        return .noContent
    }

    /// The report id in the path; anything that is not a UUID names no report.
    static func id(_ context: ServiceRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw PathingError.reportNotFound }
        return id
    }
}
