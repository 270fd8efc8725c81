import Foundation
import Intelligence
import ServiceKit
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the text of a `.docx`. The archive is checked before anything is inflated: at most 1,000
/// entries, at most 50 MiB declared uncompressed, no entry name that climbs out of the archive. The
/// document part is then inflated with a running count, so a header that lies about its size is caught
/// too, and parsed with no document type declaration allowed (so no entity of any kind resolves).
/// Sizes from the archive are added with overflow checks: a header may declare anything.
enum WordDocument {
    static let maxEntries = 1_000
    static let maxUncompressedBytes: UInt64 = 50 << 20
    static let documentPath = "word/document.xml"

    static func read(_ bytes: Data, within budget: WorkBudget = .unlimited) throws -> ExtractedDocument {
        let archive: Archive
        do {
            archive = try Archive(data: bytes, accessMode: .read)
        } catch {
            throw DocumentReader.unreadable("is a damaged ZIP archive")
        }
        var entries = 0
        var declared: UInt64 = 0
        var document: Entry?
        for entry in archive {
            entries += 1
            guard entries <= maxEntries else { throw DocumentReader.unreadable("has more than \(maxEntries) entries in its archive") }
            let (sum, overflow) = declared.addingReportingOverflow(entry.uncompressedSize)
            declared = sum
            guard !overflow, declared <= maxUncompressedBytes else {
                throw DocumentReader.unreadable("would unpack to more than \(maxUncompressedBytes >> 20) MiB")
            }
            guard isSafe(entry.path) else { throw DocumentReader.unreadable("has an archive entry with an unsafe name") }
            if entry.path == documentPath && entry.type == .file { document = entry }
        }
        guard let document else {
            throw DocumentError.unsupportedType("This ZIP archive is not a Word document (it has no \(documentPath)); upload a PDF, a .docx or a .txt.")
        }

        var xml = Data()
        let limit = min(document.uncompressedSize, maxUncompressedBytes)
        do {
            _ = try archive.extract(document, skipCRC32: false) { chunk in
                guard UInt64(xml.count) + UInt64(chunk.count) <= limit else { throw InflationLimit() }
                try budget.check()
                xml.append(chunk)
            }
        } catch is InflationLimit {
            throw DocumentReader.unreadable("unpacks to more than its archive declares")
        } catch let exceeded as WorkBudget.Exceeded {
            throw exceeded
        } catch {
            throw DocumentReader.unreadable("is a damaged Word document")
        }
        return ExtractedDocument(
            contentType: ResumeFormat.docxContentType, text: try text(ofDocumentXML: xml, within: budget), pageCount: nil, warnings: []
        )
    }

    /// Entry names may not be absolute, climb with `..`, use backslashes or hold control characters.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\") else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The paragraphs of WordprocessingML: text runs joined, tabs and breaks kept, one line per paragraph.
    static func text(ofDocumentXML xml: Data, within budget: WorkBudget = .unlimited) throws -> String {
        let utf8 = try utf8Document(xml)
        // WordprocessingML never declares a DTD; one here can only be an entity attack (XXE, "billion
        // laughs"). Outside a DTD, `<!` may only open a comment or a CDATA section.
        if declaresMarkup(utf8) {
            throw DocumentReader.unreadable("declares a document type, which Word documents never do")
        }
        let parser = XMLParser(data: utf8)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let collector = RunCollector(budget: budget)
        parser.delegate = collector
        let parsed = parser.parse()
        if collector.exceeded { throw WorkBudget.Exceeded() }
        guard parsed else { throw DocumentReader.unreadable("is a damaged Word document (its XML does not parse)") }
        return collector.text
    }

