import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `make run` and `make up` keep every service under deploy/scripts/supervise.sh: a process that dies
/// is started again, with the restart logged, and a stop ends both without a restart.
@Suite("Supervision")
struct SupervisionTests {
    @Test("a killed process comes back with a new pid and a logged restart; TERM stops it for good")
    func restartAndStop() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("supervise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("child.pid").path
        let log = folder.appendingPathComponent("supervisor.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        // Started as a shell starts it: Foundation's Process hands its children the runner's blocked
        // signal mask, under which no TERM would ever arrive.
        let supervisor = try spawnWithDefaultSignals(
            try TestEnvironment.repoDirectory + "/deploy/scripts/supervise.sh", ["--pid-file", pidFile, "sleeper", "/bin/sleep", "300"],
            stderr: log.path
        )
        defer { kill(supervisor, SIGKILL) }
        var supervisorRunning: Bool {
            var status: Int32 = 0
            return waitpid(supervisor, &status, WNOHANG) == 0
        }

        func childPID() -> Int32? {
            (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        func waitFor(_ timeout: Duration, _ condition: () -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if condition() { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            return condition()
        }

        #expect(try await waitFor(.seconds(10)) { childPID() != nil })
        let first = try #require(childPID())
        kill(first, SIGKILL)
        #expect(try await waitFor(.seconds(10)) { childPID().map { $0 != first && kill($0, 0) == 0 } ?? false }, "restarted after SIGKILL")
        let logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(logged.contains("supervisor: sleeper exited (status 137, SIGKILL)") && logged.contains("restarting in 1 s"), "\(logged)")

        let second = try #require(childPID())
        kill(supervisor, SIGTERM)
        #expect(try await waitFor(.seconds(15)) { !supervisorRunning }, "the supervisor stops on TERM")
        #expect(kill(second, 0) != 0, "the process stops with its supervisor")
        #expect(!FileManager.default.fileExists(atPath: pidFile))
        // The supervisor has exited, so nothing can restart the process any more.
        #expect(!((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("restart 2"), "no restart during the stop")
    }
}

/// Starts `executable` with every signal unblocked and at its default action, its standard error
/// appended to `stderr`; returns its pid.
private func spawnWithDefaultSignals(_ executable: String, _ arguments: [String], stderr: String) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_APPEND, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    guard result == 0 else { throw TestSetupError("posix_spawn \(executable) failed: \(result)") }
    return pid
}
