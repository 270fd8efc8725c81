import Foundation
import TestSupport
import ZIPFoundation

/// Resume files built by the tests themselves: honest ones and hostile ones.
enum ResumeFixtures {
    static let resumeLines = [
        "Ada Lovelace",
        "Summary",
        "Quantitative developer with expertise in Python and a strong grounding in statistics.",
        "Experience",
        "Quant Developer, Example Capital (2019–2024)",
        "Built backtesting tools in Python and SQL for systematic strategies; 5 years of Python in production.",
        "Wrote Monte Carlo pricing code in C++ and Python for the derivatives desk.",
        "Maintained Python data pipelines feeding the risk reports.",
        "Skills",
        "Python, SQL, C++, Git, Docker",
        "Familiar with Kubernetes.",
        "Education",
        "MSc Mathematics: coursework in stochastic calculus and probability theory.",
    ]

    static var text: Data { Data(resumeLines.joined(separator: "\n").utf8) }

    /// A `.docx` whose paragraphs are `lines`, assembled with ZIPFoundation.
    static func docx(_ lines: [String] = resumeLines, documentXML: String? = nil, extraEntries: [(String, Int)] = []) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let paragraphs = lines.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r></w:p>" }.joined()
        let document =
            documentXML
            ?? """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(paragraphs)</w:body></w:document>
            """
        let entries: [(String, Data)] = [
            (
                "[Content_Types].xml",
                Data(
                    """
                    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" \
                    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                    """.utf8
                )
            ),
            ("word/document.xml", Data(document.utf8)),
        ]
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        for (path, size) in extraEntries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { position, chunk in
                Data(count: min(chunk, size - Int(position)))
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// A DOCX whose document part declares an external entity pointing at a local file.
    static func docxWithExternalEntity() throws -> Data {
        try docx(
            documentXML: """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\
                <w:p><w:r><w:t>Python developer &secret;</w:t></w:r></w:p></w:body></w:document>
                """
        )
    }

    /// A DOCX carrying 60 MiB of zeros that compress to almost nothing.
    static func zipBomb() throws -> Data {
        try docx(extraEntries: [("word/media/image1.bin", 60 << 20)])
    }

    /// A ZIP archive that is not a Word document.
    static func plainZip() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data("just a note".utf8)
        try archive.addEntry(with: "notes.txt", type: .file, uncompressedSize: Int64(data.count)) { _, _ in data }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }

    /// A minimal valid PDF, written byte by byte, of the resume's lines.
    static func pdf(pages: [[String]] = [resumeLines]) -> Data {
        MinimalPDF.make(pages: pages)
    }

    /// The first bytes of a PNG image.
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] + [UInt8](repeating: 0, count: 64))

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
