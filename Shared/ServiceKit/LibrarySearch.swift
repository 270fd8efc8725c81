public import Foundation
import NIOCore
import NIOFoundationCompat
public import PathwiseProtocol

/// Content's open search (`POST /api/v1/search`), which other services call directly over mTLS to find
/// the lessons that teach something (coaching's practice suggestions, analytics's recommendations).
public struct LibrarySearch: Sendable {
    let client: InternalClient

    public init(client: InternalClient) {
        self.client = client
    }

    /// The best `limit` hits for `query`, best first.
    public func hits(for query: String, limit: Int) async throws -> [SearchHitDTO] {
        let body = ByteBuffer(data: try JSONCoding.encoder.encode(SearchRequest(query: query, limit: limit)))
        let answer = try await client.post(InternalPath.search, to: .content, json: body)
        return try JSONCoding.decoder.decode(SearchResultsDTO.self, from: answer).items
    }
}
