/// An RFC 9457 problem document, the body of every error Pathwise answers with.
public struct ProblemDetails: Codable, Sendable, Equatable {
    /// One invalid input field and why it was refused.
    public struct FieldError: Codable, Sendable, Equatable {
        /// The field's path in the request, dotted for nested values (`answers.weekly_hours`).
        public var field: String
        /// Why the value was refused, in words a person can act on.
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    /// A stable, machine-readable reason (`invalid_credentials`, `token_reused`, …).
    public var code: String
    public var requestID: String?
    public var errors: [FieldError]?

    public init(
        type: String = "about:blank", title: String, status: Int, detail: String? = nil, code: String,
        requestID: String? = nil, errors: [FieldError]? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.code = code
        self.requestID = requestID
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code
        case requestID = "request_id"
        case errors
    }
}

/// A JSON request body whose fields are exactly its `CodingKeys`: a server refuses any other field,
/// naming it, rather than ignoring it.
public protocol JSONRequest: Decodable {
    /// Every field the body may have.
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension JSONRequest {
    /// The names of the fields the body may have, in declaration order.
    public static var fieldNames: [String] { CodingKeys.allCases.map(\.stringValue) }
}
