import Foundation
import PathwiseProtocol
import TestSupport
import Testing

@testable import Pathing

/// A learning path made by hand for the export tests.
enum PathExportFixtures {
    /// Three stages at 5 hours a week from Monday 2026-11-30: titles with commas, semicolons, a backslash, an
    /// em dash, emoji and a formula; one lesson completed, one skipped; an outside resource on stage 2.
    static let path = LearningPathDTO(
        id: UUID(), createdAt: Date(timeIntervalSince1970: 1_795_166_130),  // 2026-11-20T09:15:30Z
        target: PathTargetDTO(jobTitle: "Data Engineer, Platform; Infra", roleType: "data_engineer", targetHash: nil),
        weeklyHours: 5, startDate: "2026-11-30", estimatedWeeks: 3.5, coveragePercent: 90, coveredTopics: [], uncoveredTopics: [], knownTopics: [],
        stages: [
            StageDTO(
                index: 1, name: "Foundations, part 1; the basics", goal: "Read and write everyday code.", durationWeeks: 1,
                lessons: [
                    PathLessonDTO(
                        lessonID: "python-basics", title: "Python basics 🐍, a first look; part 1", layer: "L1", minutes: 45,
                        reason: "Required: Python, stated", status: .notStarted
                    ),
                    PathLessonDTO(
                        lessonID: "sql-joins", title: "SQL joins — inner, outer; anti", layer: "L2", minutes: 60, reason: "Required: SQL, stated",
                        status: .completed
                    ),
                    PathLessonDTO(
                        lessonID: "spreadsheet-formulas", title: "=SUM(A1:A9) is not run here", layer: "L1", minutes: 30, reason: "Preferred: Excel",
                        status: .inProgress
                    ),
                ],
                resources: []
            ),
            StageDTO(
                index: 2, name: "Tools \\ workflow", goal: "Work with the team's tools.", durationWeeks: 0.5,
                lessons: [
                    PathLessonDTO(
                        lessonID: "git-branches", title: "Git: branches, rebases; conflicts", layer: "L2", minutes: 40, reason: "Implied by CI/CD",
                        status: .notStarted
                    ),
                    PathLessonDTO(
                        lessonID: "regex-basics", title: "Regex \\d and \\w, quickly", layer: "L1", minutes: 25, reason: "Role template",
                        status: .skipped
                    ),
                ],
                resources: [ExternalResourceDTO(title: "Pro Git, 2nd edition", url: "https://git-scm.com/book/en/v2", kind: "book")]
            ),
            StageDTO(
                index: 3, name: "Shipping — to production 🚀", goal: "Run it for real.", durationWeeks: 2,
                lessons: [
                    PathLessonDTO(
                        lessonID: "containers-101", title: "Containers 101: images, layers; caches", layer: "L2", minutes: 90,
                        reason: "Required: Docker", status: .notStarted
                    ),
                    PathLessonDTO(
                        lessonID: "kubernetes-afternoon", title: "Kubernetes in an afternoon 🚢", layer: "L3", minutes: 120,
                        reason: "Required: Kubernetes", status: .notStarted
                    ),
                    PathLessonDTO(
                        lessonID: "observability", title: "Observability — logs, metrics, traces; dashboards that people actually read 📈📊",
                        layer: "L3", minutes: 60, reason: "Preferred: Prometheus", status: .notStarted
                    ),
                ],
                resources: []
            ),
        ],
        engine: "embedded"
    )

    /// The minutes the calendar should hold, worked out from the rules rather than read off the calendar:
    /// each stage's lessons not completed or skipped, plus what its planned weeks leave over its lessons.
    static func expectedMinutes(_ path: LearningPathDTO) -> Int {
        path.stages.reduce(0) { total, stage in
            let pending = stage.lessons.filter { $0.status != .completed && $0.status != .skipped }.reduce(0) { $0 + $1.minutes }
            let planned = Int((stage.durationWeeks * Double(path.weeklyHours) * 60).rounded())
            return total + pending + max(0, planned - stage.lessons.reduce(0) { $0 + $1.minutes })
        }
    }
}

