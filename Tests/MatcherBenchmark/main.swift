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

// The posting reader on the same posting: sections, context, levels, implicit skills, role, domains.
let taxonomy = try Taxonomy.bundled()
let reader = PostingReader(
    taxonomy: taxonomy, matcher: matcher, classifier: RoleClassifier(taxonomy: taxonomy, matcher: matcher), domains: try DomainLexicon.bundled()
)
var required = 0
for _ in 0..<20 { required = try reader.read(title: "Machine Learning Engineer", text: posting).required.count }
var readings: [Duration] = []
for _ in 0..<300 {
    readings.append(try clock.measure { required = try reader.read(title: "Machine Learning Engineer", text: posting).required.count })
}
readings.sort()
print("posting reader: \(required) required skills; median \(milliseconds(readings[readings.count / 2])), p99 \(milliseconds(readings[readings.count * 99 / 100])) over \(readings.count) runs")
