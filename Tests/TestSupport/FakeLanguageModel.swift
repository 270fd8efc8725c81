public import AsyncHTTPClient
public import Foundation
public import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
public import ServiceKit
import ServiceLifecycle

/// A local OpenAI-compatible chat-completions server (real HTTP) that answers as a test tells it to:
/// with content, late, with an error status, with output that is not JSON, or streamed in `data:` chunks.
public final class FakeLanguageModel: Sendable {
    /// How the next answers are made.
    public enum Behaviour: Sendable {
        /// A completion whose message content is this text.
        case answer(String)
        /// The same, after a pause.
        case delayed(Duration, String)
        /// This status, with a short error body.
        case failing(Int)
        /// A 200 whose body is not a chat completion.
        case garbage
        /// `data:` chunks with these pieces, then `[DONE]` when `done`.
        case stream([String], done: Bool)
        /// The same with `pause` before each piece after the first, then `[DONE]`: a model that takes its time.
        case pacedStream([String], pause: Duration)
    }

    /// What one request carried.
    public struct Received: Sendable {
        public let authorization: String?
        public let body: String
    }

    private let behaviour: NIOLockedValueBox<Behaviour>
    private let received = NIOLockedValueBox<[Received]>([])

    init(_ behaviour: Behaviour) {
        self.behaviour = NIOLockedValueBox(behaviour)
    }

    /// The requests so far, oldest first.
    public var requests: [Received] { received.withLockedValue { $0 } }

    /// Changes how the next requests are answered.
    public func answer(with behaviour: Behaviour) {
        self.behaviour.withLockedValue { $0 = behaviour }
    }

    /// Runs the server on a port of its own while `body` runs, handing it the server's base URL.
    public static func with<T: Sendable>(_ behaviour: Behaviour, _ body: (FakeLanguageModel, URL) async throws -> T) async throws -> T {
        let fake = FakeLanguageModel(behaviour)
        let router = Router()
        router.post("/v1/chat/completions") { request, context -> Response in
            var request = request
            let text = String(buffer: try await request.collectBody(upTo: 1 << 20))
            fake.received.withLockedValue { $0.append(Received(authorization: request.headers[.authorization], body: text)) }
            return try await fake.respond()
        }
        let (ready, announce) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in announce.yield(channel.localAddress?.port ?? 0) }, logger: testLogger
        )
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: testLogger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await announced in ready {
                port = announced
                break
            }
            do {
                guard let url = URL(string: "http://127.0.0.1:\(port)/v1") else { throw TestSetupError("no port for the fake model") }
                let result = try await body(fake, url)
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

    private func respond() async throws -> Response {
        switch behaviour.withLockedValue({ $0 }) {
        case .answer(let content):
            return Self.completion(content)
        case .delayed(let pause, let content):
            try await Task.sleep(for: pause)
            return Self.completion(content)
        case .failing(let status):
            return Response(status: .init(code: status), body: .init(byteBuffer: ByteBuffer(string: "{\"error\":{\"message\":\"failing on purpose\"}}")))
        case .garbage:
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "<html>oops</html>")))
        case .stream(let pieces, let done):
            return Self.streamed(pieces, pause: .milliseconds(5), done: done)
        case .pacedStream(let pieces, let pause):
            return Self.streamed(pieces, pause: pause, done: true)
        }
    }

    private static func streamed(_ pieces: [String], pause: Duration, done: Bool) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                for (index, piece) in pieces.enumerated() {
                    if index > 0 { try await Task.sleep(for: pause) }
                    let chunk = try JSONSerialization.data(withJSONObject: ["choices": [["delta": ["content": piece]]]])
                    try await writer.write(ByteBuffer(string: "data: \(String(decoding: chunk, as: UTF8.self))\n\n"))
                }
                if done { try await writer.write(ByteBuffer(string: "data: [DONE]\n\n")) }
                try await writer.finish(nil)
            }
        )
    }

    /// An HTTP client for `body`, shut down after it.
    public static func withHTTP<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let result = try await body(http)
            try await http.shutdown().get()
            return result
        } catch {
            try? await http.shutdown().get()
            throw error
        }
    }

    /// The shared language-model client, pointed at a fake answering with `behaviour`, for `body`.
    public static func withClient<T: Sendable>(
        _ behaviour: Behaviour, timeout: Duration = .seconds(5), _ body: (LanguageModelClient, FakeLanguageModel) async throws -> T
    ) async throws -> T {
        try await with(behaviour) { fake, url in
            try await withHTTP { http in
                let settings = LanguageModelSettings(baseURL: url, apiKey: "sk-test-secret", model: "test-model", timeout: timeout)
                return try await body(LanguageModelClient(http: http, settings: settings, logger: testLogger), fake)
            }
        }
    }

    private static func completion(_ content: String) -> Response {
        let body = (try? JSONSerialization.data(withJSONObject: ["choices": [["message": ["role": "assistant", "content": content]]]])) ?? Data()
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: body)))
    }
}
