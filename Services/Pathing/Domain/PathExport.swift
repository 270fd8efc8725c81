import Foundation
import PathwiseProtocol

/// Rows as a CSV file (RFC 4180), with no cell a spreadsheet would run as a formula.
enum CSVTable {
    /// The rows, cells joined by commas, each row ending in CRLF.
    static func render(_ rows: [[String]]) -> String {
        rows.map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One cell: defused with a leading `'` if a spreadsheet would read it as a formula (it starts with
    /// `=`, `+`, `-`, `@`, a tab or a CR), quoted if it holds a comma, a quote or a line break (quotes doubled).
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A learning path as a CSV file: a header row, one row per lesson in path order, then one row per
/// outside resource of each stage.
enum LearningPathCSV {
    /// The columns, in order.
    static let header = ["stage", "stage_name", "position", "lesson_id", "title", "layer", "minutes", "status", "reason"]

    /// The path's CSV text; a lesson's position counts from 1 across the whole path, a resource has none.
    static func render(_ path: LearningPathDTO) -> String {
        var rows = [header]
        var position = 0
        for stage in path.stages {
            for lesson in stage.lessons {
                position += 1
                rows.append([
                    String(stage.index), stage.name, String(position), lesson.lessonID, lesson.title, lesson.layer, String(lesson.minutes),
                    lesson.status.rawValue, lesson.reason,
                ])
            }
        }
        for stage in path.stages {
            for resource in stage.resources {
                rows.append([String(stage.index), stage.name, "", "", resource.title, "", "", "", resource.url])
            }
        }
        return CSVTable.render(rows)
    }
}

/// A learning path as study blocks on the person's week, and as an iCalendar file (RFC 5545) of them.
struct StudyCalendar: Sendable {
    /// One study session: when it starts, how long it is, and what to study in it.
    struct Block: Sendable, Equatable {
        /// 1-based position in the calendar; part of the event's UID.
        var index: Int
        /// The wall-clock start, held as that same clock time in UTC (the file writes it with no zone).
        var start: Date
        /// The minutes the session's items use.
        var minutes: Int
        /// `Pathwise: <stage name>` of the stage its first item belongs to.
        var summary: String
        /// The items, one a line, as `<title> (<n> min)`.
        var description: String

        /// The wall-clock end, held like `start`.
        var end: Date { start.addingTimeInterval(Double(minutes) * 60) }
    }

    /// A piece of study to place on the calendar: a lesson still to do, or a stage's practice.
    struct Item: Sendable, Equatable {
        /// The lesson's title, or `Practice — Stage N: <name>`.
        var title: String
        /// Its length, more than 0.
        var minutes: Int
        /// The name of the stage it belongs to.
        var stageName: String
    }

    /// The most blocks a calendar holds (ten years at one a week).
    static let maximumBlocks = 520
    /// The shortest block, in minutes.
    static let minimumBlockMinutes = 15


    /// The path the calendar is made from.
    let path: LearningPathDTO
    /// Study sessions a week.
    let sessionsPerWeek: Int
    /// The length of a full block, in minutes.
    let blockMinutes: Int
    /// The days of the week with a session (`Calendar` weekday numbers: 1 is Sunday, 7 Saturday).
    let weekdays: [Int]
    /// What to study, in path order.
    let items: [Item]
    /// The sessions, in order.
    let blocks: [Block]

    /// The path's study blocks, from the first session day on or after its start date.
    init(path: LearningPathDTO) {
        self.path = path
        // A week has 168 hours; clamping keeps absurd values from overflowing the minute arithmetic.
        let hours = min(max(path.weeklyHours, 0), 168)
        let sessions = min(7, max(1, Int((Double(hours) / 2).rounded(.up))))
        let blockMinutes = max(Self.minimumBlockMinutes, hours * 60 / sessions / 5 * 5)
        let weekdays = Self.weekdays(sessions: sessions)
        let items = Self.items(path, weeklyHours: hours)
        self.sessionsPerWeek = sessions
        self.blockMinutes = blockMinutes
        self.weekdays = weekdays
        self.items = items
        // A start date that does not parse starts the schedule on the day the path was made.
        let firstDay = CalendarDay(path.startDate)?.date ?? Calendar.utc.startOfDay(for: path.createdAt)
        self.blocks = Self.pack(items, blockMinutes: blockMinutes, weekdays: weekdays, from: firstDay)
    }

    /// The session days for a number of sessions a week (1–7), as `Calendar` weekday numbers.
    static func weekdays(sessions: Int) -> [Int] {
        switch sessions {
        case ...1: [7]
        case 2: [3, 7]
        case 3: [2, 4, 7]
        case 4: [2, 3, 5, 7]
        case 5: [2, 3, 4, 5, 6]
        case 6: [2, 3, 4, 5, 6, 7]
        default: [1, 2, 3, 4, 5, 6, 7]
        }
    }

    /// When a session starts on a weekday: 18:30 Monday to Friday, 10:00 at the weekend.
    static func startTime(weekday: Int) -> (hour: Int, minute: Int) {
        (2...6).contains(weekday) ? (hour: 18, minute: 30) : (hour: 10, minute: 0)
    }

    /// The path's work in order: each stage's lessons not completed or skipped, then its practice time.
    static func items(_ path: LearningPathDTO, weeklyHours: Int) -> [Item] {
        var items: [Item] = []
        for stage in path.stages {
            for lesson in stage.lessons where lesson.status != .completed && lesson.status != .skipped {
                items.append(Item(title: lesson.title, minutes: lesson.minutes, stageName: stage.name))
            }
            // The stage's planned time is its weeks at the weekly hours; practice fills what its lessons do not.
            let planned = (stage.durationWeeks * Double(weeklyHours) * 60).rounded()
            let plannedMinutes = planned.isFinite ? Int(min(max(planned, 0), 1_000_000_000)) : 0
            let lessonMinutes = stage.lessons.reduce(0) { $0 + $1.minutes }
            let practice = max(0, plannedMinutes - lessonMinutes)
            items.append(Item(title: "Practice — Stage \(stage.index): \(stage.name)", minutes: practice, stageName: stage.name))
        }
        return items.filter { $0.minutes > 0 }
    }

    /// The items packed into blocks in order on the session days from `firstDay`; an item too long for a
    /// block's room is split, its rest going on in the next block as `<title> (continued)`.
    static func pack(_ items: [Item], blockMinutes: Int, weekdays: [Int], from firstDay: Date) -> [Block] {
        var blocks: [Block] = []
        var next = 0
        var left = items.first?.minutes ?? 0
        var continued = false
        var day = firstDay
        while next < items.count, blocks.count < maximumBlocks {
            let weekday = Calendar.utc.component(.weekday, from: day)
            if weekdays.contains(weekday) {
                var room = blockMinutes
                var lines: [String] = []
                var stageName: String?
                while room > 0, next < items.count {
                    let item = items[next]
                    let taken = min(room, left)
                    let title = continued ? item.title + " (continued)" : item.title
                    lines.append("\(title) (\(taken) min)")
                    stageName = stageName ?? item.stageName
                    room -= taken
                    left -= taken
                    continued = left > 0
                    if !continued {
                        next += 1
                        left = next < items.count ? items[next].minutes : 0
                    }
                }
                let time = startTime(weekday: weekday)
                blocks.append(
                    Block(
                        index: blocks.count + 1, start: day.addingTimeInterval(Double(time.hour * 3600 + time.minute * 60)), minutes: blockMinutes - room,
                        summary: "Pathwise: " + (stageName ?? ""), description: lines.joined(separator: "\n")
                    ))
            }
            // UTC has no daylight saving time: every day is 86,400 seconds.
            day = day.addingTimeInterval(86_400)
        }
        return blocks
    }

    /// The iCalendar text: one VEVENT a block, CRLF line ends, long lines folded.
    func render() -> String {
        let title = path.target.jobTitle.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 } ?? path.target.roleType
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Pathwise//Learning path//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape("Pathwise — " + title),
        ]
        let id = path.id.uuidString.lowercased()
        let stamp = Self.dateTime(path.createdAt) + "Z"
        for block in blocks {
            lines += [
                "BEGIN:VEVENT", "UID:\(id)-\(block.index)@pathwise", "DTSTAMP:" + stamp, "DTSTART:" + Self.dateTime(block.start),
                "DTEND:" + Self.dateTime(block.end), "SUMMARY:" + Self.escape(block.summary), "DESCRIPTION:" + Self.escape(block.description),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map { Self.fold($0) + "\r\n" }.joined()
    }

    /// A date's UTC clock time as an iCalendar DATE-TIME with no zone: `yyyyMMdd'T'HHmmss`.
    static func dateTime(_ date: Date) -> String {
        let parts = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let calendarDay = digits(parts.year ?? 0, 4) + digits(parts.month ?? 0, 2) + digits(parts.day ?? 0, 2)
        let clock = digits(parts.hour ?? 0, 2) + digits(parts.minute ?? 0, 2) + digits(parts.second ?? 0, 2)
        return calendarDay + "T" + clock
    }

    /// A number zero-padded on the left to `width` digits.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A TEXT value escaped: `\` as `\\`, `;` as `\;`, `,` as `\,`, a line break (LF, CRLF or CR) as `\n`.
    static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            let followsCR = afterCR
            afterCR = scalar == "\r"
            switch scalar {
            case "\\": escaped.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": escaped.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": escaped.append(contentsOf: #"\,"#.unicodeScalars)
            case "\r": escaped.append(contentsOf: #"\n"#.unicodeScalars)
            case "\n":
                // The LF of a CRLF was written with its CR.
                if !followsCR { escaped.append(contentsOf: #"\n"#.unicodeScalars) }
            default:
                // RFC 5545 TEXT allows no control character but the tab.
                if scalar == "\t" || (scalar.value >= 0x20 && scalar.value != 0x7F) { escaped.append(scalar) }
            }
        }
        return String(escaped)
    }

    /// A content line folded so no physical line exceeds 75 octets of UTF-8: CRLF and a space before each
    /// continuation, never inside a character's bytes. No CRLF at the end.
    static func fold(_ line: String) -> String {
        var folded = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = scalar.utf8.count
            if octets + size > 75 {
                folded.append(contentsOf: "\r\n ".unicodeScalars)
                // The continuation's leading space counts towards its 75.
                octets = 1
            }
            folded.append(scalar)
            octets += size
        }
        return String(folded)
    }
}
