import AsyncHTTPClient
import Foundation
public import Hummingbird
import Logging
import NIOCore
import NIOConcurrencyHelpers
import NIOPosix
public import PathwiseProtocol
public import ServiceKit
import ServiceLifecycle

/// The next port to hand out; each is given to one caller only, so two tests running side by side
/// never race for the same port between checking it and binding it.
/// Below the kernel's ephemeral range (32768 and up), so that an outgoing connection cannot take a
/// port between the check and the bind.
private let nextPort = NIOLockedValueBox(Int.random(in: 20_000..<32_000))

/// A port no other test in this process has been given, and that nothing else is listening on.
public func freePort() async throws -> Int {
    for _ in 0..<200 {
        let candidate = nextPort.withLockedValue { port -> Int in
            defer { port = port >= 32_000 ? 20_000 : port + 1 }
            return port
        }
        if let channel = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: candidate).get()
        {
            try await channel.close()
            return candidate
        }
    }
    throw TestSetupError("no free port found")
}

/// An application under test stopped before it was ready.
public struct ApplicationStartFailure: Error, CustomStringConvertible {
    public let port: Int
    public let reason: String

    /// The port was taken between the check and the bind (a process another test spawns at that
    /// moment can hold a copy of the checking socket).
    public var portTaken: Bool { reason.contains("Address already in use") }

    public var description: String { "service on port \(port) stopped before it was ready: \(reason)" }
}

/// Runs `start` with `count` free ports, and again with others (three tries) when one of them was
/// taken before its application could bind it.
public func withFreePorts<T>(_ count: Int, _ start: ([Int]) async throws -> T) async throws -> T {
    var attempt = 1
    while true {
        var ports: [Int] = []
        for _ in 0..<count { ports.append(try await freePort()) }
        do {
            return try await start(ports)
        } catch let failure as ApplicationStartFailure where failure.portTaken && attempt < 3 {
            testLogger.warning("test.port_taken", metadata: ["port": "\(failure.port)", "attempt": "\(attempt)"])
            attempt += 1
        }
    }
}

/// The environment a service would get from `make run`, pointed at a test database and test ports.
public func testEnvironment(
    for service: ServiceName, database: TestDatabase, port: Int, peers: [ServiceName: Int] = [:], extra: [String: String] = [:]
) throws -> [String: String] {
    var env: [String: String] = [
        "PORT": String(port),
        "PKI_DIR": try TestEnvironment.pkiDirectory,
        "DATABASE_PORT": String(database.port),
        "DATABASE_NAME": database.name,
        "DATABASE_POOL_SIZE": "4",
        "LOG_LEVEL": "warning",
        "REVOCATION_POLL_MS": "200",
        "ARGON2_MEMORY_KIB": "19456",
    ]
    for (peer, peerPort) in peers { env[peer.urlVariable] = "https://127.0.0.1:\(peerPort)" }
    env.merge(extra) { _, new in new }
    return env
}

/// A service's configuration for a test: its own port, a test database, peers on the given ports.
public func testConfig(
    for service: ServiceName, database: TestDatabase, port: Int, peers: [ServiceName: Int] = [:], extra: [String: String] = [:]
) throws -> ServiceConfig {
    try ServiceConfig(
        service: service,
        environment: EnvironmentReader(try testEnvironment(for: service, database: database, port: port, peers: peers, extra: extra))
    )
}

/// Runs an application in this process until `body` returns, after it reports ready.
public func withRunningApplication<App: ApplicationProtocol, T: Sendable>(
    _ app: App, port: Int, _ body: () async throws -> T
) async throws -> T {
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: testLogger)
    // Why the application stopped, if it did before the test ended: a start that fails (a port taken,
    // a bad configuration) is reported at once with its cause, not after the readiness deadline.
    let stopped = NIOLockedValueBox<String?>(nil)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            do {
                try await group.run()
                stopped.withLockedValue { $0 = $0 ?? "it stopped" }
            } catch {
                stopped.withLockedValue { $0 = "\(error)" }
                throw error
            }
        }
        do {
            try await waitUntilReady(port: port, unless: { stopped.withLockedValue { $0 } })
            let result = try await body()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// Polls `/health/ready` over mTLS until it answers 200 (60 s at most: a setup deadline, generous
/// because every suite boots its services at once on two cores).
public func waitUntilReady(
    port: Int, timeout: Duration = .seconds(60), unless stopped: @Sendable () -> String? = { nil }
) async throws {
    try await TestClient.with(identity: .gateway) { client in
        let deadline = ContinuousClock.now + timeout
        var last = "no answer"
        while ContinuousClock.now < deadline {
            if let reason = stopped() { throw ApplicationStartFailure(port: port, reason: reason) }
            do {
                let response = try await client.send(.GET, "https://127.0.0.1:\(port)/health/ready")
                if response.status == 200 { return }
                last = "\(response.status) \(response.text)"
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSetupError("service on port \(port) not ready: \(last)")
    }
}
