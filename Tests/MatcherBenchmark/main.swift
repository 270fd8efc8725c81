import Foundation
import Intelligence

// `make bench` runs this: how long the matcher takes on a 1,500-word job posting, built from the test
// postings, after the dictionary is compiled once. Prints median and p99 over many runs.

let fixtures = CommandLine.arguments.dropFirst().first ?? "Tests/IntelligenceTests/Fixtures/postings"
let files = try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted().filter { $0.hasSuffix(".txt") }
var words: [Substring] = []
var paragraphs: [String] = []
while words.count < 1_500 {
    for file in files where words.count < 1_500 {
        let text = try String(contentsOfFile: "\(fixtures)/\(file)", encoding: .utf8)
        let take = text.split(whereSeparator: \.isWhitespace).prefix(1_500 - words.count)
        words += take
        paragraphs.append(take.joined(separator: " "))
    }
}
let posting = paragraphs.joined(separator: "\n\n")

let clock = ContinuousClock()
var matcher: SkillMatcher?
let compile = clock.measure { matcher = SkillMatcher(taxonomy: try! Taxonomy.bundled()) }
guard let matcher else { fatalError("no matcher") }

var mentions = 0
for _ in 0..<50 { mentions = matcher.scan(posting).mentions.count }
var samples: [Duration] = []
for _ in 0..<2_000 {
    samples.append(clock.measure { mentions = matcher.scan(posting).mentions.count })
}
samples.sort()
func milliseconds(_ duration: Duration) -> String {
    String(format: "%.3f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
}
print("matcher: \(words.count)-word posting, \(mentions) mentions, dictionary of \(try Taxonomy.bundled().skills.count) skills compiled in \(milliseconds(compile))")
print("matcher: median \(milliseconds(samples[samples.count / 2])), p99 \(milliseconds(samples[samples.count * 99 / 100])) over \(samples.count) runs")
