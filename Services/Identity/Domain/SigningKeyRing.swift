import Foundation

/// A stored ES256 signing key and when it may sign.
struct SigningKeyRecord: Sendable, Equatable {
    var kid: String
    var privateKeyPEM: String
    /// The public key as a JWK object (JSON text).
    var publicJWK: String
    var createdAt: Date
    /// Published from creation; used for signing only from this instant, so verifiers that cache the
    /// key set have seen it before the first token it signs.
    var signsFrom: Date
    var retiredAt: Date?
}

/// Which keys sign and which are published, at a given instant: pure rules over the stored keys.
struct SigningKeyRing: Sendable {
    /// How long before a new key signs that it is published: the JWKS cache lifetime plus a margin.
    static let publicationLead: TimeInterval = 600 + 300
    /// How long a superseded key stays published: the longest access-token life plus a margin.
    static let retirementGrace: TimeInterval = 300 + 300

    let keys: [SigningKeyRecord]

    /// The key that signs at `now`: the newest whose `signsFrom` has come and that is not retired.
    func activeKey(at now: Date) -> SigningKeyRecord? {
        keys.filter { $0.signsFrom <= now && ($0.retiredAt.map { $0 > now } ?? true) }
            .max { $0.signsFrom < $1.signsFrom }
    }

    /// Keys in the JWKS at `now`: every key not yet retired (including one that will sign soon).
    func publishedKeys(at now: Date) -> [SigningKeyRecord] {
        keys.filter { $0.retiredAt.map { $0 > now } ?? true }.sorted { $0.signsFrom < $1.signsFrom }
    }

    /// True when the active key is older than `rotationAge` and no successor is waiting.
    func needsSuccessor(at now: Date, rotationAge: TimeInterval) -> Bool {
        guard let active = activeKey(at: now) else { return true }
        let pending = keys.contains { $0.signsFrom > now && $0.retiredAt == nil }
        return !pending && now.timeIntervalSince(active.signsFrom) >= rotationAge
    }

    /// Keys to retire at `now`: superseded by a newer signing key for longer than the grace period.
    func keysToRetire(at now: Date) -> [SigningKeyRecord] {
        guard let active = activeKey(at: now) else { return [] }
        guard now.timeIntervalSince(active.signsFrom) >= Self.retirementGrace else { return [] }
        return keys.filter { $0.retiredAt == nil && $0.signsFrom < active.signsFrom }
    }
}
