import Foundation
import MultipartKit
import NIOCore
import NIOFoundationCompat
import ServiceKit

extension ResumeUpload {
    /// Reads the upload from a request's body and headers; the file's bytes are copied out once.
    init(body: ByteBuffer, contentType: String?, contentDisposition: String?) throws {
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
            let parts: [Multipart.Part]
            do {
                parts = try Multipart.parts(of: body, boundary: boundary)
            } catch .tooManyParts {
                throw ProblemError.invalid(field: "file", "must be sent in a form of at most \(Multipart.maxParts) parts")
            } catch .malformed {
                throw ProblemError.invalid(field: "file", "must be sent in a well-formed multipart/form-data body (this one is not)")
            }
            guard let part = parts.first(where: { $0.name == "file" }) else {
                throw ProblemError.invalid(field: "file", "is required: send the resume as the multipart part named \"file\"")
            }
            self.bytes = part.body
            self.filename = part.filename
        } else {
            self.bytes = Data(buffer: body)
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

/// `multipart/form-data` (RFC 7578), read by multipart-kit's streaming parser in one pass over the
/// body, so the time taken is linear in its length whatever the number or shape of its parts.
enum Multipart {
    /// More parts than a resume form could need is refused, not read.
    static let maxParts = 16

    struct Part: Sendable {
        var name: String?
        var filename: String?
        var body: Data
    }

    /// Why a body is not a form.
    enum Failure: Error {
        /// Not well-formed for the boundary, or it ends inside a part.
        case malformed
        /// More than `maxParts` parts.
        case tooManyParts
    }

    /// The complete parts of `body`, in order; parts before the first boundary and after the last are ignored.
    static func parts(of body: ByteBuffer, boundary: String) throws(Failure) -> [Part] {
        guard !boundary.isEmpty else { throw .malformed }
        let form = FormReader()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in form.header(name: name, value: value) }
        parser.onBody = { chunk in form.body(&chunk) }
        parser.onPartComplete = { form.completePart() }
        do {
            try parser.execute(body)
        } catch {
            throw .malformed
        }
        if form.parts.count > maxParts { throw .tooManyParts }
        if form.isInsidePart { throw .malformed }
        return form.parts
    }

    /// Collects the parser's callbacks into parts; stops keeping bodies once there are too many parts.
    private final class FormReader {
        private(set) var parts: [Part] = []
        private(set) var isInsidePart = false
        private var current = Part(body: Data())

        func header(name: String, value: String) {
            isInsidePart = true
            guard name.lowercased() == "content-disposition", let disposition = HeaderParameters(value) else { return }
            current.name = disposition.parameters["name"]
            current.filename = disposition.filename
        }

        func body(_ chunk: inout ByteBuffer) {
            isInsidePart = true
            guard parts.count < Multipart.maxParts else { return }
            current.body.append(contentsOf: chunk.readableBytesView)
        }

        func completePart() {
            if parts.count <= Multipart.maxParts { parts.append(current) }
            current = Part(body: Data())
            isInsidePart = false
        }
    }
}
