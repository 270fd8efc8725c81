import Foundation

/// The arithmetic the trend answers share: a least-squares slope, elapsed weeks, ISO weeks and
/// schoolbook rounding.
enum TrendMath {
    /// The fewest points a slope is drawn through; two points make a line, not a trend.
    static let minimumPointsForVelocity = 3
    /// Seconds in a week.
    static let secondsPerWeek: TimeInterval = 604_800

    /// The ISO 8601 calendar in UTC: weeks start on Monday, and week 1 holds the year's first Thursday.
    static let isoCalendar: Calendar = {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        // Set explicitly so the week rule does not hang on a platform's defaults for `.iso8601`.
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }()

    /// The ordinary least-squares slope of `y` on `x`; `nil` with fewer than `minimumPointsForVelocity`
    /// points or when every `x` is the same.
    static func slope(_ points: [(x: Double, y: Double)]) -> Double? {
        guard points.count >= minimumPointsForVelocity, let first = points.first, points.contains(where: { $0.x != first.x }) else { return nil }
        let count = Double(points.count)
        let meanX = points.reduce(0.0) { $0 + $1.x } / count
        let meanY = points.reduce(0.0) { $0 + $1.y } / count
        // Centred sums: the raw-sum formula loses precision when x is large next to its spread.
        var sumXX = 0.0
        var sumXY = 0.0
        for point in points {
            let dx = point.x - meanX
            sumXX += dx * dx
            sumXY += dx * (point.y - meanY)
        }
        guard sumXX > 0 else { return nil }
        return sumXY / sumXX
    }

    /// The time from `origin` to `date`, in weeks of 604,800 seconds (negative when `date` is earlier).
    static func weeks(since origin: Date, to date: Date) -> Double {
        date.timeIntervalSince(origin) / secondsPerWeek
    }

    /// The ISO 8601 week `date` falls in, in UTC, as `YYYY-Www` (e.g. 2027-01-01 → `2026-W53`).
    static func isoWeek(of date: Date) -> String {
        let components = isoCalendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        let year = components.yearForWeekOfYear ?? 0
        let week = components.weekOfYear ?? 0
        return "\(year)-W\(week < 10 ? "0" : "")\(week)"
    }

    /// `value` rounded to `places` decimals, halves away from zero (7.25 → 7.3, −7.25 → −7.3); never −0.
    static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10.0, Double(places))
        let result = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        // Adding zero turns −0.0 into 0.0, so a tiny negative slope does not print as "-0".
        return result + 0.0
    }
}
