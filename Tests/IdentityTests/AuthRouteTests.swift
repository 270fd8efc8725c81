import Foundation
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Identity

@Suite("Identity routes")
struct AuthRouteTests {
    @Test("signup answers 201 with a token pair and the user; /me knows them")
    func signup() async throws {
        try await IdentityHarness.with { identity throws in
            let response = try await identity.post("signup", SignupRequest(email: "Ada@Example.com", password: IdentityHarness.password, name: " Ada "))
            #expect(response.status == 201)
            #expect(response.headers.first(name: "Cache-Control") == "no-store")
            let body = try response.object()
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["expires_in"] as? Int == 300)
            #expect(body["refresh_expires_in"] as? Int == 30 * 86_400)
            let auth = try response.json(AuthResponse.self)
            #expect(auth.user.email == "Ada@Example.com" && auth.user.name == "Ada" && !auth.user.activated)
            let me = try await identity.me(auth.tokens.accessToken)
            #expect(me.status == 200)
            #expect(try me.json(UserDTO.self) == auth.user)
        }
    }

    @Test("a second account for the same address, in any case, is a 409")
    func duplicate() async throws {
        try await IdentityHarness.with { identity throws in
            _ = try await identity.signup("grace@example.com")
            let again = try await identity.post("signup", SignupRequest(email: "GRACE@example.com", password: IdentityHarness.password))
            #expect(again.status == 409)
            #expect(again.code == "email_taken")
        }
    }

    @Test("signup names every bad field with its reason")
    func invalidSignup() async throws {
        try await IdentityHarness.with { identity throws in
            let response = try await identity.post("signup", SignupRequest(email: "not-an-email", password: "password"))
            #expect(response.status == 400)
            let problem = try response.json(ProblemDetails.self)
            #expect(problem.errors?.map(\.field) == ["email", "password"])
            #expect(problem.errors?.last?.message.contains("at least 15 characters") == true)
            let common = try await identity.post("signup", SignupRequest(email: "x@example.com", password: "1qaz2wsx3edc4rfv"))
            #expect(common.status == 400 && common.text.contains("most commonly used"))
            #expect(try await identity.send(.POST, "/api/v1/auth/signup", body: .init(string: "{}")).status == 415)
            let malformed = try await identity.send(.POST, "/api/v1/auth/signup", headers: [("Content-Type", "application/json")], body: .init(string: "{\"email\":"))
            #expect(malformed.status == 400 && malformed.code == "malformed_json")
        }
    }

    @Test("unknown email and wrong password get the same answer, in the same time (within 10%)")
    func sameAnswer() async throws {
        try await IdentityHarness.live { identity throws in
            var accounts: [String] = []
            for _ in 0..<13 { accounts.append(try await identity.signup().user.email) }
            let unknown = try await identity.login("nobody@example.com", password: "wrong password, long enough")
            let wrong = try await identity.login(accounts[0], password: "wrong password, long enough")
            #expect(unknown.status == 401 && wrong.status == 401)
            var unknownBody = try unknown.object()
            var wrongBody = try wrong.object()
            unknownBody["request_id"] = nil
            wrongBody["request_id"] = nil
            #expect(NSDictionary(dictionary: unknownBody) == NSDictionary(dictionary: wrongBody))
            #expect(wrong.code == "invalid_credentials")

            // Paired rounds, alternating which path goes first, so a slow moment (other suites run beside
            // this one) weighs on both sides of a pair; the median of the pairs' ratios is the verdict.
            var ratios: [Double] = []
            let clock = ContinuousClock()
            for round in 0..<64 {
                // Both sides do the same bookkeeping: thirteen unknown addresses cycle as thirteen accounts do (at most five failures each, under the throttle), and each
                // attempt comes from an address of its own.
                let unknownLogin = {
                    _ = try await identity.login("nobody\(round % 13)@example.com", password: "wrong password, long enough", address: "203.0.\(113 + round / 100).\(2 * (round % 100))")
                }
                let wrongLogin = {
                    _ = try await identity.login(accounts[round % 13], password: "wrong password, long enough", address: "203.0.\(113 + round / 100).\(2 * (round % 100) + 1)")
                }
                var unknownTime = Duration.zero
                var wrongTime = Duration.zero
                if round.isMultiple(of: 2) {
                    unknownTime = try await clock.measure(unknownLogin)
                    wrongTime = try await clock.measure(wrongLogin)
                } else {
                    wrongTime = try await clock.measure(wrongLogin)
                    unknownTime = try await clock.measure(unknownLogin)
                }
                // The first pairs warm the connection pool and the allocator; they are not counted.
                if round >= 3 { ratios.append(unknownTime / wrongTime) }
            }
            let ratio = ratios.sorted()[ratios.count / 2]
            print("unknown email / wrong password, median of \(ratios.count) paired timings: \(String(format: "%.3f", ratio))")
            #expect(ratio > 0.9 && ratio < 1.1, "median ratio unknown/wrong \(ratio) over \(ratios.count) pairs")
        }
    }

    @Test("repeated failures on one account are throttled with 429 and Retry-After, even for the right password")
    func accountThrottle() async throws {
        try await IdentityHarness.with { identity throws in
            let email = try await identity.signup().user.email
            for attempt in 1...6 {
                let response = try await identity.login(email, password: "wrong password, long enough", address: "192.0.2.\(attempt)")
                #expect(response.status == 401)
            }
            let blocked = try await identity.login(email, address: "192.0.2.99")
            #expect(blocked.status == 429)
            #expect(blocked.code == "throttled")
            #expect(Int(blocked.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1)
            // That the block ends once the wait has passed is checked with a moved clock in AuthRouterTests.
        }
    }

    @Test("one address failing across many accounts is throttled too")
    func addressThrottle() async throws {
        try await IdentityHarness.live { identity throws in
            let email = try await identity.signup().user.email
            for attempt in 1...21 {
                _ = try await identity.login("stranger\(attempt)@example.com", password: "wrong password, long enough", address: "192.0.2.200")
            }
            let response = try await identity.login(email, address: "192.0.2.200")
            #expect(response.status == 429)
            #expect(try await identity.login(email, address: "192.0.2.201").status == 200)
        }
    }

    @Test("a refresh token rotates; using an old one revokes the whole family")
    func refreshReuse() async throws {
        try await IdentityHarness.live { identity throws in
            let first = try await identity.signup()
            let rotated = try await identity.refresh(first.tokens.refreshToken)
            #expect(rotated.status == 200)
            let second = try rotated.json(AuthResponse.self)
            #expect(second.tokens.refreshToken != first.tokens.refreshToken)
            #expect(try await identity.me(second.tokens.accessToken).status == 200)

            let replay = try await identity.refresh(first.tokens.refreshToken)
            #expect(replay.status == 401 && replay.code == "token_reused")
            // The revocation committed although that request failed: the family's newest token is dead too.
            let afterReuse = try await identity.refresh(second.tokens.refreshToken)
            #expect(afterReuse.status == 401 && afterReuse.code == "invalid_token")
            #expect(try await identity.database.count("SELECT count(*) FROM identity.refresh_families WHERE revoked_reason = 'reuse'") == 1)
        }
    }

    @Test("logout revokes the family and stops earlier access tokens; a new login works at once")
    func logout() async throws {
        try await IdentityHarness.with { identity throws in
            let session = try await identity.signup()
            let response = try await identity.post("logout", RefreshTokenRequest(refreshToken: session.tokens.refreshToken))
            #expect(response.status == 204)
            let me = try await identity.me(session.tokens.accessToken)
            #expect(me.status == 401 && me.code == "token_revoked")
            #expect(try await identity.refresh(session.tokens.refreshToken).status == 401)
            let again = try await identity.login(session.user.email)
            #expect(again.status == 200)
            #expect(try await identity.me(try again.json(AuthResponse.self).tokens.accessToken).status == 200)
            // Logging out twice, or with an unknown token, changes nothing and says nothing.
            #expect(try await identity.post("logout", RefreshTokenRequest(refreshToken: session.tokens.refreshToken)).status == 204)
            #expect(try await identity.post("logout", RefreshTokenRequest(refreshToken: "unknown")).status == 204)
            #expect(try await identity.post("logout", RefreshTokenRequest(refreshToken: "x"), bearer: "not-a-token").status == 401)
        }
    }

    @Test("changing the password revokes every other session and the old password")
    func changePassword() async throws {
        try await IdentityHarness.with { identity throws in
            let here = try await identity.signup()
            let elsewhere = try await identity.login(here.user.email).json(AuthResponse.self)
            let wrong = try await identity.post(
                "change-password", ChangePasswordRequest(currentPassword: "not my password at all", newPassword: "a brand new passphrase"),
                bearer: here.tokens.accessToken
            )
            #expect(try wrong.status == 400 && wrong.json(ProblemDetails.self).errors?.first?.field == "current_password")
            let weak = try await identity.post(
                "change-password", ChangePasswordRequest(currentPassword: IdentityHarness.password, newPassword: "short"), bearer: here.tokens.accessToken
            )
            #expect(try weak.status == 400 && weak.json(ProblemDetails.self).errors?.first?.field == "new_password")
            let changed = try await identity.post(
                "change-password", ChangePasswordRequest(currentPassword: IdentityHarness.password, newPassword: "a brand new passphrase"),
                bearer: here.tokens.accessToken
            )
            #expect(changed.status == 204)
            #expect(try await identity.refresh(elsewhere.tokens.refreshToken).status == 401)
            #expect(try await identity.me(elsewhere.tokens.accessToken).status == 401)
            let renewed = try await identity.refresh(here.tokens.refreshToken)
            #expect(renewed.status == 200)
            #expect(try await identity.login(here.user.email).status == 401)
            #expect(try await identity.login(here.user.email, password: "a brand new passphrase").status == 200)
        }
    }

    @Test("a hash made with weaker parameters is redone at the next login")
    func rehashOnLogin() async throws {
        try await TestDatabase.with { database throws in
            var email = ""
            try await IdentityHarness.live(database: database) { identity throws in
                email = try await identity.signup().user.email
            }
            #expect(try await database.count("SELECT count(*) FROM identity.users WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'") == 1)
            try await IdentityHarness.live(database: database, extra: ["ARGON2_ITERATIONS": "3"]) { identity throws in
                #expect(try await identity.login(email).status == 200)
            }
            #expect(try await database.count("SELECT count(*) FROM identity.users WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=3,p=1$%'") == 1)
        }
    }

    @Test("deleting the account needs the password, erases it and tells every service")
    func deleteAccount() async throws {
        try await IdentityHarness.live { identity throws in
            let session = try await identity.signup()
            let user = session.user.id
            let wrong = try await identity.send(
                .DELETE, "/api/v1/auth/account", json: DeleteAccountRequest(password: "not my password at all"), bearer: session.tokens.accessToken
            )
            #expect(wrong.status == 400)
            let deleted = try await identity.send(
                .DELETE, "/api/v1/auth/account", json: DeleteAccountRequest(password: IdentityHarness.password), bearer: session.tokens.accessToken
            )
            #expect(deleted.status == 204)
            #expect(try await identity.database.count("SELECT count(*) FROM identity.users WHERE id = '\(user)'") == 0)
            #expect(try await identity.database.count("SELECT count(*) FROM identity.refresh_families WHERE user_id = '\(user)'") == 0)
            #expect(
                try await identity.database.count(
                    "SELECT count(*) FROM identity.outbox_deliveries d JOIN identity.outbox_events e ON e.id = d.event_id WHERE e.type = 'user.deleted' AND e.payload->>'user_id' = '\(user.uuidString.lowercased())'"
                ) == 5
            )
            #expect(try await identity.me(session.tokens.accessToken).status == 401)
            #expect(try await identity.login(session.user.email).status == 401)
        }
    }

    @Test("the key set is public keys only, cacheable for ten minutes, and names the key tokens are signed with")
    func jwks() async throws {
        try await IdentityHarness.with { identity throws in
            let token = try await identity.signup().tokens.accessToken
            let response = try await identity.send(.GET, "/.well-known/jwks.json")
            #expect(response.status == 200)
            #expect(response.headers.first(name: "Cache-Control") == "public, max-age=600")
            let keys = try #require(try response.object()["keys"] as? [[String: String]])
            #expect(!keys.isEmpty && keys.allSatisfy { $0["d"] == nil && $0["kty"] == "EC" && $0["alg"] == "ES256" })
            let header = try #require(Base64URL.decode(token.split(separator: ".")[0]))
            let kid = try #require((try JSONSerialization.jsonObject(with: header) as? [String: String])?["kid"])
            #expect(keys.contains { $0["kid"] == kid })
        }
    }

    @Test("the revocation feed is for services only, and carries each logout")
    func revocationFeed() async throws {
        try await IdentityHarness.live { identity throws in
            let session = try await identity.signup()
            _ = try await identity.post("logout", RefreshTokenRequest(refreshToken: session.tokens.refreshToken))
            #expect(try await identity.send(.GET, "/internal/token-revocations?after=0").status == 403)
            try await TestClient.with(identity: .service("profile")) { profile throws in
                let feed = try await profile.send(.GET, try identity.url("/internal/token-revocations?after=0")).json(TokenRevocationFeed.self)
                #expect(feed.items.map(\.userID) == [session.user.id])
                #expect(feed.cursor == feed.items.last?.sequence)
                let later = try await profile.send(.GET, try identity.url("/internal/token-revocations?after=\(feed.cursor)")).json(TokenRevocationFeed.self)
                #expect(later.items.isEmpty)
            }
        }
    }

    @Test("a first completed practice session activates the account, once")
    func activation() async throws {
        try await IdentityHarness.live { identity throws in
            let session = try await identity.signup()
            let event = try EventEnvelope(SessionCompleted(userID: session.user.id, sessionID: UUID(), preparationType: .interview, userTurns: 3, completedAt: Date()))
            try await TestClient.with(identity: .service("coaching-session")) { coaching throws in
                let first = try await coaching.send(.POST, try identity.url("/internal/events"), json: EventBatch(events: [event]))
                #expect(try first.json(EventBatchReceipt.self) == EventBatchReceipt(applied: 1, duplicates: 0))
                let again = try await coaching.send(.POST, try identity.url("/internal/events"), json: EventBatch(events: [event]))
                #expect(try again.json(EventBatchReceipt.self) == EventBatchReceipt(applied: 0, duplicates: 1))
            }
            #expect(try await identity.me(session.tokens.accessToken).json(UserDTO.self).activated)
            // Only coaching-session produces that event.
            #expect(try await identity.send(.POST, "/internal/events", json: EventBatch(events: [event])).status == 403)
        }
    }
}