@Suite("Learning path exports")
struct PathExportTests {
    @Test("every physical line is at most 75 octets and ends in CRLF; unfolded, each line is one property")
    func folding() {
        let calendar = StudyCalendar(path: PathExportFixtures.path)
        let bytes = Array(calendar.render().utf8)
        let bareLF = bytes.indices.contains { bytes[$0] == 10 && ($0 == 0 || bytes[$0 - 1] != 13) }
        let bareCR = bytes.indices.contains { bytes[$0] == 13 && ($0 + 1 == bytes.count || bytes[$0 + 1] != 10) }
        #expect(!bareLF && !bareCR && bytes.suffix(2) == [13, 10])
        let physical = Self.lines(bytes)
        #expect(physical.allSatisfy { $0.count <= 75 && Self.isUTF8($0) })
        #expect(physical.contains { $0.first == 32 }, "the sample has lines long enough to fold")

        let logical = Self.lines(Self.unfold(bytes)).map { String(decoding: $0, as: UTF8.self) }
        let names = logical.map { line in String(line.prefix { $0 != ":" && $0 != ";" }) }
        let event = ["BEGIN", "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "END"]
        let expected = ["BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME"] + calendar.blocks.flatMap { _ in event } + ["END"]
        #expect(names == expected)
        #expect(logical.allSatisfy { $0.contains(":") })
        #expect(logical.filter { $0.hasPrefix("SUMMARY:") } == calendar.blocks.map { "SUMMARY:" + StudyCalendar.escape($0.summary) })
        #expect(logical.filter { $0.hasPrefix("DESCRIPTION:") } == calendar.blocks.map { "DESCRIPTION:" + StudyCalendar.escape($0.description) })
    }

    @Test("a long line of multi-byte characters folds between characters, never inside one")
    func foldingMultiByte() {
        // 2 + 4 + 3 + 1 octets a repeat, so fold points fall next to every width of character.
        let line = "DESCRIPTION:" + String(repeating: "é😀—a", count: 40)
        let folded = StudyCalendar.fold(line)
        let pieces = Self.lines(Array(folded.utf8))
        #expect(pieces.count > 5)
        #expect(pieces.allSatisfy { $0.count <= 75 && Self.isUTF8($0) })
        #expect(pieces.dropFirst().allSatisfy { $0.first == 32 })
        #expect(Self.unfold(Array(folded.utf8)) == Array(line.utf8))

        let fits = String(repeating: "a", count: 75)
        #expect(StudyCalendar.fold(fits) == fits)
        #expect(StudyCalendar.fold(fits + "b") == fits + "\r\n b")
        // A 4-octet character that would end past octet 75 moves whole to the next line.
        let straddling = StudyCalendar.fold(String(repeating: "a", count: 73) + "😀z")
        #expect(straddling == String(repeating: "a", count: 73) + "\r\n 😀z")
    }

    @Test("TEXT escaping: backslash, semicolon, comma and line breaks, and back")
    func escaping() {
        let text = "Ship it, then; review C:\\temp\nnext line"
        let escaped = StudyCalendar.escape(text)
        #expect(escaped == #"Ship it\, then\; review C:\\temp\nnext line"#)
        #expect(Self.unescape(escaped) == text)
        #expect(StudyCalendar.escape("a\r\nb\rc") == #"a\nb\nc"#)
        #expect(StudyCalendar.escape("tab\tkept, bell\u{7}dropped") == "tab\tkept\\, belldropped")
    }

    @Test("items in path order are packed into 100-minute blocks, split items go on as (continued)")
    func packing() throws {
        let calendar = StudyCalendar(path: PathExportFixtures.path)
        #expect(calendar.items.map(\.minutes) == [45, 30, 165, 40, 85, 90, 120, 60, 330])
        #expect(calendar.items.map(\.title).contains("Practice — Stage 2: Tools \\ workflow"))
        #expect(!calendar.items.map(\.title).contains { $0.hasPrefix("SQL joins") || $0.hasPrefix("Regex") })
        try #require(calendar.blocks.count == 10)
        #expect(calendar.blocks.map(\.minutes) == [100, 100, 100, 100, 100, 100, 100, 100, 100, 65])
        #expect(calendar.blocks.map(\.index) == Array(1...10))
        let first = try #require(calendar.blocks.first)
        #expect(first.summary == "Pathwise: Foundations, part 1; the basics")
        #expect(
            first.description == "Python basics 🐍, a first look; part 1 (45 min)\n=SUM(A1:A9) is not run here (30 min)\n"
                + "Practice — Stage 1: Foundations, part 1; the basics (25 min)"
        )
        #expect(calendar.blocks[1].description == "Practice — Stage 1: Foundations, part 1; the basics (continued) (100 min)")
        #expect(calendar.blocks[3].summary == "Pathwise: Tools \\ workflow")
        #expect(calendar.blocks[3].description == "Practice — Stage 2: Tools \\ workflow (continued) (65 min)\nContainers 101: images, layers; caches (35 min)")
        #expect(calendar.blocks.reduce(0) { $0 + $1.minutes } == PathExportFixtures.expectedMinutes(PathExportFixtures.path))
    }

