public import Foundation
public import Hummingbird
public import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
public import PathwiseProtocol
public import ServiceKit

/// A moment a test moves by hand: a service built on it sees time pass only when the test says so.
public final class ManualClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    public init(_ start: Date = Date()) {
        current = NIOLockedValueBox(start)
    }

    /// The clock a service reads.
    public var wallClock: WallClock { WallClock { [current] in current.withLockedValue { $0 } } }

    /// Moves time forward.
    public func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 += seconds }
    }
}

/// Calls a router in process (no TLS, no sockets): what a route test needs to check a service's rules in milliseconds.
public struct RouterCaller: Sendable {
    let client: any TestClientProtocol

    /// Runs `body` against `router`.
    public static func with(_ router: Router<ServiceRequestContext>, _ body: @Sendable (RouterCaller) async throws -> Void) async throws {
        try await Application(router: router, logger: testLogger).test(.router) { client in
            try await body(RouterCaller(client: client))
        }
    }

    /// Sends a request; `json` is encoded with the process's encoder, `text` is sent as it is (as JSON).
    public func send(
        _ method: HTTPRequest.Method, _ path: String, json: (any Encodable)? = nil, text: String? = nil, body: ByteBuffer? = nil,
        headers: HTTPFields = [:], bearer: String? = nil
    ) async throws -> TestClient.Response {
        var headers = headers
        var payload = body
        if let json {
            payload = ByteBuffer(data: try JSONCoding.encoder.encode(json))
        } else if let text {
            payload = ByteBuffer(string: text)
        }
        if payload != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: payload)
        return TestClient.Response(status: Int(response.status.code), fields: response.headers, body: response.body)
    }
}
