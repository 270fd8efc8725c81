import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SystemTests {
    /// Requests no HTTP library would send, as raw bytes on the gateway's plain HTTP/1.1 listener. The gateway answers each
    /// one itself (docs/runtime.md, "What the gateway answers itself"); a HEAD passes through to the service.
    func hostileHTTP(_ stack: Stack) async throws {
        let port = stack.httpPort

        // A control character in a header value: the gateway's own 400, not a 502 after the service's h2 stack resets the stream.
        for byte: UInt8 in [0x00, 0x01, 0x1F, 0x7F] {
            let request =
                Array("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Note: a".utf8) + [byte] + Array("b\r\n\r\n".utf8)
            let response = try await GatewaySocket.exchange(port: port, request)
            #expect(response.status == 400, "control byte \(byte)")
            #expect(response.isProblem, "control byte \(byte): \(response.contentType ?? "no content type")")
            let problem = try response.problem()
            #expect(problem["code"] as? String == "invalid_header")
            #expect(problem["status"] as? Int == 400)
            #expect(problem["request_id"] as? String == response.headers["x-request-id"])
        }
        // HTAB is the one control character a field value may hold.
        let tab = try await GatewaySocket.exchange(
            port: port, Array("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Note: a\tb\r\n\r\n".utf8)
        )
        #expect(tab.status == 200)

        // Nothing behind the gateway tunnels or echoes.
        for method in ["CONNECT localhost:443", "TRACE /"] {
            let response = try await GatewaySocket.exchange(port: port, Array("\(method) HTTP/1.1\r\nHost: localhost:443\r\n\r\n".utf8))
            #expect(response.status == 405, "\(method)")
            #expect(response.isProblem, "\(method): \(response.contentType ?? "no content type")")
            #expect(try response.problem()["code"] as? String == "method_not_allowed")
            #expect(response.headers["allow"]?.contains("GET") == true)
        }

        // Refused by HAProxy's HTTP/1 parser before any rule runs: a header larger than its 16 KiB buffer, a malformed request
        // line. HAProxy 2.6 answers these with its built-in page whatever `errorfile` says (docs/runtime.md): a 400 that closes
        // the connection. The request never reaches a service.
        let huge = try await GatewaySocket.exchange(
            port: port,
            Array("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
                + Array("\r\nConnection: close\r\n\r\n".utf8)
        )
        #expect(huge.status == 400)
        #expect(huge.headers["connection"]?.lowercased() == "close")
        let malformed = try await GatewaySocket.exchange(port: port, Array("GET / HTTP/1.1 junk\r\nHost: localhost\r\n\r\n".utf8))
        #expect(malformed.status == 400)

        // A body that stops arriving: the gateway buffers it (option http-buffer-request) and answers 408 after
        // `timeout http-request` (10 s), instead of holding a service's stream open until `timeout server`.
        let started = ContinuousClock.now
        let stalled = try await GatewaySocket.exchange(
            port: port,
            Array("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n".utf8)
                + Array("{\"email\":".utf8),
            timeout: .seconds(30)
        )
        let waited = ContinuousClock.now - started
        #expect(stalled.status == 408)
        #expect(stalled.isProblem, "\(stalled.contentType ?? "no content type")")
        #expect(try stalled.problem()["code"] as? String == "request_timeout")
        #expect(waited >= .seconds(5), "answered after \(waited): the timeout, not an early refusal")

        // HEAD passes the gateway: the service's answer, headers only.
        let head = try await GatewaySocket.exchange(
            port: port, Array("HEAD /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8), untilClosed: true
        )
        #expect(head.status == 200)
        #expect(head.body.isEmpty, "HEAD answered with \(head.body.count) body bytes")
    }
}

/// A response read off a raw connection.
private struct GatewaySocketResponse: Sendable {
    let status: Int
    /// Lower-cased names; a repeated header keeps its last value.
    let headers: [String: String]
    let body: [UInt8]

    var contentType: String? { headers["content-type"] }
    var isProblem: Bool { contentType?.lowercased().hasPrefix("application/problem+json") == true }

    /// Parses `bytes` once the status line and headers are complete; nil before.
    init?(_ bytes: [UInt8]) {
        guard let end = Self.endOfHead(bytes) else { return nil }
        var lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard !lines.isEmpty else { return nil }
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.status = status
        self.headers = headers
        self.body = Array(bytes[(end + 4)...])
    }

    /// Whether the whole body announced by Content-Length is here.
    var hasWholeBody: Bool {
        guard let length = headers["content-length"].flatMap({ Int($0) }) else { return false }
        return body.count >= length
    }

    /// The body as a JSON object.
    func problem() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
    }

    /// The offset of the CR LF CR LF that ends the head.
    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}

private struct GatewaySocketError: Error, CustomStringConvertible {
    let description: String
}

#if canImport(Glibc)
private let streamSocketType = Int32(SOCK_STREAM.rawValue)
#else
private let streamSocketType = SOCK_STREAM
#endif

/// One request as raw bytes over a blocking POSIX socket to 127.0.0.1, run on a Dispatch thread so that the wait (up to
/// `timeout`) never blocks Swift's cooperative pool.
private enum GatewaySocket {
    /// Sends `request` and reads the answer: until its Content-Length is complete, or with `untilClosed` (a HEAD, whose
    /// Content-Length describes a body that is not sent) until the gateway closes the connection.
    static func exchange(
        port: Int, _ request: [UInt8], untilClosed: Bool = false, timeout: Duration = .seconds(10)
    ) async throws -> GatewaySocketResponse {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<GatewaySocketResponse, any Error>) in
            DispatchQueue.global().async {
                let result = Result(catching: {
                    try GatewaySocket.blockingExchange(port: port, request, untilClosed: untilClosed, timeout: timeout)
                })
                continuation.resume(with: result)
            }
        }
    }

    private static func blockingExchange(port: Int, _ request: [UInt8], untilClosed: Bool, timeout: Duration) throws -> GatewaySocketResponse {
        let descriptor = socket(AF_INET, streamSocketType, 0)
        guard descriptor >= 0 else { throw GatewaySocketError(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }

        var receiveTimeout = timeval()
        receiveTimeout.tv_sec = time_t(timeout.components.seconds)
        guard setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &receiveTimeout, socklen_t(MemoryLayout<timeval>.size)) == 0 else {
            throw GatewaySocketError(description: "setsockopt(SO_RCVTIMEO) failed: errno \(errno)")
        }
        #if canImport(Darwin)
        var noSignal: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
        #endif

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)  // 127.0.0.1
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw GatewaySocketError(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)") }

        var sent = 0
        while sent < request.count {
            let count = request.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return systemSend(descriptor, base.advanced(by: sent), buffer.count - sent)
            }
            if count > 0 {
                sent += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break  // the gateway answered and closed before reading everything (the 200 KB header): read its answer
            }
        }

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if !untilClosed, let response = GatewaySocketResponse(received), response.hasWholeBody { return response }
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return recv(descriptor, base, buffer.count, 0)
            }
            if count > 0 {
                received.append(contentsOf: chunk[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break  // closed, reset, or the read timed out
            }
        }
        guard let response = GatewaySocketResponse(received) else {
            throw GatewaySocketError(description: "no complete answer from 127.0.0.1:\(port) within \(timeout) (\(received.count) bytes)")
        }
        return response
    }

    private static func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
        #else
        Darwin.send(descriptor, bytes, count, 0)
        #endif
    }
}
