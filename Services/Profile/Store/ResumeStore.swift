import Foundation
import Logging
import NIOCore
import PathwiseProtocol
import PostgresNIO
import ServiceKit

/// A resume ready to be stored: the file, its text and what was read from it.
struct NewResume: Sendable {
    var id = UUID()
    var filename: String
    var document: ExtractedDocument
    var bytes: ByteBuffer
    var sha256: String
    var analysis: ResumeAnalysis
}

/// The original file of a stored resume.
struct ResumeFile: Sendable {
    var filename: String
    var contentType: String
    var bytes: ByteBuffer
}

/// Resumes, each owned by one person; every call is scoped to that person, so another's id is absent.
protocol ResumeStore: Sendable {
    /// Stores the resume; the first becomes the default. `ProfileError.resumeLimitReached` past `limit` resumes.
    func add(_ resume: NewResume, for user: UUID, limit: Int) async throws -> ResumeDTO
    /// The person's resumes, newest first, without their text.
    func list(for user: UUID) async throws -> [ResumeDTO]
    /// One resume with its text preview.
    func resume(_ id: UUID, of user: UUID) async throws -> ResumeDTO?
    func file(_ id: UUID, of user: UUID) async throws -> ResumeFile?
    /// Makes it the default, and every other one not.
    func makeDefault(_ id: UUID, of user: UUID) async throws -> ResumeDTO?
    /// Deletes it; when it was the default the newest remaining one becomes the default. False when absent.
    func delete(_ id: UUID, of user: UUID) async throws -> Bool
}

struct PostgresResumeStore: ResumeStore {
    static let previewLength = 500

    let client: PostgresClient
    let logger: Logger

    func add(_ resume: NewResume, for user: UUID, limit: Int) async throws -> ResumeDTO {
        let skills = String(decoding: try JSONCoding.encoder.encode(resume.analysis.skills), as: UTF8.self)
        let implied = String(decoding: try JSONCoding.encoder.encode(resume.analysis.impliedSkills), as: UTF8.self)
        let warnings = String(decoding: try JSONCoding.encoder.encode(resume.document.warnings), as: UTF8.self)
        return try await client.inTransaction(logger: logger) { connection in
            try await PostgresProfileStore.touchProfile(user, on: connection, logger: logger)
            let counts = try await connection.query(
                "SELECT count(*), coalesce(bool_or(is_default), false) FROM resumes WHERE user_id = \(user)", logger: logger
            )
            var existing = (count: 0, hasDefault: false)
            for try await (count, hasDefault) in counts.decode((Int, Bool).self) { existing = (count, hasDefault) }
            guard existing.count < limit else { throw ProfileError.resumeLimitReached(limit: limit) }
            try await connection.query(
                """
                INSERT INTO resumes (id, user_id, filename, content_type, size_bytes, sha256, content, extracted_text, page_count,
                                     word_count, skills, implied_skills, warnings, is_default)
                VALUES (\(resume.id), \(user), \(resume.filename), \(resume.document.contentType), \(resume.bytes.readableBytes),
                        \(resume.sha256), \(resume.bytes), \(resume.document.text), \(resume.document.pageCount),
                        \(resume.analysis.wordCount), \(skills)::jsonb, \(implied)::jsonb, \(warnings)::jsonb, \(!existing.hasDefault))
                """,
                logger: logger
            )
            guard let stored = try await Self.read(id: resume.id, user: user, preview: true, on: connection, logger: logger).first else {
                throw InvariantViolation("the resume inserted in this transaction is gone")
            }
            return stored
        }
    }

    func list(for user: UUID) async throws -> [ResumeDTO] {
        try await client.withConnection { try await Self.read(id: nil, user: user, preview: false, on: $0, logger: logger) }
    }

    func resume(_ id: UUID, of user: UUID) async throws -> ResumeDTO? {
        try await client.withConnection { try await Self.read(id: id, user: user, preview: true, on: $0, logger: logger).first }
    }