    @Test("Python's icalendar reads the calendar back: events, UIDs, times, minutes and text as written")
    func icalendar() throws {
        let path = PathExportFixtures.path
        let calendar = StudyCalendar(path: path)
        let output = try Python.run(Self.icalendarScript, input: calendar.render())
        let parsed = try JSONDecoder().decode(ParsedCalendar.self, from: output)
        #expect(parsed.calendars == ["VCALENDAR"] && parsed.errors.isEmpty, "\(parsed.errors)")
        #expect(parsed.name == "Pathwise — Data Engineer, Platform; Infra")
        #expect(parsed.events.count == calendar.blocks.count && !parsed.events.isEmpty)
        #expect(Set(parsed.events.map(\.uid)).count == parsed.events.count)
        #expect(parsed.events.allSatisfy { $0.start >= "2026-11-30T00:00" && $0.floating && $0.stamp == "2026-11-20T09:15:30+0000" })
        let expectedMinutes = PathExportFixtures.expectedMinutes(path)
        #expect(expectedMinutes == 965)
        #expect(parsed.events.reduce(0) { $0 + $1.minutes } == expectedMinutes)
        #expect(calendar.items.reduce(0) { $0 + $1.minutes } == expectedMinutes)
        #expect(parsed.events.allSatisfy { $0.minutes > 0 && $0.minutes <= calendar.blockMinutes })
        let id = path.id.uuidString.lowercased()
        for (event, block) in zip(parsed.events, calendar.blocks) {
            #expect(event.uid == "\(id)-\(block.index)@pathwise")
            #expect(event.summary == block.summary)
            #expect(event.description == block.description)
            #expect(event.minutes == block.minutes)
        }
        #expect(parsed.events.contains { $0.description.contains("Python basics 🐍, a first look; part 1 (45 min)") })
        #expect(parsed.events.contains { $0.summary == "Pathwise: Shipping — to production 🚀" })
        #expect(parsed.events.contains { $0.summary == "Pathwise: Tools \\ workflow" })
    }

    @Test("the same path renders the same text; another path id gives other UIDs")
    func stableUIDs() {
        let path = PathExportFixtures.path
        let text = StudyCalendar(path: path).render()
        #expect(StudyCalendar(path: path).render() == text)
        var other = path
        other.id = UUID()
        let uids = Self.uids(text)
        let otherUIDs = Self.uids(StudyCalendar(path: other).render())
        #expect(uids.count == StudyCalendar(path: path).blocks.count && otherUIDs.count == uids.count)
        #expect(Set(uids).isDisjoint(with: otherUIDs))
        #expect(uids.allSatisfy { $0.hasPrefix(path.id.uuidString.lowercased() + "-") && $0.hasSuffix("@pathwise") })
    }

