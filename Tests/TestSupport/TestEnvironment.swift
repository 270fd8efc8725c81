import Foundation

/// What `make test` (deploy/scripts/test.sh) provides: the throwaway Postgres, the dev PKI, the built binaries.
public enum TestEnvironment {
    /// A variable `make test` sets; a clear failure when a test is run some other way.
    public static func value(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TestSetupError("\(name) is not set: run the tests with `make test`, which starts the throwaway Postgres and makes the certificates")
        }
        return value
    }

    public static var postgresPort: Int {
        get throws {
            let raw = try value("PATHWISE_TEST_PG_PORT")
            guard let port = Int(raw) else { throw TestSetupError("PATHWISE_TEST_PG_PORT is not a port: \(raw)") }
            return port
        }
    }

    public static var pkiDirectory: String { get throws { try value("PATHWISE_PKI_DIR") } }
    public static var roguePKIDirectory: String { get throws { try value("PATHWISE_ROGUE_PKI_DIR") } }
    public static var binDirectory: String { get throws { try value("PATHWISE_BIN_DIR") } }
    public static var repoDirectory: String { get throws { try value("PATHWISE_REPO") } }
}

/// The test environment is missing something it needs.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
