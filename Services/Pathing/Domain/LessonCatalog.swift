import PathwiseProtocol

/// Content's lesson graph as pathing reads it: lessons by id, in reading order, with the lessons that
/// teach each skill.
struct LessonCatalog: Sendable {
    /// Every lesson, in the library's reading order.
    let lessons: [LessonNodeDTO]
    private let index: [String: Int]
    private let teaching: [String: [Int]]

    init(_ graph: LessonGraphDTO) {
        lessons = graph.items.sorted { $0.position < $1.position }
        var index: [String: Int] = [:]
        var teaching: [String: [Int]] = [:]
        for (offset, lesson) in lessons.enumerated() {
            for alias in lesson.aliases where index[alias] == nil { index[alias] = offset }
            index[lesson.summary.id] = offset
            for topic in lesson.summary.topics { teaching[topic.id, default: []].append(offset) }
        }
        self.index = index
        self.teaching = teaching
    }

    /// The lesson with this id, or the one that took it over when it was renamed or merged.
    func lesson(_ id: String) -> LessonNodeDTO? {
        index[id].map { lessons[$0] }
    }

    /// The lesson's place in reading order.
    func position(_ id: String) -> Int? {
        index[id]
    }

    /// The lessons whose topics include `skill`, in reading order.
    func lessons(teaching skill: String) -> [LessonNodeDTO] {
        (teaching[skill] ?? []).map { lessons[$0] }
    }

    /// The books, in reading order, with their lesson counts.
    var books: [(book: String, lessons: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for lesson in lessons {
            if counts[lesson.book] == nil { order.append(lesson.book) }
            counts[lesson.book, default: 0] += 1
        }
        return order.map { ($0, counts[$0] ?? 0) }
    }

    /// `L1` → 1, `L2` → 2, `L3` → 3.
    static func layerRank(_ layer: String) -> Int {
        Int(layer.dropFirst()) ?? 2
    }
}
