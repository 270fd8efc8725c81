public import Hummingbird
import Foundation
public import NIOCore

/// Conditional reads by entity tag: a JSON body served with its `ETag`, and `If-None-Match` answered
/// with 304 (RFC 9110 §13.1.2: weak comparison, a list of tags, or `*`).
public enum EntityTag {
    /// 304 with the tag when the request already holds this version, else 200 with `body` and the tag.
    public static func response(to request: Request, body: ByteBuffer, etag: String) -> Response {
        if let condition = request.headers[.ifNoneMatch], matches(condition, etag) {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: "no-cache"])
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .eTag: etag, .cacheControl: "no-cache"], body: .init(byteBuffer: body)
        )
    }

    /// Whether an `If-None-Match` value names `etag` (a quoted tag).
    public static func matches(_ condition: String, _ etag: String) -> Bool {
        condition.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}