    /// The document part as UTF-8 with its XML declaration removed, so that the parser reads exactly
    /// the characters checked here. Word writes UTF-8; XML also allows UTF-16, which is recognised by
    /// its byte-order mark or its first `<`. Anything else (UTF-32, EBCDIC, invalid UTF-8) is refused.
    static func utf8Document(_ xml: Data) throws -> Data {
        let utf8: Data
        switch Array(xml.prefix(4)) {
        case let head where head.starts(with: [0x00, 0x00]) || head.starts(with: [0x3C, 0x00, 0x00, 0x00]) || head.starts(with: [0xFF, 0xFE, 0x00, 0x00]):
            throw DocumentReader.unreadable("is a Word document in an unsupported text encoding")
        case let head where head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0x3C, 0x00]):
            utf8 = try transcoded(xml, byteOrderMark: [0xFF, 0xFE], from: .utf16LittleEndian)
        case let head where head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x3C]):
            utf8 = try transcoded(xml, byteOrderMark: [0xFE, 0xFF], from: .utf16BigEndian)
        default:
            // Already UTF-8, the usual case: validated where it lies, not copied.
            let body = xml.starts(with: [0xEF, 0xBB, 0xBF]) ? xml.dropFirst(3) : xml
            guard isValidUTF8(body) else { throw DocumentReader.unreadable("is a damaged Word document (its text is not valid UTF-8)") }
            utf8 = body
        }
        guard utf8.starts(with: Array("<?xml".utf8)), let end = utf8.range(of: Data("?>".utf8)) else { return utf8 }
        return utf8[end.upperBound...]
    }

    /// `xml` in `encoding`, without its byte-order mark, as UTF-8.
    private static func transcoded(_ xml: Data, byteOrderMark: [UInt8], from encoding: String.Encoding) throws -> Data {
        guard let text = String(bytes: xml.starts(with: byteOrderMark) ? xml.dropFirst(byteOrderMark.count) : xml, encoding: encoding) else {
            throw DocumentReader.unreadable("is a damaged Word document (its text is not valid UTF-16)")
        }
        return Data(text.utf8)
    }

    /// Whether `bytes` are well-formed UTF-8, checked in one pass without making a string of them.
    static func isValidUTF8(_ bytes: Data) -> Bool {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Whether `xml` has a `<!` that opens anything but a comment or a CDATA section: a DOCTYPE, an
    /// ENTITY or another declaration that only a DTD may hold. A `<!` inside a comment or CDATA counts
    /// too: Word escapes `<` in text, so it never writes one, and the check stays a single pass.
    static func declaresMarkup(_ xml: Data) -> Bool {
        let comment = Array("--".utf8), cdata = Array("[CDATA[".utf8)
        return xml.withUnsafeBytes { buffer in
            var index = 0
            while index + 1 < buffer.count {
                if buffer[index] == 0x3C && buffer[index + 1] == 0x21 {
                    let rest = buffer[(index + 2)...]
                    if !rest.starts(with: comment) && !rest.starts(with: cdata) { return true }
                }
                index += 1
            }
            return false
        }
    }
}

/// Thrown from inside inflation when an entry grows past what it declared.
private struct InflationLimit: Error {}

/// Collects `w:t` text, `w:tab` and `w:br` from a parse.
private final class RunCollector: NSObject, XMLParserDelegate {
    private(set) var text = ""
    private(set) var exceeded = false
    private var inText = false
    private var events = 0
    private let budget: WorkBudget

    init(budget: WorkBudget) {
        self.budget = budget
    }

    /// Stops the parse once the budget has run out (checked every thousand elements).
    private func checkBudget(_ parser: XMLParser) {
        events += 1
        guard events & 0x3FF == 0 else { return }
        do { try budget.check() } catch {
            exceeded = true
            parser.abortParsing()
        }
    }

    private static func local(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        checkBudget(parser)
        switch Self.local(elementName) {
        case "t": inText = true
        case "tab": text.append("\t")
        case "br", "cr": text.append("\n")
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(elementName) {
        case "t": inText = false
        case "p": text.append("\n")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { text.append(string) }
    }
}
