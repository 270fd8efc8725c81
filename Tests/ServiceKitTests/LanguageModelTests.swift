import AsyncHTTPClient
import Foundation
import NIOCore
import PathwiseProtocol
import TestSupport
import Testing

@testable import ServiceKit

/// The shared language-model client against a local fake that speaks the same wire format.
@Suite("Language model client")
struct LanguageModelTests {
    struct Verdict: Codable, Equatable {
        var score: Int
        var note: String
    }

    @Test("a JSON-mode answer is decoded; the request names the model, asks for a JSON object and carries the key")
    func jsonAnswer() async throws {
        try await FakeLanguageModel.withClient(.answer(#"{"score":4,"note":"clear"}"#)) { client, fake in
            let verdict = try await client.completeJSON([ChatMessage(role: "user", content: "Rate it.")], as: Verdict.self)
            #expect(verdict == Verdict(score: 4, note: "clear"))
            let request = try #require(fake.requests.first)
            #expect(request.authorization == "Bearer sk-test-secret")
            #expect(request.body.contains(#""model":"test-model""#) && request.body.contains(#""response_format":{"type":"json_object"}"#))
            #expect(request.body.contains(#""stream":false"#))
        }
    }

    @Test("content that is not the JSON asked for, or a body that is no completion, is malformed")
    func malformed() async throws {
        try await FakeLanguageModel.withClient(.answer("Sure! Here is my rating: four.")) { client, fake in
            await #expect(throws: LanguageModelError.malformed("the content is not the JSON asked for")) {
                try await client.completeJSON([ChatMessage(role: "user", content: "Rate it.")], as: Verdict.self)
            }
            fake.answer(with: .garbage)
            await #expect(throws: LanguageModelError.malformed("not a chat completion")) {
                try await client.completeJSON([ChatMessage(role: "user", content: "Rate it.")], as: Verdict.self)
            }
        }
    }

    @Test("an error status is reported at once, not retried")
    func errorStatus() async throws {
        try await FakeLanguageModel.withClient(.failing(500)) { client, fake in
            await #expect(throws: LanguageModelError.status(500)) {
                try await client.completeJSON([ChatMessage(role: "user", content: "Rate it.")], as: Verdict.self)
            }
            #expect(fake.requests.count == 1)
        }
    }

    @Test("an answer slower than the timeout is a timeout, reported when the timeout passes")
    func timeout() async throws {
        // The answer comes far later than the timeout, so that giving up at the timeout and waiting for
        // the answer stay apart even when the parallel suites hold both cores for a while.
        try await FakeLanguageModel.withClient(.delayed(.seconds(10), #"{"score":1,"note":"late"}"#), timeout: .milliseconds(300)) { client, _ in
            let clock = ContinuousClock()
            let elapsed = await clock.measure {
                await #expect(throws: LanguageModelError.timeout) {
                    try await client.completeJSON([ChatMessage(role: "user", content: "Rate it.")], as: Verdict.self)
                }
            }
            #expect(elapsed < .seconds(8), "gave up after \(elapsed), not when the answer came")
        }
    }

    @Test("a streamed answer arrives piece by piece; a stream cut before [DONE] is malformed")
    func streaming() async throws {
        try await FakeLanguageModel.withClient(.stream(["Tell me ", "about a ", "time you led."], done: true)) { client, fake in
            var pieces: [String] = []
            for try await piece in client.stream([ChatMessage(role: "user", content: "Ask me something.")]) { pieces.append(piece) }
            #expect(pieces == ["Tell me ", "about a ", "time you led."])
            #expect(fake.requests.first?.body.contains(#""stream":true"#) == true)
            fake.answer(with: .stream(["cut"], done: false))
            await #expect(throws: LanguageModelError.malformed("the stream ended without [DONE]")) {
                for try await _ in client.stream([ChatMessage(role: "user", content: "Again.")]) {}
            }
        }
    }

    @Test("a server that cannot be reached is unreachable (the pool retries connecting until the deadline), not a timeout")
    func unreachable() async throws {
        // Port 1 (tcpmux): nothing listens there, and no test server is ever handed it, unlike a port
        // freePort() checked a moment ago, which another test may be serving by the time we connect.
        let settings = LanguageModelSettings(
            baseURL: try #require(URL(string: "http://127.0.0.1:1")), apiKey: nil, model: "m", timeout: .seconds(3)
        )
        try await FakeLanguageModel.withHTTP { http in
            let client = LanguageModelClient(http: http, settings: settings, logger: testLogger)
            do {
                _ = try await client.completeJSON([ChatMessage(role: "user", content: "Hello?")], as: Verdict.self)
                Issue.record("a closed port answered")
            } catch {
                guard case .unreachable? = error as? LanguageModelError else { Issue.record("expected unreachable, got \(error)"); return }
            }
        }
    }

    @Test("settings: none without LLM_BASE_URL; a bad URL stops the start naming the variable; the rest are read")
    func settings() throws {
        #expect(try LanguageModelSettings(EnvironmentReader([:])) == nil)
        #expect(throws: ConfigError.self) { try LanguageModelSettings(EnvironmentReader(["LLM_BASE_URL": "ftp://x"])) }
        let settings = try #require(
            try LanguageModelSettings(EnvironmentReader(["LLM_BASE_URL": "https://llm.example.com", "LLM_MODEL": "m1", "LLM_TIMEOUT_MS": "2500"]))
        )
        #expect(settings.model == "m1" && settings.timeout == .milliseconds(2500) && settings.apiKey == nil)
    }
}

@Suite("Event-stream lines")
struct EventStreamLineTests {
    @Test("lines cut across chunks come out whole, CRLF or LF; a line past 1 MiB is refused, not held")
    func lines() throws {
        var lines = EventStreamLines()
        #expect(try lines.append(ByteBuffer(string: "data: {\"a\"")) == [])
        #expect(try lines.append(ByteBuffer(string: ":1}\r\n\r\ndata: [DO")) == ["data: {\"a\":1}", ""])
        #expect(try lines.append(ByteBuffer(string: "NE]\n")) == ["data: [DONE]"])
        var endless = EventStreamLines()
        let megabyte = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1 << 19)
        _ = try endless.append(megabyte)
        _ = try endless.append(megabyte)
        #expect(throws: LanguageModelError.self) { try endless.append(megabyte) }
    }
}

@Suite("Event-stream scaling")
struct EventStreamScalingTests {
    @Test("splitting grows linearly, whether the body comes in one chunk or a byte at a time")
    func linear() {
        let oneChunk = costGrowth(n: 20_000) { size in
            var lines = EventStreamLines()
            _ = try? lines.append(ByteBuffer(string: String(repeating: "data: {}\n", count: size)))
        }
        let bytewise = costGrowth(n: 4_000) { size in
            var lines = EventStreamLines()
            let body = ByteBuffer(string: "data: " + String(repeating: "x", count: size) + "\n")
            for index in 0..<body.readableBytes { _ = try? lines.append(body.getSlice(at: index, length: 1) ?? ByteBuffer()) }
        }
        #expect(oneChunk < linearGrowthBound && bytewise < linearGrowthBound, "one chunk \(oneChunk)×, byte by byte \(bytewise)×")
    }
}
