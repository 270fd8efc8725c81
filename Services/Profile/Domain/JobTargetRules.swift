import Crypto
import Foundation
import Intelligence
import PathwiseProtocol
import ServiceKit

/// A validated `PUT /api/v1/profile/job-target`.
struct JobTargetInput: Sendable, Equatable {
    typealias Field = JobTargetRequest.CodingKeys
    /// Fields of the stored target a client may read but not send.
    static let readOnlyFields: Set<String> = ["role_type", "role_score", "target_hash", "updated_at"]
    static let descriptionLength = 20...20_000

    var jobTitle: String?
    var jobDescription: String?
    var roleTemplate: String?
    var jobSeniority: JobSeniority
    var firm: String?

    /// Reads the target; `nil`, with every bad field recorded in `fields`, when any is bad. `null` is the same as absent.
    init?(_ fields: inout FieldReader<Field>) {
        jobTitle = fields.text(.jobTitle, InputText(scalars: 1...200)).value
        jobDescription = fields.text(.jobDescription, InputText(scalars: Self.descriptionLength, multiline: true)).value
        firm = fields.text(.firm, InputText(scalars: 1...200)).value
        jobSeniority = fields.choice(.jobSeniority, as: JobSeniority.self).value ?? .notSpecified
        roleTemplate = fields.optionalString(.roleTemplate)
        if let roleTemplate, !RoleTemplateID.all.contains(roleTemplate) {
            fields.fail(.roleTemplate, "must be one of: \(RoleTemplateID.all.joined(separator: ", "))")
        }
        if !fields.has(.jobDescription) && !fields.has(.roleTemplate) {
            fields.fail(.jobDescription, "give a job description of at least 20 characters, or a role_template")
        }
        if !fields.errors.isEmpty { return nil }
        if jobSeniority == .notSpecified, let jobTitle { jobSeniority = Self.seniority(fromTitle: jobTitle) }
    }

    init(jobTitle: String?, jobDescription: String?, roleTemplate: String?, jobSeniority: JobSeniority, firm: String?) {
        self.jobTitle = jobTitle
        self.jobDescription = jobDescription
        self.roleTemplate = roleTemplate
        self.jobSeniority = jobSeniority
        self.firm = firm
    }

    /// The seniority a title states ("Senior Quant Researcher"), when it states one.
    static func seniority(fromTitle title: String) -> JobSeniority {
        SeniorityWording.fromTitle(title).flatMap(JobSeniority.init(rawValue:)) ?? .notSpecified
    }

    /// The target with case and spacing folded: equal targets, however typed, normalise alike.
    var normalised: String {
        func fold(_ text: String?) -> String {
            (text ?? "").lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return [fold(jobTitle), fold(jobDescription), fold(roleTemplate), jobSeniority.rawValue, fold(firm)].joined(separator: "\u{1F}")
    }

    /// SHA-256 of `normalised`, as lowercase hex: the cache key other services use for this target.
    var hash: String {
        SHA256.hex(of: Data(normalised.utf8))
    }
}

/// Decides a target's `role_type`: the named template, or the classifier's best role when it scores
/// at least `threshold` on title and description, else `not_specified`. The score is kept either way.
struct RoleInference: Sendable {
    /// Below this a description says too little about any role (`RoleClassifier.threshold`).
    static let threshold = RoleClassifier.threshold

    /// How long classifying one target may take; 20,000 characters take a few milliseconds.
    static let timeLimit: Duration = .seconds(2)

    let classifier: RoleClassifier
    var compute: ComputePool = .shared

    /// The role, classified on the compute pool; `jobDescriptionTooComplex` if it runs out of time.
    func roleType(for target: JobTargetInput) async throws -> (roleType: String, score: Double) {
        if let template = target.roleTemplate { return (template, 1) }
        let classifier = self.classifier
        let classification: RoleClassification?
        do {
            classification = try await compute.run(timeLimit: Self.timeLimit) { deadline in
                try classifier.classify(title: target.jobTitle ?? "", text: target.jobDescription ?? "", within: WorkBudget(until: deadline))
            }
        } catch is WorkBudget.Exceeded {
            throw ProfileError.jobDescriptionTooComplex
        }
        guard let best = classification?.best else {
            return (RoleTemplateID.notSpecified, 0)
        }
        let score = (best.score * 1000).rounded() / 1000
        return (best.score >= Self.threshold ? best.roleID : RoleTemplateID.notSpecified, score)
    }
}
