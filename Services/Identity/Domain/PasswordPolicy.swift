import Foundation

/// The password rules (NIST SP 800-63B-4, single-factor): 15 to 128 characters after NFKC
/// normalisation, no composition rules, not a common or trivially repetitive password, not the email.
struct PasswordPolicy: Sendable {
    static let minimumLength = 15
    static let maximumLength = 128

    /// Lower-cased common passwords.
    let commonPasswords: Set<String>

    init(commonPasswords: Set<String>) {
        self.commonPasswords = commonPasswords
    }

    /// Loads the list that ships with the service (one password a line, `#` comments).
    static func bundled() throws -> PasswordPolicy {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var passwords = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            passwords.insert(line.lowercased())
        }
        return PasswordPolicy(commonPasswords: passwords)
    }

    /// The password as it is hashed and compared: NFKC-normalised.
    static func normalise(_ password: String) -> String {
        password.precomposedStringWithCompatibilityMapping
    }

    /// The first rule `password` breaks, as a sentence for the 400; `nil` when it is acceptable.
    func violation(of password: String, email: String) -> String? {
        let normalised = Self.normalise(password)
        // NIST counts each Unicode code point as one character.
        let length = normalised.unicodeScalars.count
        if length < Self.minimumLength {
            return "must be at least \(Self.minimumLength) characters long (a passphrase of a few unrelated words works well)"
        }
        if length > Self.maximumLength {
            return "must be at most \(Self.maximumLength) characters long"
        }
        let lowered = normalised.lowercased()
        let normalisedEmail = EmailAddress.normalise(email)
        if lowered == normalisedEmail || lowered == normalisedEmail.split(separator: "@").first.map(String.init) {
            return "must not be your email address"
        }
        if commonPasswords.contains(lowered) {
            return "is one of the most commonly used passwords; choose something less predictable"
        }
        if let unit = Self.repeatedUnit(of: lowered), unit.count <= 4 || commonPasswords.contains(unit) {
            return "must not be a short pattern or a common password repeated"
        }
        if Self.isSequence(lowered) {
            return "must not be a run of sequential characters"
        }
        return nil
    }

    /// The shortest string whose repetition makes up `text`, if `text` is a repetition.
    static func repeatedUnit(of text: String) -> String? {
        let characters = Array(text)
        guard characters.count > 1 else { return nil }
        for size in 1...(characters.count / 2) where characters.count % size == 0 {
            let unit = characters[0..<size]
            if stride(from: size, to: characters.count, by: size).allSatisfy({ characters[$0..<($0 + size)] == unit }) {
                return String(unit)
            }
        }
        return nil
    }

    /// Whether `text` is an ascending or descending run (`abcdefghijklmnop`, `987654321098765`).
    static func isSequence(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        guard scalars.count > 2 else { return false }
        let steps = zip(scalars.dropFirst(), scalars).map { Int($0) - Int($1) }
        // Digits wrap around (…8, 9, 0, 1…), so 9→0 counts as a step of +1 and 0→9 as −1.
        let normalisedSteps = steps.map { $0 == -9 ? 1 : ($0 == 9 ? -1 : $0) }
        return normalisedSteps.allSatisfy { $0 == 1 } || normalisedSteps.allSatisfy { $0 == -1 }
    }
}

/// Email addresses as identity stores and compares them.
enum EmailAddress {
    /// Trimmed and lower-cased: one account per address whatever its spelling.
    static func normalise(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// Why `email` cannot be an account's address, or `nil`. It has passed `InputText.emailAddress`
    /// already: trimmed, one line, at most 254 bytes.
    static func violation(of email: String) -> String? {
        guard !email.isEmpty else { return "is required" }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.contains(where: { $0.isWhitespace || $0.isNewline })
        else { return "must be an email address such as name@example.com" }
        return nil
    }
}
