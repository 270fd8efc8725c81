import Foundation
import PathwiseProtocol
import TestSupport
import Testing

@testable import Profile

@Suite("Profile events")
struct ProfileEventTests {
    @Test("user.registered creates the profile once; user.deleted erases it, idempotently")
    func lifecycle() async throws {
        try await withService(.profile, build: buildApplication) { port, database throws in
            let user = UUID()
            let registered = try EventEnvelope(UserRegistered(userID: user, email: "ada@example.com", name: "Ada"))
            #expect(try await deliver([registered], to: port) == EventBatchReceipt(applied: 1, duplicates: 0))
            #expect(try await deliver([registered], to: port) == EventBatchReceipt(applied: 0, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM profile.profiles WHERE user_id = '\(user)' AND name = 'Ada'") == 1)

            let deleted = try EventEnvelope(UserDeleted(userID: user))
            #expect(try await deliver([deleted, deleted], to: port) == EventBatchReceipt(applied: 1, duplicates: 1))
            #expect(try await database.count("SELECT count(*) FROM profile.profiles WHERE user_id = '\(user)'") == 0)
        }
    }

    @Test("events from a service that does not produce them are refused")
    func wrongProducer() async throws {
        try await withService(.profile, build: buildApplication) { port, _ throws in
            let registered = try EventEnvelope(UserRegistered(userID: UUID(), email: "a@example.com", name: nil))
            await #expect(throws: TestSetupError.self) { try await deliver([registered], to: port, as: "content") }
        }
    }
}
