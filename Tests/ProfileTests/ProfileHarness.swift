import Foundation
import Intelligence
import Hummingbird
import NIOCore
import NIOHTTP1
import PathwiseProtocol
import ServiceKit
import TestSupport

@testable import Profile

/// Profile under test and a person calling it through the gateway: in memory through its router
/// (`with`, for the rules of each route), or running on a fresh database over TLS beside a stand-in
/// identity (`live`, for what only Postgres, certificates, events or the process show).
struct ProfileHarness: Sendable {
    let caller: any ServiceCaller
    let tokens: StandInTokenIssuer
    let user: UUID
    /// Only in a live harness.
    private let running: ServiceUnderTest?
    /// Only in an in-memory harness.
    let stores: MemoryProfileStores?

    /// One taxonomy and matcher for every in-memory router: building them is the costliest part of a router.
    static let taxonomy = try! Taxonomy.bundled()
    static let matcher = SkillMatcher(taxonomy: taxonomy)

    /// Profile's router over fresh in-memory stores, accepting `tokens`' tokens, at a time `clock` sets.
    static func memory(clock: ManualClock = ManualClock()) throws -> (Router<ServiceRequestContext>, MemoryProfileStores, StandInTokenIssuer) {
        let stores = MemoryProfileStores(clock: clock.wallClock)
        let tokens = StandInTokenIssuer()
        let dependencies = try ProfileDependencies(
            profiles: stores, resumes: stores, verifier: tokens.verifier(), inbox: Inbox(receipts: MemoryInboxReceipts()), maxBodyBytes: 1 << 20,
            // The route tests check what is read, not how fast: a debug build on two busy cores can take
            // longer than the running limit over a MiB (ProfileRouterTests checks the limit's answer).
            clock: clock.wallClock, analysisTimeLimit: .seconds(120), taxonomy: taxonomy, matcher: matcher, logger: testLogger
        )
        return (buildRouter(dependencies), stores, tokens)
    }

    /// Runs `body` as a new person against profile's router over in-memory stores.
    static func with(_ body: @escaping @Sendable (ProfileHarness) async throws -> Void) async throws {
        let (router, stores, tokens) = try memory()
        try await RouterCaller.with(router) { caller in
            try await body(ProfileHarness(caller: caller, tokens: tokens, user: UUID(), running: nil, stores: stores))
        }
    }

    /// Starts profile on a fresh database, runs `body` as a new person, stops it.
    static func live(_ body: (ProfileHarness) async throws -> Void) async throws {
        try await withService(.profile, build: buildApplication) { service throws in
            try await TestClient.with(identity: .gateway) { client in
                try await body(
                    ProfileHarness(caller: LiveCaller(client: client, port: service.port), tokens: service.tokens, user: UUID(), running: service, stores: nil)
                )
            }
        }
    }

    /// The running service (live harness only).
    var service: ServiceUnderTest {
        get throws {
            guard let running else { throw TestSetupError("an in-memory harness has no running service: use ProfileHarness.live") }
            return running
        }
    }

    /// The same service, called by someone else.
    func otherPerson() -> ProfileHarness {
        ProfileHarness(caller: caller, tokens: tokens, user: UUID(), running: running, stores: stores)
    }

    /// How many resumes are stored, for everyone.
    func resumeCount() async throws -> Int {
        if let stores { return stores.resumeCount }
        return try await service.database.count("SELECT count(*) FROM profile.resumes")
    }

    func send(
        _ method: HTTPMethod, _ path: String, json: (any Encodable)? = nil, body: ByteBuffer? = nil, headers: [(String, String)] = [],
        authenticated: Bool = true
    ) async throws -> TestClient.Response {
        try await caller.send(method, path, headers: headers, json: json, body: body, bearer: authenticated ? tokens.accessToken(for: user) : nil)
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
