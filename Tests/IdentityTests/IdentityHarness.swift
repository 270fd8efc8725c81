import Foundation
import NIOHTTP1
import PathwiseProtocol
import ServiceKit
import TestSupport

@testable import Identity

/// A running identity on a fresh database, and a client that reaches it as the gateway does.
struct IdentityHarness {
    let port: Int
    let database: TestDatabase
    let client: TestClient

    static let password = "correct horse battery staple"

    /// Starts identity (on `database`, or a new one) with `extra` environment, runs `body`, stops it.
    static func with(database: TestDatabase? = nil, extra: [String: String] = [:], _ body: (IdentityHarness) async throws -> Void) async throws {
        if let database {
            try await run(database, extra, body)
        } else {
            try await TestDatabase.with { try await run($0, extra, body) }
        }
    }

    private static func run(_ database: TestDatabase, _ extra: [String: String], _ body: (IdentityHarness) async throws -> Void) async throws {
        let port = try await freePort()
        let config = try testConfig(for: .identity, database: database, port: port, extra: extra)
        try await withRunningApplication(try await buildApplication(config), port: port) {
            try await TestClient.with(identity: .gateway) { client in
                try await body(IdentityHarness(port: port, database: database, client: client))
            }
        }
    }

    func url(_ path: String) -> String { "https://127.0.0.1:\(port)\(path)" }

    /// Sends `json` to an auth route as a person behind the gateway at `address`.
    func post(_ path: String, _ json: some Encodable, bearer: String? = nil, address: String = "198.51.100.7") async throws -> TestClient.Response {
        try await client.send(.POST, url("/api/v1/auth/\(path)"), headers: [("X-Forwarded-For", address)], json: json, bearer: bearer)
    }

    func signup(_ email: String = "\(UUID().uuidString.prefix(8))@example.com", password: String = password) async throws -> AuthResponse {
        let response = try await post("signup", SignupRequest(email: email, password: password, name: "Ada"))
        guard response.status == 201 else { throw TestSetupError("signup answered \(response.status): \(response.text)") }
        return try response.json(AuthResponse.self)
    }

    func login(_ email: String, password: String = password, address: String = "198.51.100.7") async throws -> TestClient.Response {
        try await post("login", LoginRequest(email: email, password: password), address: address)
    }

    func me(_ accessToken: String) async throws -> TestClient.Response {
        try await client.send(.GET, url("/api/v1/auth/me"), bearer: accessToken)
    }

    func refresh(_ refreshToken: String) async throws -> TestClient.Response {
        try await post("refresh", RefreshTokenRequest(refreshToken: refreshToken))
    }
}
