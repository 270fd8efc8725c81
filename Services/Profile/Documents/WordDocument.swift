import Foundation
import ServiceKit
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the text of a `.docx`. The archive is checked before anything is inflated: at most 1,000
/// entries, at most 50 MiB declared uncompressed, no entry name that climbs out of the archive. The
/// document part is then inflated with a running count, so a header that lies about its size is caught
/// too, and parsed with no document type declaration allowed (so no entity of any kind resolves).
enum WordDocument {
    static let maxEntries = 1_000
    static let maxUncompressedBytes: UInt64 = 50 << 20
    static let documentPath = "word/document.xml"

    static func read(_ bytes: Data) throws -> ExtractedDocument {
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
            declared += entry.uncompressedSize
            guard declared <= maxUncompressedBytes else {
                throw DocumentReader.unreadable("would unpack to more than \(maxUncompressedBytes >> 20) MiB")
            }
            guard isSafe(entry.path) else { throw DocumentReader.unreadable("has an archive entry with an unsafe name") }
            if entry.path == documentPath && entry.type == .file { document = entry }
        }
        guard let document else {
            throw ProblemError(
                .unsupportedMediaType, code: "unsupported_media_type",
                detail: "This ZIP archive is not a Word document (it has no \(documentPath)); upload a PDF, a .docx or a .txt."
            )
        }

        var xml = Data()
        let limit = min(document.uncompressedSize, maxUncompressedBytes)
        do {
            _ = try archive.extract(document, skipCRC32: false) { chunk in
                guard UInt64(xml.count + chunk.count) <= limit else { throw InflationLimit() }
                xml.append(chunk)
            }
        } catch is InflationLimit {
            throw DocumentReader.unreadable("unpacks to more than its archive declares")
        } catch {
            throw DocumentReader.unreadable("is a damaged Word document")
        }
        return ExtractedDocument(contentType: ResumeFormat.docxContentType, text: try text(ofDocumentXML: xml), pageCount: nil, warnings: [])
    }

    /// Entry names may not be absolute, climb with `..`, use backslashes or hold control characters.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\") else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The paragraphs of WordprocessingML: text runs joined, tabs and breaks kept, one line per paragraph.
    static func text(ofDocumentXML xml: Data) throws -> String {
        // WordprocessingML never declares a DTD; one here can only be an entity attack (XXE, "billion laughs").
        if xml.range(of: Data("<!DOCTYPE".utf8)) != nil || xml.range(of: Data("<!doctype".utf8)) != nil
            || xml.range(of: Data("<!ENTITY".utf8)) != nil
        {
            throw DocumentReader.unreadable("declares a document type, which Word documents never do")
        }
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let collector = RunCollector()
        parser.delegate = collector
        guard parser.parse() else { throw DocumentReader.unreadable("is a damaged Word document (its XML does not parse)") }
        return collector.text
    }
}

/// Thrown from inside inflation when an entry grows past what it declared.
private struct InflationLimit: Error {}

/// Collects `w:t` text, `w:tab` and `w:br` from a parse.
private final class RunCollector: NSObject, XMLParserDelegate {
    private(set) var text = ""
    private var inText = false

    private static func local(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
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
