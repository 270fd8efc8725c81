import Foundation
import NIOCore
import NIOHTTP1
import PathwiseProtocol
import ServiceKit
import TestSupport

@testable import Profile

/// A running profile service on a fresh database, and a person calling it through a gateway client.
struct ProfileHarness {
    let service: ServiceUnderTest
    let client: TestClient
    let user: UUID

    /// Starts profile, runs `body` as a new person, stops it.
    static func with(_ body: (ProfileHarness) async throws -> Void) async throws {
        try await withService(.profile, build: buildApplication) { service throws in
            try await TestClient.with(identity: .gateway) { client in
                try await body(ProfileHarness(service: service, client: client, user: UUID()))
            }
        }
    }

    /// The same service, called by someone else.
    func otherPerson() -> ProfileHarness {
        ProfileHarness(service: service, client: client, user: UUID())
    }

    func send(
        _ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, body: ByteBuffer? = nil, headers: [(String, String)] = [],
        authenticated: Bool = true
    ) async throws -> TestClient.Response {
        try await client.send(
            method, service.url(path), headers: headers, json: json, body: body,
            bearer: authenticated ? service.tokens.accessToken(for: user) : nil
        )
    }

    /// Sends raw JSON text (for bodies the typed requests cannot express).
    func sendJSON(_ method: HTTPMethod, _ path: String, _ text: String) async throws -> TestClient.Response {
        try await send(method, path, body: ByteBuffer(string: text), headers: [("Content-Type", "application/json")])
    }

    func profile() async throws -> ProfileDTO {
        try await send(.GET, "/api/v1/profile").json(ProfileDTO.self)
    }

    /// Uploads `bytes` as the raw body with `filename`.
    func upload(_ bytes: Data, filename: String = "cv.txt", contentType: String = "application/octet-stream") async throws -> TestClient.Response {
        try await send(
            .POST, "/api/v1/resumes", body: ByteBuffer(data: bytes),
            headers: [("Content-Type", contentType), ("Content-Disposition", "attachment; filename=\"\(filename)\"")]
        )
    }

    /// Uploads and expects 201.
    func uploaded(_ bytes: Data, filename: String = "cv.txt") async throws -> ResumeDTO {
        let response = try await upload(bytes, filename: filename)
        guard response.status == 201 else { throw TestSetupError("upload answered \(response.status): \(response.text)") }
        return try response.json(ResumeDTO.self)
    }
}

/// A valid set of onboarding answers.
let sampleAnswers = OnboardingAnswers(
    experienceLevel: .earlyCareer, programmingExperience: .intermediate, mathBackground: .graduate, learningGoals: [.interviewPrep, .upskill],
    learningStyle: .examplesFirst, weeklyHours: 8
)

/// A quant researcher posting's description.
let quantDescription = """
    We are hiring a quantitative researcher to build systematic trading signals. You will apply stochastic calculus, \
    time-series econometrics and statistical learning to large datasets, test ideas with rigorous backtesting, and \
    write production research code in Python. A PhD in mathematics, statistics or physics is preferred; knowledge of \
    probability theory, linear algebra and optimisation is required.
    """
