public import Hummingbird
public import PathwiseProtocol

// The wire types a handler returns as they are; the context's encoder (`JSONCoding.encoder`) writes
// them. PathwiseProtocol does not depend on Hummingbird, so the conformances are declared here.

extension AuthResponse: ResponseEncodable {}
extension UserDTO: ResponseEncodable {}
extension TokenRevocationFeed: ResponseEncodable {}
extension EventBatchReceipt: ResponseEncodable {}
extension ProfileDTO: ResponseEncodable {}
extension PreferencesDTO: ResponseEncodable {}
extension OnboardingDTO: ResponseEncodable {}
extension AudienceDTO: ResponseEncodable {}
extension ResumeDTO: ResponseEncodable {}
extension Page: ResponseEncodable {}
extension BookDTO: ResponseEncodable {}
extension CoverageReportDTO: ResponseEncodable {}
extension SearchResultsDTO: ResponseEncodable {}
extension ExplanationDTO: ResponseEncodable {}
extension JobAnalysisDTO: ResponseEncodable {}
extension GapReportDTO: ResponseEncodable {}
extension LearningPathDTO: ResponseEncodable {}
extension PathGeneratingDTO: ResponseEncodable {}
extension LessonProgressDTO: ResponseEncodable {}
extension ProgressSummaryDTO: ResponseEncodable {}
extension RecommendationsDTO: ResponseEncodable {}
extension SkillGapsDTO: ResponseEncodable {}
extension SessionDTO: ResponseEncodable {}
extension TurnExchangeDTO: ResponseEncodable {}
extension EvaluationDTO: ResponseEncodable {}
extension ImprovementsDTO: ResponseEncodable {}

extension Response {
    /// A file to save rather than show: `Content-Disposition: attachment`, never cached or sniffed.
    public static func download(_ body: ByteBuffer, contentType: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType, .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "private, no-store",
                .xContentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: body)
        )
    }
}
