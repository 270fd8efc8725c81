import Foundation
import Hummingbird
import NIOFoundationCompat
import PathwiseProtocol
import ServiceKit

/// `/api/v1/resumes*`: upload, list, read, download, make default, delete.
struct ResumeRoutes {
    let resumes: Resumes

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.post(use: upload)
        routes.get(use: list)
        routes.get(":id", use: resume)
        routes.get(":id/file", use: file)
        routes.post(":id/default", use: makeDefault)
        routes.delete(":id", use: delete)
        return routes
    }

    @Sendable func upload(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<ResumeDTO> {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let (contentType, disposition) = (request.headers[.contentType], request.headers[.contentDisposition])
        // A 10 MiB form is read off the event loops, like the document itself.
        let upload = try await resumes.intake.compute.run(timeLimit: resumes.intake.analysisTimeLimit) { _ in
            try ResumeUpload(body: body, contentType: contentType, contentDisposition: disposition)
        }
        let resume = try await resumes.logging(to: context.logger).upload(upload, for: try context.requireUser().id)
        return EditedResponse(status: .created, headers: [.location: "/api/v1/resumes/\(resume.id.uuidString.lowercased())"], response: resume)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<Page<ResumeDTO>> {
        EditedResponse(headers: [.cacheControl: "no-store"], response: Page(items: try await resumes.list(for: try context.requireUser().id)))
    }

    @Sendable func resume(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<ResumeDTO> {
        EditedResponse(headers: [.cacheControl: "no-store"], response: try await resumes.resume(try Self.id(context), of: try context.requireUser().id))
    }

    @Sendable func file(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let file = try await resumes.file(try Self.id(context), of: try context.requireUser().id)
        return Response(
            status: .ok,
            headers: [
                .contentType: file.contentType, .contentDisposition: FileName.contentDisposition(for: file.filename),
                .xContentTypeOptions: "nosniff", .cacheControl: "private, no-store", .contentSecurityPolicy: "default-src 'none'; sandbox",
            ],
            body: .init(byteBuffer: file.bytes)
        )
    }

    @Sendable func makeDefault(_ request: Request, context: ServiceRequestContext) async throws -> ResumeDTO {
        try await resumes.logging(to: context.logger).makeDefault(try Self.id(context), of: try context.requireUser().id)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await resumes.logging(to: context.logger).delete(try Self.id(context), of: try context.requireUser().id)
        return .noContent
    }

    /// The resume id in the path; anything that is not a UUID names no resume.
    private static func id(_ context: ServiceRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw ProfileError.resumeNotFound }
        return id
    }
}
