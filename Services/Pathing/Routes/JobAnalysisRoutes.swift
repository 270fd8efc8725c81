import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `POST /api/v1/job-analysis`: what a posting asks for; nothing is stored.
struct JobAnalysisRoutes {
    let analyses: JobAnalyses

    /// A title: one line.
    static let title = InputText(scalars: 1...200)
    /// A description: the posting as pasted.
    static let description = InputText(scalars: JobAnalysisRequest.descriptionLength, multiline: true)

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.post("job-analysis", use: analyse)
        return routes
    }

    @Sendable func analyse(_ request: Request, context: ServiceRequestContext) async throws -> JobAnalysisDTO {
        let (title, description) = try await request.readFields(JobAnalysisRequest.self, context: context) { fields -> (String?, String)? in
            let title = fields.text(.jobTitle, Self.title).value
            guard let description = fields.required(.jobDescription, fields.text(.jobDescription, Self.description)) else { return nil }
            return (title, description)
        }
        return try await analyses.analyse(title: title, description: description, logger: context.logger)
    }
}
