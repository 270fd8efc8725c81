import Foundation
import PathwiseProtocol
import ServiceKit
import TestSupport
import Testing

@testable import Profile

@Suite("Profile migrations")
struct SkillKeyMigrationTests {
    @Test("resumes stored with skill_id are rewritten to {id, name, category}, in order, other fields kept")
    func skillIDBecomesID() async throws {
        try await TestDatabase.with { database throws in
            try await database.withClient(role: "profile") { client in
                _ = try await Migrator(schema: "profile", migrations: Array(ProfileMigrations.all.prefix(3))).migrate(client, logger: testLogger)
            }
            let user = UUID()
            try await database.execute("INSERT INTO profile.profiles (user_id, email) VALUES ('\(user)', 'a@example.com')")
            try await database.execute(
                """
                INSERT INTO profile.resumes (id, user_id, filename, content_type, size_bytes, sha256, content, extracted_text, word_count,
                    skills, implied_skills, warnings)
                VALUES ('\(UUID())', '\(user)', 'cv.txt', 'text/plain', 3, 'x', '\\x00', 'cv', 1,
                    '[{"skill_id":"python","name":"Python","category":"language","level":4},{"skill_id":"sql","name":"SQL","category":"data","level":3}]',
                    '[{"skill_id":"programming","name":"Programming","category":"practice"}]', '[]')
                """
            )
            try await database.withClient(role: "profile") { client in
                let applied = try await Migrator(schema: "profile", migrations: ProfileMigrations.all).migrate(client, logger: testLogger)
                #expect(applied == [4])
            }
            let skills = try await database.text("SELECT skills::text FROM profile.resumes")
            let decoded = try JSONCoding.decoder.decode([ResumeSkillDTOShape].self, from: Data(skills.utf8))
            #expect(decoded.map(\.id) == ["python", "sql"] && decoded.map(\.level) == [4, 3])
            #expect(!skills.contains("skill_id"))
            let implied = try await database.text("SELECT implied_skills::text FROM profile.resumes")
            #expect(try JSONCoding.decoder.decode([ImpliedSkillDTO].self, from: Data(implied.utf8)).map(\.id) == ["programming"])
        }
    }
}

/// The parts of a stored skill this test looks at.
private struct ResumeSkillDTOShape: Decodable {
    var id: String
    var level: Int
}
