import Crypto
import FerryBundle
import FerryCore
import Foundation

/// The SHA-256 of a file, in hex: a bundle's digest, as `sha256sum` prints it.
public enum BundleDigest {
    /// Hashes the file at `path` a megabyte at a time.
    public static func sha256(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BundleError.unreadableFile(path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
