import Foundation
import NIOCore
import NIOFoundationCompat
import PathwiseProtocol
import ServiceKit

/// How well the library teaches skills: content's coverage read.
protocol CoverageSource: Sendable {
    /// One coverage per skill id asked, keyed by the topic as asked.
    func coverage(of skills: [String]) async throws -> [String: CoverageDTO]
}

/// Content's `POST /internal/coverage` over mTLS, 200 topics a call.
struct ContentCoverageSource: CoverageSource {
    static let topicsPerCall = 200

    let client: InternalClient

    func coverage(of skills: [String]) async throws -> [String: CoverageDTO] {
        var found: [String: CoverageDTO] = [:]
        var start = 0
        while start < skills.count {
            let chunk = Array(skills[start..<min(skills.count, start + Self.topicsPerCall)])
            let body = ByteBuffer(data: try JSONCoding.encoder.encode(CoverageRequest(topics: chunk)))
            let answer = try await client.post(InternalPath.coverage, to: .content, json: body)
            for item in try JSONCoding.decoder.decode(CoverageReportDTO.self, from: answer).items { found[item.topic] = item }
            start += Self.topicsPerCall
        }
        return found
    }
}
