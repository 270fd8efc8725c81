import Foundation
import ServiceKit

/// A resume's type, judged from its bytes alone: never from its name or the declared media type.
enum ResumeFormat: Sendable, Equatable {
    case pdf
    /// A ZIP archive; whether it is a Word document is known once its entries are read.
    case zip
    case text(String.Encoding)

    static let docxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    /// The format of `bytes`: 400 for an empty file, 415 for anything but PDF, ZIP or text.
    static func detect(_ bytes: Data) throws -> ResumeFormat {
        guard !bytes.isEmpty else {
            throw DocumentError.unreadable("is empty")
        }
        // A PDF's header may follow a little junk; readers accept it within the first 1,024 bytes.
        if bytes.prefix(1024).range(of: Data("%PDF-".utf8)) != nil { return .pdf }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .text(.utf8) }
        if bytes.starts(with: [0xFF, 0xFE]) { return .text(.utf16LittleEndian) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .text(.utf16BigEndian) }
        if PlainText.isText(bytes) { return .text(.utf8) }
        throw DocumentError.unsupportedType("A resume must be a PDF, a Word document (.docx) or plain text; this file is \(describe(bytes)).")
    }

    /// A guess at what a refused file is, for the error message.
    private static func describe(_ bytes: Data) -> String {
        let signatures: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"), ([0xFF, 0xD8, 0xFF], "a JPEG image"), ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
            ([0xD0, 0xCF, 0x11, 0xE0], "an old Office document (.doc)"), ([0x7B, 0x5C, 0x72, 0x74, 0x66], "an RTF document"),
            ([0x1F, 0x8B], "a gzip archive"), ([0x7F, 0x45, 0x4C, 0x46], "a program"),
        ]
        return signatures.first { bytes.starts(with: $0.0) }?.1 ?? "of another type"
    }
}

/// Plain-text resumes: UTF-8, or UTF-16 with a byte-order mark.
enum PlainText {
    /// Whether `bytes` is valid UTF-8 with no NUL and hardly any other control characters.
    static func isText(_ bytes: Data) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        var controls = 0
        for scalar in text.unicodeScalars where scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t" && scalar != "\u{0C}" {
            if scalar.value == 0 { return false }
            controls += 1
        }
        return controls * 100 <= max(1, text.unicodeScalars.count)
    }

    /// The text of `bytes` in `encoding`, without a byte-order mark; 400 when it does not decode.
    static func text(of bytes: Data, encoding: String.Encoding) throws -> String {
        var body = bytes
        switch encoding {
        case .utf8 where bytes.starts(with: [0xEF, 0xBB, 0xBF]): body = bytes.dropFirst(3)
        case .utf16LittleEndian, .utf16BigEndian: body = bytes.dropFirst(2)
        default: break
        }
        let decoded: String?
        if encoding == .utf8 {
            decoded = String(validating: body, as: UTF8.self)
        } else {
            decoded = body.count % 2 == 0 ? String(data: body, encoding: encoding) : nil
        }
        guard let decoded, !decoded.contains("\u{0}") else {
            throw DocumentError.unreadable("is not readable text: it is not valid \(encoding == .utf8 ? "UTF-8" : "UTF-16")")
        }
        return decoded
    }
}
