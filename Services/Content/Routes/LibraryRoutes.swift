import Crypto
import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/books*` and `/api/v1/lessons/{id}`: the library, open to read (a token that is sent must
/// be valid); `/internal/lessons`, the lesson graph, for pathing, coaching and analytics. Each lesson,
/// and the graph, is encoded once, at start, and served with an `ETag` (304 on `If-None-Match`).
struct LibraryRoutes {
    let catalog: Catalog
    let verifier: AccessTokenVerifier
    /// Each lesson's JSON, encoded once.
    let encodedLessons: [String: ByteBuffer]
    /// The lesson graph's JSON and its entity tag, made once.
    let graph: (body: ByteBuffer, etag: String)

    init(catalog: Catalog, verifier: AccessTokenVerifier) throws {
        self.catalog = catalog
        self.verifier = verifier
        var encoded: [String: ByteBuffer] = [:]
        for (id, lesson) in catalog.lessons { encoded[id] = ByteBuffer(data: try JSONCoding.encoder.encode(lesson)) }
        self.encodedLessons = encoded
        let nodes = catalog.readingOrder.enumerated().compactMap { position, id in
            catalog.lessons[id].map {
                LessonNodeDTO(
                    summary: $0.summary, book: $0.book, part: $0.part, chapter: $0.chapter, position: position, contentHash: $0.contentHash,
                    aliases: catalog.aliases(of: id)
                )
            }
        }
        let graph = try JSONCoding.encoder.encode(LessonGraphDTO(items: nodes))
        self.graph = (ByteBuffer(data: graph), "\"\(SHA256.hex(of: graph))\"")
    }

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        let open = routes.group("api/v1").add(middleware: UserAuthenticationMiddleware(verifier: verifier, required: false))
        open.get("books", use: books)
        open.get("books/:book", use: book)
        open.get("lessons/:id", use: lesson)
        routes.group(RouterPath(InternalPath.lessons)).add(middleware: RequirePeerMiddleware([.pathing, .coaching, .analytics])).get(use: lessonGraph)
        return routes
    }

    @Sendable func books(_ request: Request, context: ServiceRequestContext) async throws -> Page<BookSummaryDTO> {
        Page(items: catalog.bookSummaries)
    }

    @Sendable func book(_ request: Request, context: ServiceRequestContext) async throws -> BookDTO {
        guard let id = context.parameters.get("book"), let book = catalog.book(id) else { throw ContentError.bookNotFound }
        return book
    }

    /// A lesson by its id, or by an id it had before (the answer then names where it lives now).
    @Sendable func lesson(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let asked = context.parameters.get("id"), let id = catalog.lessonID(asked), let lesson = catalog.lessons[id],
            let body = encodedLessons[id]
        else {
            throw ContentError.lessonNotFound
        }
        var response = EntityTag.response(to: request, body: body, etag: "\"\(lesson.contentHash)\"")
        if id != asked { response.headers[.contentLocation] = "/api/v1/lessons/\(id)" }
        return response
    }

    @Sendable func lessonGraph(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        EntityTag.response(to: request, body: graph.body, etag: graph.etag)
    }
}
