import Foundation
import Hummingbird
import Intelligence
import PathwiseProtocol
import PostgresNIO
import ServiceKit
import TestSupport
import Testing

@testable import Pathing

enum GapFixtures {
    static func skill(_ id: String, level: Int, evidence: String = "Used it at work.") -> ResumeSkillDTO {
        let known = PathingFixtures.taxonomy.skill(id)
        return ResumeSkillDTO(id: id, name: known?.name ?? id, category: known?.category ?? "", evidence: evidence, level: level, levelReason: "", mentions: 1)
    }

    static func audience(_ user: UUID, template: String? = nil, posting: String? = nil, resume: UUID? = UUID(), skills: [ResumeSkillDTO]) -> AudienceDTO {
        let target = (template != nil || posting != nil)
            ? JobTargetDTO(
                jobTitle: posting == nil ? nil : "Quantitative Researcher", jobDescription: posting, jobSeniority: .notSpecified, firm: nil,
                roleTemplate: template, roleType: template ?? "quant_researcher", roleScore: 1, targetHash: String(repeating: "c", count: 64),
                updatedAt: Date()
            ) : nil
        return AudienceDTO(userID: user, jobTarget: target, preferences: nil, resumeID: resume, skills: skills, impliedSkills: [])
    }

    static let posting = """
        Requirements:
        - Expert Python and strong SQL
        - Experience with Kubernetes
        Nice to have:
        - Familiarity with Terraform
        """
}

@Suite("Gap analysis")
struct GapAnalysisTests {
    @Test("matched at or above the level asked, weak below it, missing when not shown; the score weighs required over preferred over implicit")
    func statuses() throws {
        let requirements = JobRequirements(PathingFixtures.read(GapFixtures.posting))
        let analysis = GapAnalysis(
            requirements: requirements, skills: [GapFixtures.skill("python", level: 5), GapFixtures.skill("sql", level: 2)], impliedSkills: [],
            taxonomy: PathingFixtures.taxonomy
        )
        func status(_ id: String) -> GapAnalysis.Status? { analysis.findings.first { $0.requirement.skillID == id }?.status }
        #expect(status("python") == .matched && status("sql") == .weak && status("kubernetes") == .missing && status("terraform") == .missing)
        #expect(Set(analysis.gaps).isSuperset(of: ["sql", "kubernetes", "terraform"]) && !analysis.gaps.contains("python"))
        #expect((1...99).contains(analysis.score))
        // Meeting a required skill is worth more than meeting a preferred one.
        let requiredOnly = GapAnalysis(requirements: requirements, skills: [GapFixtures.skill("kubernetes", level: 5)], impliedSkills: [], taxonomy: PathingFixtures.taxonomy)
        let preferredOnly = GapAnalysis(requirements: requirements, skills: [GapFixtures.skill("terraform", level: 5)], impliedSkills: [], taxonomy: PathingFixtures.taxonomy)
        #expect(requiredOnly.score > preferredOnly.score)
        let everything = GapAnalysis(
            requirements: requirements, skills: requirements.items.map { GapFixtures.skill($0.skillID, level: 5) }, impliedSkills: [],
            taxonomy: PathingFixtures.taxonomy
        )
        #expect(everything.score == 100 && everything.groups.allSatisfy { $0.percent == 100 })
        let nothing = GapAnalysis(requirements: requirements, skills: [], impliedSkills: [], taxonomy: PathingFixtures.taxonomy)
        #expect(nothing.score == 0 && nothing.groups.reduce(0) { $0 + $1.required } == requirements.items.count)
    }

    @Test("a template target is its role's required skills at their levels and its preferred ones")
    func template() throws {
        let role = try #require(PathingFixtures.taxonomy.roles.first { $0.id == "quant_researcher" })
        let requirements = JobRequirements(template: role)
        #expect(requirements.roleType == "quant_researcher")
        #expect(requirements.items.filter { $0.importance == .required }.map(\.skillID) == role.required.map(\.skill))
        #expect(requirements.items.filter { $0.importance == .preferred }.count == role.preferred.count)
    }
}

