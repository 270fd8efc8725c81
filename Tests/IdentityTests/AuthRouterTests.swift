import Foundation
import Hummingbird
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Identity

/// Identity's routes over in-memory stores: each rule a client relies on, in milliseconds, without a
/// database, TLS or a running server (the integration tests in `AuthRouteTests` keep those).
@Suite("Identity routes, in memory")
struct AuthRouterTests {
    static let password = "correct horse battery staple"

    /// Identity's router over fresh in-memory stores, at a time the test moves.
    /// What a test inspects beside the router.
    struct Built: Sendable {
        let users: MemoryUserStore
        let clock: ManualClock
    }

    static func build() async throws -> (Router<ServiceRequestContext>, Built) {
        let (router, users, clock) = try await IdentityHarness.memory()
        return (router, Built(users: users, clock: clock))
    }

    @Test("sign up answers 201 with tokens that open /me; the same email again is 409 email_taken on the email field")
    func signupAndMe() async throws {
        let (router, built) = try await Self.build()
        try await RouterCaller.with(router) { caller in
            let created = try await caller.send(.POST, "/api/v1/auth/signup", json: SignupRequest(email: "Ada@Example.com", password: Self.password, name: "Ada"))
            #expect(created.status == 201)
            #expect(created.headers["Cache-Control"].first == "no-store")
            let auth = try created.json(AuthResponse.self)
            let me = try await caller.send(.GET, "/api/v1/auth/me", bearer: auth.tokens.accessToken)
            #expect(me.status == 200)
            #expect(try me.json(UserDTO.self) == auth.user)

            let again = try await caller.send(.POST, "/api/v1/auth/signup", json: SignupRequest(email: "ada@example.com", password: Self.password))
            #expect(again.status == 409)
            #expect(again.code == "email_taken" && again.invalidFields == ["email"])
            #expect(built.users.publishedEvents == [UserRegistered.type])
        }
    }

