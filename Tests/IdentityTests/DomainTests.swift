import Foundation
import ServiceKit
import PathwiseProtocol
import Testing

@testable import Identity

@Suite("Password policy")
struct PasswordPolicyTests {
    static let policy = try! PasswordPolicy.bundled()

    func violation(_ password: String, email: String = "ada@example.com") -> String? {
        Self.policy.violation(of: password, email: email)
    }

    @Test("a long passphrase with no special characters is enough")
    func passphrase() {
        #expect(violation("correct horse battery staple") == nil)
        #expect(violation("ünïcödé pässphrase wörks") == nil)
    }

    @Test("fewer than 15 characters is refused with the reason")
    func tooShort() {
        #expect(violation("Tr0ub4dor&3!!x")?.hasPrefix("must be at least 15 characters") == true)
    }

    @Test("length counts code points after NFKC, so compatibility forms cannot pad a password")
    func normalisation() {
        // "ﬀ" (one code point) becomes "ff" (two) under NFKC; fullwidth letters become ASCII.
        #expect(PasswordPolicy.normalise("ｐａｓｓ") == "pass")
        #expect(violation(String(repeating: "ﬀ", count: 8)) != nil)
        #expect(violation("ｃｏｒｒｅｃｔ horse battery staple") == nil)
    }

    @Test("more than 128 characters is refused")
    func tooLong() {
        #expect(violation(String(repeating: "abcdefgh ", count: 15))?.contains("at most 128") == true)
    }

    @Test("a common password is refused, whatever its case")
    func common() {
        #expect(Self.policy.commonPasswords.count >= 10_000)
        #expect(violation("1qaz2wsx3edc4rfv")?.contains("most commonly used") == true)
        #expect(violation("1QAZ2WSX3EDC4RFV")?.contains("most commonly used") == true)
    }

    @Test("a repeated short pattern or a repeated common password is refused")
    func repetition() {
        #expect(violation("aaaaaaaaaaaaaaaaaaaa") != nil)
        #expect(violation("abcabcabcabcabcabc") != nil)
        #expect(violation("passwordpasswordpassword") != nil)
        #expect(violation("dragondragondragon") != nil)
    }

    @Test("a run of sequential characters is refused")
    func sequences() {
        #expect(violation("abcdefghijklmnopq") != nil)
        #expect(violation("98765432109876543") != nil)
    }

    @Test("the email address, or its local part, is refused as a password")
    func email() {
        #expect(violation("ada.lovelace.1815@example.com", email: "Ada.Lovelace.1815@example.com") == "must not be your email address")
        #expect(violation("ada.lovelace.1815", email: "ada.lovelace.1815@example.com") == "must not be your email address")
    }

    @Test("email addresses are validated and normalised")
    func emailAddresses() {
        #expect(EmailAddress.violation(of: "ada@example.com") == nil)
        #expect(EmailAddress.violation(of: "ada") != nil)
        #expect(EmailAddress.violation(of: "ada@localhost") != nil)
        #expect(EmailAddress.violation(of: "a da@example.com") != nil)
        #expect(EmailAddress.normalise("  Ada@Example.COM ") == "ada@example.com")
    }
}

@Suite("Argon2id hashing")
struct PasswordHasherTests {
    @Test("hashes are Argon2id PHC strings with the configured parameters and verify")
    func roundTrip() async throws {
        let hasher = PasswordHasher(parameters: .minimum, maxConcurrent: 2)
        let hash = try await hasher.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(try await hasher.verify("correct horse battery staple", against: hash))
        #expect(try await !hasher.verify("correct horse battery stapler", against: hash))
        #expect(try await hasher.hash("correct horse battery staple") != hash)
    }

    @Test("a password is compared after NFKC, so its compatibility spelling matches")
    func normalised() async throws {
        let hasher = PasswordHasher(parameters: .minimum, maxConcurrent: 1)
        let hash = try await hasher.hash("ｃｏｒｒｅｃｔ horse battery staple")
        #expect(try await hasher.verify("correct horse battery staple", against: hash))
    }

    @Test("a hash made with weaker parameters than the current ones needs rehashing")
    func rehash() {
        let stronger = PasswordHasher(parameters: Argon2Parameters(memoryKiB: 19_456, iterations: 3, parallelism: 1), maxConcurrent: 1)
        #expect(stronger.needsRehash("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA"))
        #expect(!stronger.needsRehash("$argon2id$v=19$m=19456,t=3,p=1$c2FsdHNhbHQ$aGFzaA"))
        #expect(stronger.needsRehash("$2b$12$bcrypt"))
        #expect(Argon2Parameters(phc: "$argon2id$v=19$m=65536,t=3,p=4$salt$hash") == Argon2Parameters(memoryKiB: 65536, iterations: 3, parallelism: 4))
    }

    @Test("no more hashes run at once than the limit allows")
    func boundedConcurrency() async throws {
        let semaphore = AsyncSemaphore(permits: 2)
        let running = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await semaphore.withPermit {
                        await running.enter()
                        try await Task.sleep(for: .milliseconds(20))
                        await running.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await running.peak == 2)
    }
}

actor Counter {
    var current = 0
    var peak = 0
    func enter() {
        current += 1
        peak = max(peak, current)
    }
    func leave() { current -= 1 }
}

