import Foundation
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Identity

/// What a hostile probe sent identity: each got a 500 or was stored before its fix.
@Suite("Identity hostile input")
struct HostileSignupTests {
    func raw(_ identity: IdentityHarness, _ path: String, _ json: String) async throws -> TestClient.Response {
        try await identity.send(.POST, "/api/v1/auth/\(path)", headers: [("Content-Type", "application/json")], body: .init(string: json))
    }

    @Test("a NUL in the email or name of a signup, or the email of a login, is a 400 naming the field, never a 500")
    func nul() async throws {
        try await IdentityHarness.with { identity throws in
            let email = try await identity.post("signup", SignupRequest(email: "a\u{0}b@example.com", password: IdentityHarness.password))
            #expect(email.status == 400 && email.invalidFields == ["email"])
            let name = try await identity.post("signup", SignupRequest(email: "nul@example.com", password: IdentityHarness.password, name: "A\u{0}da"))
            #expect(name.status == 400 && name.invalidFields == ["name"])
            let login = try await identity.login("a\u{0}b@example.com")
            #expect(login.status == 400 && login.invalidFields == ["email"])
            #expect(try await identity.userCount() == 0)
        }
    }

    @Test(
        "a name with line breaks, a bell, a bidi override or 100,000 combining marks is refused",
        arguments: ["Ada\r\nSet-Cookie: x", "Ada\u{7}", "Ada\u{202E}ecalevol", "A" + String(repeating: "\u{301}", count: 100_000)]
    )
    func hostileNames(_ name: String) async throws {
        try await IdentityHarness.with { identity throws in
            let response = try await identity.post("signup", SignupRequest(email: "n@example.com", password: IdentityHarness.password, name: name))
            #expect(response.status == 400 && response.invalidFields == ["name"])
        }
    }

    @Test("a bidi override in the email is refused; the stored name is NFC")
    func emailAndNormalisation() async throws {
        try await IdentityHarness.with { identity throws in
            let bidi = try await identity.post("signup", SignupRequest(email: "moc.elpmaxe\u{202E}@evil.com", password: IdentityHarness.password))
            #expect(bidi.status == 400 && bidi.invalidFields == ["email"])
            let created = try await identity.post("signup", SignupRequest(email: "amelie@example.com", password: IdentityHarness.password, name: "Ame\u{301}lie"))
            #expect(try created.json(AuthResponse.self).user.name == "Am\u{E9}lie")
        }
    }

    @Test("duplicate keys and unknown fields are refused on every auth body, naming them")
    func strictBodies() async throws {
        try await IdentityHarness.with { identity throws in
            let twice = try await raw(identity, "signup", #"{"email":"a@example.com","email":"b@example.com","password":"correct horse battery staple"}"#)
            #expect(twice.status == 400 && twice.invalidFields == ["email"])
            let extra = try await raw(identity, "signup", #"{"email":"a@example.com","password":"correct horse battery staple","is_admin":true}"#)
            #expect(extra.status == 400 && extra.invalidFields == ["is_admin"])
            let login = try await raw(identity, "login", #"{"email":"a@example.com","password":"x","remember":true}"#)
            #expect(login.status == 400 && login.invalidFields == ["remember"])
            let refresh = try await raw(identity, "refresh", #"{"refresh_token":"x","refresh_token":"y"}"#)
            #expect(refresh.status == 400)
            #expect(try await identity.userCount() == 0)
        }
    }

    @Test("a duplicate-email signup leaves the address out of Postgres's log")
    func noAddressInDatabaseLog() async throws {
        try await IdentityHarness.live { identity throws in
            let email = "pii-\(UUID().uuidString.prefix(8).lowercased())@example.com"
            _ = try await identity.signup(email)
            #expect(try await identity.post("signup", SignupRequest(email: email, password: IdentityHarness.password)).status == 409)
            let log = try TestEnvironment.repoDirectory + "/.run/logs/postgres-test.log"
            let text = try String(contentsOfFile: log, encoding: .utf8)
            #expect(text.contains("duplicate key value violates unique constraint"), "the violation is logged")
            #expect(!text.contains(email), "the address is not")
        }
    }
}