@Suite("Gap report CSV")
struct GapReportCSVTests {
    static let report = GapReportDTO(
        id: UUID(), createdAt: Date(), target: PathTargetDTO(jobTitle: nil, roleType: "quant_researcher", targetHash: nil), resumeID: nil, score: 40,
        matched: [
            GapDTO(
                skill: SkillDTO(id: "python", name: "Python", category: "programming_language"), importance: "required", requiredLevel: 4, shownLevel: 5,
                evidence: "=HYPERLINK(\"http://evil\"), then \"quotes\"\nand a line", lessons: [], resources: []
            )
        ],
        weak: [],
        missing: [
            GapDTO(
                skill: SkillDTO(id: "sql", name: "SQL", category: "database"), importance: "preferred", requiredLevel: 3, shownLevel: nil,
                evidence: "@SUM(A1), +1, -1", lessons: [LessonReferenceDTO(id: "sql-joins", title: "SQL joins")],
                resources: [ExternalResourceDTO(title: "Book", url: "https://example.com/sql", kind: "book")]
            )
        ],
        groups: []
    )

    @Test("no cell starts a formula; commas, quotes and line breaks are quoted; Python's csv reader reads it back")
    func csv() throws {
        let text = GapReportCSV.render(Self.report)
        #expect(text.hasPrefix("skill_id,skill,category,status,importance,required_level,shown_level,evidence,lessons,resources\r\n"))
        #expect(CSVTable.cell("=1+1") == "'=1+1" && CSVTable.cell("a,b") == "\"a,b\"" && CSVTable.cell("plain") == "plain")
        let rows = try Python.csvRows(of: text)
        #expect(rows.count == 3 && rows.allSatisfy { $0.count == GapReportCSV.header.count })
        #expect(rows[1][0] == "python" && rows[1][3] == "matched" && rows[1][7] == "'=HYPERLINK(\"http://evil\"), then \"quotes\"\nand a line")
        #expect(rows[2][7] == "'@SUM(A1), +1, -1" && rows[2][8] == "sql-joins" && rows[2][9] == "https://example.com/sql" && rows[2][6] == "")
        #expect(rows.dropFirst().flatMap { $0 }.allSatisfy { cell in !"=+-@".contains(cell.first ?? " ") })
    }
}

/// Gap reports through pathing's router (in memory), and their store in Postgres.
@Suite("Gap report routes")
struct GapReportRouteTests {
    static func with(
        audiences: KnownAudiences, store: any GapReportStore = MemoryGapReportStore(),
        _ body: @Sendable (RouterCaller, StandInTokenIssuer) async throws -> Void
    ) async throws {
        let tokens = StandInTokenIssuer()
        let reports = PathingFixtures.gapReports(audiences: audiences, coverage: StandInCoverage(lessons: ["kubernetes": "containers-101"]), store: store)
        try await RouterCaller.with(buildRouter(PathingFixtures.dependencies(tokens: tokens, gapReports: reports))) { caller in
            try await body(caller, tokens)
        }
    }