    @Test("5 weekly hours are 3 sessions, Monday and Wednesday at 18:30 and Saturday at 10:00, from the start date on")
    func weekdays() throws {
        let calendar = StudyCalendar(path: PathExportFixtures.path)
        #expect(calendar.sessionsPerWeek == 3 && calendar.blockMinutes == 100 && calendar.weekdays == [2, 4, 7])
        for block in calendar.blocks {
            let parts = Calendar.utc.dateComponents([.weekday, .hour, .minute], from: block.start)
            let weekday = try #require(parts.weekday)
            #expect([2, 4, 7].contains(weekday), "\(StudyCalendar.dateTime(block.start))")
            let morning = parts.hour == 10 && parts.minute == 0
            let evening = parts.hour == 18 && parts.minute == 30
            #expect(weekday == 7 ? morning : evening, "\(StudyCalendar.dateTime(block.start))")
        }
        #expect(calendar.blocks.prefix(4).map { StudyCalendar.dateTime($0.start) } == ["20261130T183000", "20261202T183000", "20261205T100000", "20261207T183000"])

        // The first session is on the first session day on or after the start date.
        var sunday = PathExportFixtures.path
        sunday.startDate = "2026-11-29"
        #expect(StudyCalendar(path: sunday).blocks.first.map { StudyCalendar.dateTime($0.start) } == "20261130T183000")
        var weekly = PathExportFixtures.path
        weekly.weeklyHours = 1
        let once = StudyCalendar(path: weekly)
        #expect(once.sessionsPerWeek == 1 && once.blockMinutes == 60 && once.blocks.first.map { StudyCalendar.dateTime($0.start) } == "20261205T100000")
        #expect(CalendarDay("2026-02-30") == nil && CalendarDay("2026-11-30") != nil && CalendarDay("30/11/2026") == nil && CalendarDay("2026-+1-05") == nil)
        #expect(CalendarDay(String(repeating: "-", count: 1 << 20)) == nil && CalendarDay("2026-11-300") == nil && CalendarDay("2026-11-3\u{0}") == nil)

        let patterns: [Int: [Int]] = [
            1: [7], 2: [3, 7], 3: [2, 4, 7], 4: [2, 3, 5, 7], 5: [2, 3, 4, 5, 6], 6: [2, 3, 4, 5, 6, 7], 7: [1, 2, 3, 4, 5, 6, 7],
        ]
        for (sessions, days) in patterns { #expect(StudyCalendar.weekdays(sessions: sessions) == days) }
        // (weekly hours, sessions, block minutes)
        for (hours, sessions, minutes) in [(1, 1, 60), (2, 1, 120), (3, 2, 90), (7, 4, 105), (12, 6, 120), (13, 7, 110), (40, 7, 340), (0, 1, 15)] {
            var path = PathExportFixtures.path
            path.weeklyHours = hours
            let calendar = StudyCalendar(path: path)
            #expect(calendar.sessionsPerWeek == sessions && calendar.blockMinutes == minutes, "\(hours) hours")
        }
    }

    @Test("the CSV: a header, one row per lesson then per resource, all as wide as the header, formulas defused")
    func csv() throws {
        #expect(CSVTable.render([["a", "b,c"], ["=1", "d"]]) == "a,\"b,c\"\r\n'=1,d\r\n" && CSVTable.render([]) == "")
        let path = PathExportFixtures.path
        let text = LearningPathCSV.render(path)
        #expect(text.hasPrefix("stage,stage_name,position,lesson_id,title,layer,minutes,status,reason\r\n") && text.hasSuffix("\r\n"))
        let rows = try Python.csvRows(of: text)
        let resources = path.stages.reduce(0) { $0 + $1.resources.count }
        try #require(rows.count == 1 + path.lessons.count + resources && resources == 1)
        #expect(rows.first == LearningPathCSV.header && rows.allSatisfy { $0.count == LearningPathCSV.header.count })
        let lessonRows = rows.dropFirst().prefix(path.lessons.count)
        #expect(lessonRows.map { $0[2] } == (1...path.lessons.count).map(String.init))
        #expect(lessonRows.map { $0[3] } == path.lessons.map(\.lessonID))
        #expect(
            rows[1] == ["1", "Foundations, part 1; the basics", "1", "python-basics", "Python basics 🐍, a first look; part 1", "L1", "45", "not_started",
                "Required: Python, stated"]
        )
        #expect(rows[2][7] == "completed" && rows[5][7] == "skipped" && rows[5][4] == "Regex \\d and \\w, quickly")
        #expect(rows[3][4] == "'=SUM(A1:A9) is not run here")
        #expect(rows.last == ["2", "Tools \\ workflow", "", "", "Pro Git, 2nd edition", "", "", "", "https://git-scm.com/book/en/v2"])
    }
}

