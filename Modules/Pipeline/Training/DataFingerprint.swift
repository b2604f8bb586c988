import Crypto
import FerryCore
import Foundation

/// What a model was trained on: each input file's SHA-256, and one SHA-256 over all of them.
public struct DataFingerprint: Codable, Sendable, Equatable {
    /// One input file.
    public struct File: Codable, Sendable, Equatable {
        /// Its name (the last path component; paths differ between machines).
        public let name: String
        /// The SHA-256 of its bytes, in hex.
        public let sha256: String
        /// Its size in bytes.
        public let bytes: Int
    }

    /// The input files, in the order given.
    public let files: [File]
    /// SHA-256 over the files' names and hashes, in order: equal inputs give equal fingerprints.
    public let sha256: String

    /// Hashes the files at `paths`.
    public init(files paths: [String]) throws {
        files = try paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw FerryError(.notFound, "\(path): cannot be read") }
            return File(name: (path as NSString).lastPathComponent, sha256: Self.hex(SHA256.hash(data: data)), bytes: data.count)
        }
        sha256 = Self.hex(SHA256.hash(data: Data(files.map { "\($0.name) \($0.sha256)\n" }.joined().utf8)))
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
