import ServiceKit

/// Identity's own settings beyond the common ones.
struct IdentitySettings: Sendable {
    var argon2: Argon2Parameters
    /// Hashes allowed to run at once; each holds `argon2.memoryKiB` while it runs.
    var maxConcurrentHashes: Int
    var lifetimes: TokenLifetimes
    /// How old the signing key gets before a successor is published.
    var keyRotationAge: Double

    init(_ env: EnvironmentReader) throws {
        let minimum = Argon2Parameters.minimum
        argon2 = Argon2Parameters(
            memoryKiB: UInt32(try env.int("ARGON2_MEMORY_KIB", default: Int(minimum.memoryKiB), in: Int(minimum.memoryKiB)...(4 << 20))),
            iterations: UInt32(try env.int("ARGON2_ITERATIONS", default: Int(minimum.iterations), in: Int(minimum.iterations)...20)),
            parallelism: 1
        )
        maxConcurrentHashes = try env.int("MAX_CONCURRENT_HASHES", default: 4, in: 1...256)
        lifetimes = TokenLifetimes()
        keyRotationAge = Double(try env.int("SIGNING_KEY_ROTATION_DAYS", default: 30, in: 1...365)) * 86_400
    }
}
