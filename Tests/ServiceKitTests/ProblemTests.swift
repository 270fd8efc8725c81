import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PathwiseProtocol
import Testing

@testable import ServiceKit

struct Greeting: Codable, JSONRequest {
    var name: String
    var count: Int

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, count
    }
}

/// A router with ServiceKit's middleware and a few routes that fail in the ways real ones do.
func problemTestApplication() -> some ApplicationProtocol {
    let router = ServiceRuntime.router(maxBodyBytes: 64, bodyLimits: [(pathPrefix: "/large", bytes: 1024)])
    router.post("/greet") { request, context in
        let greeting = try await request.decodeJSON(as: Greeting.self, context: context)
        return try Response.json(greeting)
    }
    router.post("/large") { request, context in
        try Response.json(try await request.decodeJSON(as: Greeting.self, context: context))
    }
    router.get("/boom") { _, _ -> Response in
        struct Secret: Error { let password = "hunter2" }
        throw Secret()
    }
    router.post("/object") { request, context in
        try Response.json(JSONValue.object(try await request.decodeJSONObject(context: context)))
    }
    router.get("/hello") { _, _ in
        try Response.json(["hello": "world"])
    }
    router.get("/conflict") { _, _ -> Response in
        throw ProblemError(.conflict, code: "email_taken", detail: "Taken.", fieldErrors: [.init(field: "email", message: "is taken")])
    }
    router.addMethodNotAllowedRoutes()
    return Application(router: router)
}

@Suite("Problem details and request limits")
struct ProblemTests {
    func problem(_ response: TestResponse) throws -> ProblemDetails {
        #expect(response.headers[.contentType] == "application/problem+json")
        return try JSONDecoder().decode(ProblemDetails.self, from: Data(buffer: response.body))
    }

    @Test("an unknown path is a 404 problem with the request id, echoed in X-Request-ID")
    func notFound() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(uri: "/nope", method: .get, headers: [.requestID: "abc-123"]) { response throws in
                #expect(response.status == .notFound)
                let problem = try problem(response)
                #expect(problem.code == "not_found")
                #expect(problem.requestID == "abc-123")
                #expect(response.headers[.requestID] == "abc-123")
            }
        }
    }

    @Test("a known path with another method is a 405 naming the allowed methods")
    func methodNotAllowed() async throws {
        try await problemTestApplication().test(.router) { client in
            try await client.execute(uri: "/greet", method: .get) { response throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(try problem(response).code == "method_not_allowed")
            }
            try await client.execute(uri: "/boom", method: .delete) { response throws in
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    @Test("a request id that could forge log lines is replaced")
    func unsafeRequestID() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(uri: "/nope", method: .get, headers: [.requestID: "x\" injected=1"]) { response throws in
                let id = try #require(response.headers[.requestID])
                #expect(id != "x\" injected=1")
                #expect(UUID(uuidString: id) != nil)
            }
        }
    }

    @Test("a missing field is a 400 naming the field")
    func missingField() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(
                uri: "/greet", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"name":"a"}"#)
            ) { response throws in
                #expect(response.status == .badRequest)
                let problem = try problem(response)
                #expect(problem.errors == [.init(field: "count", message: "is required")])
            }
        }
    }

    @Test("a value of the wrong type is a 400 naming the field and the type")
    func wrongType() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(
                uri: "/greet", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"name":"a","count":"x"}"#)
            ) { response throws in
                #expect(response.status == .badRequest)
                #expect(try problem(response).errors == [.init(field: "count", message: "must be an integer")])
            }
        }
    }

    @Test("a body that is not JSON is a 400 malformed_json")
    func malformed() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(
                uri: "/greet", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{nope")
            ) { response throws in
                #expect(response.status == .badRequest)
                #expect(try problem(response).code == "malformed_json")
            }
        }
    }

    @Test("another media type is a 415")
    func mediaType() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(
                uri: "/greet", method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: #"{"name":"a","count":1}"#)
            ) { response throws in
                #expect(response.status == .unsupportedMediaType)
                #expect(try problem(response).code == "unsupported_media_type")
            }
        }
    }

    @Test("a body over the limit is a 413, whether declared or streamed; a path with a raised limit accepts it")
    func bodyLimit() async throws {
        let big = #"{"name":""# + String(repeating: "a", count: 200) + #"","count":1}"#
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(uri: "/greet", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: big)) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(try problem(response).code == "payload_too_large")
            }
            try await client.execute(uri: "/large", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: big)) { response throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("an unexpected error is a generic 500 that reveals nothing of the error")
    func unexpected() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(uri: "/boom", method: .get) { response throws in
                #expect(response.status == .internalServerError)
                let text = String(buffer: response.body)
                #expect(!text.contains("hunter2"))
                #expect(try problem(response).code == "internal_error")
            }
        }
    }

    @Test("a problem keeps its status, code and field errors")
    func conflict() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(uri: "/conflict", method: .get) { response throws in
                #expect(response.status == .conflict)
                let problem = try problem(response)
                #expect(problem.code == "email_taken")
                #expect(problem.status == 409)
                #expect(problem.title == "Conflict")
                #expect(problem.errors?.first?.field == "email")
            }
        }
    }
}

@Suite("Bearer tokens")
struct BearerTokenTests {
    func token(_ header: String?) -> String? {
        var headers = HTTPFields()
        if let header { headers[.authorization] = header }
        let request = Request(head: HTTPRequest(method: .get, scheme: "https", authority: "x", path: "/", headerFields: headers), body: .init(buffer: ByteBuffer()))
        return UserAuthenticationMiddleware.bearerToken(in: request)
    }

    @Test("the token follows the scheme, whatever its case, with surrounding spaces ignored")
    func parsing() {
        #expect(token("Bearer abc.def.ghi") == "abc.def.ghi")
        #expect(token("bearer  abc ") == "abc")
        #expect(token("BEARER x") == "x")
        #expect(token("Basic dXNlcjpwYXNz") == nil)
        #expect(token("Bearer ") == nil)
        #expect(token("Bearer    ") == nil)
        #expect(token("Bearerabc") == nil)
        #expect(token(nil) == nil)
    }
}
