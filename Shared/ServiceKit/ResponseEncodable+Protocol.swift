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
