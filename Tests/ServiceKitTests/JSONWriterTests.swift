import Foundation
import NIOCore
import PathwiseProtocol
import Testing

@testable import ServiceKit

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("dates are written exactly as the shared encoder writes them, across leap days, year ends and 1970")
    func dates() throws {
        let times: [TimeInterval] = [0, -1, 951_782_400, 951_868_799, 1_798_761_599, 1_798_761_600, 4_102_444_800, 1_796_040_000.75, -86_400 * 365]
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            var writer = JSONWriter()
            writer.date(date)
            let expected = String(decoding: try JSONCoding.encoder.encode([date]), as: UTF8.self).dropFirst().dropLast()
            #expect(String(buffer: writer.buffer) == String(expected), "\(time)")
        }
    }

    @Test("strings are escaped so that any text reads back as itself")
    func strings() throws {
        for text in ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{0}\u{1F} controls", "Zürich — 東京 🙂", ""] {
            var writer = JSONWriter()
            writer.raw("[")
            writer.string(text)
            writer.raw("]")
            #expect(try JSONDecoder().decode([String].self, from: Data(buffer: writer.buffer)) == [text])
        }
    }

    @Test("a trend written by hand reads back as the same value the Codable form gives")
    func trends() throws {
        let dimensions = ScoreDimension.allCases
        let point = ProgressionPointDTO(
            sessionID: UUID(), completedAt: Date(timeIntervalSince1970: 1_796_040_000), overallScore: 64,
            scores: Dictionary(uniqueKeysWithValues: dimensions.enumerated().map { ($0.element, $0.offset + 3) })
        )
        var velocity: [ScoreDimension: Double?] = [:]
        for (index, dimension) in dimensions.enumerated() { velocity.updateValue(index.isMultiple(of: 2) ? nil : Double(index) * -0.37, forKey: dimension) }
        let full = TrendsDTO(
            days: 90, sessions: SessionCountsDTO(count: 3, byType: [.interview: 2, .pitch: 1, .sales: 0]), overallAverage: 61.5,
            averages: [.engagement: 6.3, .clarityStructure: 7], progression: [point, point], velocity: velocity,
            direction: [.engagement: .improving, .toneAlignment: .declining, .clarityStructure: .steady],
            learning: LearningTrendDTO(lessonsCompleted: 4, minutesByWeek: [WeekMinutesDTO(week: "2026-W53", minutes: 95)], pathPercent: 40)
        )
        let empty = TrendsDTO(
            days: 1, sessions: SessionCountsDTO(count: 0, byType: [:]), overallAverage: nil, averages: [:], progression: [], velocity: [:],
            direction: [:], learning: LearningTrendDTO(lessonsCompleted: 0, minutesByWeek: [], pathPercent: nil)
        )
        for trends in [full, empty] {
            let written = try JSONCoding.decoder.decode(TrendsDTO.self, from: Data(buffer: trends.json))
            let coded = try JSONCoding.decoder.decode(TrendsDTO.self, from: try JSONCoding.encoder.encode(trends))
            #expect(written == coded)
        }
    }
}
