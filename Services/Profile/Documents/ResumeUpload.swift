import Foundation
import ServiceKit

/// An uploaded file as it arrived: the raw body, or the `file` part of a `multipart/form-data` body.
struct ResumeUpload: Sendable {
    var bytes: Data
    /// The name the client gave, unsanitised; `nil` when it gave none.
    var filename: String?

    /// Reads the upload from a request's body and headers.
    init(body: Data, contentType: String?, contentDisposition: String?) throws {
        // Any multipart type is a form or an error: its envelope must never be stored as the file.
        if let contentType, contentType.lowercased().hasPrefix("multipart/") {
            guard let media = HeaderParameters(contentType), media.value.lowercased() == "multipart/form-data" else {
                throw ProblemError(
                    .unsupportedMediaType, code: "unsupported_media_type",
                    detail: "Send the resume as the body itself, or as the part \"file\" of multipart/form-data."
                )
            }
            guard let boundary = media.parameters["boundary"], (1...70).contains(boundary.utf8.count) else {
                throw ProblemError.invalid(field: "Content-Type", "a multipart body needs a boundary parameter of 1 to 70 characters")
            }
            guard let part = Multipart.parts(of: body, boundary: boundary)?.first(where: { $0.name == "file" }) else {
                throw ProblemError.invalid(field: "file", "is required: send the resume as the multipart part named \"file\"")
            }
            self.bytes = part.body
            self.filename = part.filename
        } else {
            self.bytes = body
            self.filename = contentDisposition.flatMap(HeaderParameters.init)?.filename
        }
    }
}

/// A header value with `;`-separated parameters: `form-data; name="file"; filename="cv.pdf"`.
struct HeaderParameters: Sendable, Equatable {
    var value: String
    /// Parameter names lowercased; quoted values unquoted and unescaped.
    var parameters: [String: String]

    init?(_ header: String) {
        var scanner = Substring(header)
        func skipSpaces() { scanner = scanner.drop { $0 == " " || $0 == "\t" } }
        let head = scanner.prefix { $0 != ";" }
        value = head.trimmingCharacters(in: .whitespaces)
        scanner = scanner.dropFirst(head.count)
        parameters = [:]
        while scanner.first == ";" {
            scanner = scanner.dropFirst()
            skipSpaces()
            let name = scanner.prefix { $0 != "=" && $0 != ";" }
            scanner = scanner.dropFirst(name.count)
            guard scanner.first == "=" else { continue }
            scanner = scanner.dropFirst()
            skipSpaces()
            var parsed = ""
            if scanner.first == "\"" {
                scanner = scanner.dropFirst()
                var closed = false
                while let character = scanner.first {
                    scanner = scanner.dropFirst()
                    if character == "\\", let escaped = scanner.first {
                        parsed.append(escaped)
                        scanner = scanner.dropFirst()
                    } else if character == "\"" {
                        closed = true
                        break
                    } else {
                        parsed.append(character)
                    }
                }
                guard closed else { return nil }
                scanner = scanner.drop { $0 != ";" }
            } else {
                let token = scanner.prefix { $0 != ";" }
                parsed = token.trimmingCharacters(in: .whitespaces)
                scanner = scanner.dropFirst(token.count)
            }
            parameters[name.trimmingCharacters(in: .whitespaces).lowercased()] = parsed
        }
        guard scanner.isEmpty else { return nil }
    }

    /// `filename*` (RFC 6266/8187, UTF-8 percent-encoded) when present, else `filename`.
    var filename: String? {
        if let extended = parameters["filename*"], let quote = extended.range(of: "''"),
            extended[..<quote.lowerBound].lowercased().hasPrefix("utf-8"),
            let decoded = extended[quote.upperBound...].removingPercentEncoding
        {
            return decoded
        }
        return parameters["filename"]
    }
}

/// `multipart/form-data` (RFC 7578), enough to take a file part out of a form.
enum Multipart {
    struct Part: Sendable {
        var name: String?
        var filename: String?
        var body: Data
    }

    /// The parts of `body`, or `nil` when it is not a well-formed multipart body for `boundary`.
    static func parts(of body: Data, boundary: String) -> [Part]? {
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        guard var cursor = body.range(of: delimiter)?.upperBound else { return nil }
        var parts: [Part] = []
        while true {
            let rest = body[cursor...]
            if rest.starts(with: Data("--".utf8)) { return parts }
            guard rest.starts(with: Data("\r\n".utf8)) else { return nil }
            let headersStart = cursor + 2
            guard let headersEnd = body.range(of: headerEnd, in: headersStart..<body.endIndex) else { return nil }
            guard let next = body.range(of: separator, in: headersEnd.upperBound..<body.endIndex) else { return nil }
            let headers = String(decoding: body[headersStart..<headersEnd.lowerBound], as: UTF8.self)
            var part = Part(body: body.subdata(in: headersEnd.upperBound..<next.lowerBound))
            for line in headers.split(separator: "\r\n") {
                guard let colon = line.firstIndex(of: ":"),
                    line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition",
                    let disposition = HeaderParameters(String(line[line.index(after: colon)...]))
                else { continue }
                part.name = disposition.parameters["name"]
                part.filename = disposition.filename
            }
            parts.append(part)
            cursor = next.upperBound
        }
    }
}
