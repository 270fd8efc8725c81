public import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import PathwiseProtocol

/// Where the optional language model is (`LLM_BASE_URL`, `LLM_API_KEY`, `LLM_MODEL`, `LLM_TIMEOUT_MS`);
/// `nil` from `init` when no base URL is set, and the embedded engines answer alone.
public struct LanguageModelSettings: Sendable {
    /// The server's base with its version path (`https://api.openai.com/v1`, `http://localhost:11434/v1`); requests go to `<base>/chat/completions`.
    public var baseURL: URL
    /// Sent as a bearer token; never logged.
    public var apiKey: String?
    public var model: String
    /// The whole answer (or, streamed, each pause between chunks) must arrive within this.
    public var timeout: Duration

    public init(baseURL: URL, apiKey: String?, model: String, timeout: Duration) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.timeout = timeout
    }

    /// The settings from the environment, or `nil` when `LLM_BASE_URL` is unset.
    public init?(_ env: EnvironmentReader) throws {
        guard let raw = env.optionalString("LLM_BASE_URL") else { return nil }
        guard let url = URL(string: raw), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw ConfigError(variable: "LLM_BASE_URL", reason: "must be an http or https URL (got \"\(raw)\")")
        }
        self.init(
            baseURL: url, apiKey: env.optionalString("LLM_API_KEY"), model: env.string("LLM_MODEL", default: "gpt-4o-mini"),
            timeout: .milliseconds(try env.int("LLM_TIMEOUT_MS", default: 8_000, in: 100...120_000))
        )
    }
}

/// A message of a chat completion.
public struct ChatMessage: Codable, Sendable, Equatable {
    /// `system`, `user` or `assistant`.
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// Why the language model gave no usable answer; callers fall back to their embedded engine.
public enum LanguageModelError: Error, Equatable, CustomStringConvertible {
    /// No answer within the timeout.
    case timeout
    /// The server answered with this status.
    case status(Int)
    /// The answer was not what was asked for (not JSON, or not the expected shape).
    case malformed(String)
    /// The server could not be reached, after the retries.
    case unreachable(String)

    public var description: String {
        switch self {
        case .timeout: "the language model did not answer in time"
        case .status(let code): "the language model answered \(code)"
        case .malformed(let reason): "the language model's answer was malformed: \(reason)"
        case .unreachable(let reason): "the language model could not be reached: \(reason)"
        }
    }
}

/// The one client for an OpenAI-compatible chat-completions server, shared by content, pathing and
/// coaching: JSON-mode answers decoded and validated, and streamed answers chunk by chunk. Only
/// connecting is retried (by the HTTP client's pool, until the deadline); a slow, failed or malformed
/// answer is reported at once.
public struct LanguageModelClient: Sendable {
    let http: HTTPClient
    let settings: LanguageModelSettings
    let logger: Logger

    public init(http: HTTPClient, settings: LanguageModelSettings, logger: Logger) {
        self.http = http
        self.settings = settings
        self.logger = logger
    }

    /// The model asked, as an answer's `engine` names it (`llm:<model>`).
    public var engine: String { "llm:\(settings.model)" }

