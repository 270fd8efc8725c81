import Foundation
public import Hummingbird
import Metrics
import NIOConcurrencyHelpers
public import Prometheus

/// One readiness condition: a name and a check that returns whether it holds.
public struct ReadinessCheck: Sendable {
    public let name: String
    public let check: @Sendable () async -> Bool

    public init(_ name: String, _ check: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.check = check
    }
}

/// Swift-metrics backed by one Prometheus registry per process.
public enum MetricsSetup {
    private static let bootstrapped = NIOLockedValueBox(false)
    /// The registry `/metrics` renders.
    public static let registry = PrometheusCollectorRegistry()

    /// Bootstraps swift-metrics once; later calls change nothing.
    public static func bootstrap() {
        let first = bootstrapped.withLockedValue { done in
            defer { done = true }
            return !done
        }
        if first { MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry)) }
    }
}

extension Router where Context == ServiceRequestContext {
    /// `/health/live`, `/health/ready` (every check must hold) and `/metrics` (Prometheus text).
    public func addHealthRoutes(readiness: [ReadinessCheck]) {
        get("/health/live") { _, _ in
            try Response.json(["status": "ok"])
        }
        get("/health/ready") { _, _ in
            var failing: [String] = []
            for item in readiness where await !item.check() { failing.append(item.name) }
            guard failing.isEmpty else {
                return try Response.json(["status": "unavailable", "failing": failing.joined(separator: ",")], status: .serviceUnavailable)
            }
            return try Response.json(["status": "ready"])
        }
        get("/metrics") { _, _ in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(16 * 1024)
            MetricsSetup.registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
    }
}