    @Test("a report from a posting, from the job target, on another resume; its lessons and resources; list pages; export; delete")
    func lifecycle() async throws {
        let audiences = KnownAudiences()
        let (user, other) = (UUID(), UUID())
        let defaultResume = UUID()
        let secondResume = UUID()
        audiences.set(GapFixtures.audience(user, template: "quant_researcher", resume: defaultResume, skills: [GapFixtures.skill("python", level: 5)]))
        audiences.set(GapFixtures.audience(user, template: "quant_researcher", resume: secondResume, skills: [GapFixtures.skill("sql", level: 4)]))
        try await Self.with(audiences: audiences) { caller, tokens in
            let token = tokens.accessToken(for: user)
            let made = try await caller.send(.POST, "/api/v1/gap-reports", json: GapReportRequest(jobDescription: GapFixtures.posting), bearer: token)
            #expect(made.status == 201, "\(made.text)")
            let report = try made.json(GapReportDTO.self)
            #expect(made.headers.first(name: "Location") == "/api/v1/gap-reports/\(report.id.uuidString.lowercased())")
            #expect(report.matched.map(\.skill.id).contains("python") && report.resumeID == defaultResume && report.target.targetHash == nil)
            let kubernetes = try #require(report.missing.first { $0.skill.id == "kubernetes" })
            #expect(kubernetes.lessons.map(\.id) == ["containers-101"] && kubernetes.resources.isEmpty)
            let terraform = try #require(report.missing.first { $0.skill.id == "terraform" })
            #expect(terraform.lessons.isEmpty && terraform.resources.count == 1 && terraform.importance == "preferred")

            let fromTarget = try await caller.send(.POST, "/api/v1/gap-reports", json: GapReportRequest(), bearer: token).json(GapReportDTO.self)
            #expect(fromTarget.target.roleType == "quant_researcher" && fromTarget.target.targetHash == String(repeating: "c", count: 64))
            let onSecond = try await caller.send(.POST, "/api/v1/gap-reports", json: GapReportRequest(resumeID: secondResume), bearer: token)
            #expect(try onSecond.json(GapReportDTO.self).resumeID == secondResume)

            let first = try await caller.send(.GET, "/api/v1/gap-reports?limit=2", bearer: token).json(Page<GapReportDTO>.self)
            #expect(first.items.count == 2 && first.nextCursor != nil)
            let cursor = try #require(first.nextCursor)
            let second = try await caller.send(.GET, "/api/v1/gap-reports?limit=2&cursor=\(cursor)", bearer: token).json(Page<GapReportDTO>.self)
            #expect(second.items.count == 1 && second.nextCursor == nil)
            #expect(Set((first.items + second.items).map(\.id)).count == 3)

            let csv = try await caller.send(.GET, "/api/v1/gap-reports/\(report.id)/export?format=csv", bearer: token)
            #expect(csv.status == 200 && csv.headers.first(name: "Content-Type")?.hasPrefix("text/csv") == true)
            #expect(csv.headers.first(name: "Content-Disposition") == "attachment; filename=\"gap-report-\(report.id.uuidString.lowercased()).csv\"")
            #expect(csv.text.contains("kubernetes,") && csv.text.hasSuffix("\r\n"))
            let json = try await caller.send(.GET, "/api/v1/gap-reports/\(report.id)/export", bearer: token)
            #expect(try json.json(GapReportDTO.self) == report)

            // Another person's report is not there for them.
            let stranger = tokens.accessToken(for: other)
            let read = try await caller.send(.GET, "/api/v1/gap-reports/\(report.id)", bearer: stranger)
            let exported = try await caller.send(.GET, "/api/v1/gap-reports/\(report.id)/export", bearer: stranger)
            let deleted = try await caller.send(.DELETE, "/api/v1/gap-reports/\(report.id)", bearer: stranger)
            #expect(read.status == 404 && exported.status == 404 && deleted.status == 404)
            #expect(try await caller.send(.GET, "/api/v1/gap-reports", bearer: stranger).json(Page<GapReportDTO>.self).items.isEmpty)

            #expect(try await caller.send(.DELETE, "/api/v1/gap-reports/\(report.id)", bearer: token).status == 204)
            #expect(try await caller.send(.GET, "/api/v1/gap-reports/\(report.id)", bearer: token).status == 404)
        }
    }

    @Test("no target and no posting is 422; a resume that is not theirs, an unknown id, a bad limit, cursor or format are refused")
    func refusals() async throws {
        let audiences = KnownAudiences()
        let user = UUID()
        try await Self.with(audiences: audiences) { caller, tokens in
            let token = tokens.accessToken(for: user)
            let untargeted = try await caller.send(.POST, "/api/v1/gap-reports", json: GapReportRequest(), bearer: token)
            #expect(untargeted.status == 422 && untargeted.code == "no_job_target")
            let notTheirs = try await caller.send(.POST, "/api/v1/gap-reports", json: GapReportRequest(jobDescription: GapFixtures.posting, resumeID: UUID()), bearer: token)
            #expect(notTheirs.status == 404)
            let badResume = try await caller.send(
                .POST, "/api/v1/gap-reports", json: JSONValue.object(["resume_id": .string("nope"), "job_description": .string(GapFixtures.posting)]), bearer: token
            )
            #expect(badResume.status == 400 && badResume.invalidFields == ["resume_id"])
            let short = try await caller.send(.POST, "/api/v1/gap-reports", json: GapReportRequest(jobDescription: "short"), bearer: token)
            #expect(short.status == 400 && short.invalidFields == ["job_description"])
            for query in ["limit=0", "limit=1000", "limit=x", "cursor=garbage"] {
                let response = try await caller.send(.GET, "/api/v1/gap-reports?\(query)", bearer: token)
                #expect(response.status == 400, "\(query)")
            }
            #expect(try await caller.send(.GET, "/api/v1/gap-reports/not-a-uuid", bearer: token).status == 404)
            #expect(try await caller.send(.GET, "/api/v1/gap-reports/\(UUID())/export?format=xml", bearer: token).status == 400)
            #expect(try await caller.send(.GET, "/api/v1/gap-reports").status == 401)
        }
    }

