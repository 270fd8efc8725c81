import Foundation
import NIOCore
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Profile

/// The probe's requests against a running profile service: each crashed it, stalled it or got a 500.
@Suite("Profile hostile requests", .serialized)
struct HostileRouteTests {
    @Test("a ZIP64 size overflow and a UTF-16 entity document are 400s, and the service keeps answering")
    func hostileDocuments() async throws {
        try await ProfileHarness.live { person throws in
            let overflow = try await person.upload(ResumeFixtures.zip64Overflow(), filename: "cv.docx")
            #expect(overflow.status == 400 && overflow.invalidFields == ["file"])
            let entity = try await person.upload(try ResumeFixtures.utf16DocxWithEntity(), filename: "cv.docx")
            #expect(entity.status == 400 && entity.problem?.errors?.first?.message.contains("document type") == true)
            #expect(!entity.text.contains("root:"))
            #expect(try await person.send(.GET, "/api/v1/profile").status == 200)
            #expect(try await person.service.database.count("SELECT count(*) FROM profile.resumes") == 0)
        }
    }

    @Test("a form of thousands of empty parts is a 400 at once")
    func manyParts() async throws {
        try await ProfileHarness.live { person throws in
            let body = String(repeating: "--b\r\n\r\n\r\n", count: 100_000) + "--b--\r\n"
            let start = ContinuousClock.now
            let response = try await person.send(
                .POST, "/api/v1/resumes", body: ByteBuffer(string: body), headers: [("Content-Type", "multipart/form-data; boundary=b")]
            )
            #expect(response.status == 400 && response.problem?.errors?.first?.message.contains("at most 16 parts") == true)
            // Not a timing assertion on the rule (the scaling tests do that): a sanity bound 100× above what it takes.
            #expect(ContinuousClock.now - start < .seconds(60))
        }
    }

    @Test("a 20,000-character job description of ambiguous names and a 330 KB one-sentence resume of skills are answered")
    func adversarialText() async throws {
        try await ProfileHarness.live { person throws in
            let description = String(String(repeating: "R ", count: 10_000).prefix(20_000))
            let target = try await person.send(.PUT, "/api/v1/profile/job-target", json: ["job_title": "Analyst", "job_description": description])
            #expect(target.status == 200)
            let resume = try await person.upload(Data(String(repeating: "python sql ", count: 30_000).utf8), filename: "cv.txt")
            #expect(resume.status == 201)
            let skills = try resume.json(ResumeDTO.self).skills.map(\.id)
            #expect(skills.contains("python") && skills.contains("sql"))
        }
    }

    @Test("NUL, bidi overrides and duplicate keys in profile fields are 400s naming the field")
    func hostileFields() async throws {
        try await ProfileHarness.live { person throws in
            let nul = try await person.send(.PATCH, "/api/v1/profile", json: ["name": "A\u{0}da"])
            #expect(nul.status == 400 && nul.invalidFields == ["name"])
            let bidi = try await person.send(.PATCH, "/api/v1/profile", json: ["headline": "Quant \u{202E}reganam"])
            #expect(bidi.status == 400 && bidi.invalidFields == ["headline"])
            let twice = try await person.sendJSON(.PATCH, "/api/v1/profile", #"{"name":"Ada","name":"Grace"}"#)
            #expect(twice.status == 400 && twice.invalidFields == ["name"])
            let title = try await person.send(.PUT, "/api/v1/profile/job-target", json: ["job_title": "Quant\u{0}", "role_template": "quant_researcher"])
            #expect(title.status == 400 && title.invalidFields == ["job_title"])
            #expect(try await person.profile().name == nil)
        }
    }
}
