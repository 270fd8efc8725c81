public import Foundation
public import Logging
import NIOConcurrencyHelpers

/// Sets up swift-log once per process: JSON lines for production, readable text for development.
public enum LogSetup {
    private static let done = NIOLockedValueBox(false)

    /// Bootstraps the logging system; later calls (tests start many services in one process) change nothing.
    public static func bootstrap(format: LogFormat, level: Logger.Level) {
        let first = done.withLockedValue { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

/// Writes each log record as one JSON object on standard output.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    /// Standard output, one record at a time.
    private static let output = NIOLockedValueBox(FileHandle.standardOutput)

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        var merged = self.metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error { merged["error"] = .string(String(reflecting: error)) }
        var line = "{\"ts\":\""
        line += Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        line += "\",\"level\":\"\(level.rawValue)\",\"logger\":"
        Self.appendJSONString(label, to: &line)
        line += ",\"msg\":"
        Self.appendJSONString(message.description, to: &line)
        for key in merged.keys.sorted() {
            line += ","
            Self.appendJSONString(key, to: &line)
            line += ":"
            Self.appendJSONString(merged[key].map { "\($0)" } ?? "", to: &line)
        }
        line += "}\n"
        Self.output.withLockedValue { $0.write(Data(line.utf8)) }
    }

    /// Appends `value` as a JSON string literal, escaping what RFC 8259 requires.
    static func appendJSONString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension Logger.MetadataValue {
    /// An id as it is written everywhere else (JSON, tokens): lower case.
    public static func id(_ uuid: UUID) -> Self {
        .string(uuid.uuidString.lowercased())
    }
}

/// A domain service that logs: a route handler hands it the request's logger, so that its lines carry
/// the request id and the user like the access log does.
public protocol LogsPerRequest {
    var logger: Logger { get set }
}

extension LogsPerRequest {
    /// The same service, logging to `logger`.
    public func logging(to logger: Logger) -> Self {
        var copy = self
        copy.logger = logger
        return copy
    }
}
