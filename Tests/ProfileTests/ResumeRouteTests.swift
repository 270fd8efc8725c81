import Foundation
import NIOCore
import PathwiseProtocol
import TestSupport
import Testing

@testable import Profile

@Suite("Resume routes")
struct ResumeRouteTests {
    @Test("TXT, DOCX and PDF are typed by their bytes, read, and their skills listed with evidence and a level")
    func formats() async throws {
        try await ProfileHarness.with { person throws in
            let text = try await person.uploaded(ResumeFixtures.text, filename: "cv.txt")
            let docx = try await person.uploaded(try ResumeFixtures.docx(), filename: "cv.docx")
            let pdf = try await person.uploaded(ResumeFixtures.pdf(pages: [Array(ResumeFixtures.resumeLines.prefix(8)), Array(ResumeFixtures.resumeLines.dropFirst(8))]), filename: "cv.pdf")

            #expect(text.contentType == "text/plain; charset=utf-8" && text.pageCount == nil)
            #expect(docx.contentType == ResumeFormat.docxContentType && docx.pageCount == nil)
            #expect(pdf.contentType == "application/pdf" && pdf.pageCount == 2)
            #expect(text.isDefault && !docx.isDefault && !pdf.isDefault)
            for resume in [text, docx, pdf] {
                #expect((70...85).contains(resume.wordCount), "\(resume.contentType): \(resume.wordCount) words")
                let python = try #require(resume.skills.first { $0.id == "python" }, "\(resume.contentType)")
                #expect(python.level == 4 && python.levelReason.contains("5 years") && python.evidence.contains("5 years of Python"))
                #expect(python.category == "programming_language")
                #expect(python.mentions >= 4)
                let kubernetes = try #require(resume.skills.first { $0.id == "kubernetes" })
                #expect(kubernetes.level == 2 && kubernetes.levelReason.contains("familiar"))
                #expect(resume.skills.contains { $0.id == "stochastic_calculus" })
                #expect(!resume.impliedSkills.isEmpty && Set(resume.impliedSkills.map(\.id)).isDisjoint(with: resume.skills.map(\.id)))
            }
            #expect(Set(text.skills.map(\.id)) == Set(pdf.skills.map(\.id)))
            #expect(Set(text.skills.map(\.id)) == Set(docx.skills.map(\.id)))

            let detail = try await person.send(.GET, "/api/v1/resumes/\(pdf.id)").json(ResumeDTO.self)
            #expect(detail.textPreview?.hasPrefix("Ada Lovelace") == true && detail.skills == pdf.skills)
            let list = try await person.send(.GET, "/api/v1/resumes")
            let items = try list.json(Page<ResumeDTO>.self).items
            #expect(items.map(\.id) == [pdf.id, docx.id, text.id] && items.allSatisfy { $0.textPreview == nil })
        }
    }

    @Test("text past a MiB is cut there, with one warning saying so")
    func longText() async throws {
        try await ProfileHarness.with { person throws in
            let long = Data(String(repeating: "Built Python services. ", count: 70_000).utf8)
            let resume = try await person.uploaded(long)
            #expect(resume.warnings == ["Only the first MiB of text was read; the rest was ignored."])
            #expect(resume.sizeBytes == long.count && resume.wordCount <= (1 << 20) / 6 + 1)
        }
    }

    @Test("UTF-16 text with a byte-order mark is read; a multipart upload takes the part named file")
    func encodingsAndMultipart() async throws {
        try await ProfileHarness.with { person throws in
            var utf16 = Data([0xFF, 0xFE])
            utf16.append(ResumeFixtures.resumeLines.joined(separator: "\n").data(using: .utf16LittleEndian) ?? Data())
            let fromUTF16 = try await person.uploaded(utf16)
            #expect(fromUTF16.skills.contains { $0.id == "python" })

            let boundary = "pathwise-boundary-7d1"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n".utf8)
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Ada CV.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8))
            body.append(ResumeFixtures.pdf())
            body.append(Data("\r\n--\(boundary)--\r\n".utf8))
            let response = try await person.send(
                .POST, "/api/v1/resumes", body: ByteBuffer(data: body), headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")]
            )
            #expect(response.status == 201)
            let resume = try response.json(ResumeDTO.self)
            #expect(resume.filename == "Ada CV.pdf" && resume.pageCount == 1 && resume.sizeBytes == ResumeFixtures.pdf().count)

