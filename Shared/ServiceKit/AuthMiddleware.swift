import Foundation
public import Hummingbird
import Logging
public import PathwiseProtocol

/// Authenticates the person behind a request from its bearer access token. Where a user is
/// `required`, no token is a 401; otherwise a token is optional, but one that is sent must be valid.
public struct UserAuthenticationMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    let verifier: AccessTokenVerifier
    let required: Bool

    public init(verifier: AccessTokenVerifier, required: Bool) {
        self.verifier = verifier
        self.required = required
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = Self.bearerToken(in: request) else {
            if required { throw ProblemError.unauthorized("Send an access token as Authorization: Bearer <token>.") }
            return try await next(request, context)
        }
        var context = context
        let user = try await authenticate(token, logger: context.logger)
        context.user = user
        context.logger[metadataKey: "user_id"] = .string(user.id.uuidString.lowercased())
        return try await next(request, context)
    }

    private func authenticate(_ token: String, logger: Logger) async throws -> AuthenticatedUser {
        do {
            return try await verifier.verify(token)
        } catch {
            if error == .keysUnavailable {
                throw ProblemError.unavailable("Access tokens cannot be checked right now.")
            }
            logger.info("auth.token.refused", metadata: ["reason": .string(error.code), "detail": .string(error.description)])
            throw ProblemError.unauthorized(error.description, code: error.code)
        }
    }

    /// The token of an `Authorization: Bearer …` header (scheme case-insensitive, RFC 6750).
    static func bearerToken(in request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        // On the hot path: byte comparisons rather than Foundation's string bridging.
        let bytes = header.utf8
        guard bytes.count > 7 else { return nil }
        let scheme = bytes.prefix(6).map { $0 | 0x20 }
        guard scheme.elementsEqual("bearer".utf8), bytes.dropFirst(6).first == UInt8(ascii: " ") else { return nil }
        let token = bytes.dropFirst(7).drop { $0 == UInt8(ascii: " ") }
        let trimmed = token.reversed().drop { $0 == UInt8(ascii: " ") }.count
        guard trimmed > 0 else { return nil }
        return String(decoding: token.prefix(trimmed), as: UTF8.self)
    }
}

/// A route group only the listed services may call, judged by the name in their client certificate.
/// The gateway's certificate is never enough: internal routes are not for people.
public struct RequirePeerMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    let allowed: Set<ServiceName>

    public init(_ allowed: Set<ServiceName>) {
        self.allowed = allowed
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let peer = await PeerIdentity.peer(of: context.channel)
        context.peer = peer
        guard case .service(let name) = peer, allowed.contains(name) else {
            context.logger.warning("auth.peer.refused", metadata: ["peer": .string(peer?.description ?? "none")])
            throw ProblemError.forbidden("This caller may not use this internal route.")
        }
        context.logger[metadataKey: "peer"] = .string(name.rawValue)
        return try await next(request, context)
    }
}
