import Crypto
import FerryCore
import Foundation

/// Writes a bundle: the files, `checksums.sha256` over them, and optionally `signature.ed25519`,
/// as one canonical gzip-compressed tar under `<name>-<version>/`. A composite's members are
/// written first, each as a complete bundle of its own (`member-1.tar.gz`, …), and named in the
/// manifest by their digests.
public struct BundleWriter: Sendable {
    /// Makes a writer.
    public init() {}

    /// Writes `contents` to `path` (through a temporary file and a rename), signed with `key` when given.
    public func write(_ contents: BundleContents, to path: String, signingKey key: Curve25519.Signing.PrivateKey? = nil) throws {
        var contents = contents
        var memberFiles: [String: Data] = [:]
        if !contents.members.isEmpty {
            guard contents.members.count <= BundleLayout.maximumMembers, contents.members.allSatisfy(\.members.isEmpty) else {
                throw BundleError(.integrity, "a bundle carries at most \(BundleLayout.maximumMembers) members, none of them with members")
            }
            var described: [BundleManifest.Member] = []
            for (position, member) in contents.members.enumerated() {
                let file = BundleLayout.memberFile(position + 1)
                let bytes = try archiveBytes(member, beside: path)
                memberFiles[file] = bytes
                described.append(
                    .init(
                        file: file, sha256: Checksums.hex(SHA256.hash(data: bytes)), name: member.manifest.name,
                        version: member.manifest.version,
                        plugin: member.manifest.plugin))
            }
            contents.manifest.members = described
        }
        var files = try contents.files().merging(memberFiles) { own, _ in own }
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

    /// The canonical bytes of `member` as a bundle of its own (written beside `path`, read back, removed).
    private func archiveBytes(_ member: BundleContents, beside path: String) throws -> Data {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder as NSString).appendingPathComponent(".member-\(UUID().uuidString).tar.gz")
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try write(member, to: temporary)
        return try Data(contentsOf: URL(fileURLWithPath: temporary))
    }
}
