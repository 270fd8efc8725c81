import Foundation
import NIOFoundationCompat
public import HTTPTypes
public import Hummingbird
import Logging
public import PathwiseProtocol

extension HTTPField.Name {
    /// `X-Request-ID`, carried through every hop.
    public static let requestID = HTTPField.Name("X-Request-ID")!
    /// W3C trace context.
    public static let traceparent = HTTPField.Name("traceparent")!
    /// Set by the gateway; trusted only when the gateway is the peer.
    public static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// Names a request so that a retry of it has no second effect.
    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// Marks an answer given back from an `Idempotency-Key`'s store rather than made anew.
    public static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    /// Tells a proxy on the way not to buffer a streamed answer.
    public static let accelBuffering = HTTPField.Name("X-Accel-Buffering")!
}

extension Request {
    /// The longest `Idempotency-Key` kept.
    public static let idempotencyKeyLength = 1...200

    /// The request's `Idempotency-Key`: 1–200 visible ASCII characters, else a 400 naming the header;
    /// `nil` when none was sent and none is required (when one is, its absence is a 400 too).
    public func idempotencyKey(required: Bool) throws -> String? {
        guard let key = headers[.idempotencyKey] else {
            if required { throw ProblemError.invalid(field: "Idempotency-Key", "is required: a new key for each new request, the same for its retries") }
            return nil
        }
        guard Self.idempotencyKeyLength ~= key.count, key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw ProblemError.invalid(field: "Idempotency-Key", "must be 1 to 200 visible ASCII characters")
        }
        return key
    }
}

/// The request-scoped values an outgoing internal call forwards to the next service.
public struct PropagatedHeaders: Sendable {
    public var requestID: String
    public var traceparent: String?

    /// The values of the request this task is serving, if any.
    @TaskLocal public static var current: PropagatedHeaders?
}

/// Takes the request id from `X-Request-ID` (or makes one), puts it on the logger and the response,
/// makes it available to outgoing calls, and writes one log line per request.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let requestID = request.headers[.requestID].flatMap(Self.acceptable) ?? UUID().uuidString.lowercased()
        context.requestID = requestID
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let propagated = PropagatedHeaders(requestID: requestID, traceparent: request.headers[.traceparent])
        let start = ContinuousClock.now
        var response = try await PropagatedHeaders.$current.withValue(propagated) {
            try await next(request, context)
        }
        response.headers[.requestID] = requestID
        let path = request.uri.path
        if !path.hasPrefix("/health") && path != "/metrics" {
            let elapsed = ContinuousClock.now - start
            // Peers poll internal reads every second; those lines are only wanted when debugging.
            let quiet = request.method == .get && path.hasPrefix("/internal/") && response.status.code < 400
            context.logger.log(
                level: quiet ? .debug : .info,
                "http.request",
                metadata: [
                    "method": .string(request.method.rawValue),
                    "path": .string(context.endpointPath ?? request.uri.path),
                    "status": .stringConvertible(response.status.code),
                    "duration_ms": .stringConvertible(Self.milliseconds(elapsed)),
                ]
            )
        }
        return response
    }

    /// A duration in milliseconds with microsecond precision: whole seconds and the fraction both count.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds / 1_000_000_000_000) / 1000
    }

    /// A client-supplied id is kept only when it is short and plain, so it cannot forge log lines.
    static func acceptable(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count),
            value.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x5F || $0 == 0x2E || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
        else { return nil }
        return value
    }
}

/// Caps the request body: a declared `Content-Length` above the limit is refused at once with 413,
/// and decoding stops at the limit for bodies that do not declare one.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    public let defaultMaxBytes: Int
    let overrides: [(pathPrefix: String, bytes: Int)]

    public init(maxBytes: Int, overrides: [(pathPrefix: String, bytes: Int)] = []) {
        self.defaultMaxBytes = maxBytes
        self.overrides = overrides
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        let maxBytes = overrides.first { path.hasPrefix($0.pathPrefix) }?.bytes ?? defaultMaxBytes
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw ProblemError(.contentTooLarge, code: "payload_too_large", detail: "The request body may be at most \(maxBytes) bytes.")
        }
        var context = context
        context.maxUploadSize = maxBytes
        return try await next(request, context)
    }
}

