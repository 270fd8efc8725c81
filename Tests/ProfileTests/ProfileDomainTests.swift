import Foundation
import NIOCore
import NIOFoundationCompat
import Intelligence
import PathwiseProtocol
import Testing

@testable import Profile

@Suite("Profile rules")
struct ProfileDomainTests {
    @Test("levels: stated years weigh most, then proficiency words, then use in work and recurrence")
    func levels() throws {
        #expect(ProficiencyWording.statedYears(in: "5+ years of Python and 2 yrs of Go") == 5)
        #expect(ProficiencyWording.statedYears(in: "Seven years building C++ systems") == 7)
        #expect(ProficiencyWording.statedYears(in: "Python since 2015 across 3 teams") == nil)
        #expect(ProficiencyWording.yearsLevel(1) == 2 && ProficiencyWording.yearsLevel(3) == 3 && ProficiencyWording.yearsLevel(5) == 4)
        #expect(ProficiencyWording.yearsLevel(10) == 5)

        let expert = SkillLevelEstimator.estimate([("Expert in SQL query tuning.", .experience)])
        #expect(expert.level == 5 && expert.reason.contains("expert"))
        let unshownExpert = SkillLevelEstimator.estimate([("Expert: SQL", .skills)])
        #expect(unshownExpert.level == 4 && unshownExpert.reason.contains("no use"))
        // Each skill of a list line is rated by its own words, then by the line's.
        let taxonomy = try Taxonomy.bundled()
        let analysis = try SkillLevelEstimator(taxonomy: taxonomy, matcher: SkillMatcher(taxonomy: taxonomy))
            .analyse("Skills\nPython (expert), C++ (familiar), strong SQL and Go\n")
        let levels = Dictionary(uniqueKeysWithValues: analysis.skills.map { ($0.id, $0.level) })
        // A claim only a skills list makes counts one less (shown nowhere in use): expert 4, strong 3; a hedge stays 2.
        #expect(levels["cpp"] == 2 && levels["python"] == 4 && levels["sql"] == 3 && levels["go_language"] == 3, "\(levels)")
        let familiar = SkillLevelEstimator.estimate([("Some experience with R, familiar with Julia.", .skills)])
        #expect(familiar.level == 2)
        let listed = SkillLevelEstimator.estimate([("Python, SQL", .skills)])
        #expect(listed.level == 2 && listed.reason.contains("only in the skills list"))
        let used = SkillLevelEstimator.estimate([("Built a Python service.", .experience)])
        #expect(used.level == 3 && used.reason.contains("used in work experience"))
        let recurring = SkillLevelEstimator.estimate([
            ("Built a Python service.", .experience), ("Ported Python jobs.", .experience), ("Taught Python.", .projects),
        ])
        #expect(recurring.level == 4 && recurring.reason.contains("named 3 times"))
        let hedgedYears = SkillLevelEstimator.estimate([("8 years ago I had basic exposure to Fortran.", .other)])
        #expect(hedgedYears.level == 3)
    }

    @Test("section headings are recognised in their usual spellings")
    func headings() {
        #expect(ResumeSection.heading("WORK EXPERIENCE") == .experience)
        #expect(ResumeSection.heading("Technical Skills:") == .skills)
        #expect(ResumeSection.heading("## Projects") == .projects)
        #expect(ResumeSection.heading("Experience with Python at scale") == nil)
    }

    @Test("filenames lose paths, control characters and leading dots, and end in the extension the bytes call for")
    func filenames() {
        #expect(FileName.sanitised("../../etc/passwd", contentType: "text/plain") == "passwd.txt")
        #expect(FileName.sanitised("C:\\Users\\ada\\CV.PDF", contentType: "application/pdf") == "CV.PDF")
        #expect(FileName.sanitised("cv\r\n.pdf", contentType: "application/pdf") == "cv.pdf")
        #expect(FileName.sanitised("...", contentType: ResumeFormat.docxContentType) == "resume.docx")
        #expect(FileName.sanitised(nil, contentType: "application/pdf") == "resume.pdf")
        #expect(FileName.sanitised("evil\u{202E}fdp.exe", contentType: "application/pdf") == "evilfdp.exe.pdf")
        #expect(FileName.sanitised(String(repeating: "a", count: 300) + ".pdf", contentType: "application/pdf").count == FileName.maxLength)
        #expect(FileName.contentDisposition(for: "Ada \"CV\" é.pdf") == "attachment; filename=\"Ada _CV_ _.pdf\"; filename*=UTF-8''Ada%20%22CV%22%20%C3%A9.pdf")
    }

