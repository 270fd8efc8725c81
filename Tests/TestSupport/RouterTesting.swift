public import Foundation
public import Hummingbird
import HTTPTypes
public import HummingbirdTesting
import NIOConcurrencyHelpers
public import NIOCore
public import NIOHTTP1
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

/// Sends requests to a service under test: in process through its router (`RouterCaller`), or over
/// TLS to a running copy (`LiveCaller`). Harnesses take either, so one test can run both ways.
public protocol ServiceCaller: Sendable {
    /// Sends one request; `json` is encoded with the process's encoder (and sets `Content-Type`).
    func perform(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)], json: (any Encodable)?, body: ByteBuffer?, bearer: String?
    ) async throws -> TestClient.Response
}

extension ServiceCaller {
    /// Sends one request.
    public func send(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], json: (any Encodable)? = nil, body: ByteBuffer? = nil,
        bearer: String? = nil
    ) async throws -> TestClient.Response {
        try await perform(method, path, headers: headers, json: json, body: body, bearer: bearer)
    }

    /// Sends `text` as a JSON body, as it is (for bodies the typed requests cannot express).
    public func send(_ method: HTTPMethod, _ path: String, text: String, bearer: String? = nil) async throws -> TestClient.Response {
        try await perform(method, path, headers: [("Content-Type", "application/json")], json: nil, body: ByteBuffer(string: text), bearer: bearer)
    }
}

/// A running service reached over TLS with a test client.
public struct LiveCaller: ServiceCaller {
    public let client: TestClient
    /// `https://127.0.0.1:<port>`.
    public let base: String

    public init(client: TestClient, port: Int) {
        self.client = client
        self.base = "https://127.0.0.1:\(port)"
    }

    public func perform(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)], json: (any Encodable)?, body: ByteBuffer?, bearer: String?
    ) async throws -> TestClient.Response {
        try await client.send(method, base + path, headers: headers, json: json, body: body, bearer: bearer)
    }
}

/// Calls a router in process with `app.test(.router)` (no TLS, no sockets): what a route test needs
/// to check a service's rules in milliseconds.
public struct RouterCaller: ServiceCaller {
    let client: any TestClientProtocol

    /// Runs `body` against `router`.
    public static func with(_ router: Router<ServiceRequestContext>, _ body: @Sendable (RouterCaller) async throws -> Void) async throws {
        try await Application(router: router, logger: testLogger).test(.router) { client in
            try await body(RouterCaller(client: client))
        }
    }

    public func perform(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)], json: (any Encodable)?, body: ByteBuffer?, bearer: String?
    ) async throws -> TestClient.Response {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        var payload = body
        if let json {
            payload = ByteBuffer(data: try JSONCoding.encoder.encode(json))
            fields[.contentType] = "application/json"
        }
        if let bearer { fields[.authorization] = "Bearer \(bearer)" }
        let response = try await client.execute(uri: path, method: HTTPRequest.Method(rawValue: method.rawValue) ?? .get, headers: fields, body: payload)
        return TestClient.Response(status: Int(response.status.code), fields: response.headers, body: response.body)
    }
}
