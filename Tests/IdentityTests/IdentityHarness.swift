import Foundation
import Hummingbird
import NIOHTTP1
import PathwiseProtocol
import ServiceKit
import TestSupport

@testable import Identity

/// Identity under test, with a client that reaches it as the gateway does: in memory through its
/// router (`with`, for the rules of each route), or running on a fresh database over TLS (`live`, for
/// what only Postgres, certificates or the process show).
struct IdentityHarness: Sendable {
    let caller: any ServiceCaller
    /// Only in a live harness.
    private let liveDatabase: TestDatabase?
    private let livePort: Int?
    /// Only in an in-memory harness.
    let users: MemoryUserStore?
    let clock: ManualClock?

    static let password = "correct horse battery staple"
    /// One password policy (its list of common passwords) for every in-memory router.
    static let policy = try! PasswordPolicy.bundled()

    /// Identity's router over fresh in-memory stores, at a time the test moves.
    static func memory() async throws -> (Router<ServiceRequestContext>, MemoryUserStore, ManualClock) {
        let clock = ManualClock()
        let users = MemoryUserStore()
        let signer = TokenSigner(store: MemorySigningKeyStore(), logger: testLogger)
        try await signer.prepare(now: clock.wallClock.now)
        let revocations = RevocationList()
        let accounts = try await Accounts(
            users: users, throttle: MemoryLoginThrottleStore(),
            hasher: PasswordHasher(parameters: .minimum, maxConcurrent: 2), policy: policy, signer: signer,
            lifetimes: TokenLifetimes(), revocations: revocations, clock: clock.wallClock, logger: testLogger
        )
        let dependencies = IdentityDependencies(
            accounts: accounts, signer: signer, users: users,
            verifier: AccessTokenVerifier(source: signer, revocations: revocations, logger: testLogger),
            inbox: Inbox(receipts: MemoryInboxReceipts()), maxBodyBytes: 1 << 20
        )
        return (buildRouter(dependencies), users, clock)
    }

    /// Runs `body` against identity's router over in-memory stores.
    static func with(_ body: @escaping @Sendable (IdentityHarness) async throws -> Void) async throws {
        let (router, users, clock) = try await memory()
        try await RouterCaller.with(router) { caller in
            try await body(IdentityHarness(caller: caller, liveDatabase: nil, livePort: nil, users: users, clock: clock))
        }
    }

    /// Starts identity (on `database`, or a new one) with `extra` environment, runs `body`, stops it.
    static func live(database: TestDatabase? = nil, extra: [String: String] = [:], _ body: (IdentityHarness) async throws -> Void) async throws {
        if let database {
            try await run(database, extra, body)
        } else {
            try await TestDatabase.with { try await run($0, extra, body) }
        }
    }

    private static func run(_ database: TestDatabase, _ extra: [String: String], _ body: (IdentityHarness) async throws -> Void) async throws {
        try await withFreePorts(1) { ports in
            let port = ports[0]
            let config = try testConfig(for: .identity, database: database, port: port, extra: extra)
            try await withRunningApplication(try await buildApplication(config), port: port) {
                try await TestClient.with(identity: .gateway) { client in
                    try await body(IdentityHarness(caller: LiveCaller(client: client, port: port), liveDatabase: database, livePort: port, users: nil, clock: nil))
                }
            }
        }
    }

    /// The live harness's database.
    var database: TestDatabase {
        get throws {
            guard let liveDatabase else { throw TestSetupError("an in-memory harness has no database: use IdentityHarness.live") }
            return liveDatabase
        }
    }

    /// The live service's address for `path`, for clients with other certificates.
    func url(_ path: String) throws -> String {
        guard let livePort else { throw TestSetupError("an in-memory harness has no address: use IdentityHarness.live") }
        return "https://127.0.0.1:\(livePort)\(path)"
    }

    /// How many accounts exist.
    func userCount() async throws -> Int {
        if let users { return users.count }
        return try await database.count("SELECT count(*) FROM identity.users")
    }

    /// Sends a request as a person behind the gateway.
    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], json: (any Encodable)? = nil, body: ByteBuffer? = nil, bearer: String? = nil) async throws -> TestClient.Response {
        try await caller.send(method, path, headers: headers, json: json, body: body, bearer: bearer)
    }

    /// Sends `json` to an auth route as a person behind the gateway at `address` (honoured from the gateway only, so live).
    func post(_ path: String, _ json: some Encodable, bearer: String? = nil, address: String = "198.51.100.7") async throws -> TestClient.Response {
        try await caller.send(.POST, "/api/v1/auth/\(path)", headers: [("X-Forwarded-For", address)], json: json, bearer: bearer)
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
        try await caller.send(.GET, "/api/v1/auth/me", bearer: accessToken)
    }

    func refresh(_ refreshToken: String) async throws -> TestClient.Response {
        try await post("refresh", RefreshTokenRequest(refreshToken: refreshToken))
    }
}
