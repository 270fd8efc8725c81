public import Hummingbird
import Foundation
public import NIOCore
public import PathwiseProtocol

/// Answers as `text/event-stream` (server-sent events): frames written as they are made, never buffered
/// or compressed on the way.
public enum ServerSentEvents {
    /// Whether the request asks for an event stream (`Accept: text/event-stream`).
    public static func accepted(by request: Request) -> Bool {
        request.headers[values: .accept].contains { $0.lowercased().contains("text/event-stream") }
    }

    /// One frame: `event: <event>` and its JSON on one `data:` line.
    public static func frame(_ event: String, json value: some Encodable) -> ByteBuffer {
        var buffer = ByteBuffer(string: "event: \(event)\ndata: ")
        // The encoder writes one line (no pretty printing), and escapes the line breaks inside strings.
        let json: Data = (try? JSONCoding.encoder.encode(value)) ?? Data("{}".utf8)
        buffer.writeBytes(json)
        buffer.writeString("\n\n")
        return buffer
    }

    /// The `event: error` frame that ends a stream which failed after its first byte: the error's problem+json.
    public static func errorFrame(for error: any Error, context: ServiceRequestContext) -> ByteBuffer {
        let problem = ProblemMiddleware.problem(for: error, context: context)
        return frame(
            "error",
            json: ProblemDetails(
                title: problem.status.reasonPhrase, status: problem.status.code, detail: problem.detail, code: problem.code, requestID: context.requestID,
                errors: problem.fieldErrors.isEmpty ? nil : problem.fieldErrors
            )
        )
    }

    /// A 200 event stream of the frames `produce` sends. `produce` runs to its end even when the client
    /// goes away (its frames are then dropped), so work it finishes, such as a stored turn, is not cut short.
    public static func response(_ produce: @escaping @Sendable (AsyncStream<ByteBuffer>.Continuation) async -> Void) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache, no-store", .accelBuffering: "no"],
            body: ResponseBody { writer in
                let (frames, continuation) = AsyncStream<ByteBuffer>.makeStream()
                let work = Task {
                    await produce(continuation)
                    continuation.finish()
                }
                var open = true
                for await frame in frames where open {
                    do {
                        try await writer.write(frame)
                    } catch {
                        open = false
                    }
                }
                await work.value
                if open { try await writer.finish(nil) }
            }
        )
    }
}
