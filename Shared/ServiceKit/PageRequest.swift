public import Foundation
public import Hummingbird
public import PathwiseProtocol

/// A position in a list ordered newest first (a creation time, then an id), opaque to clients:
/// base64url of the time in whole microseconds (as Postgres keeps it) and the id.
public struct PageCursor: Sendable, Equatable {
    /// Microseconds since 1970, as `extract(epoch from …) * 1000000` reads a stored time.
    public var micros: Int64
    public var id: UUID

    public init(micros: Int64, id: UUID) {
        self.micros = micros
        self.id = id
    }

    public init(time: Date, id: UUID) {
        self.init(micros: Int64((time.timeIntervalSince1970 * 1_000_000).rounded()), id: id)
    }

    /// The cursor a client sends back; `nil` for anything this did not make.
    public init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard encoded.count <= 100, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(micros: micros, id: id)
    }

    /// The cursor as clients see it.
    public var encoded: String {
        Data("\(micros):\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// `?limit=` (1–100, default 20) and `?cursor=` of a list route; a bad one is a 400 naming it.
public struct PageRequest: Sendable, Equatable {
    public static let limits = 1...100
    public static let defaultLimit = 20

    public var limit: Int
    /// Items after this one; `nil` for the first page.
    public var after: PageCursor?

    public init(limit: Int = PageRequest.defaultLimit, after: PageCursor? = nil) {
        self.limit = limit
        self.after = after
    }

    /// Reads the query of `request`.
    public init(_ request: Request) throws {
        let query = request.uri.queryParameters
        var errors: [ProblemDetails.FieldError] = []
        limit = Self.defaultLimit
        if let raw = query.get("limit") {
            if let value = Int(raw), Self.limits.contains(value) {
                limit = value
            } else {
                errors.append(.init(field: "limit", message: "must be a whole number from \(Self.limits.lowerBound) to \(Self.limits.upperBound)"))
            }
        }
        if let raw = query.get("cursor") {
            after = PageCursor(encoded: raw)
            if after == nil { errors.append(.init(field: "cursor", message: "is not a cursor this list gave")) }
        }
        guard errors.isEmpty else { throw ProblemError.invalid(errors) }
    }
}

extension Page {
    /// A page cut from up to one more row than it holds (each with its cursor): the extra row says there is a next page.
    public init(rows: [(Item, PageCursor)], limit: Int) {
        let kept = rows.prefix(limit)
        guard rows.count > limit, let last = kept.last else {
            self.init(items: kept.map(\.0))
            return
        }
        self.init(items: kept.map(\.0), nextCursor: last.1.encoded)
    }
}
