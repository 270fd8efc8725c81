public import Foundation
public import Logging
public import PathwiseProtocol

/// A configuration value that is missing or malformed; its description is the one line the process prints.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let reason: String

    public init(variable: String, reason: String) {
        self.variable = variable
        self.reason = reason
    }

    public var description: String { "configuration error: \(variable) \(reason)" }
}

/// Typed reads from the process environment, each failing with a `ConfigError` that names the variable.
public struct EnvironmentReader: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// A string, or `fallback` when unset or empty.
    public func string(_ name: String, default fallback: String) -> String {
        guard let value = values[name], !value.isEmpty else { return fallback }
        return value
    }

    /// A string, or `nil` when unset or empty.
    public func optionalString(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// An integer within `range`, or `fallback` when unset.
    public func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let raw = optionalString(name) else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigError(variable: name, reason: "must be an integer from \(range.lowerBound) to \(range.upperBound) (got \"\(raw)\")")
        }
        return value
    }

    /// A number within `range`, or `fallback` when unset.
    public func double(_ name: String, default fallback: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let raw = optionalString(name) else { return fallback }
        guard let value = Double(raw), value.isFinite, range.contains(value) else {
            throw ConfigError(variable: name, reason: "must be a number from \(range.lowerBound) to \(range.upperBound) (got \"\(raw)\")")
        }
        return value
    }

    /// One of a fixed set of values, or `fallback` when unset.
    public func choice<T: RawRepresentable & CaseIterable>(_ name: String, default fallback: T) throws -> T where T.RawValue == String {
        guard let raw = optionalString(name) else { return fallback }
        guard let value = T(rawValue: raw.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigError(variable: name, reason: "must be one of \(allowed) (got \"\(raw)\")")
        }
        return value
    }

    /// An absolute `https` URL, or `fallback` when unset.
    public func httpsURL(_ name: String, default fallback: String) throws -> URL {
        let raw = string(name, default: fallback)
        guard let url = URL(string: raw), url.scheme == "https", url.host != nil else {
            throw ConfigError(variable: name, reason: "must be an https URL such as https://127.0.0.1:7101 (got \"\(raw)\")")
        }
        return url
    }

    /// A path to a file that exists and can be read.
    public func readableFile(_ name: String, default fallback: String) throws -> String {
        let path = string(name, default: fallback)
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ConfigError(variable: name, reason: "names a file that does not exist or cannot be read: \(path)")
        }
        return path
    }
}

/// How log lines are written.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Where a service finds its Postgres and how many connections it may hold.
public struct DatabaseSettings: Sendable {
    public var host: String
    public var port: Int
    public var database: String
    public var username: String
    public var password: String?
    public var poolSize: Int

    public init(host: String, port: Int, database: String, username: String, password: String?, poolSize: Int) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
        self.poolSize = poolSize
    }
}

/// The settings every service reads at start, typed and validated once.
public struct ServiceConfig: Sendable {
    public var service: ServiceName
    public var host: String
    public var port: Int
    public var tls: TLSFiles
    public var database: DatabaseSettings
    public var logFormat: LogFormat
    public var logLevel: Logger.Level
    /// Base URLs of the other services, for internal calls and event delivery.
    public var peers: [ServiceName: URL]
    /// The largest request body a route accepts unless it declares its own limit.
    public var maxBodyBytes: Int
    /// How often the access-token revocation feed is polled.
    public var revocationPollInterval: Duration
    /// The service's own settings beyond these, read by the service itself.
    public var environment: EnvironmentReader

    /// Reads the configuration for `service` from `environment`.
    public init(service: ServiceName, environment: EnvironmentReader = EnvironmentReader()) throws {
        let env = environment
        self.service = service
        self.environment = env
        self.host = env.string("HOST", default: "127.0.0.1")
        self.port = try env.int("PORT", default: service.defaultPort, in: 0...65535)
        let pki = env.string("PKI_DIR", default: ".run/pki")
        self.tls = TLSFiles(
            certificate: try env.readableFile("TLS_CERT", default: "\(pki)/\(service.rawValue).pem"),
            privateKey: try env.readableFile("TLS_KEY", default: "\(pki)/\(service.rawValue).key"),
            certificateAuthority: try env.readableFile("TLS_CA", default: "\(pki)/ca.pem")
        )
        self.database = DatabaseSettings(
            host: env.string("DATABASE_HOST", default: "127.0.0.1"),
            port: try env.int("DATABASE_PORT", default: 55432, in: 1...65535),
            database: env.string("DATABASE_NAME", default: "pathwise"),
            username: env.string("DATABASE_USER", default: service.schema),
            password: env.optionalString("DATABASE_PASSWORD"),
            poolSize: try env.int("DATABASE_POOL_SIZE", default: 8, in: 1...200)
        )
        self.logFormat = try env.choice("LOG_FORMAT", default: LogFormat.text)
        guard let level = Logger.Level(rawValue: env.string("LOG_LEVEL", default: "info").lowercased()) else {
            throw ConfigError(variable: "LOG_LEVEL", reason: "must be one of trace, debug, info, notice, warning, error, critical")
        }
        self.logLevel = level
        var peers: [ServiceName: URL] = [:]
        for peer in ServiceName.allCases {
            peers[peer] = try env.httpsURL(peer.urlVariable, default: "https://127.0.0.1:\(peer.defaultPort)")
        }
        self.peers = peers
        self.maxBodyBytes = try env.int("MAX_BODY_BYTES", default: 1 << 20, in: 1024...(64 << 20))
        let pollMilliseconds = try env.int("REVOCATION_POLL_MS", default: 1000, in: 100...60_000)
        self.revocationPollInterval = .milliseconds(pollMilliseconds)
    }

    /// Reads the configuration, or prints the one line that says what is wrong and exits with `EX_CONFIG`.
    public static func load(for service: ServiceName) -> ServiceConfig {
        do {
            return try ServiceConfig(service: service)
        } catch {
            FileHandle.standardError.write(Data("\(service.rawValue): \(error)\n".utf8))
            exit(78)
        }
    }
}