extension Request {
    /// Decodes a JSON request body: 415 for another media type, 413 past the route's limit, 400 naming
    /// the field for bad JSON, a key written twice, or a field the body does not have.
    public func decodeJSON<T: JSONRequest>(as type: T.Type = T.self, context: ServiceRequestContext) async throws -> T {
        let buffer = try await collectStrictJSON(context: context, allowedFields: T.fieldNames)
        return try JSONCoding.decoder.decode(T.self, from: buffer)
    }

    /// Decodes a JSON object body as raw values, for validators that name every bad field at once
    /// (and refuse unknown fields themselves); a key written twice is refused here.
    public func decodeJSONObject(context: ServiceRequestContext) async throws -> [String: JSONValue] {
        let buffer = try await collectStrictJSON(context: context, allowedFields: nil)
        guard case .object(let object) = try JSONCoding.decoder.decode(JSONValue.self, from: buffer) else {
            throw ProblemError(.badRequest, code: "invalid_request", detail: "The request body must be a JSON object.")
        }
        return object
    }

    /// The body, after the media type, size, duplicate-key and (when `allowedFields` is given)
    /// unknown-field checks.
    private func collectStrictJSON(context: ServiceRequestContext, allowedFields: [String]?) async throws -> ByteBuffer {
        guard let contentType = headers[.contentType], let mediaType = MediaType(from: contentType),
            mediaType.isType(.application) && (mediaType.subType == "json" || mediaType.subType.hasSuffix("+json"))
        else {
            throw ProblemError(.unsupportedMediaType, code: "unsupported_media_type", detail: "Send the body as application/json.")
        }
        var request = self
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw ProblemError(.contentTooLarge, code: "payload_too_large", detail: "The request body may be at most \(context.maxUploadSize) bytes.")
        }
        let keys: [String]
        do {
            keys = try StrictJSON.topLevelKeys(of: buffer)
        } catch .duplicateKey(let path) {
            throw ProblemError.invalid(field: path, "appears more than once; send each field once")
        } catch .tooDeep(let path) {
            throw ProblemError.invalid(field: path.isEmpty ? "body" : path, "nests deeper than \(StrictJSON.maxDepth) levels")
        } catch .invalidString(let path) {
            throw ProblemError.invalid(
                field: path.isEmpty ? "body" : path, "holds a string that is not valid (a bad escape, a lone surrogate or invalid UTF-8)"
            )
        }
        if let allowedFields {
            let allowed = Set(allowedFields)
            let unknown = keys.filter { !allowed.contains($0) }
            if !unknown.isEmpty { throw ProblemError.invalid(ProblemDetails.FieldError.unknownFields(unknown, allowed: allowedFields)) }
        }
        return buffer
    }
}

extension ProblemDetails.FieldError {
    /// Unknown fields named one by one; past this many the rest are counted, so that a body of a
    /// hundred thousand made-up keys cannot make an answer larger than itself.
    public static let maxUnknownFieldsNamed = 20

    /// The errors for fields the request does not have: each named, with the fields it does have,
    /// up to `maxUnknownFieldsNamed`, then one error counting the rest.
    public static func unknownFields(_ fields: [String], allowed: [String]) -> [Self] {
        let list = allowed.joined(separator: ", ")
        var errors = fields.prefix(maxUnknownFieldsNamed).map { Self(field: $0, message: "is not a field this request accepts (allowed: \(list))") }
        if fields.count > maxUnknownFieldsNamed {
            errors.append(Self(field: "body", message: "has \(fields.count - maxUnknownFieldsNamed) more fields this request does not accept"))
        }
        return errors
    }
}

extension Response {
    /// A JSON response encoded with the process's one encoder.
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        let data = try JSONCoding.encoder.encode(value)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
