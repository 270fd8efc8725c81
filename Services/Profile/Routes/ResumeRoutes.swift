import Foundation
import Hummingbird
import NIOFoundationCompat
import PathwiseProtocol
import ServiceKit

/// `/api/v1/resumes*`: upload, list, read, download, make default, delete.
struct ResumeRoutes {
    let intake: ResumeIntake
    let resumes: any ResumeStore

    func add(to group: RouterGroup<ServiceRequestContext>) {
        group.post { request, context in
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let (contentType, disposition) = (request.headers[.contentType], request.headers[.contentDisposition])
            // A 10 MiB form is read off the event loops, like the document itself.
            let upload = try await intake.compute.run(timeLimit: ResumeIntake.analysisTimeLimit) { _ in
                try ResumeUpload(body: body, contentType: contentType, contentDisposition: disposition)
            }
            let user = try context.requireUser().id
            let resume = try await intake.upload(upload, for: user)
            context.logger.info(
                "profile.resume.uploaded",
                metadata: [
                    "user_id": .id(user), "resume_id": .id(resume.id), "content_type": "\(resume.contentType)", "size_bytes": "\(resume.sizeBytes)",
                    "skills": "\(resume.skills.count)",
                ]
            )
            return try Response.json(resume, status: .created, headers: [.location: "/api/v1/resumes/\(resume.id.uuidString.lowercased())"])
        }
        group.get { _, context in
            try Response.json(Page(items: try await resumes.list(for: try context.requireUser().id)), headers: [.cacheControl: "no-store"])
        }
        group.get(":id") { _, context in
            guard let resume = try await resumes.resume(try Self.id(context), of: try context.requireUser().id) else { throw ProblemError.notFound() }
            return try Response.json(resume, headers: [.cacheControl: "no-store"])
        }
        group.get(":id/file") { _, context in
            guard let file = try await resumes.file(try Self.id(context), of: try context.requireUser().id) else { throw ProblemError.notFound() }
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.contentType, .contentDisposition: FileName.contentDisposition(for: file.filename),
                    .xContentTypeOptions: "nosniff", .cacheControl: "private, no-store", .contentSecurityPolicy: "default-src 'none'; sandbox",
                ],
                body: .init(byteBuffer: file.bytes)
            )
        }
        group.post(":id/default") { _, context in
            let (id, user) = (try Self.id(context), try context.requireUser().id)
            guard let resume = try await resumes.makeDefault(id, of: user) else { throw ProblemError.notFound() }
            context.logger.info("profile.resume.made_default", metadata: ["user_id": .id(user), "resume_id": .id(id)])
            return try Response.json(resume)
        }
        group.delete(":id") { _, context in
            let (id, user) = (try Self.id(context), try context.requireUser().id)
            guard try await resumes.delete(id, of: user) else { throw ProblemError.notFound() }
            context.logger.info("profile.resume.deleted", metadata: ["user_id": .id(user), "resume_id": .id(id)])
            return Response(status: .noContent)
        }
    }

    /// The resume id in the path; anything that is not a UUID names no resume.
    private static func id(_ context: ServiceRequestContext) throws -> UUID {
        guard let id = context.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw ProblemError.notFound() }
        return id
    }
}
