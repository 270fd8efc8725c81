public import AsyncHTTPClient
public import Foundation
import Logging
public import NIOCore
import NIOFoundationCompat
import NIOHTTP1
public import PathwiseProtocol
public import ServiceLifecycle

/// A call to another service that did not get a usable answer.
public enum InternalCallError: Error, CustomStringConvertible {
    case unreachable(ServiceName, String)
    case status(ServiceName, Int, String)

    public var description: String {
        switch self {
        case .unreachable(let peer, let reason): "\(peer.rawValue) unreachable: \(reason)"
        case .status(let peer, let code, let body): "\(peer.rawValue) answered \(code): \(body.prefix(200))"
        }
    }
}

/// Typed HTTP/2 calls to other services over mutual TLS: one client per process, a deadline on every
/// call, one retry only for idempotent requests, and the request id and trace context passed along.
public struct InternalClient: Sendable {
    public let http: HTTPClient
    let peers: [ServiceName: URL]
    let timeout: Duration

    public init(http: HTTPClient, peers: [ServiceName: URL], timeout: Duration = .seconds(5)) {
        self.http = http
        self.peers = peers
        self.timeout = timeout
    }

    /// Makes the process's one client: this service's certificate, peers verified against the internal CA.
    public static func makeHTTPClient(tls: TLSFiles) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try tls.clientConfiguration(),
            timeout: .init(connect: .seconds(3), read: .seconds(15))
        )
        configuration.httpVersion = .automatic
        configuration.connectionPool.idleTimeout = .seconds(60)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Calls a typed internal endpoint (`InternalAPI`) on the service that answers it, and decodes its answer.
    public func call<Response>(_ endpoint: InternalEndpoint<Response>) async throws -> Response {
        let body = try await send(.GET, endpoint.path, to: endpoint.service, body: nil, idempotent: true)
        return try JSONCoding.decoder.decode(Response.self, from: body)
    }

    /// GETs `path` from `peer` and returns the body as it came.
    public func getRaw(_ path: String, from peer: ServiceName) async throws -> ByteBuffer {
        try await send(.GET, path, to: peer, body: nil, idempotent: true)
    }

    /// POSTs an already-encoded JSON body to `peer` and returns the answer's body.
    public func post(_ path: String, to peer: ServiceName, json body: ByteBuffer) async throws -> ByteBuffer {
        try await send(.POST, path, to: peer, body: body, idempotent: false)
    }

    func send(_ method: HTTPMethod, _ path: String, to peer: ServiceName, body: ByteBuffer?, idempotent: Bool) async throws -> ByteBuffer {
        guard let base = peers[peer] else { throw InternalCallError.unreachable(peer, "no URL configured") }
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let propagated = PropagatedHeaders.current {
            request.headers.add(name: "X-Request-ID", value: propagated.requestID)
            if let traceparent = propagated.traceparent { request.headers.add(name: "traceparent", value: traceparent) }
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        var attempt = 0
        while true {
            attempt += 1
            do {
                let response = try await http.execute(request, timeout: .init(timeout))
                let payload = try await response.body.collect(upTo: 16 << 20)
                guard (200..<300).contains(response.status.code) else {
                    throw InternalCallError.status(peer, Int(response.status.code), String(buffer: payload))
                }
                return payload
            } catch let error as InternalCallError {
                throw error
            } catch {
                if idempotent && attempt < 2 && !Task.isCancelled { continue }
                throw InternalCallError.unreachable(peer, "\(error)")
            }
        }
    }
}

/// Shuts the process's HTTP client down when the service group stops.
public struct HTTPClientService: Service {
    let client: HTTPClient

    public init(client: HTTPClient) {
        self.client = client
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// Identity's key set, fetched over the internal client.
public struct RemoteKeySetSource: KeySetSource {
    let client: InternalClient

    public init(client: InternalClient) {
        self.client = client
    }

    public func fetchKeySet() async throws -> String {
        String(buffer: try await client.getRaw(InternalPath.jwks, from: .identity))
    }
}

/// Identity's revocation feed, fetched over the internal client.
public struct RemoteRevocationSource: RevocationSource {
    let client: InternalClient

    public init(client: InternalClient) {
        self.client = client
    }

    public func revocations(after cursor: Int64) async throws -> TokenRevocationFeed {
        try await client.call(InternalAPI.tokenRevocations(after: cursor))
    }
}
