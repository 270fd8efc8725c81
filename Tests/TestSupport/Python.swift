public import Foundation

/// The system's Python (with the Debian packages `make setup` installs), as the tests' outside reader
/// of what the services write: CSV files by the `csv` module, calendars by `icalendar`.
public enum Python {
    /// A run that did not exit 0.
    public struct Failed: Error {
        public var status: Int32
    }

    /// A script that prints the rows Python's `csv` module reads from stdin, as JSON.
    public static let csvRows = "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')))))"

    /// Runs `script` with /usr/bin/python3, `input` on its stdin, and returns what it printed.
    public static func run(_ script: String, input: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failed(status: process.terminationStatus) }
        return output
    }

    /// The rows Python's `csv` module reads from `text`.
    public static func csvRows(of text: String) throws -> [[String]] {
        try JSONDecoder().decode([[String]].self, from: try run(csvRows, input: text))
    }
}
