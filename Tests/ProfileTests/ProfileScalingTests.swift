import Foundation
import NIOCore
import NIOFoundationCompat
import Intelligence
import TestSupport
import Testing

@testable import Profile

/// Every text path of profile is linear in its input, on the shapes a hostile probe used. These run in
/// the serial phase of `make test` (the suite name ends in ScalingTests), so parallel suites cannot
/// inflate the timings.
@Suite("Profile scaling")
struct ProfileScalingTests {
    static let estimator = HostileInputTests.estimator

    @Test("a multipart body of many empty parts is refused, in time linear in its size")
    func manyParts() throws {
        func form(_ parts: Int) -> Data {
            Data((String(repeating: "--b\r\n\r\n\r\n", count: parts) + "--b--\r\n").utf8)
        }
        #expect(throws: Multipart.Failure.tooManyParts) { try Multipart.parts(of: ByteBuffer(data: form(1_000)), boundary: "b") }
        let growth = costGrowth(n: 2_000) { size in _ = try? Multipart.parts(of: ByteBuffer(data: form(size)), boundary: "b") }
        #expect(growth < linearGrowthBound, "8× the parts cost \(growth)× the time")
    }

    @Test("a file part full of CRs and near-boundaries is linear, and keeps its bytes")
    func boundaryLikeBytes() throws {
        func form(_ size: Int) -> Data {
            let body = String(repeating: "\r\n--b\r\r\n-", count: size)
            return Data("--bound\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\(body)\r\n--bound--\r\n".utf8)
        }
        let parts = try Multipart.parts(of: ByteBuffer(data: form(3)), boundary: "bound")
        #expect(parts.count == 1 && parts[0].body == Data(String(repeating: "\r\n--b\r\r\n-", count: 3).utf8))
        let growth = costGrowth(n: 2_000) { size in _ = try? Multipart.parts(of: ByteBuffer(data: form(size)), boundary: "bound") }
        #expect(growth < linearGrowthBound, "8× the body cost \(growth)× the time")
    }

    @Test("header parameters parse in linear time, however many parameters or escapes")
    func headerParameters() {
        let params = costGrowth(n: 2_000) { size in _ = HeaderParameters("form-data" + String(repeating: "; a=b", count: size)) }
        let escapes = costGrowth(n: 2_000) { size in
            _ = HeaderParameters("attachment; filename=\"" + String(repeating: "\\\"", count: size) + "\"")
        }
        #expect(params < linearGrowthBound && escapes < linearGrowthBound, "parameters \(params)×, escapes \(escapes)×")
    }

    @Test(
        "level estimation grows linearly on adversarial resumes",
        arguments: [
            ("one long sentence of skills", "python sql "),
            ("one long line of ambiguous names", "R "),
            ("a heading per line", "Skills\nPython 5 years\n"),
            ("years and proficiency in one sentence", "expert in python with 5 years of sql and "),
        ]
    )
    func estimatorGrowth(shape: String, unit: String) throws {
        let growth = try costGrowth(n: 200) { size in _ = try Self.estimator.analyse(String(repeating: unit, count: size)) }
        #expect(growth < linearGrowthBound, "\(shape): 8× the resume cost \(growth)× the time")
    }

    @Test("text tidying grows linearly")
    func tidyGrowth() {
        let growth = costGrowth(n: 2_000) { size in _ = DocumentReader.tidy(String(repeating: "a  b \r\n\u{0C}  \n", count: size)) }
        #expect(growth < linearGrowthBound, "8× the text cost \(growth)× the time")
    }
}
