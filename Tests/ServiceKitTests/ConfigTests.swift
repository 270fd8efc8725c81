import PathwiseProtocol
import Testing

@testable import ServiceKit

@Suite("Configuration from the environment")
struct ConfigTests {
    @Test("a malformed port names the variable and the value in one line")
    func badPort() throws {
        #expect(throws: ConfigError(variable: "PORT", reason: "must be an integer from 0 to 65535 (got \"http\")")) {
            try ServiceConfig(service: .identity, environment: EnvironmentReader(["PORT": "http"]))
        }
    }

    @Test("a missing certificate file is refused at start, naming TLS_CERT")
    func missingCertificate() throws {
        let error = #expect(throws: ConfigError.self) {
            try ServiceConfig(service: .profile, environment: EnvironmentReader(["PKI_DIR": "/nonexistent"]))
        }
        #expect(error?.variable == "TLS_CERT")
        #expect(error?.description.hasPrefix("configuration error: TLS_CERT") == true)
    }

    @Test("peer URLs must be https")
    func peerURL() throws {
        let reader = EnvironmentReader(["PROFILE_URL": "http://profile:7102"])
        #expect(throws: ConfigError.self) { try reader.httpsURL("PROFILE_URL", default: "https://127.0.0.1:7102") }
    }

    @Test("choices list what is allowed")
    func choice() throws {
        let error = #expect(throws: ConfigError.self) {
            try EnvironmentReader(["LOG_FORMAT": "xml"]).choice("LOG_FORMAT", default: LogFormat.text)
        }
        #expect(error?.reason == "must be one of text, json (got \"xml\")")
    }

    @Test("each service connects as its own role by default")
    func databaseRole() throws {
        #expect(ServiceName.coaching.schema == "coaching")
        #expect(ServiceName.coaching.rawValue == "coaching-session")
        #expect(ServiceName.allCases.map(\.defaultPort) == [7101, 7102, 7103, 7104, 7105, 7106])
    }
}