extension PathExportTests {
    /// What the icalendar script prints.
    struct ParsedCalendar: Decodable {
        var calendars: [String]
        var name: String
        var errors: [String]
        var events: [ParsedEvent]
    }

    /// One VEVENT as icalendar read it.
    struct ParsedEvent: Decodable {
        var uid: String
        /// `YYYY-MM-DDTHH:MM`, wall clock.
        var start: String
        var floating: Bool
        var minutes: Int
        /// `YYYY-MM-DDTHH:MM:SS+ZZZZ`.
        var stamp: String
        var summary: String
        var description: String
    }

    /// Reads an iCalendar file on stdin with Python's icalendar and prints its calendars and events as JSON.
    static let icalendarScript = """
        import json, sys
        from icalendar import Calendar
        calendars = Calendar.from_ical(sys.stdin.buffer.read(), multiple=True)
        errors = [str(error) for calendar in calendars for component in calendar.walk() for error in component.errors]
        events = []
        for calendar in calendars:
            for event in calendar.walk("VEVENT"):
                start = event.decoded("DTSTART")
                end = event.decoded("DTEND")
                events.append({
                    "uid": str(event["UID"]),
                    "start": start.strftime("%Y-%m-%dT%H:%M"),
                    "floating": start.tzinfo is None and end.tzinfo is None,
                    "minutes": int((end - start).total_seconds() // 60),
                    "stamp": event.decoded("DTSTAMP").strftime("%Y-%m-%dT%H:%M:%S%z"),
                    "summary": str(event["SUMMARY"]),
                    "description": str(event["DESCRIPTION"]),
                })
        name = str(calendars[0]["X-WR-CALNAME"]) if calendars else ""
        print(json.dumps({"calendars": [calendar.name for calendar in calendars], "name": name, "errors": errors, "events": events}))
        """

    /// The bytes between CRLFs (no empty line for a final CRLF).
    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The bytes with every fold (CRLF and a space) taken out.
    private static func unfold(_ bytes: [UInt8]) -> [UInt8] {
        var unfolded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 32 {
                index += 3
            } else {
                unfolded.append(bytes[index])
                index += 1
            }
        }
        return unfolded
    }

    /// Whether the bytes are valid UTF-8 on their own (decoding would otherwise put in U+FFFD).
    private static func isUTF8(_ bytes: [UInt8]) -> Bool {
        Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
    }

    /// A TEXT value unescaped (`\n` or `\N` a line break, any other escaped character itself).
    private static func unescape(_ text: String) -> String {
        var unescaped = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                unescaped.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                unescaped.append(scalar)
            }
        }
        return String(unescaped)
    }

    /// The UID values of a calendar's text.
    private static func uids(_ text: String) -> [String] {
        lines(unfold(Array(text.utf8))).map { String(decoding: $0, as: UTF8.self) }.filter { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) }
    }
}