    @Test("one 400 names every bad field (email, password, name), and another every field signup does not have")
    func signupNamesEveryBadField() async throws {
        try await RouterCaller.with(try await Self.build().0) { caller in
            let bad = try await caller.send(.POST, "/api/v1/auth/signup", text: #"{"email":"not-an-email","password":"short","name":"A\u0000"}"#)
            #expect(bad.status == 400)
            #expect(Set(bad.invalidFields) == ["email", "password", "name"])
            let unknown = try await caller.send(
                .POST, "/api/v1/auth/signup", text: #"{"email":"a@example.com","password":7,"role":"admin","admin":true}"#
            )
            #expect(unknown.status == 400)
            #expect(Set(unknown.invalidFields) == ["password", "role", "admin"])
        }
    }

    @Test("a wrong password is 401 invalid_credentials; a refresh token used twice revokes its session (token_reused)")
    func loginAndRefreshReuse() async throws {
        try await RouterCaller.with(try await Self.build().0) { caller in
            _ = try await caller.send(.POST, "/api/v1/auth/signup", json: SignupRequest(email: "grace@example.com", password: Self.password))
            let wrong = try await caller.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: "grace@example.com", password: "not the password at all"))
            #expect(wrong.status == 401 && wrong.code == "invalid_credentials")

            let login = try await caller.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: "grace@example.com", password: Self.password))
            let first = try login.json(AuthResponse.self).tokens.refreshToken
            let rotated = try await caller.send(.POST, "/api/v1/auth/refresh", json: RefreshTokenRequest(refreshToken: first))
            #expect(rotated.status == 200)
            let reused = try await caller.send(.POST, "/api/v1/auth/refresh", json: RefreshTokenRequest(refreshToken: first))
            #expect(reused.status == 401 && reused.code == "token_reused")
            let next = try rotated.json(AuthResponse.self).tokens.refreshToken
            let afterReuse = try await caller.send(.POST, "/api/v1/auth/refresh", json: RefreshTokenRequest(refreshToken: next))
            #expect(afterReuse.status == 401 && afterReuse.code == "invalid_token", "the whole session was revoked")
        }
    }

    @Test("a refresh token past its session's lifetime is refused, by the clock the service reads")
    func refreshExpiresWithTheClock() async throws {
        let (router, built) = try await Self.build()
        try await RouterCaller.with(router) { caller in
            let created = try await caller.send(.POST, "/api/v1/auth/signup", json: SignupRequest(email: "lin@example.com", password: Self.password))
            let refresh = try created.json(AuthResponse.self).tokens.refreshToken
            built.clock.advance(by: Double(TokenLifetimes().refresh + 1))
            let late = try await caller.send(.POST, "/api/v1/auth/refresh", json: RefreshTokenRequest(refreshToken: refresh))
            #expect(late.status == 401 && late.code == "invalid_token")
        }
    }

    @Test("deleting the account needs the password, publishes user.deleted, and the account is gone")
    func deleteAccount() async throws {
        let (router, built) = try await Self.build()
        try await RouterCaller.with(router) { caller in
            let created = try await caller.send(.POST, "/api/v1/auth/signup", json: SignupRequest(email: "kim@example.com", password: Self.password))
            let token = try created.json(AuthResponse.self).tokens.accessToken
            let wrong = try await caller.send(.DELETE, "/api/v1/auth/account", json: DeleteAccountRequest(password: "nope nope nope nope"), bearer: token)
            #expect(wrong.status == 400 && wrong.invalidFields == ["password"])
            let deleted = try await caller.send(.DELETE, "/api/v1/auth/account", json: DeleteAccountRequest(password: Self.password), bearer: token)
            #expect(deleted.status == 204)
            #expect(built.users.publishedEvents == [UserRegistered.type, UserDeleted.type])
            let login = try await caller.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: "kim@example.com", password: Self.password))
            #expect(login.status == 401)
        }
    }

    @Test("six failures block the account (429 with Retry-After), and the block ends when the wait has passed")
    func throttleEndsWithTheClock() async throws {
        let (router, built) = try await Self.build()
        try await RouterCaller.with(router) { caller in
            _ = try await caller.send(.POST, "/api/v1/auth/signup", json: SignupRequest(email: "bo@example.com", password: Self.password))
            for _ in 1...6 {
                let wrong = try await caller.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: "bo@example.com", password: "wrong password, long enough"))
                #expect(wrong.status == 401)
            }
            let blocked = try await caller.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: "bo@example.com", password: Self.password))
            #expect(blocked.status == 429 && blocked.code == "throttled")
            let wait = Int(blocked.headers.first(name: "Retry-After") ?? "") ?? 0
            #expect(wait >= 1)
            built.clock.advance(by: Double(wait))
            let after = try await caller.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: "bo@example.com", password: Self.password))
            #expect(after.status == 200)
        }
    }

    @Test("session.completed marks the account activated, once, through the inbox")
    func sessionCompletedActivates() async throws {
        let clock = ManualClock()
        let users = MemoryUserStore()
        let user = UserRecord(id: UUID(), email: "a@example.com", name: nil, passwordHash: "x", activated: false, tokensValidAfter: nil, createdAt: clock.wallClock.now)
        _ = try await users.createUser(user, normalisedEmail: "a@example.com", firstSession: NewSession(user: user.id, family: UUID(), tokenHash: "h", expiresAt: .distantFuture))
        let inbox = Inbox(receipts: MemoryInboxReceipts()).on(SessionCompleted.self) { event, work in
            try await users.markActivated(user: event.userID, in: work)
        }
        let event = try EventEnvelope(SessionCompleted(userID: user.id, sessionID: UUID(), preparationType: .interview, userTurns: 4, completedAt: clock.wallClock.now))
        #expect(try await inbox.receive(EventBatch(events: [event, event]), from: .coaching, logger: testLogger) == EventBatchReceipt(applied: 1, duplicates: 1))
        #expect(try await users.user(id: user.id)?.activated == true)
        await #expect(throws: ProblemError.self) {
            try await inbox.receive(EventBatch(events: [event]), from: .profile, logger: testLogger)
        }
    }
}
