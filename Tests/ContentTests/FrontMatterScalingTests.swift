import Foundation
import TestSupport
import Testing

@testable import Content

@Suite("Front matter scaling")
struct FrontMatterScalingTests {
    @Test("splitting front matter grows linearly: many lines, one long line, no closing fence")
    func growth() {
        let manyLines = costGrowth(n: 2_000) { size in
            _ = try? LessonLibrary.splitFrontMatter("---\n" + String(repeating: "k: v\n", count: size) + "---\n" + String(repeating: "body\n", count: size))
        }
        let longLine = costGrowth(n: 20_000) { size in
            _ = try? LessonLibrary.splitFrontMatter("---\ntitle: " + String(repeating: "x", count: size) + "\n---\nbody")
        }
        let unclosed = costGrowth(n: 2_000) { size in _ = try? LessonLibrary.splitFrontMatter("---\n" + String(repeating: "- -\n", count: size)) }
        #expect(manyLines < linearGrowthBound && longLine < linearGrowthBound && unclosed < linearGrowthBound, "\(manyLines)× \(longLine)× \(unclosed)×")
    }
}