    /// An answer in JSON mode, decoded as `Answer`.
    public func completeJSON<Answer: Decodable>(_ messages: [ChatMessage], as type: Answer.Type = Answer.self) async throws(LanguageModelError) -> Answer {
        let response = try await start(messages, stream: false)
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: 4 << 20)
        } catch {
            throw .malformed("the answer could not be read: \(error)")
        }
        let content: String
        do {
            content = try Self.decoder.decode(Completion.self, from: body).choices.first?.message.content ?? ""
        } catch {
            throw .malformed("not a chat completion")
        }
        do {
            return try JSONCoding.decoder.decode(Answer.self, from: Data(content.utf8))
        } catch {
            throw .malformed("the content is not the JSON asked for")
        }
    }

    /// A streamed answer: the content's pieces as they arrive (`data:` events), ending at `[DONE]`;
    /// the stream fails with a `LanguageModelError`.
    public func stream(_ messages: [ChatMessage]) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let response = try await start(messages, stream: true)
                    var lines = EventStreamLines()
                    for try await buffer in response.body {
                        for line in try lines.append(buffer) {
                            guard line.hasPrefix("data:") else { continue }
                            let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                            if payload == "[DONE]" {
                                continuation.finish()
                                return
                            }
                            guard let chunk = try? Self.decoder.decode(StreamChunk.self, from: Data(payload.utf8)) else {
                                throw LanguageModelError.malformed("a streamed chunk is not JSON")
                            }
                            if let piece = chunk.choices.first?.delta.content { continuation.yield(piece) }
                        }
                    }
                    throw LanguageModelError.malformed("the stream ended without [DONE]")
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Sends the request and returns the answer's head once it is a 200.
    private func start(_ messages: [ChatMessage], stream: Bool) async throws(LanguageModelError) -> HTTPClientResponse {
        var request = HTTPClientRequest(url: settings.baseURL.appendingPathComponent("chat/completions").absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = settings.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        let payload = CompletionRequest(
            model: settings.model, messages: messages, stream: stream, responseFormat: stream ? nil : .init(type: "json_object")
        )
        guard let encoded = try? JSONCoding.encoder.encode(payload) else { throw .malformed("the request could not be encoded") }
        request.body = .bytes(ByteBuffer(data: encoded))
        let (seconds, attoseconds) = settings.timeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        // AsyncHTTPClient's pool already retries establishing a connection, with backoff, until the
        // deadline, and then reports the last connection error: no second retry loop here.
        do {
            let response = try await http.execute(request, timeout: timeout)
            guard response.status == .ok else { throw LanguageModelError.status(Int(response.status.code)) }
            return response
        } catch let error as LanguageModelError {
            logger.warning("llm.failed", metadata: ["error": "\(error)"])
            throw error
        } catch where Self.isConnectFailure(error) {
            logger.warning("llm.unreachable", metadata: ["error": "\(String(describing: error))"])
            throw .unreachable(String(describing: error))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            logger.warning("llm.timeout", metadata: ["model": "\(settings.model)"])
            throw .timeout
        } catch {
            throw .malformed(String(describing: error))
        }
    }

    /// One decoder for the server's envelopes (plain keys, no dates), not one per chunk.
    private static let decoder = JSONDecoder()

    /// A failure before anything was sent: safe to try again.
    static func isConnectFailure(_ error: any Error) -> Bool {
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .remoteConnectionClosed { return true }
        let text = String(describing: error)
        return text.contains("connectTimeout") || text.contains("Connection refused") || text.contains("connection refused")
    }

    struct CompletionRequest: Encodable {
        struct ResponseFormat: Encodable {
            var type: String
        }

        var model: String
        var messages: [ChatMessage]
        var stream: Bool
        var responseFormat: ResponseFormat?

        enum CodingKeys: String, CodingKey {
            case model, messages, stream
            case responseFormat = "response_format"
        }
    }

    struct Completion: Decodable {
        struct Choice: Decodable {
            var message: ChatMessage
        }

        var choices: [Choice]
    }

    struct StreamChunk: Decodable {
        struct Choice: Decodable {
            struct Delta: Decodable {
                var content: String?
            }

            var delta: Delta
        }

        var choices: [Choice]
    }
}

/// Splits a server-sent-event body into lines as its bytes arrive. Each byte is searched once, however
/// the body is cut into chunks, and a line longer than `maxLineBytes` is refused rather than held.
struct EventStreamLines {
    /// The longest line kept while waiting for its end.
    static let maxLineBytes = 1 << 20

    private var pending = ByteBuffer()
    /// Bytes at the front of `pending` already searched for a newline.
    private var searched = 0

    /// The lines `buffer` completes, without their line ends (`\n` or `\r\n`).
    mutating func append(_ buffer: ByteBuffer) throws(LanguageModelError) -> [String] {
        var buffer = buffer
        pending.writeBuffer(&buffer)
        var lines: [String] = []
        while true {
            let view = pending.readableBytesView
            guard let newline = view.dropFirst(searched).firstIndex(of: UInt8(ascii: "\n")) else {
                searched = view.count
                guard searched <= Self.maxLineBytes else { throw .malformed("a streamed line is longer than \(Self.maxLineBytes) bytes") }
                break
            }
            var line = pending.readString(length: newline - view.startIndex) ?? ""
            if line.hasSuffix("\r") { line.removeLast() }
            lines.append(line)
            pending.moveReaderIndex(forwardBy: 1)
            searched = 0
        }
        pending.discardReadBytes()
        return lines
    }
}
