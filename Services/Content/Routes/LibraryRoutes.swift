import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/books*` and `/api/v1/lessons/{id}`: the library, open to read (a token that is sent must
/// be valid). Each lesson is encoded once, at start, and served with its content hash as `ETag`.
struct LibraryRoutes {
    let catalog: Catalog
    let verifier: AccessTokenVerifier
    /// Each lesson's JSON, encoded once.
    let encodedLessons: [String: ByteBuffer]

    init(catalog: Catalog, verifier: AccessTokenVerifier) throws {
        self.catalog = catalog
        self.verifier = verifier
        var encoded: [String: ByteBuffer] = [:]
        for (id, lesson) in catalog.lessons { encoded[id] = ByteBuffer(data: try JSONCoding.encoder.encode(lesson)) }
        self.encodedLessons = encoded
    }

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self).add(middleware: UserAuthenticationMiddleware(verifier: verifier, required: false))
        routes.get("books", use: books)
        routes.get("books/:book", use: book)
        routes.get("lessons/:id", use: lesson)
        return routes
    }

    @Sendable func books(_ request: Request, context: ServiceRequestContext) async throws -> Page<BookSummaryDTO> {
        Page(items: catalog.bookSummaries)
    }

    @Sendable func book(_ request: Request, context: ServiceRequestContext) async throws -> BookDTO {
        guard let id = context.parameters.get("book"), let book = catalog.book(id) else { throw ContentError.bookNotFound }
        return book
    }

    @Sendable func lesson(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let lesson = catalog.lessons[id], let body = encodedLessons[id] else {
            throw ContentError.lessonNotFound
        }
        let etag = "\"\(lesson.contentHash)\""
        if let condition = request.headers[.ifNoneMatch], EntityTag.matches(condition, etag) {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: "no-cache"])
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .eTag: etag, .cacheControl: "no-cache"], body: .init(byteBuffer: body)
        )
    }
}

/// `If-None-Match` against an entity tag (RFC 9110 §13.1.2: weak comparison, a list, or `*`).
enum EntityTag {
    static func matches(_ condition: String, _ etag: String) -> Bool {
        condition.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}
