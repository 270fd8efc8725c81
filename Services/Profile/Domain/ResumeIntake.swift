import Crypto
import Foundation
import NIOCore
import PathwiseProtocol
import ServiceKit

/// Takes an upload from bytes to a stored resume: size, type and text first, then the skills, then
/// the store (which enforces the per-person limit and the default).
struct ResumeIntake: Sendable {
    /// The largest file accepted.
    static let maxFileBytes = 10 << 20
    /// Resumes one person may keep.
    static let maxResumes = 20

    let reader: DocumentReader
    let estimator: SkillLevelEstimator
    let store: any ResumeStore

    func upload(_ upload: ResumeUpload, for user: UUID) async throws -> ResumeDTO {
        guard upload.bytes.count <= Self.maxFileBytes else {
            throw ProblemError(.contentTooLarge, code: "payload_too_large", detail: "A resume may be at most 10 MiB.")
        }
        let document = try await reader.read(upload.bytes)
        let analysis = estimator.analyse(document.text)
        let resume = NewResume(
            filename: FileName.sanitised(upload.filename, contentType: document.contentType), document: document,
            bytes: ByteBuffer(data: upload.bytes), sha256: SHA256.hex(of: upload.bytes), analysis: analysis
        )
        return try await store.add(resume, for: user, limit: Self.maxResumes)
    }
}
