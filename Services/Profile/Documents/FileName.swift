/// Filenames as people send them, made safe to store, list and hand back in a header.
enum FileName {
    static let maxLength = 120

    /// The last path component of `raw`, without control, format or separator characters, with
    /// leading dots and surrounding spaces removed, at most 120 characters, ending in the extension
    /// the bytes call for (added when it is missing or wrong).
    static func sanitised(_ raw: String?, contentType: String) -> String {
        let expected = expectedExtensions(for: contentType)
        var name = raw ?? ""
        if let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last { name = String(last) }
        name = String(
            String.UnicodeScalarView(
                name.unicodeScalars.filter { scalar in
                    switch scalar.properties.generalCategory {
                    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: false
                    default: true
                    }
                }
            )
        )
        name = name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while name.hasPrefix(".") || name.hasPrefix(" ") { name.removeFirst() }
        if name.isEmpty { name = "resume" }
        let lowered = name.lowercased()
        let fileExtension = expected.first { lowered.hasSuffix("." + $0) } ?? expected[0]
        let present = lowered.hasSuffix("." + fileExtension)
        let suffix = present ? String(name.suffix(fileExtension.count + 1)) : "." + fileExtension
        var stem = present ? String(name.dropLast(fileExtension.count + 1)) : name
        stem = String(stem.prefix(maxLength - suffix.count)).trimmingTrailing { $0 == " " || $0 == "." }
        return (stem.isEmpty ? "resume" : stem) + suffix
    }

    static func expectedExtensions(for contentType: String) -> [String] {
        if contentType.hasPrefix("application/pdf") { return ["pdf"] }
        if contentType.hasPrefix("text/plain") { return ["txt", "text", "md"] }
        return ["docx"]
    }

    /// `attachment` with an ASCII `filename` (anything else becomes `_`) and the exact name as
    /// UTF-8 in `filename*` (RFC 6266): nothing in it can end the header or add a parameter.
    static func contentDisposition(for name: String) -> String {
        let fallback = String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    scalar.isASCII && scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\"" && scalar != "\\" && scalar != "%"
                        ? scalar : "_"
                }
            )
        )
        var encoded = ""
        for byte in name.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$&+-.^_`|~".unicodeScalars.contains(scalar)) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(encoded)"
    }
}

extension String {
    fileprivate func trimmingTrailing(while predicate: (Character) -> Bool) -> String {
        var copy = self
        while let last = copy.last, predicate(last) { copy.removeLast() }
        return copy
    }
}
