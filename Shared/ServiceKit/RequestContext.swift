public import Foundation
public import Hummingbird
public import NIOCore
public import PathwiseProtocol

/// The person a request acts for, from a verified access token.
public struct AuthenticatedUser: Sendable, Equatable {
    public let id: UUID
    /// The refresh-token family (login session) the token belongs to.
    public let sessionID: UUID
    public let tokenID: String
    public let issuedAt: Int

    public init(id: UUID, sessionID: UUID, tokenID: String, issuedAt: Int) {
        self.id = id
        self.sessionID = sessionID
        self.tokenID = tokenID
        self.issuedAt = issuedAt
    }
}

/// Who is on the other end of the TLS connection, from the name in its client certificate.
public enum Peer: Sendable, Equatable, CustomStringConvertible {
    /// Another Pathwise service.
    case service(ServiceName)
    /// The public gateway, forwarding a person's request.
    case gateway
    /// A certificate from the internal CA that names something else.
    case other(String)

    public var description: String {
        switch self {
        case .service(let name): name.rawValue
        case .gateway: "gateway"
        case .other(let name): name
        }
    }
}

/// The request context every Pathwise service uses: request id, user, peer, and a logger carrying them.
public struct ServiceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection (or HTTP/2 stream) the request arrived on; its TLS session names the peer.
    public let channel: any Channel
    /// `X-Request-ID` as received from the gateway or a peer, or one made here.
    public var requestID: String
    /// Set by `UserAuthenticationMiddleware`.
    public var user: AuthenticatedUser?
    /// Set by `RequirePeerMiddleware` (and by anything else that needed to ask).
    public var peer: Peer?
    /// The largest body this route decodes; `BodyLimitMiddleware` sets it.
    public var maxUploadSize: Int

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
        self.requestID = ""
        self.user = nil
        self.peer = nil
        self.maxUploadSize = 1 << 20
    }

    public var requestDecoder: JSONDecoder { JSONCoding.decoder }
    public var responseEncoder: JSONEncoder { JSONCoding.encoder }

    /// The authenticated user, or a 401 when the route forgot to require one.
    public func requireUser() throws -> AuthenticatedUser {
        guard let user else { throw ProblemError.unauthorized("An access token is required.") }
        return user
    }
}
