import Foundation
import NIOCore
import PathwiseProtocol

/// A path as stored — its JSON as encoded when it was made, every lesson `not_started` — with the ids
/// of its lessons in path order and the person's statuses. The current path is read far more often
/// than it changes, so it is answered by copying the stored JSON with the statuses spliced in, not by
/// decoding and encoding it again.
struct StoredPath: Sendable {
    /// How a stored lesson's status reads: the only `"status"` key of a path (a string value cannot
    /// hold an unescaped quote, so these bytes are always a key).
    static let marker = Array(#""status":"not_started""#.utf8)

    var id: UUID
    var createdAt: Date
    /// The path's JSON, statuses aside.
    var json: String
    /// The lessons in path order: the n-th status marker is the n-th lesson's.
    var lessonIDs: [String]
    /// The statuses of the lessons the person has touched.
    var statuses: [String: LessonStatus]

    /// A path just made, not yet touched.
    init(_ path: LearningPathDTO) throws {
        self.init(
            id: path.id, createdAt: path.createdAt, json: String(decoding: try JSONCoding.encoder.encode(path), as: UTF8.self),
            lessonIDs: path.lessons.map(\.lessonID), statuses: [:]
        )
    }

    init(id: UUID, createdAt: Date, json: String, lessonIDs: [String], statuses: [String: LessonStatus]) {
        self.id = id
        self.createdAt = createdAt
        self.json = json
        self.lessonIDs = lessonIDs
        self.statuses = statuses
    }

    /// The path as a value, with the statuses joined.
    func dto() throws -> LearningPathDTO {
        PathStanding.overlay(statuses, on: try JSONCoding.decoder.decode(LearningPathDTO.self, from: Data(json.utf8)))
    }

    /// The path's JSON with the statuses joined: the stored bytes with each touched lesson's status
    /// replaced in place; decoded and encoded again only if the stored text is not in the expected form.
    func rendered() throws -> ByteBuffer {
        if let spliced = spliced() { return spliced }
        return ByteBuffer(data: try JSONCoding.encoder.encode(try dto()))
    }

    /// The stored bytes with the statuses spliced in; `nil` unless there is one marker per lesson.
    func spliced() -> ByteBuffer? {
        var json = json
        return json.withUTF8 { bytes -> ByteBuffer? in
            var output = ByteBuffer()
            output.reserveCapacity(bytes.count + lessonIDs.count * 4)
            let marker = Self.marker
            var copied = 0
            var lesson = 0
            var index = 0
            while index + marker.count <= bytes.count {
                guard bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) else {
                    index += 1
                    continue
                }
                guard lesson < lessonIDs.count else { return nil }
                let status = statuses[lessonIDs[lesson]] ?? .notStarted
                if status != .notStarted {
                    output.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[copied..<index]))
                    output.writeString(#""status":""# + status.rawValue + "\"")
                    copied = index + marker.count
                }
                lesson += 1
                index += marker.count
            }
            guard lesson == lessonIDs.count else { return nil }
            output.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[copied...]))
            return output
        }
    }
}