    @Test("header parameters and multipart bodies are parsed, quoted values unescaped")
    func uploadParsing() throws {
        let header = try #require(HeaderParameters(#"form-data; name="file"; filename="a \"b\";c.pdf""#))
        #expect(header.value == "form-data" && header.parameters["name"] == "file" && header.filename == "a \"b\";c.pdf")
        #expect(HeaderParameters(#"attachment; filename="unterminated"#) == nil)
        let body = Data("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\nline one\r\nline two\r\n--XyZ--\r\n".utf8)
        let parts = try Multipart.parts(of: ByteBuffer(data: body), boundary: "XyZ")
        #expect(parts.count == 1 && parts[0].name == "file" && parts[0].filename == "x.txt")
        #expect(String(decoding: parts[0].body, as: UTF8.self) == "line one\r\nline two")
        #expect(throws: Multipart.Failure.malformed) { try Multipart.parts(of: ByteBuffer(data: Data("--XyZ\r\nno end".utf8)), boundary: "XyZ") }
        let unterminated = Data("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncut off here".utf8)
        #expect(throws: Multipart.Failure.malformed) { try Multipart.parts(of: ByteBuffer(data: unterminated), boundary: "XyZ") }
    }

    @Test("the type comes from the bytes")
    func formats() throws {
        #expect(try ResumeFormat.detect(Data("%PDF-1.7\n".utf8)) == .pdf)
        #expect(try ResumeFormat.detect(Data([0x50, 0x4B, 0x03, 0x04, 0])) == .zip)
        #expect(try ResumeFormat.detect(Data("Résumé".utf8)) == .text(.utf8))
        #expect(try ResumeFormat.detect(Data([0xFE, 0xFF, 0, 0x41])) == .text(.utf16BigEndian))
        #expect(throws: (any Error).self) { try ResumeFormat.detect(Data()) }
        #expect(throws: (any Error).self) { try ResumeFormat.detect(ResumeFixtures.png) }
        #expect(WordDocument.isSafe("word/document.xml") && !WordDocument.isSafe("../evil") && !WordDocument.isSafe("/abs"))
        #expect(!WordDocument.isSafe("word\\..\\x") && !WordDocument.isSafe("a/../../b"))
    }

    @Test("a target's hash ignores case and spacing, and changes with any field")
    func targetHash() {
        let a = JobTargetInput(jobTitle: "Quant  Researcher", jobDescription: nil, roleTemplate: "quant_researcher", jobSeniority: .senior, firm: "X")
        let b = JobTargetInput(jobTitle: "quant researcher ", jobDescription: nil, roleTemplate: "quant_researcher", jobSeniority: .senior, firm: "x")
        let c = JobTargetInput(jobTitle: "quant researcher", jobDescription: nil, roleTemplate: "quant_researcher", jobSeniority: .lead, firm: "x")
        #expect(a.hash == b.hash && a.hash != c.hash && a.hash.count == 64)
        #expect(JobTargetInput.seniority(fromTitle: "Sr. Data Scientist") == .senior)
        #expect(JobTargetInput.seniority(fromTitle: "Graduate Quant Analyst") == .junior)
        #expect(JobTargetInput.seniority(fromTitle: "Staff ML Engineer") == .lead)
        #expect(JobTargetInput.seniority(fromTitle: "Quant Researcher") == .notSpecified)
    }

    @Test("completion rounds sixths to whole percents")
    func completion() {
        #expect(ProfileCompletion.percent(hasName: false, hasEmail: false, hasEducationLevel: false, hasJobTarget: false, onboardingCompleted: false, hasDefaultResume: false) == 0)
        #expect(ProfileCompletion.percent(hasName: true, hasEmail: false, hasEducationLevel: false, hasJobTarget: false, onboardingCompleted: false, hasDefaultResume: false) == 17)
        #expect(ProfileCompletion.percent(hasName: true, hasEmail: true, hasEducationLevel: true, hasJobTarget: true, onboardingCompleted: true, hasDefaultResume: false) == 83)
    }

    @Test("Word text keeps paragraphs, tabs and breaks")
    func wordText() throws {
        let xml = Data(#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Python</w:t><w:tab/><w:t>SQL</w:t></w:r></w:p><w:p><w:r><w:t>C++</w:t><w:br/><w:t>Go</w:t></w:r></w:p></w:body></w:document>"#.utf8)
        #expect(try WordDocument.text(ofDocumentXML: xml) == "Python\tSQL\nC++\nGo\n")
    }
}
