public import Crypto
public import Foundation

extension SHA256 {
    /// The SHA-256 of `data` as 64 lowercase hex characters, the form stored and compared everywhere.
    public static func hex(of data: some DataProtocol) -> String {
        var hex = ""
        hex.reserveCapacity(64)
        for byte in hash(data: data) {
            hex.unicodeScalars.append(hexDigits[Int(byte >> 4)])
            hex.unicodeScalars.append(hexDigits[Int(byte & 0x0F)])
        }
        return hex
    }

    private static let hexDigits = Array("0123456789abcdef".unicodeScalars)
}
