extension FerryJSON {
    /// `texts` as a JSON array of strings, written by hand: on a hot path (libferry's warnings)
    /// `JSONEncoder` costs more than the work it reports on.
    public static func stringArray(_ texts: [String]) -> String {
        var json = "["
        json.reserveCapacity(texts.reduce(2) { $0 + $1.utf8.count + 3 })
        for (position, text) in texts.enumerated() {
            if position > 0 { json += "," }
            json += "\""
            json += escaped(text)
            json += "\""
        }
        return json + "]"
    }

    /// `text` escaped to stand between the quotes of a JSON string: `"` and `\` escaped, control
    /// characters as `\n`, `\r`, `\t` or `\u00XX`; everything else as it is (JSON text is UTF-8).
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8) + Array(String(byte >> 4, radix: 16).utf8) + Array(String(byte & 0x0F, radix: 16).utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
