import Foundation
import NIOPosix
import Synchronization

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

/// Runs a helper program (`pdftotext`, `pdfinfo`) on untrusted input with a wall-clock limit, an
/// output cap and no standard input, on a thread of its own so the event loops never block.
struct ExternalCommand: Sendable {
    let executable: String

    func run(_ arguments: [String], timeout: Duration, outputLimit: Int) async throws -> CommandResult {
        let executable = self.executable
        return try await NIOThreadPool.singleton.runIfActive {
            try Self.runBlocking(executable: executable, arguments: arguments, timeout: timeout, outputLimit: outputLimit)
        }
    }

    private static func runBlocking(executable: String, arguments: [String], timeout: Duration, outputLimit: Int) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let killed = KillSwitch()
        let timer = DispatchWorkItem {
            if process.isRunning {
                killed.fire()
                kill(process.processIdentifier, SIGKILL)
            }
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)

        var output = Data()
        var truncated = false
        let reader = stdout.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            if output.count + chunk.count > outputLimit {
                output.append(chunk.prefix(outputLimit - output.count))
                truncated = true
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                break
            }
            output.append(chunk)
        }
        process.waitUntilExit()
        timer.cancel()
        try? reader.close()
        return CommandResult(status: process.terminationStatus, output: output, truncated: truncated, timedOut: killed.fired)
    }
}

/// Whether the time limit's kill has fired.
private final class KillSwitch: Sendable {
    private let state = Mutex(false)

    func fire() { state.withLock { $0 = true } }
    var fired: Bool { state.withLock { $0 } }
}
