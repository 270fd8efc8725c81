public import NIOCore
public import PathwiseProtocol

extension TrendsDTO {
    /// The answer's JSON, as `JSONCoding.encoder` would write it (keys in another order), written with
    /// `JSONWriter`: a year of daily practice is a thousand progression points, which `JSONEncoder` took
    /// most of a trend read to encode. The tests decode this back to the same value.
    public var json: ByteBuffer {
        var writer = JSONWriter(capacity: 512 + progression.count * 280)
        writer.raw("{\"days\":")
        writer.int(days)
        writer.raw(",\"sessions\":{\"count\":")
        writer.int(sessions.count)
        writer.raw(",\"by_type\":")
        writer.object(PreparationType.allCases, sessions.byType) { $0.int($1) }
        writer.raw("},\"overall_average\":")
        if let overallAverage { writer.double(overallAverage) } else { writer.null() }
        writer.raw(",\"averages\":")
        writer.object(ScoreDimension.allCases, averages) { $0.double($1) }
        writer.raw(",\"progression\":[")
        for (index, point) in progression.enumerated() {
            writer.raw(index == 0 ? "{\"session_id\":" : ",{\"session_id\":")
            writer.uuid(point.sessionID)
            writer.raw(",\"completed_at\":")
            writer.date(point.completedAt)
            writer.raw(",\"overall_score\":")
            writer.int(point.overallScore)
            writer.raw(",\"scores\":")
            writer.object(ScoreDimension.allCases, point.scores) { $0.int($1) }
            writer.raw("}")
        }
        writer.raw("],\"velocity\":")
        writer.object(ScoreDimension.allCases, velocity) { writer, value in
            if let value { writer.double(value) } else { writer.null() }
        }
        writer.raw(",\"direction\":")
        writer.object(ScoreDimension.allCases, direction) { $0.string($1.rawValue) }
        writer.raw(",\"learning\":{\"lessons_completed\":")
        writer.int(learning.lessonsCompleted)
        writer.raw(",\"minutes_by_week\":[")
        for (index, week) in learning.minutesByWeek.enumerated() {
            writer.raw(index == 0 ? "{\"week\":" : ",{\"week\":")
            writer.string(week.week)
            writer.raw(",\"minutes\":")
            writer.int(week.minutes)
            writer.raw("}")
        }
        writer.raw("],\"path_percent\":")
        if let pathPercent = learning.pathPercent { writer.int(pathPercent) } else { writer.null() }
        writer.raw("}}")
        return writer.buffer
    }
}

extension JSONWriter {
    /// An object of the entries of `values`, keyed by their raw values in the order of `keys`.
    mutating func object<Key: RawRepresentable<String>, Value>(_ keys: [Key], _ values: [Key: Value], _ write: (inout JSONWriter, Value) -> Void) {
        raw("{")
        var first = true
        for key in keys {
            guard let value = values[key] else { continue }
            if !first { raw(",") }
            first = false
            string(key.rawValue)
            raw(":")
            write(&self, value)
        }
        raw("}")
    }
}