            let missing = try await person.send(
                .POST, "/api/v1/resumes", body: ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--\(boundary)--\r\n"),
                headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")]
            )
            #expect(missing.status == 400 && missing.invalidFields == ["file"])
            let noBoundary = try await person.send(
                .POST, "/api/v1/resumes", body: ByteBuffer(data: body), headers: [("Content-Type", "multipart/form-data")]
            )
            #expect(noBoundary.status == 400 && noBoundary.invalidFields == ["Content-Type"])
            let mixed = try await person.send(
                .POST, "/api/v1/resumes", body: ByteBuffer(data: body), headers: [("Content-Type", "multipart/mixed; boundary=\(boundary)")]
            )
            #expect(mixed.status == 415)
            #expect(try await person.send(.GET, "/api/v1/resumes").json(Page<ResumeDTO>.self).items.count == 2)
        }
    }

    @Test("hostile and broken files are refused with the reason, and nothing is stored")
    func hostileFiles() async throws {
        try await ProfileHarness.with { person throws in
            let png = try await person.upload(ResumeFixtures.png, filename: "cv.pdf", contentType: "application/pdf")
            #expect(png.status == 415 && png.problem?.detail?.contains("PNG") == true)
            let empty = try await person.upload(Data(), filename: "cv.txt")
            #expect(empty.status == 400 && empty.invalidFields == ["file"])
            let bomb = try await person.upload(try ResumeFixtures.zipBomb(), filename: "cv.docx")
            #expect(bomb.status == 400 && bomb.problem?.errors?.first?.message.contains("50 MiB") == true)
            let entity = try await person.upload(try ResumeFixtures.docxWithExternalEntity(), filename: "cv.docx")
            #expect(entity.status == 400 && entity.problem?.errors?.first?.message.contains("document type") == true)
            #expect(!entity.text.contains("root:"))
            let zip = try await person.upload(try ResumeFixtures.plainZip(), filename: "cv.docx")
            #expect(zip.status == 415)
            let brokenPDF = try await person.upload(Data("%PDF-1.4\nthis is not really a pdf".utf8), filename: "cv.pdf")
            #expect(brokenPDF.status == 400 && brokenPDF.invalidFields == ["file"])
            let noText = try await person.upload(ResumeFixtures.pdf(pages: [[]]), filename: "scan.pdf")
            #expect(noText.status == 400 && noText.problem?.errors?.first?.message.contains("scanned") == true)
            let binary = try await person.upload(Data([0x00, 0x01, 0x02, 0x03, 0xFF, 0x10]), filename: "cv.txt")
            #expect(binary.status == 415)

            let huge = try await person.upload(Data(repeating: 0x61, count: 11 << 20), filename: "cv.txt")
            #expect(huge.status == 413 && huge.problem?.code == "payload_too_large")
            let justOver = try await person.upload(Data(repeating: 0x61, count: (10 << 20) + 1), filename: "cv.txt")
            #expect(justOver.status == 413)

            #expect(try await person.resumeCount() == 0)
        }
    }

    @Test("a filename with ../ and CRLF is stored sanitised and handed back in a safe Content-Disposition, with nosniff")
    func filenamesAndDownload() async throws {
        try await ProfileHarness.with { person throws in
            let bytes = ResumeFixtures.pdf()
            let response = try await person.send(
                .POST, "/api/v1/resumes", body: ByteBuffer(data: bytes),
                headers: [("Content-Disposition", "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpass%0D%0ASet-Cookie%3A%20x%3D1%20%C3%A9t%C3%A9%22.pdf")]
            )
            #expect(response.status == 201)
            let resume = try response.json(ResumeDTO.self)
            #expect(!resume.filename.contains("/") && !resume.filename.contains("\r") && !resume.filename.contains("\n"))
            #expect(resume.filename == "passSet-Cookie: x=1 été\".pdf")

            let file = try await person.send(.GET, "/api/v1/resumes/\(resume.id)/file")
            #expect(file.status == 200 && Data(buffer: file.body) == bytes)
            #expect(file.headers["Content-Type"].first == "application/pdf")
            #expect(file.headers["X-Content-Type-Options"].first == "nosniff")
            let disposition = try #require(file.headers["Content-Disposition"].first)
            #expect(disposition.hasPrefix("attachment; filename=\"passSet-Cookie: x=1 _t__.pdf\"; filename*=UTF-8''"))
            #expect(file.headers["Set-Cookie"].isEmpty)

            let renamed = try await person.uploaded(ResumeFixtures.text, filename: "resume.pdf")
            #expect(renamed.filename == "resume.pdf.txt")
        }
    }

    @Test("the first resume is the default; another can be made default; deleting the default promotes the newest")
    func defaults() async throws {
        try await ProfileHarness.with { person throws in
            let first = try await person.uploaded(ResumeFixtures.text, filename: "one.txt")
            let second = try await person.uploaded(ResumeFixtures.text, filename: "two.txt")
            let third = try await person.uploaded(ResumeFixtures.text, filename: "three.txt")
            #expect(first.isDefault && !second.isDefault && !third.isDefault)

            let made = try await person.send(.POST, "/api/v1/resumes/\(second.id)/default")
            #expect(made.status == 200)
            #expect(try made.json(ResumeDTO.self).isDefault)
            var items = try await person.send(.GET, "/api/v1/resumes").json(Page<ResumeDTO>.self).items
            #expect(items.filter(\.isDefault).map(\.id) == [second.id])

            #expect(try await person.send(.DELETE, "/api/v1/resumes/\(second.id)").status == 204)
            items = try await person.send(.GET, "/api/v1/resumes").json(Page<ResumeDTO>.self).items
            #expect(items.map(\.id) == [third.id, first.id] && items.filter(\.isDefault).map(\.id) == [third.id])
            #expect(try await person.send(.DELETE, "/api/v1/resumes/\(first.id)").status == 204)
            #expect(try await person.send(.DELETE, "/api/v1/resumes/\(third.id)").status == 204)
            #expect(try await person.send(.GET, "/api/v1/resumes").json(Page<ResumeDTO>.self).items.isEmpty)
            #expect(try await person.send(.DELETE, "/api/v1/resumes/\(third.id)").status == 404)
        }
    }

    @Test("twenty resumes is the limit: the twenty-first answers 409")
    func limit() async throws {
        try await ProfileHarness.with { person throws in
            for index in 1...ResumeIntake.maxResumes {
                _ = try await person.uploaded(Data("Resume \(index): Python developer with SQL.".utf8))
            }
            let over = try await person.upload(ResumeFixtures.text)
            #expect(over.status == 409 && over.problem?.code == "resume_limit")
            #expect(try await person.resumeCount() == ResumeIntake.maxResumes)
        }
    }

    @Test("another person's resume answers 404 on every route and is left as it was")
    func ownership() async throws {
        try await ProfileHarness.with { person throws in
            let mine = try await person.uploaded(ResumeFixtures.text)
            let _ = try await person.uploaded(ResumeFixtures.text)
            let stranger = person.otherPerson()
            #expect(try await stranger.send(.GET, "/api/v1/resumes/\(mine.id)").status == 404)
            #expect(try await stranger.send(.GET, "/api/v1/resumes/\(mine.id)/file").status == 404)
            #expect(try await stranger.send(.POST, "/api/v1/resumes/\(mine.id)/default").status == 404)
            #expect(try await stranger.send(.DELETE, "/api/v1/resumes/\(mine.id)").status == 404)
            #expect(try await stranger.send(.GET, "/api/v1/resumes").json(Page<ResumeDTO>.self).items.isEmpty)
            #expect(try await person.send(.GET, "/api/v1/resumes/not-a-uuid").status == 404)
            let items = try await person.send(.GET, "/api/v1/resumes").json(Page<ResumeDTO>.self).items
            #expect(items.count == 2 && items.first { $0.id == mine.id }?.isDefault == true)
        }
    }
}
