import Foundation
import PathwiseProtocol
import Testing

@testable import ServiceKit

@Suite("Ids on the wire")
struct WireIDTests {
    @Test("ids are written in lower case, like the token's sub, and read in either case")
    func lowerCase() throws {
        let id = try #require(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        let user = UserDTO(id: id, email: "ada@example.com", name: nil, activated: false, createdAt: Date(timeIntervalSince1970: 0))
        let text = String(decoding: try JSONCoding.encoder.encode(user), as: UTF8.self)
        #expect(text.contains(#""id":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f""#))
        #expect(!text.contains("E621E1F8"))
        let upper = Data(text.replacingOccurrences(of: "e621e1f8-c36c-495a-93fc-0c247a3e6e5f", with: id.uuidString).utf8)
        #expect(try JSONCoding.decoder.decode(UserDTO.self, from: upper).id == id)

        let envelope = try EventEnvelope(UserDeleted(userID: id), id: id)
        let event = String(decoding: try JSONCoding.encoder.encode(envelope), as: UTF8.self)
        #expect(!event.contains("E621E1F8") && event.contains("e621e1f8-c36c-495a-93fc-0c247a3e6e5f"))
        let decoded = try JSONCoding.decoder.decode(EventEnvelope.self, from: Data(event.utf8))
        #expect(decoded.id == id && decoded.type == UserDeleted.type && decoded.data == envelope.data)
        #expect(try decoded.decode(UserDeleted.self).userID == id)
    }

    @Test("an absent optional id reads as nil and writes as null")
    func optional() throws {
        struct Holder: Codable, Equatable {
            @LowercaseOptionalUUID var resumeID: UUID?
        }
        #expect(try JSONDecoder().decode(Holder.self, from: Data("{}".utf8)).resumeID == nil)
        #expect(String(decoding: try JSONEncoder().encode(Holder(resumeID: nil)), as: UTF8.self) == #"{"resumeID":null}"#)
    }
}
