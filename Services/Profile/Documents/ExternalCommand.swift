import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// What a finished command gave back.
struct CommandResult: Sendable {
    var status: Int32
    /// Standard output, at most the limit asked for.
    var output: Data
    /// The output went past the limit; the command was stopped there.
    var truncated: Bool
    /// The command ran past its time limit and was killed.
    var timedOut: Bool
}

/// Runs a helper program (`pdftotext`, `pdfinfo`) on untrusted input through swift-subprocess: no
/// standard input, a fixed environment, standard output read as it arrives up to a cap, and a
/// wall-clock limit after which the process is killed. Nothing blocks a thread while it runs.
struct ExternalCommand: Sendable {
    let executable: String

    func run(_ arguments: [String], timeout: Duration, outputLimit: Int) async throws -> CommandResult {
        let executable = self.executable
        return try await withThrowingTaskGroup(of: CommandResult?.self) { group in
            group.addTask {
                try await Self.collect(executable: executable, arguments: arguments, outputLimit: outputLimit)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            // The first to finish decides; cancelling the other kills the process if it still runs
            // (swift-subprocess tears a cancelled run down with SIGKILL).
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first ?? CommandResult(status: -1, output: Data(), truncated: false, timedOut: true)
        }
    }

    /// Runs the command to its end, keeping at most `outputLimit` bytes of its output and killing it
    /// once it writes more.
    private static func collect(executable: String, arguments: [String], outputLimit: Int) async throws -> CommandResult {
        let result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: Arguments(arguments),
            environment: .custom(["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]),
            input: .none, output: .sequence, error: .discarded
        ) { execution in
            var output = Data()
            var truncated = false
            for try await chunk in execution.standardOutput {
                let room = outputLimit - output.count
                chunk.withUnsafeBytes { bytes in output.append(contentsOf: bytes.prefix(room)) }
                if chunk.count > room {
                    truncated = true
                    try? execution.send(signal: .kill)
                    break
                }
            }
            return (output, truncated)
        }
        let status: Int32
        switch result.terminationStatus {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return CommandResult(status: status, output: result.closureResult.0, truncated: result.closureResult.1, timedOut: false)
    }
}
