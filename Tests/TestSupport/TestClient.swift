public import Hummingbird
import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOFoundationCompat
public import NIOHTTP1
import NIOSSL
public import PathwiseProtocol
import ServiceKit

/// An HTTP client for tests that presents a chosen certificate (or none), trusts the internal CA, and
/// negotiates h2 like the services and the gateway do.
public struct TestClient: Sendable {
    /// Which certificate the client presents.
    public enum Identity: Sendable {
        /// The gateway's client certificate (how people's requests reach services).
        case gateway
        /// A service's certificate, by its certificate name.
        case service(String)
        /// A certificate named `identity` from a CA the services do not trust.
        case rogue
        /// No client certificate.
        case none
    }

    /// What came back.
    public struct Response: Sendable {
        public let status: Int
        public let headers: HTTPHeaders
        public let body: ByteBuffer
        public let version: HTTPVersion

        init(status: Int, headers: HTTPHeaders, body: ByteBuffer, version: HTTPVersion) {
            self.status = status
            self.headers = headers
            self.body = body
            self.version = version
        }

        /// A response from an in-process router call (`RouterCaller`).
        public init(status: Int, fields: HTTPFields, body: ByteBuffer) {
            self.status = status
            self.headers = HTTPHeaders(fields.map { ($0.name.rawName, $0.value) })
            self.body = body
            self.version = .http1_1
        }

        public var text: String { String(buffer: body) }

        /// The body decoded as `T`.
        public func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
            try JSONCoding.decoder.decode(T.self, from: Data(buffer: body))
        }

        /// The body as a JSON object.
        public func object() throws -> [String: Any] {
            (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
        }

        /// The problem document of a 4xx or 5xx.
        public var problem: ProblemDetails? { try? json(ProblemDetails.self) }
        /// The problem's `code`.
        public var code: String? { problem?.code }
        /// The fields a 400 names, in order.
        public var invalidFields: [String] { problem?.errors?.map(\.field) ?? [] }
    }

    let client: HTTPClient

    /// Runs `body` with a client presenting `identity`, shut down afterwards.
    public static func with<T: Sendable>(identity: Identity, _ body: (TestClient) async throws -> T) async throws -> T {
        var tls = TLSConfiguration.makeClientConfiguration()
        let pki = try TestEnvironment.pkiDirectory
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile("\(pki)/ca.pem"))
        tls.applicationProtocols = ["h2", "http/1.1"]
        let files: (String, String)? =
            switch identity {
            case .gateway: ("\(pki)/gateway.pem", "\(pki)/gateway.key")
            case .service(let name): ("\(pki)/\(name).pem", "\(pki)/\(name).key")
            case .rogue: ("\(try TestEnvironment.roguePKIDirectory)/identity.pem", "\(try TestEnvironment.roguePKIDirectory)/identity.key")
            case .none: nil
            }
        if let (certificate, key) = files {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, timeout: .init(connect: .seconds(5), read: .seconds(30)))
        configuration.httpVersion = .automatic
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(TestClient(client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Sends a request; `json` is encoded as the body with `Content-Type: application/json`.
    public func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], json: (any Encodable)? = nil,
        body: ByteBuffer? = nil, bearer: String? = nil
    ) async throws -> Response {
        let request = try Self.request(method, url, headers: headers, json: json, body: body, bearer: bearer)
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 32 << 20)
        return Response(status: Int(response.status.code), headers: response.headers, body: bytes, version: response.version)
    }

    /// A piece of a body as it arrived, and when: the time since the request was sent.
    public struct Arrival: Sendable {
        public let after: Duration
        public let text: String
    }

    /// Sends a request and keeps its body's pieces as they arrive, each with its arrival time (for streamed answers).
    public func arrivals(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], json: (any Encodable)? = nil, bearer: String? = nil
    ) async throws -> (status: Int, headers: HTTPHeaders, arrivals: [Arrival]) {
        let request = try Self.request(method, url, headers: headers, json: json, body: nil, bearer: bearer)
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await client.execute(request, timeout: .seconds(30))
        var arrivals: [Arrival] = []
        for try await piece in response.body { arrivals.append(Arrival(after: clock.now - start, text: String(buffer: piece))) }
        return (Int(response.status.code), response.headers, arrivals)
    }

    /// The request as sent: `json` encoded as the body with `Content-Type: application/json`, else `body`.
    private static func request(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)], json: (any Encodable)?, body: ByteBuffer?, bearer: String?
    ) throws -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONCoding.encoder.encode(json)))
        } else if let body {
            request.body = .bytes(body)
        }
        return request
    }
}
