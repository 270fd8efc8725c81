import Foundation
import PathwiseProtocol
import TestSupport

/// The whole platform as separate processes: the six service binaries and HAProxy, on free ports,
/// against one test database — what `make run` starts, driven as a client would.
final class Stack: @unchecked Sendable {
    // Mutated only by start() and stop(), which the single test calls in sequence.
    let database: TestDatabase
    let servicePorts: [ServiceName: Int]
    let httpsPort: Int
    let httpPort: Int
    /// Variables a service gets on top of the test environment (e.g. a language model for coaching).
    let environment: [ServiceName: [String: String]]
    private var processes: [(name: String, process: Process)] = []

    init(database: TestDatabase, environment: [ServiceName: [String: String]] = [:]) async throws {
        self.database = database
        self.environment = environment
        var ports: [ServiceName: Int] = [:]
        for service in ServiceName.allCases { ports[service] = try await freePort() }
        self.servicePorts = ports
        self.httpsPort = try await freePort()
        self.httpPort = try await freePort()
    }

    var gateway: String { "https://localhost:\(httpsPort)" }

    func serviceURL(_ service: ServiceName, _ path: String) -> String {
        "https://127.0.0.1:\(servicePorts[service] ?? 0)\(path)"
    }

    /// The gateway's environment (docs/runtime.md), pointed at this stack's ports.
    func gatewayEnvironment() throws -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PKI_DIR"] = try TestEnvironment.pkiDirectory
        env["GATEWAY_BIND"] = "127.0.0.1"
        env["GATEWAY_HTTPS_PORT"] = String(httpsPort)
        env["GATEWAY_HTTP_PORT"] = String(httpPort)
        env["GATEWAY_RATE_LIMIT"] = "1000"
        env["GATEWAY_AUTH_RATE_LIMIT"] = "30"
        env["GATEWAY_ERRORS_DIR"] = try TestEnvironment.repoDirectory + "/deploy/gateway/errors"
        for service in ServiceName.allCases {
            let variable = service.urlVariable.replacingOccurrences(of: "_URL", with: "_ADDR")
            env[variable] = "127.0.0.1:\(servicePorts[service] ?? 0)"
        }
        return env
    }

    var haproxyConfig: String { get throws { try TestEnvironment.repoDirectory + "/deploy/gateway/haproxy.cfg" } }

    func start() async throws {
        let bin = try TestEnvironment.binDirectory
        let logs = try TestEnvironment.repoDirectory + "/.run/logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        var peers: [ServiceName: Int] = [:]
        for service in ServiceName.allCases { peers[service] = servicePorts[service] }
        for service in ServiceName.allCases {
            var env = try testEnvironment(
                for: service, database: database, port: servicePorts[service] ?? 0, peers: peers,
                extra: ["REVOCATION_POLL_MS": "500", "LOG_FORMAT": "json", "LOG_LEVEL": "info"]
            )
            env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
            env.merge(environment[service] ?? [:]) { _, own in own }
            try launch(service.rawValue, "\(bin)/\(service.rawValue)", [], env, log: "\(logs)/system-\(service.rawValue).log")
        }
        try launch("gateway", "/usr/sbin/haproxy", ["-db", "-W", "-f", try haproxyConfig], try gatewayEnvironment(), log: "\(logs)/system-gateway.log")
        for service in ServiceName.allCases { try await waitUntilReady(port: servicePorts[service] ?? 0, timeout: .seconds(60)) }
        try await TestClient.with(identity: .none) { client in
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                if let response = try? await client.send(.GET, "\(gateway)/health/live"), response.status == 200 { return }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw TestSetupError("the gateway did not route /health/live")
        }
    }

    private func launch(_ name: String, _ executable: String, _ arguments: [String], _ environment: [String: String], log: String) throws {
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
        processes.append((name, process))
    }

    /// Sends SIGTERM to every process and returns the names of those that did not exit cleanly within 10 s.
    @discardableResult
    func stop() async -> [String] {
        for (_, process) in processes where process.isRunning { process.terminate() }
        var unclean: [String] = []
        for (name, process) in processes {
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                unclean.append(name)
            } else if name != "gateway" && process.terminationStatus != 0 {
                unclean.append("\(name) (exit \(process.terminationStatus))")
            }
        }
        processes = []
        return unclean
    }
}