    @Test("in Postgres: saved, paged newest first across equal times, read and deleted by their owner only")
    func postgresStore() async throws {
        try await TestDatabase.migrated(role: "pathing", PathingMigrations.all) { client, database in
            let store = PostgresGapReportStore(client: client, logger: testLogger)
            let (user, other) = (UUID(), UUID())
            let time = Date(timeIntervalSince1970: 1_800_000_000.123)
            var ids: [UUID] = []
            for index in 0..<5 {
                var report = GapReportCSVTests.report
                report.id = UUID()
                report.createdAt = index < 3 ? time : time.addingTimeInterval(Double(index))
                ids.append(report.id)
                try await store.save(report, for: user)
            }
            var seen: [UUID] = []
            var page = PageRequest(limit: 2)
            while true {
                let got = try await store.list(for: user, page: page)
                seen += got.items.map(\.id)
                guard let next = got.nextCursor else { break }
                page = PageRequest(limit: 2, after: PageCursor(encoded: next))
            }
            #expect(seen.count == 5 && Set(seen) == Set(ids), "every report once, however many share a time")
            #expect(try await store.list(for: other, page: PageRequest()).items.isEmpty)
            let (theirs, mine) = (try await store.report(ids[0], of: other), try await store.report(ids[0], of: user))
            #expect(theirs == nil && mine != nil)
            let deletedByOther = try await store.delete(ids[0], of: other)
            let deletedByOwner = try await store.delete(ids[0], of: user)
            #expect(!deletedByOther && deletedByOwner)
            #expect(try await database.count("SELECT count(*) FROM pathing.gap_reports") == 4)
        }
    }

    @Test("user.deleted erases every row of the person's: reports, paths, target, known topics, progress, receipts, study days")
    func erasure() async throws {
        try await withService(.pathing, build: buildApplication) { port, database throws in
            let (user, other) = (UUID(), UUID())
            for person in [user, other] {
                for statement in [
                    "INSERT INTO pathing.gap_reports (id, user_id, created_at, report) VALUES ('\(UUID())', '\(person)', now(), '{}')",
                    "INSERT INTO pathing.learning_paths (id, user_id, created_at, updated_at, target_hash, lesson_ids, plan, path) VALUES ('\(UUID())', '\(person)', now(), now(), NULL, '{}', '{}', '{}')",
                    "INSERT INTO pathing.path_targets (user_id, target_hash, changed_at, received_at, due_at) VALUES ('\(person)', NULL, now(), now(), NULL)",
                    "INSERT INTO pathing.known_topics (user_id, skill_id, marked_at) VALUES ('\(person)', 'python', now())",
                    "INSERT INTO pathing.lesson_progress (user_id, lesson_id, status, seconds_spent, reviews, updated_at) VALUES ('\(person)', 'regression-ols', 'in_progress', 60, 0, now())",
                    "INSERT INTO pathing.time_receipts (user_id, idempotency_key, lesson_id, seconds, created_at) VALUES ('\(person)', 'k', 'regression-ols', 60, now())",
                    "INSERT INTO pathing.study_activity (user_id, quarter) VALUES ('\(person)', now())",
                ] {
                    try await database.execute(statement)
                }
            }
            #expect(try await deliver([try EventEnvelope(UserDeleted(userID: user))], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            for table in PathingMigrations.userOwnedTables {
                #expect(try await database.count("SELECT count(*) FROM pathing.\(table) WHERE user_id = '\(user)'") == 0, "\(table)")
                #expect(try await database.count("SELECT count(*) FROM pathing.\(table) WHERE user_id = '\(other)'") == 1, "\(table)")
            }
        }
    }
}
