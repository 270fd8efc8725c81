import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PathwiseProtocol
import TestSupport
import Testing

@testable import ServiceKit

@Suite("Input text policy")
struct InputTextTests {
    @Test("text is trimmed and NFC-normalised; multi-line text gets LF line endings")
    func normalisation() throws {
        #expect(try InputText.personName.accept("  Ame\u{301}lie \n") == "Am\u{E9}lie")
        #expect(try InputText(scalars: 1...100, multiline: true).accept("one\r\ntwo\rthree\tfour") == "one\ntwo\nthree\tfour")
    }

    @Test(
        "control characters, bidi overrides and noncharacters are refused in every field",
        arguments: ["a\u{0}b", "a\u{7}b", "a\u{1B}[31mb", "a\u{85}b", "a\u{9F}b", "evil\u{202E}gpj.exe", "a\u{2066}b", "a" + String(Unicode.Scalar(0xFFFE as UInt32)!) + "b", "a" + String(Unicode.Scalar(0xFDD0 as UInt32)!) + "b"]
    )
    func refused(_ text: String) {
        #expect(throws: InputText.Refusal.self) { try InputText.personName.accept(text) }
        #expect(throws: InputText.Refusal.self) { try InputText(scalars: 1...100, multiline: true).accept(text) }
    }

    @Test("line breaks and tabs only where the field allows them")
    func lineBreaks() {
        #expect(throws: InputText.Refusal.self) { try InputText.personName.accept("Ada\nLovelace") }
        #expect(throws: InputText.Refusal.self) { try InputText.personName.accept("Ada\u{2028}Lovelace") }
        #expect(throws: InputText.Refusal.self) { try InputText.personName.accept("Ada\tLovelace") }
        #expect((try? InputText(scalars: 1...100, multiline: true).accept("Ada\nLovelace")) == "Ada\nLovelace")
    }

    @Test("length is counted in Unicode scalars and bytes, not grapheme clusters")
    func length() throws {
        let zalgo = "a" + String(repeating: "\u{301}", count: 100_000)
        #expect(zalgo.count == 1)
        let refusal = try #require(throws: InputText.Refusal.self) { try InputText.personName.accept(zalgo) }
        #expect(refusal.message.contains("at most 100"))
        #expect(throws: InputText.Refusal.self) { try InputText.emailAddress.accept(String(repeating: "é", count: 200)) }
        #expect(throws: InputText.Refusal.self) { try InputText.personName.accept("   ") }
        #expect((try? InputText.personName.accept(String(repeating: "é", count: 100))) != nil)
        let buried = try #require(throws: InputText.Refusal.self) {
            try InputText(scalars: 1...1_000).accept("a" + String(repeating: "\u{301}", count: 40))
        }
        #expect(buried.message.contains("stack"))
        #expect((try? InputText.personName.accept("👨‍👩‍👧‍👦 🏴󠁧󠁢󠁳󠁣󠁴󠁿")) != nil)
    }


}

@Suite("Strict JSON")
struct StrictJSONTests {
    func keys(_ text: String) throws(StrictJSON.Violation) -> [String] {
        try StrictJSON.topLevelKeys(of: ByteBuffer(string: text))
    }

    @Test("a key written twice in any object is named by its path, escapes and all")
    func duplicates() throws {
        #expect(throws: StrictJSON.Violation.duplicateKey(path: "email")) { try keys(#"{"email":"a","email":"b"}"#) }
        #expect(throws: StrictJSON.Violation.duplicateKey(path: "email")) { try keys(#"{"email":"a","\u0065mail":"b"}"#) }
        #expect(throws: StrictJSON.Violation.duplicateKey(path: "answers.weekly_hours")) {
            try keys(#"{"answers":{"weekly_hours":1,"weekly_hours":2}}"#)
        }
        #expect(throws: StrictJSON.Violation.duplicateKey(path: "items[1].x")) { try keys(#"{"items":[{"x":1},{"x":1,"x":2}]}"#) }
        #expect(try keys(#"{"a":{"b":1},"b":{"a":1},"c":["a","a"]}"#) == ["a", "b", "c"])
        #expect(try keys(#"{"a\"b":1,"a\\b":2}"#) == ["a\"b", "a\\b"])
    }

