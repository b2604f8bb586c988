import Crypto
import FerryCore
import Foundation

/// Writes a bundle: the files, `checksums.sha256` over them, and optionally `signature.ed25519`,
/// as one canonical gzip-compressed tar under `<name>-<version>/`.
public struct BundleWriter: Sendable {
    /// Makes a writer.
    public init() {}

    /// Writes `contents` to `path` (through a temporary file and a rename), signed with `key` when given.
    public func write(_ contents: BundleContents, to path: String, signingKey key: Curve25519.Signing.PrivateKey? = nil) throws {
        var files = try contents.files()
        let checksums = Checksums.render(files)
        files[BundleLayout.checksums] = checksums
        if let key {
            files[BundleLayout.signature] = try BundleJSON.encode(BundleSignature.sign(checksums, with: key), file: BundleLayout.signature)
        }
        let folder = contents.manifest.folder
        try TarGzReader.checkPath(folder)
        let entries = Dictionary(uniqueKeysWithValues: files.map { ("\(folder)/\($0.key)", $0.value) })
        try TarGzWriter().write(entries, to: path, modificationTime: contents.manifest.created.secondsSinceEpoch)
    }
}
