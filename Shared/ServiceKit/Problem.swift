import Foundation
public import HTTPTypes
public import Hummingbird
public import PathwiseProtocol
import PostgresNIO

/// An error that leaves the service as an RFC 9457 problem document with a stable `code`.
public struct ProblemError: Error, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: String
    public var detail: String
    public var fieldErrors: [ProblemDetails.FieldError]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, detail: String,
        fieldErrors: [ProblemDetails.FieldError] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(detail)" }

    /// 400 with one entry per invalid field.
    public static func invalid(_ errors: [ProblemDetails.FieldError], detail: String = "The request has invalid fields.") -> Self {
        .init(.badRequest, code: "invalid_request", detail: detail, fieldErrors: errors)
    }

    /// 400 for a single invalid field.
    public static func invalid(field: String, _ message: String) -> Self {
        .invalid([.init(field: field, message: message)])
    }

    /// 401, with the `WWW-Authenticate` challenge RFC 6750 asks for.
    public static func unauthorized(_ detail: String, code: String = "unauthorized") -> Self {
        .init(.unauthorized, code: code, detail: detail, headers: [.wwwAuthenticate: "Bearer realm=\"pathwise\""])
    }

    /// 403.
    public static func forbidden(_ detail: String) -> Self {
        .init(.forbidden, code: "forbidden", detail: detail)
    }

    /// 404: what does not exist and what belongs to someone else look the same.
    public static func notFound(_ detail: String = "Nothing exists at this address.") -> Self {
        .init(.notFound, code: "not_found", detail: detail)
    }

    /// 429 with `Retry-After`.
    public static func throttled(retryAfterSeconds: Int, detail: String) -> Self {
        .init(.tooManyRequests, code: "throttled", detail: detail, headers: [.retryAfter: String(max(1, retryAfterSeconds))])
    }

    /// 503 with `Retry-After`.
    public static func unavailable(_ detail: String, retryAfterSeconds: Int = 5) -> Self {
        .init(.serviceUnavailable, code: "unavailable", detail: detail, headers: [.retryAfter: String(retryAfterSeconds)])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let requestID = (context as? ServiceRequestContext)?.requestID
        return Self.problemResponse(
            ProblemDetails(
                title: status.reasonPhrase, status: status.code, detail: detail, code: code, requestID: requestID,
                errors: fieldErrors.isEmpty ? nil : fieldErrors
            ),
            status: status, headers: headers
        )
    }

    /// Encodes `problem` as `application/problem+json`.
    static func problemResponse(_ problem: ProblemDetails, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentType] = "application/problem+json"
        let body = (try? JSONCoding.encoder.encode(problem)) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every error a route throws into problem+json: known errors keep their status and reason,
/// anything unexpected is logged with the request id and answered with a generic 500.
/// A domain error that knows the problem it answers as. Domain types throw their own errors; each
/// service states their HTTP meaning once, beside its routes, and `ProblemMiddleware` applies it.
public protocol ProblemConvertible: Error {
    /// The problem+json answer for this error.
    var problem: ProblemError { get }
}

/// A condition the code rules out happened anyway (a row written a moment ago is gone): a 500 with a
/// log line, never a 404 that would tell the client something false.
public struct InvariantViolation: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.problem(for: error, context: context).response(from: request, context: context)
        }
    }

    /// The problem a thrown error becomes; postgres-nio's transaction wrapper is looked through.
    static func problem(for error: any Error, context: Context) -> ProblemError {
        switch error {
        case let error as ProblemError:
            return error
        case let error as any ProblemConvertible:
            return error.problem
        case let error as PostgresTransactionError where error.closureError != nil:
            return problem(for: error.closureError ?? error, context: context)
        case let error as HTTPError:
            return problem(for: error)
        case let error as DecodingError:
            return problem(for: error)
        case let error as InternalCallError:
            context.logger.warning("http.dependency_failed", metadata: ["error": "\(String(reflecting: error))"])
            return .unavailable("A service this request depends on is not answering.")
        case let error as any HTTPResponseError:
            return ProblemError(error.status, code: code(for: error.status), detail: error.status.reasonPhrase)
        default:
            context.logger.error("http.unexpected_error", metadata: ["error": "\(String(reflecting: error))"])
            return ProblemError(.internalServerError, code: "internal_error", detail: "Something went wrong on our side.")
        }
    }

    static func problem(for error: HTTPError) -> ProblemError {
        let detail: String =
            switch error.status {
            case .notFound: "Nothing exists at this address."
            case .contentTooLarge: "The request body is larger than this endpoint accepts."
            default: error.body ?? error.status.reasonPhrase
            }
        return ProblemError(error.status, code: code(for: error.status), detail: detail, headers: error.headers)
    }

    /// A field-level 400 for a body that is not the JSON the route expects.
    static func problem(for error: DecodingError) -> ProblemError {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            let joined = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(field: path(context.codingPath, key), "is required")
        case .valueNotFound(_, let context):
            return .invalid(field: path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            return .invalid(field: path(context.codingPath), "must be \(describe(type))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return ProblemError(.badRequest, code: "malformed_json", detail: "The request body is not valid JSON.")
        case .dataCorrupted(let context):
            return .invalid(field: path(context.codingPath), "has an invalid value")
        @unknown default:
            return ProblemError(.badRequest, code: "malformed_json", detail: "The request body could not be read.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is UUID.Type: "a UUID"
        case is Date.Type: "an ISO 8601 date"
        default: "of another type"
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .badRequest: "invalid_request"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .conflict: "conflict"
        case .contentTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .unprocessableContent: "unprocessable"
        case .tooManyRequests: "throttled"
        case .serviceUnavailable: "unavailable"
        default: status.code >= 500 ? "internal_error" : "error"
        }
    }
}

extension Router where Context == ServiceRequestContext {
    /// Answers a known path with a method it does not serve with 405 and `Allow` (rather than 404).
    /// Call once, after every route is registered.
    public func addMethodNotAllowedRoutes() {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        for routes in Dictionary(grouping: routes, by: { $0.path.description }).values {
            guard let path = routes.first?.path else { continue }
            let served = Set(routes.map(\.method))
            var allowed = served.map(\.rawValue)
            if served.contains(.get) && !served.contains(.head) { allowed.append("HEAD") }
            let allow = allowed.sorted().joined(separator: ", ")
            for method in methods where !served.contains(method) {
                on(path, method: method) { _, _ -> Response in
                    throw ProblemError(
                        .methodNotAllowed, code: "method_not_allowed", detail: "This address accepts \(allow).",
                        headers: [.allow: allow]
                    )
                }
            }
        }
    }
}