    @Test("a malformed string is refused where it stands, so no repeated key can hide behind it; a cut-off body is left to the decoder")
    func malformedStrings() throws {
        #expect(throws: StrictJSON.Violation.invalidString(path: "")) { try keys(#"{"a\uD800":1,"email":"x","email":"y"}"#) }
        #expect(throws: StrictJSON.Violation.invalidString(path: "name")) { try keys(#"{"name":"bad \q escape"}"#) }
        let invalidUTF8 = ByteBuffer(bytes: Array(#"{"a":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))
        #expect(throws: StrictJSON.Violation.invalidString(path: "a")) { try StrictJSON.topLevelKeys(of: invalidUTF8) }
        #expect(try keys(#"{"email":"abc"#) == ["email"])
    }

    @Test("nesting past the limit is refused; a top-level array has no keys")
    func depth() throws {
        let deep = String(repeating: "[", count: StrictJSON.maxDepth + 1) + String(repeating: "]", count: StrictJSON.maxDepth + 1)
        #expect(throws: StrictJSON.Violation.self) { try keys(deep) }
        #expect(try keys("[1,2,{\"a\":1}]").isEmpty)
    }


}

/// The input checks are linear in their input. Run in the serial phase of `make test`.
@Suite("Input check scaling")
struct InputScalingTests {
    @Test("checking grows linearly, however long the text and whatever its marks")
    func textGrowth() {
        let policy = InputText(scalars: 1...1_000_000, multiline: true)
        let marks = costGrowth(n: 20_000) { size in _ = try? policy.accept(String(repeating: "a\u{301} b\n", count: size)) }
        let scripts = costGrowth(n: 20_000) { size in _ = try? policy.accept(String(repeating: "한국어 Ελληνικά ", count: size)) }
        #expect(marks < linearGrowthBound && scripts < linearGrowthBound, "marks \(marks)×, scripts \(scripts)×")
    }

    @Test("scanning grows linearly in keys, escapes and depth")
    func jsonGrowth() {
        let manyKeys = costGrowth(n: 2_000) { size in
            _ = try? StrictJSON.topLevelKeys(of: ByteBuffer(string: "{" + (0..<size).map { "\"k\($0)\":\"\\u00e9\\n\"" }.joined(separator: ",") + "}"))
        }
        let longString = costGrowth(n: 20_000) { size in
            _ = try? StrictJSON.topLevelKeys(of: ByteBuffer(string: "{\"" + String(repeating: "\\\"", count: size) + "\":1}"))
        }
        #expect(manyKeys < linearGrowthBound && longString < linearGrowthBound, "keys \(manyKeys)×, escapes \(longString)×")
    }
}

@Suite("Request edges")
struct RequestEdgeTests {
    func problem(_ response: TestResponse) throws -> ProblemDetails {
        try JSONDecoder().decode(ProblemDetails.self, from: Data(buffer: response.body))
    }

    @Test("a duplicate key is a 400 naming it, for typed and raw bodies alike")
    func duplicateKeys() async throws {
        try await problemTestApplication().test(.router) { client throws in
            let headers: HTTPFields = [.contentType: "application/json"]
            try await client.execute(uri: "/greet", method: .post, headers: headers, body: ByteBuffer(string: #"{"name":"a","count":1,"name":"b"}"#)) {
                response throws in
                #expect(response.status == .badRequest)
                #expect(try problem(response).errors?.map(\.field) == ["name"])
            }
            try await client.execute(uri: "/object", method: .post, headers: headers, body: ByteBuffer(string: #"{"a":{"b":1,"b":2}}"#)) {
                response throws in
                #expect(response.status == .badRequest)
                #expect(try problem(response).errors?.map(\.field) == ["a.b"])
            }
        }
    }

    @Test("an unknown field is a 400 naming each one and the fields that exist")
    func unknownFields() async throws {
        try await problemTestApplication().test(.router) { client throws in
            let body = ByteBuffer(string: #"{"name":"a","count":1,"admin":true,"role":"x"}"#)
            try await client.execute(uri: "/greet", method: .post, headers: [.contentType: "application/json"], body: body) { response throws in
                #expect(response.status == .badRequest)
                let problem = try problem(response)
                #expect(problem.errors?.map(\.field) == ["admin", "role"])
                #expect(problem.errors?.first?.message.contains("allowed: name, count") == true)
            }
        }
    }

    @Test("a body of many unknown fields names twenty and counts the rest, so the answer stays small")
    func manyUnknownFields() {
        let errors = ProblemDetails.FieldError.unknownFields((0..<100_000).map { "k\($0)" }, allowed: ["name", "count"])
        #expect(errors.count == ProblemDetails.FieldError.maxUnknownFieldsNamed + 1)
        #expect(errors.first?.field == "k0" && errors.first?.message.contains("allowed: name, count") == true)
        #expect(errors.last?.field == "body" && errors.last?.message.contains("99980 more") == true)
    }

    @Test("HEAD on a GET route answers with the GET's status and headers and no body")
    func head() async throws {
        try await problemTestApplication().test(.router) { client throws in
            try await client.execute(uri: "/hello", method: .head) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("the request log's duration counts whole seconds")
    func duration() {
        #expect(RequestIDMiddleware.milliseconds(.seconds(5) + .milliseconds(21)) == 5021)
        #expect(RequestIDMiddleware.milliseconds(.microseconds(1500)) == 1.5)
    }
}
