import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/auth/*`: read the body, call `Accounts`, answer. Rules live in `Accounts`.
struct AuthRoutes {
    let accounts: Accounts
    let verifier: AccessTokenVerifier

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.post("signup", use: signup)
        routes.post("login", use: login)
        routes.post("refresh", use: refresh)
        routes.group("logout").add(middleware: UserAuthenticationMiddleware(verifier: verifier, required: false)).post(use: logout)
        let authenticated = routes.group().add(middleware: UserAuthenticationMiddleware(verifier: verifier, required: true))
        authenticated.get("me", use: me)
        authenticated.post("change-password", use: changePassword)
        authenticated.delete("account", use: deleteAccount)
        return routes
    }

    @Sendable func signup(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<AuthResponse> {
        let body = try await request.readFields(SignupRequest.self, context: context) { fields -> SignupRequest? in
            let (email, password) = (fields.string(.email), fields.string(.password))
            let name = fields.optionalString(.name)
            guard let email, let password else { return nil }
            return SignupRequest(email: email, password: password, name: name)
        }
        return EditedResponse(status: .created, headers: [.cacheControl: "no-store"], response: try await accounts.logging(to: context.logger).signup(body))
    }

    @Sendable func login(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<AuthResponse> {
        let body = try await request.readFields(LoginRequest.self, context: context) { fields -> LoginRequest? in
            let (email, password) = (fields.string(.email), fields.string(.password))
            guard let email, let password else { return nil }
            return LoginRequest(email: email, password: password)
        }
        let address = await context.clientAddress(forwardedFor: request.headers[.xForwardedFor])
        return EditedResponse(headers: [.cacheControl: "no-store"], response: try await accounts.logging(to: context.logger).login(body, from: address))
    }

    @Sendable func refresh(_ request: Request, context: ServiceRequestContext) async throws -> EditedResponse<AuthResponse> {
        let token = try await Self.refreshToken(of: request, context: context)
        return EditedResponse(headers: [.cacheControl: "no-store"], response: try await accounts.logging(to: context.logger).refresh(token))
    }

    @Sendable func logout(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        try await accounts.logging(to: context.logger).logout(try await Self.refreshToken(of: request, context: context), user: context.user)
        return .noContent
    }

    @Sendable func me(_ request: Request, context: ServiceRequestContext) async throws -> UserDTO {
        try await accounts.logging(to: context.logger).me(try context.requireUser())
    }

    @Sendable func changePassword(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        let body = try await request.readFields(ChangePasswordRequest.self, context: context) { fields -> ChangePasswordRequest? in
            let (current, new) = (fields.string(.currentPassword), fields.string(.newPassword))
            guard let current, let new else { return nil }
            return ChangePasswordRequest(currentPassword: current, newPassword: new)
        }
        try await accounts.logging(to: context.logger).changePassword(body, user: try context.requireUser())
        return .noContent
    }

    @Sendable func deleteAccount(_ request: Request, context: ServiceRequestContext) async throws -> HTTPResponse.Status {
        let body = try await request.readFields(DeleteAccountRequest.self, context: context) { fields in
            fields.string(.password).map(DeleteAccountRequest.init(password:))
        }
        try await accounts.logging(to: context.logger).deleteAccount(body, user: try context.requireUser())
        return .noContent
    }

    private static func refreshToken(of request: Request, context: ServiceRequestContext) async throws -> String {
        try await request.readFields(RefreshTokenRequest.self, context: context) { $0.string(.refreshToken) }
    }
}

/// `/.well-known/jwks.json` (public) and `/internal/token-revocations` (the other services).
struct TokenAuthorityRoutes {
    let signer: TokenSigner
    let users: any UserStore

    var endpoints: RouteCollection<ServiceRequestContext> {
        let routes = RouteCollection(context: ServiceRequestContext.self)
        routes.get(RouterPath(InternalPath.jwks), use: jwks)
        routes.group(RouterPath(InternalPath.tokenRevocations))
            .add(middleware: RequirePeerMiddleware(Set(ServiceName.allCases).subtracting([.identity])))
            .get(use: revocations)
        return routes
    }

    @Sendable func jwks(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json", .cacheControl: "public, max-age=600"],
            body: .init(byteBuffer: ByteBuffer(string: signer.jwksJSON))
        )
    }

    @Sendable func revocations(_ request: Request, context: ServiceRequestContext) async throws -> TokenRevocationFeed {
        let after = request.uri.queryParameters.get("after", as: Int64.self) ?? 0
        return try await users.revocations(after: max(0, after))
    }
}
