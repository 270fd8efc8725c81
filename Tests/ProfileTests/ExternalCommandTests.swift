import Foundation
import Testing

@testable import Profile

/// The PDF tools run as subprocesses on untrusted files: each run is bounded in time and output and
/// reads nothing from the service.
@Suite("External commands")
struct ExternalCommandTests {
    @Test("a command past its time limit is killed and reported as timed out")
    func timeout() async throws {
        let start = ContinuousClock.now
        let result = try await ExternalCommand(executable: "/bin/sleep").run(["120"], timeout: .milliseconds(300), outputLimit: 1024)
        #expect(result.timedOut)
        // Killed, not waited for: far sooner than the command's two minutes. The margin is wide
        // because the parallel suites can keep the timer from firing for a while on two cores.
        #expect(ContinuousClock.now - start < .seconds(90))
    }

    @Test("output past the limit is cut there and the command stopped")
    func outputLimit() async throws {
        let result = try await ExternalCommand(executable: "/usr/bin/yes").run([], timeout: .seconds(20), outputLimit: 100_000)
        #expect(result.truncated && !result.timedOut)
        #expect(result.output.count == 100_000)
    }

    @Test("the exit status comes back; standard input is empty, so a reader of it ends at once")
    func statusAndInput() async throws {
        let failed = try await ExternalCommand(executable: "/bin/sh").run(["-c", "echo partial; exit 3"], timeout: .seconds(20), outputLimit: 1024)
        #expect(failed.status == 3 && String(decoding: failed.output, as: UTF8.self) == "partial\n")
        let reader = try await ExternalCommand(executable: "/bin/cat").run([], timeout: .seconds(20), outputLimit: 1024)
        #expect(reader.status == 0 && reader.output.isEmpty && !reader.timedOut)
        let environment = try await ExternalCommand(executable: "/usr/bin/env").run([], timeout: .seconds(20), outputLimit: 4096)
        #expect(String(decoding: environment.output, as: UTF8.self).split(separator: "\n").sorted() == ["LC_ALL=C.UTF-8", "PATH=/usr/bin:/bin"])
    }
}
