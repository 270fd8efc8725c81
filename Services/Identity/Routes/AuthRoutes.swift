import Hummingbird
import PathwiseProtocol
import ServiceKit

/// `/api/v1/auth/*`: decode, call `Accounts`, encode.
struct AuthRoutes {
    let accounts: Accounts

    func add(to group: RouterGroup<ServiceRequestContext>, runtime: ServiceRuntime) {
        group.post("signup") { request, context in
            let body = try await request.decodeJSON(as: SignupRequest.self, context: context)
            return try Response.json(try await accounts.signup(body), status: .created, headers: [.cacheControl: "no-store"])
        }
        group.post("login") { request, context in
            let body = try await request.decodeJSON(as: LoginRequest.self, context: context)
            let address = await context.clientAddress(forwardedFor: request.headers[.xForwardedFor])
            return try Response.json(try await accounts.login(body, from: address), headers: [.cacheControl: "no-store"])
        }
        group.post("refresh") { request, context in
            let body = try await request.decodeJSON(as: RefreshTokenRequest.self, context: context)
            return try Response.json(try await accounts.refresh(body.refreshToken), headers: [.cacheControl: "no-store"])
        }
        group.group("logout").add(middleware: runtime.optionalUser).post { request, context in
            let body = try await request.decodeJSON(as: RefreshTokenRequest.self, context: context)
            try await accounts.logout(body.refreshToken, user: context.user)
            return Response(status: .noContent)
        }
        let authenticated = group.group().add(middleware: runtime.requireUser)
        authenticated.get("me") { _, context in
            try Response.json(try await accounts.me(try context.requireUser()))
        }
        authenticated.post("change-password") { request, context in
            let body = try await request.decodeJSON(as: ChangePasswordRequest.self, context: context)
            try await accounts.changePassword(body, user: try context.requireUser())
            return Response(status: .noContent)
        }
        authenticated.delete("account") { request, context in
            let body = try await request.decodeJSON(as: DeleteAccountRequest.self, context: context)
            try await accounts.deleteAccount(body, user: try context.requireUser())
            return Response(status: .noContent)
        }
    }
}

/// `/.well-known/jwks.json` (public) and `/internal/token-revocations` (the other services).
struct TokenAuthorityRoutes {
    let signer: TokenSigner
    let users: any UserStore

    func add(to router: Router<ServiceRequestContext>) {
        router.get(RouterPath(InternalPath.jwks)) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json", .cacheControl: "public, max-age=600"],
                body: .init(byteBuffer: ByteBuffer(string: signer.jwksJSON))
            )
        }
        router.group(RouterPath(InternalPath.tokenRevocations))
            .add(middleware: RequirePeerMiddleware(Set(ServiceName.allCases).subtracting([.identity])))
            .get { request, _ in
                let after = request.uri.queryParameters.get("after", as: Int64.self) ?? 0
                return try Response.json(try await users.revocations(after: max(0, after)))
            }
    }
}
