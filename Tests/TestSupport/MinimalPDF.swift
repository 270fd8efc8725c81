public import Foundation

/// A minimal valid PDF written byte by byte, with a text layer `pdftotext` reads, for upload tests.
public enum MinimalPDF {
    /// One page per element of `pages`, each line a text object in Helvetica.
    public static func make(pages: [[String]]) -> Data {
        var objects: [String] = []
        let pageCount = pages.count
        // 1 catalog, 2 pages, 3 font, then (page, contents) pairs.
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<pageCount).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        for (index, lines) in pages.enumerated() {
            let contentsID = 5 + 2 * index
            objects.append(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents \(contentsID) 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
            )
            let shown = lines.map { "(\(pdfEscape($0))) Tj T*" }.joined(separator: "\n")
            let stream = "BT\n/F1 10 Tf\n14 TL\n50 750 Td\n\(shown)\nET"
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { output += String(format: "%010d 00000 n \n", offset) }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(output.utf8)
    }

    private static func pdfEscape(_ text: String) -> String {
        // Helvetica's WinAnsi encoding has no en dash; a hyphen reads the same.
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            .replacingOccurrences(of: "–", with: "-")
    }
}
