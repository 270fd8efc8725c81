import CArgon2
import Foundation
import NIOPosix
import ServiceKit

/// Argon2id cost parameters, as recorded in a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
struct Argon2Parameters: Sendable, Equatable {
    /// Memory in KiB.
    var memoryKiB: UInt32
    var iterations: UInt32
    var parallelism: UInt32

    /// The OWASP / RFC 9106 baseline this service never goes below.
    static let minimum = Argon2Parameters(memoryKiB: 19_456, iterations: 2, parallelism: 1)

    /// The parameters of a stored hash, or `nil` if it is not an Argon2id PHC string.
    init?(phc: String) {
        let fields = phc.split(separator: "$")
        guard fields.count == 5, fields[0] == "argon2id" else { return nil }
        var values: [Substring: UInt32] = [:]
        for pair in fields[2].split(separator: ",") {
            let kv = pair.split(separator: "=")
            guard kv.count == 2, let value = UInt32(kv[1]) else { return nil }
            values[kv[0]] = value
        }
        guard let m = values["m"], let t = values["t"], let p = values["p"] else { return nil }
        self.init(memoryKiB: m, iterations: t, parallelism: p)
    }

    init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    /// True when a hash made with `self` is weaker than one made with `current` and should be redone.
    func isWeaker(than current: Argon2Parameters) -> Bool {
        memoryKiB < current.memoryKiB || iterations < current.iterations
    }
}

/// Argon2id hashing (libargon2) off the event loops, with a bound on how many hashes run at once so a
/// login flood queues instead of exhausting memory (each hash holds `memoryKiB` while it runs).
final class PasswordHasher: Sendable {
    let parameters: Argon2Parameters
    private let slots: AsyncSemaphore
    private let threadPool: NIOThreadPool

    init(parameters: Argon2Parameters, maxConcurrent: Int, threadPool: NIOThreadPool = .singleton) {
        self.parameters = parameters
        self.slots = AsyncSemaphore(permits: maxConcurrent)
        self.threadPool = threadPool
    }

    /// A PHC string for `password` (NFKC-normalised first) with a fresh 16-byte salt.
    func hash(_ password: String) async throws -> String {
        let normalised = Array(PasswordPolicy.normalise(password).utf8)
        let parameters = self.parameters
        return try await slots.withPermit {
            try await threadPool.runIfActive {
                try Self.argon2Hash(normalised, parameters: parameters)
            }
        }
    }

    /// Whether `password` matches the PHC string `encoded`.
    func verify(_ password: String, against encoded: String) async throws -> Bool {
        let normalised = Array(PasswordPolicy.normalise(password).utf8)
        return try await slots.withPermit {
            try await threadPool.runIfActive {
                normalised.withUnsafeBufferPointer { pwd in
                    argon2id_verify(encoded, pwd.baseAddress, pwd.count) == ARGON2_OK.rawValue
                }
            }
        }
    }

    /// Whether a stored hash was made with weaker parameters than the current ones.
    func needsRehash(_ encoded: String) -> Bool {
        guard let stored = Argon2Parameters(phc: encoded) else { return true }
        return stored.isWeaker(than: parameters)
    }

    private static func argon2Hash(_ password: [UInt8], parameters: Argon2Parameters) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let hashLength = 32
        let encodedLength = argon2_encodedlen(
            parameters.iterations, parameters.memoryKiB, parameters.parallelism, UInt32(salt.count), UInt32(hashLength), Argon2_id
        )
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let status = password.withUnsafeBufferPointer { pwd in
            argon2id_hash_encoded(
                parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                pwd.baseAddress, pwd.count, salt, salt.count, hashLength, &encoded, encodedLength
            )
        }
        guard status == ARGON2_OK.rawValue else { throw Argon2Error(code: status) }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// libargon2 refused to hash.
struct Argon2Error: Error, CustomStringConvertible {
    let code: Int32
    var description: String { "argon2 error \(code): \(String(cString: argon2_error_message(code)))" }
}
