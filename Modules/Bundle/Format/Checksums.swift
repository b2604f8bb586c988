import Crypto
import FerryCore
import Foundation

/// `checksums.sha256`: one `<hex>  <file>` line per file, in name order, as `sha256sum` writes and `sha256sum -c` reads.
enum Checksums {
    static func render(_ files: [String: Data]) -> Data {
        Data(files.keys.sorted().map { "\(hex(SHA256.hash(data: files[$0] ?? Data())))  \($0)\n" }.joined().utf8)
    }

    /// The file → hex digest lines of `data`; throws for a line not in `sha256sum`'s format or a file listed twice.
    static func parse(_ data: Data) throws -> [String: String] {
        guard let text = String(data: data, encoding: .utf8) else { throw BundleError.checksum("not UTF-8 text") }
        var digests: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit), parts[1].hasPrefix(" ") else {
                throw BundleError.checksum("line \(number + 1) is not '<sha256>  <file>'")
            }
            let file = String(parts[1].dropFirst())
            guard digests.updateValue(String(parts[0]).lowercased(), forKey: file) == nil else {
                throw BundleError.checksum("\(file) is listed twice")
            }
        }
        return digests
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
