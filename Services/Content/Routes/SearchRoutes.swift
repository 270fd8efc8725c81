import Hummingbird
import Intelligence
import PathwiseProtocol
import ServiceKit

/// `POST /api/v1/search`: the library's full-text search, open like the rest of the library.
struct SearchRoutes {
    let store: any SearchStore
    let catalog: Catalog
    let taxonomy: Taxonomy
    let matcher: SkillMatcher
    let verifier: AccessTokenVerifier

    /// What a query may be: a line, up to a long sentence or two.
    static let query = InputText(scalars: 1...500)

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.group("api/v1/search").add(middleware: UserAuthenticationMiddleware(verifier: verifier, required: false)).post(use: search)
        return routes
    }

    @Sendable func search(_ request: Request, context: ServiceRequestContext) async throws -> SearchResultsDTO {
        let query = try await request.readFields(SearchRequest.self, context: context) { fields -> SearchQuery? in
            let text = fields.required(.query, fields.text(.query, Self.query))
            let limit = fields.has(.limit) ? fields.integer(.limit, in: SearchRequest.limits) : SearchRequest.defaultLimit
            let book = fields.optionalString(.book)
            if let book, catalog.book(book) == nil {
                fields.fail(.book, "names no book; one of: \(catalog.books.map(\.id).joined(separator: ", "))")
            }
            let layer = fields.choice(.layer, as: LessonFrontMatter.Layer.self)
            guard let text, let limit else { return nil }
            return SearchQuery(text: text, book: book, layer: layer.value?.rawValue, limit: limit, matcher: matcher, taxonomy: taxonomy)
        }
        return SearchResultsDTO(items: try await store.search(query), querySkills: query.skills)
    }
}
