import Crypto
import Foundation
import Intelligence
import NIOCore
import PathwiseProtocol
import ServiceKit

/// An uploaded file as it arrived: the raw body, or the `file` part of a `multipart/form-data` body
/// (read from the request in `Routes/ResumeUpload.swift`).
struct ResumeUpload: Sendable {
    var bytes: Data
    /// The name the client gave, unsanitised; `nil` when it gave none.
    var filename: String?
}

/// Takes an upload from bytes to a stored resume: size, type and text first, then the skills, then
/// the store (which enforces the per-person limit and the default).
struct ResumeIntake: Sendable {
    /// The largest file accepted.
    static let maxFileBytes = 10 << 20
    /// Resumes one person may keep.
    static let maxResumes = 20
    /// How long reading the skills out of one resume may take: a 1 MiB text takes under a second in a
    /// release build, so only a pathological input (or a much slower machine) reaches it.
    static let defaultAnalysisTimeLimit: Duration = .seconds(10)

    let reader: DocumentReader
    let estimator: SkillLevelEstimator
    let store: any ResumeStore
    var compute: ComputePool = .shared
    /// How long reading one upload's form, or analysing its text, may take (`defaultAnalysisTimeLimit`
    /// when running; tests of other rules give a slow debug build more).
    var analysisTimeLimit: Duration = Self.defaultAnalysisTimeLimit

    /// Reads, analyses and stores the upload.
    func upload(_ upload: ResumeUpload, for user: UUID) async throws -> ResumeDTO {
        guard upload.bytes.count <= Self.maxFileBytes else {
            throw ProfileError.resumeTooLarge
        }
        let document = try await reader.read(upload.bytes)
        let estimator = self.estimator
        let analysis: ResumeAnalysis
        do {
            analysis = try await compute.run(timeLimit: analysisTimeLimit) { deadline in
                try estimator.analyse(document.text, within: WorkBudget(until: deadline))
            }
        } catch is WorkBudget.Exceeded {
            throw ProfileError.resumeTooComplex
        }
        let resume = NewResume(
            filename: FileName.sanitised(upload.filename, contentType: document.contentType), document: document,
            bytes: ByteBuffer(data: upload.bytes), sha256: SHA256.hex(of: upload.bytes), analysis: analysis
        )
        return try await store.add(resume, for: user, limit: Self.maxResumes)
    }
}
