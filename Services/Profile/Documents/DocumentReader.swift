import Foundation
import Intelligence
import NIOCore
import NIOPosix
import ServiceKit

/// The text read from a resume, and what to tell the person about it.
struct ExtractedDocument: Sendable, Equatable {
    var contentType: String
    var text: String
    var pageCount: Int?
    var warnings: [String]
}

/// Turns an uploaded file into text: PDF through `pdftotext`/`pdfinfo`, DOCX through `WordDocument`,
/// text by its encoding. Every refusal is a `DocumentError` with the reason.
struct DocumentReader: Sendable {
    /// How much extracted text is kept and analysed; a resume is a few pages, far below it.
    static let textLimit = 1 << 20
    /// Pages of a PDF that are read.
    static let pdfPageLimit = 100

    let pdftotext: ExternalCommand
    let pdfinfo: ExternalCommand
    /// The wall-clock limit of each step: a PDF tool's run, or reading a Word or text file.
    let timeout: Duration
    /// PDF tools running at once: each is a CPU-bound process, and more than there are cores only
    /// queues inside the kernel.
    let slots: AsyncSemaphore
    /// Where Word and text files are read: off the event loops, under `timeout`.
    let compute: ComputePool

    init(
        pdftotext: String = "/usr/bin/pdftotext", pdfinfo: String = "/usr/bin/pdfinfo", timeout: Duration = .seconds(15),
        maxConcurrent: Int = System.coreCount, compute: ComputePool = .shared
    ) {
        self.pdftotext = ExternalCommand(executable: pdftotext)
        self.pdfinfo = ExternalCommand(executable: pdfinfo)
        self.timeout = timeout
        self.slots = AsyncSemaphore(permits: max(1, maxConcurrent))
        self.compute = compute
    }

    /// Whether `pdftotext` and `pdfinfo` are installed (`make setup` installs poppler-utils).
    var toolsAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: pdftotext.executable) && FileManager.default.isExecutableFile(atPath: pdfinfo.executable)
    }

    func read(_ bytes: Data) async throws -> ExtractedDocument {
        let format = try ResumeFormat.detect(bytes)
        // The PDF tools are subprocesses, bounded by `slots`; everything else, and the tidying of all,
        // is CPU work on the compute pool.
        let pdf: ExtractedDocument? = format == .pdf ? try await slots.withPermit { try await readPDF(bytes) } : nil
        let document: ExtractedDocument
        do {
            document = try await compute.run(timeLimit: timeout) { deadline in
                let budget = WorkBudget(until: deadline)
                let extracted: ExtractedDocument
                if let pdf {
                    extracted = pdf
                } else if case .text(let encoding) = format {
                    extracted = ExtractedDocument(
                        contentType: "text/plain; charset=utf-8", text: try PlainText.text(of: bytes, encoding: encoding), pageCount: nil, warnings: []
                    )
                } else {
                    extracted = try WordDocument.read(bytes, within: budget)
                }
                return try Self.finish(extracted, within: budget)
            }
        } catch is WorkBudget.Exceeded {
            throw Self.unreadable("took too long to read")
        }
        if document.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw DocumentError.unreadable(
                format == .pdf ? "has no text to read: it may be a scanned image; upload a PDF with a text layer, a .docx or a .txt"
                    : "has no text in it"
            )
        }
        return document
    }

    /// Cuts the text to `textLimit` (before tidying, so a 10 MiB text file is not tidied only to be
    /// thrown away), then tidies it.
    static func finish(_ extracted: ExtractedDocument, within budget: WorkBudget) throws(WorkBudget.Exceeded) -> ExtractedDocument {
        var document = extracted
        if document.text.utf8.count > textLimit {
            var cut = String(decoding: document.text.utf8.prefix(textLimit), as: UTF8.self)
            if cut.unicodeScalars.last == "\u{FFFD}" { cut.unicodeScalars.removeLast() }
            document.text = cut
            document.warnings.append("Only the first MiB of text was read; the rest was ignored.")
        }
        try budget.check()
        document.text = tidy(document.text)
        return document
    }

    private func readPDF(_ bytes: Data) async throws -> ExtractedDocument {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pathwise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("resume.pdf")
        guard FileManager.default.createFile(atPath: file.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }

        let info = try await pdfinfo.run([file.path], timeout: timeout, outputLimit: 64 << 10)
        guard !info.timedOut else { throw Self.unreadable("took too long to read") }
        guard info.status == 0 else { throw Self.unreadable("is not a readable PDF") }
        let fields = Self.fields(of: String(decoding: info.output, as: UTF8.self))
        if fields["Encrypted"]?.hasPrefix("yes") == true && fields["Encrypted"]?.contains("copy:no") == true {
            throw Self.unreadable("is protected against copying its text")
        }
        let pages = fields["Pages"].flatMap { Int($0) }

        let extracted = try await pdftotext.run(
            ["-enc", "UTF-8", "-l", String(Self.pdfPageLimit), "-q", file.path, "-"], timeout: timeout, outputLimit: Self.textLimit + 4096
        )
        guard !extracted.timedOut else { throw Self.unreadable("took too long to read") }
        guard extracted.status == 0 || extracted.truncated else { throw Self.unreadable("is not a readable PDF") }
        var warnings: [String] = []
        if let pages, pages > Self.pdfPageLimit { warnings.append("Only the first \(Self.pdfPageLimit) of \(pages) pages were read.") }
        // Output past the cap (which is above `textLimit`) is cut, and warned about, in `read`.
        return ExtractedDocument(
            contentType: "application/pdf", text: String(decoding: extracted.output, as: UTF8.self), pageCount: pages, warnings: warnings
        )
    }

    /// `pdfinfo`'s `Name:   value` lines.
    static func fields(of output: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// Line endings made `\n`, form feeds (PDF page breaks) made blank lines, runs of spaces folded,
    /// trailing spaces and surplus blank lines dropped, and what the input-text policy never accepts
    /// (NUL and other control characters, bidi overrides, noncharacters) removed.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        var normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\u{0C}", with: "\n\n")
        if normalised.unicodeScalars.contains(where: { InputText.refusal(of: $0) != nil }) {
            normalised.unicodeScalars.removeAll { InputText.refusal(of: $0) != nil }
        }
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            let folded = line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if folded.trimmingCharacters(in: .whitespaces).isEmpty {
                blank += 1
                if blank <= 1 && !lines.isEmpty { lines.append("") }
            } else {
                blank = 0
                lines.append(Substring(folded))
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func unreadable(_ reason: String) -> DocumentError {
        .unreadable(reason)
    }
}

/// Why an uploaded file could not be read as a resume.
enum DocumentError: Error, Equatable {
    /// The file is of a type Pathwise reads but cannot be read, for this reason (said of the file).
    case unreadable(String)
    /// The file is not a PDF, a Word document or text; the detail says what it seems to be.
    case unsupportedType(String)
}
