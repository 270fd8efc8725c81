import Foundation
import Intelligence
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Content

/// Coverage over the bundled library, through content's router in memory.
@Suite("Coverage")
struct CoverageTests {
    static func report(_ caller: RouterCaller, _ topics: [String]) async throws -> CoverageReportDTO {
        let response = try await caller.send(.POST, "/api/v1/coverage", json: CoverageRequest(topics: topics))
        guard response.status == 200 else { throw TestSetupError("coverage answered \(response.status): \(response.text)") }
        return try response.json(CoverageReportDTO.self)
    }

    @Test("a skill a lesson is about is covered with confidence 1, by id or by name, with the lessons and the reason")
    func coveredTopic() async throws {
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let report = try await Self.report(caller, ["combinatorics", "Stochastic Calculus", "stochastic-calculus"])
            #expect(report.threshold == 0.75)
            let combinatorics = report.items[0]
            #expect(combinatorics.skill?.id == "combinatorics" && combinatorics.covered && combinatorics.confidence == 1)
            #expect(combinatorics.lessons.first?.id == "counting-and-combinatorics")
            #expect(combinatorics.reason.contains("Counting and combinatorics") && combinatorics.externalResources.isEmpty)
            // No lesson lists it as a topic, but the Itô lessons' topics entail it: taught, 0.8, covered.
            #expect(report.items[1].skill?.id == "stochastic_calculus" && report.items[1].covered && report.items[1].confidence == 0.8)
            #expect(report.items[1].lessons.contains { $0.id == "itos-lemma-in-finance" })
            #expect(report.items[2].skill?.id == "stochastic_calculus")
            #expect(report.items.map(\.topic) == ["combinatorics", "Stochastic Calculus", "stochastic-calculus"], "topics come back as asked, in order")
        }
    }

    @Test("a skill only mentioned in passing is not covered, and one no lesson names offers the taxonomy's resources")
    func uncoveredTopics() async throws {
        let index = ContentFixtures.coverage
        let mentioned = try #require(index.evidence.first { $0.value.first?.evidence == .mentioned }?.key)
        let absent = try #require(ContentFixtures.taxonomy.resources.map(\.skill).first { index.evidence[$0] == nil })
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let report = try await Self.report(caller, [mentioned, absent, "underwater basket weaving"])
            #expect(report.items[0].confidence == 0.4 && !report.items[0].covered && report.items[0].reason.contains("only mentioned"))
            #expect(!report.items[0].lessons.isEmpty)
            #expect(report.items[1].confidence == 0 && !report.items[1].covered && report.items[1].lessons.isEmpty)
            #expect(!report.items[1].externalResources.isEmpty && report.items[1].externalResources.allSatisfy { $0.url.hasPrefix("https://") })
            #expect(report.items[2].skill == nil && !report.items[2].covered && report.items[2].confidence == 0)
        }
    }

    @Test("a skill the body names in a heading or three times is taught (0.8): covered at the default threshold, not at 0.9")
    func taughtTopic() async throws {
        let taught = try #require(ContentFixtures.coverage.evidence.first { $0.value.first?.evidence == .taught }?.key)
        #expect(ContentFixtures.coverage.coverage(of: taught).covered)
        let strict = CoverageIndex(
            catalog: ContentFixtures.catalog, taxonomy: ContentFixtures.taxonomy, matcher: SkillMatcher(taxonomy: ContentFixtures.taxonomy), threshold: 0.9
        )
        let item = strict.coverage(of: taught)
        #expect(item.confidence == 0.8 && !item.covered && item.reason.contains("taught in the body"))
    }

    @Test("one 400 names what is wrong: no topics, too many, a topic that is not text, an unknown field")
    func badRequests() async throws {
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let empty = try await caller.send(.POST, "/api/v1/coverage", json: CoverageRequest(topics: []))
            #expect(empty.status == 400 && empty.invalidFields == ["topics"])
            let many = try await caller.send(.POST, "/api/v1/coverage", json: CoverageRequest(topics: Array(repeating: "python", count: 201)))
            #expect(many.status == 400 && many.invalidFields == ["topics"])
            let mixed = try await caller.send(.POST, "/api/v1/coverage", text: #"{"topics":["python",7,""],"limit":3}"#)
            #expect(mixed.status == 400 && Set(mixed.invalidFields) == ["topics[1]", "topics[2]", "limit"])
            #expect(try await caller.send(.POST, "/api/v1/coverage", text: "{}").invalidFields == ["topics"])
        }
    }

    @Test("two hundred topics are answered in one call; the internal route is for pathing's certificate only")
    func manyTopicsAndInternalRoute() async throws {
        let topics = Array(ContentFixtures.taxonomy.skills.prefix(200).map(\.id))
        try await RouterCaller.with(try ContentFixtures.router()) { caller in
            let report = try await Self.report(caller, topics)
            #expect(report.items.count == 200 && report.items.allSatisfy { $0.skill != nil })
            #expect(try await caller.send(.POST, "/internal/coverage", json: CoverageRequest(topics: ["python"])).status == 403)
        }
    }
}