    func file(_ id: UUID, of user: UUID) async throws -> ResumeFile? {
        let rows = try await client.query(
            "SELECT filename, content_type, content FROM resumes WHERE id = \(id) AND user_id = \(user)", logger: logger
        )
        for try await (filename, contentType, bytes) in rows.decode((String, String, ByteBuffer).self) {
            return ResumeFile(filename: filename, contentType: contentType, bytes: bytes)
        }
        return nil
    }

    func makeDefault(_ id: UUID, of user: UUID) async throws -> ResumeDTO? {
        try await client.inTransaction(logger: logger) { connection in
            guard try await Self.lockResumes(of: user, containing: id, on: connection, logger: logger) else { return nil }
            // Two statements: the one-default index is checked row by row, so the old default goes first.
            try await connection.query(
                "UPDATE resumes SET is_default = false WHERE user_id = \(user) AND is_default AND id <> \(id)", logger: logger
            )
            try await connection.query("UPDATE resumes SET is_default = true WHERE id = \(id) AND user_id = \(user)", logger: logger)
            try await connection.query("UPDATE profiles SET updated_at = now() WHERE user_id = \(user)", logger: logger)
            return try await Self.read(id: id, user: user, preview: true, on: connection, logger: logger).first
        }
    }

    func delete(_ id: UUID, of user: UUID) async throws -> Bool {
        try await client.inTransaction(logger: logger) { connection in
            guard try await Self.lockResumes(of: user, containing: id, on: connection, logger: logger) else { return false }
            let rows = try await connection.query(
                "DELETE FROM resumes WHERE id = \(id) AND user_id = \(user) RETURNING is_default", logger: logger
            )
            var wasDefault = false
            for try await value in rows.decode(Bool.self) { wasDefault = value }
            if wasDefault {
                try await connection.query(
                    """
                    UPDATE resumes SET is_default = true
                    WHERE id = (SELECT id FROM resumes WHERE user_id = \(user) ORDER BY created_at DESC, id DESC LIMIT 1)
                    """,
                    logger: logger
                )
            }
            try await connection.query("UPDATE profiles SET updated_at = now() WHERE user_id = \(user)", logger: logger)
            return true
        }
    }

    /// Locks the person's profile row (so default changes and uploads are serialised per person) and
    /// says whether `id` is one of their resumes.
    private static func lockResumes(of user: UUID, containing id: UUID, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.query("SELECT 1 FROM profiles WHERE user_id = \(user) FOR UPDATE", logger: logger)
        let rows = try await connection.query("SELECT 1 FROM resumes WHERE id = \(id) AND user_id = \(user)", logger: logger)
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }

    /// Resumes of `user` (one, when `id` is given), newest first; the text preview only when asked for.
    private static func read(id: UUID?, user: UUID, preview: Bool, on connection: PostgresConnection, logger: Logger) async throws -> [ResumeDTO] {
        let rows = try await connection.query(
            """
            SELECT id, filename, content_type, size_bytes, page_count, word_count, is_default, skills::text, implied_skills::text,
                   warnings::text, CASE WHEN \(preview) THEN left(extracted_text, \(previewLength)::integer) END, created_at
            FROM resumes
            WHERE user_id = \(user) AND (\(id)::uuid IS NULL OR id = \(id))
            ORDER BY created_at DESC, id DESC
            """,
            logger: logger
        )
        var resumes: [ResumeDTO] = []
        for try await (id, filename, contentType, size, pages, words, isDefault, skills, implied, warnings, text, createdAt) in rows.decode(
            (UUID, String, String, Int, Int?, Int, Bool, String, String, String, String?, Date).self
        ) {
            resumes.append(
                ResumeDTO(
                    id: id, filename: filename, contentType: contentType, sizeBytes: size, pageCount: pages, wordCount: words,
                    isDefault: isDefault, skills: try JSONCoding.decoder.decode([ResumeSkillDTO].self, from: Data(skills.utf8)),
                    impliedSkills: try JSONCoding.decoder.decode([ImpliedSkillDTO].self, from: Data(implied.utf8)),
                    warnings: try JSONCoding.decoder.decode([String].self, from: Data(warnings.utf8)), textPreview: text, createdAt: createdAt
                )
            )
        }
        return resumes
    }
}
