import Foundation

extension ResumeFixtures {
    /// A ZIP64 `.docx` of two stored entries, the second declaring an uncompressed size of 2⁶⁴ − 1:
    /// adding the declared sizes overflows a `UInt64`. Written byte by byte, as a hostile client would.
    static func zip64Overflow() -> Data {
        let document = Data(#"<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Python</w:t></w:r></w:p></w:body></w:document>"#.utf8)
        return storedZip([
            (name: "word/document.xml", data: document, declaredSize: nil),
            (name: "word/huge.xml", data: Data("x".utf8), declaredSize: UInt64.max),
        ])
    }

    /// A `.docx` whose `document.xml` is UTF-16 (little-endian, with a byte-order mark) and declares an
    /// external entity: the bytes never spell `<!DOCTYPE` in ASCII.
    static func utf16DocxWithEntity() throws -> Data {
        let xml = """
            <?xml version="1.0" encoding="UTF-16"?>
            <!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>
            """
        var bytes = Data([0xFF, 0xFE])
        for unit in xml.utf16 { bytes.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        return storedZip([(name: "word/document.xml", data: bytes, declaredSize: nil)])
    }

    /// A `.docx` whose `document.xml` is honest UTF-16 (big-endian, with a byte-order mark).
    static func utf16Docx(_ line: String) -> Data {
        let xml = """
            <?xml version="1.0" encoding="UTF-16"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>\(line)</w:t></w:r></w:p></w:body></w:document>
            """
        var bytes = Data([0xFE, 0xFF])
        for unit in xml.utf16 { bytes.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
        return storedZip([(name: "word/document.xml", data: bytes, declaredSize: nil)])
    }

    /// A ZIP archive of stored (uncompressed) entries. An entry with a `declaredSize` claims that size
    /// through a ZIP64 extra field in both its local and central headers.
    static func storedZip(_ entries: [(name: String, data: Data, declaredSize: UInt64?)]) -> Data {
        var archive = Data()
        var central = Data()
        for entry in entries {
            let offset = UInt32(archive.count)
            let crc = crc32(entry.data)
            let name = Data(entry.name.utf8)
            let size32 = entry.declaredSize == nil ? UInt32(entry.data.count) : UInt32.max
            var zip64 = Data()
            if let declared = entry.declaredSize {
                zip64.append(le16(0x0001))
                zip64.append(le16(16))
                zip64.append(le64(declared))
                zip64.append(le64(UInt64(entry.data.count)))
            }
            // Local file header.
            archive.append(le32(0x0403_4B50))
            archive.append(le16(entry.declaredSize == nil ? 20 : 45))
            archive.append(le16(0))  // flags
            archive.append(le16(0))  // stored
            archive.append(le16(0))  // time
            archive.append(le16(0x21))  // date
            archive.append(le32(crc))
            archive.append(le32(size32))  // compressed
            archive.append(le32(size32))  // uncompressed
            archive.append(le16(UInt16(name.count)))
            archive.append(le16(UInt16(zip64.count)))
            archive.append(name)
            archive.append(zip64)
            archive.append(entry.data)
            // Central directory record.
            central.append(le32(0x0201_4B50))
            central.append(le16(0x031E))
            central.append(le16(entry.declaredSize == nil ? 20 : 45))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0x21))
            central.append(le32(crc))
            central.append(le32(size32))
            central.append(le32(size32))
            central.append(le16(UInt16(name.count)))
            central.append(le16(UInt16(zip64.count)))
            central.append(le16(0))  // comment
            central.append(le16(0))  // disk
            central.append(le16(0))  // internal attributes
            central.append(le32(0o100644 << 16))  // external attributes
            central.append(le32(offset))
            central.append(name)
            central.append(zip64)
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(le32(0x0605_4B50))
        archive.append(le16(0))
        archive.append(le16(0))
        archive.append(le16(UInt16(entries.count)))
        archive.append(le16(UInt16(entries.count)))
        archive.append(le32(UInt32(central.count)))
        archive.append(le32(centralOffset))
        archive.append(le16(0))
        return archive
    }

    private static func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private static func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private static func le64(_ value: UInt64) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }

    /// CRC-32 (IEEE), as ZIP records it.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
