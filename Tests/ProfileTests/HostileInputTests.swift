import Foundation
import Intelligence
import ServiceKit
import TestSupport
import Testing

@testable import Profile

/// What a hostile probe sent the profile service, as rules tested on their own: each case crashed
/// the process, held a core for minutes, or got through, before its fix.
@Suite("Hostile input")
struct HostileInputTests {
    static let taxonomy = try! Taxonomy.bundled()
    static let estimator = SkillLevelEstimator(taxonomy: taxonomy, matcher: SkillMatcher(taxonomy: taxonomy))

    @Test("a ZIP64 entry declaring 2^64 − 1 bytes is refused, not an arithmetic trap")
    func zip64Overflow() throws {
        #expect(throws: DocumentError.unreadable("would unpack to more than 50 MiB")) { try WordDocument.read(ResumeFixtures.zip64Overflow()) }
    }

    @Test("a UTF-16 document part that declares a DTD is refused; an honest UTF-16 one is read")
    func utf16DocumentType() throws {
        let error = try #require(throws: DocumentError.self) { try WordDocument.read(ResumeFixtures.utf16DocxWithEntity()) }
        guard case .unreadable(let reason) = error else { Issue.record("refused as \(error)"); return }
        #expect(reason.contains("document type"))
        let honest = try WordDocument.read(ResumeFixtures.utf16Docx("Python and SQL for 5 years"))
        #expect(honest.text.contains("Python and SQL for 5 years"))
    }

    @Test("encodings other than UTF-8 and UTF-16, and markup declarations in any spelling, are refused")
    func documentEncodings() throws {
        #expect(throws: DocumentError.self) { try WordDocument.utf8Document(Data([0x00, 0x00, 0x00, 0x3C, 0, 0, 0, 0x61])) }
        #expect(throws: DocumentError.self) { try WordDocument.utf8Document(Data([0x3C, 0x61, 0xFF, 0xFE, 0x3E])) }
        #expect(WordDocument.declaresMarkup(Data("<a><!ELEMENT x ANY></a>".utf8)))
        #expect(WordDocument.declaresMarkup(Data("<!doctype a><a/>".utf8)))
        #expect(!WordDocument.declaresMarkup(Data("<a><!-- note --><![CDATA[x < y]]></a>".utf8)))
        let stripped = try WordDocument.utf8Document(Data("\u{FEFF}<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>é</a>".utf8))
        #expect(String(decoding: stripped, as: UTF8.self) == "<a>é</a>")
    }

    @Test("extracted text keeps no NUL, control or bidi override characters")
    func tidyRemovesControls() {
        #expect(DocumentReader.tidy("Py\u{0}thon\u{7} and \u{202E}SQL\u{9F}\n\tGo") == "Python and SQL\n\tGo")
    }

    @Test("evidence is clipped without reading the whole sentence, and a long sentence still gives the right level")
    func longSentenceEvidence() throws {
        let analysis = try Self.estimator.analyse("I have 5 years of Python " + String(repeating: "and python sql ", count: 5_000) + ".")
        let python = try #require(analysis.skills.first { $0.id == "python" })
        #expect(python.level == 4 && python.evidence.hasPrefix("I have 5 years of Python") && python.evidence.hasSuffix("…"))
        #expect(python.evidence.count <= SkillLevelEstimator.evidenceLength)
    }


}