@Suite("Login throttle schedule")
struct ThrottleTests {
    @Test("five free failures per account, then a doubling wait capped at 15 minutes")
    func accountSchedule() {
        let schedule = ThrottleSchedule.account
        #expect((1...5).map(schedule.delay(afterFailures:)) == [0, 0, 0, 0, 0])
        #expect((6...9).map(schedule.delay(afterFailures:)) == [1, 2, 4, 8])
        #expect(schedule.delay(afterFailures: 40) == 900)
        #expect(ThrottleSchedule.address.delay(afterFailures: 20) == 0)
        #expect(ThrottleSchedule.address.delay(afterFailures: 21) == 1)
    }

    @Test("failures are forgotten after an hour without one")
    func forgetting() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        var state = ThrottleState.firstFailure(at: start, schedule: .account)
        for second in 1...5 { state = state.recordingFailure(at: start.addingTimeInterval(Double(second)), schedule: .account) }
        #expect(state.failures == 6)
        #expect(state.retryAfter(at: start.addingTimeInterval(5)) == 1)
        let later = state.recordingFailure(at: start.addingTimeInterval(4000), schedule: .account)
        #expect(later.failures == 1)
        #expect(later.blockedUntil == nil)
    }
}

@Suite("Tokens and signing keys")
struct TokenRulesTests {
    @Test("access tokens live five minutes and never predate the user's revocation cutoff")
    func claims() {
        let factory = AccessTokenClaimsFactory(lifetimes: TokenLifetimes())
        let now = Date(timeIntervalSince1970: 1_700_000_000.4)
        let user = UUID()
        let session = UUID()
        let plain = factory.claims(user: user, session: session, now: now, tokensValidAfter: nil)
        #expect(plain.iat == 1_700_000_000)
        #expect(plain.nbf == 1_700_000_000)
        #expect(plain.exp == 1_700_000_300)
        #expect(plain.iss == "pathwise-identity" && plain.aud == "pathwise")
        #expect(plain.sub == user.uuidString.lowercased() && plain.sid == session.uuidString.lowercased())
        // Logged out at 1_700_000_000.2: the cutoff rounds up to …001, and a token made in the same second must clear it.
        let cutoff = RevocationCutoff.seconds(for: Date(timeIntervalSince1970: 1_700_000_000.2))
        #expect(cutoff == 1_700_000_001)
        #expect(factory.claims(user: user, session: session, now: now, tokensValidAfter: cutoff).iat == cutoff)
    }

    @Test("refresh tokens carry 256 random bits and only their hash is kept")
    func refreshTokens() {
        let a = RefreshTokenSecret.generate()
        let b = RefreshTokenSecret.generate()
        #expect(a.token != b.token)
        #expect(a.token.count == 43)
        #expect(a.hash == RefreshTokenSecret.digest(a.token))
        #expect(a.hash.count == 64 && !a.hash.contains(a.token))
    }

    func key(_ kid: String, signsFrom: TimeInterval, retired: TimeInterval? = nil) -> SigningKeyRecord {
        SigningKeyRecord(
            kid: kid, privateKeyPEM: "", publicJWK: "{\"kid\":\"\(kid)\"}", createdAt: Date(timeIntervalSince1970: signsFrom),
            signsFrom: Date(timeIntervalSince1970: signsFrom), retiredAt: retired.map { Date(timeIntervalSince1970: $0) }
        )
    }

    @Test("a successor is published before it signs, and the old key stays published while its tokens live")
    func rotation() {
        let day: TimeInterval = 86_400
        let old = key("old", signsFrom: 0)
        let now = 31 * day
        var ring = SigningKeyRing(keys: [old])
        #expect(ring.needsSuccessor(at: Date(timeIntervalSince1970: now), rotationAge: 30 * day))
        #expect(!ring.needsSuccessor(at: Date(timeIntervalSince1970: 10 * day), rotationAge: 30 * day))

        let successor = key("new", signsFrom: now + SigningKeyRing.publicationLead)
        ring = SigningKeyRing(keys: [old, successor])
        let beforeSwitch = Date(timeIntervalSince1970: now + 60)
        #expect(ring.activeKey(at: beforeSwitch)?.kid == "old")
        #expect(ring.publishedKeys(at: beforeSwitch).map(\.kid) == ["old", "new"])
        #expect(!ring.needsSuccessor(at: beforeSwitch, rotationAge: 30 * day))

        let afterSwitch = Date(timeIntervalSince1970: now + SigningKeyRing.publicationLead + 1)
        #expect(ring.activeKey(at: afterSwitch)?.kid == "new")
        #expect(ring.keysToRetire(at: afterSwitch).isEmpty)
        let graceOver = afterSwitch.addingTimeInterval(SigningKeyRing.retirementGrace)
        #expect(ring.keysToRetire(at: graceOver).map(\.kid) == ["old"])
    }

    @Test("a generated key publishes only public parameters")
    func publicJWK() throws {
        let record = try TokenSigner.generateKey(signsFrom: Date(), now: Date())
        let jwk = try #require(try JSONSerialization.jsonObject(with: Data(record.publicJWK.utf8)) as? [String: String])
        #expect(jwk["kty"] == "EC" && jwk["crv"] == "P-256" && jwk["alg"] == "ES256" && jwk["kid"] == record.kid)
        #expect(jwk["d"] == nil)
        #expect(record.privateKeyPEM.contains("PRIVATE KEY"))
    }
}
