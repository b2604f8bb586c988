import FerryCore
import Foundation

/// An OCI image layout on disk (image specification, "image-layout"): `oci-layout`, `index.json`
/// and `blobs/sha256/<hex>`, which `skopeo copy oci:DIR docker://…` pushes and which Ferry can
/// write for air-gapped sites and read back (a layout `skopeo copy` made from a registry, say).
public struct OCILayout: Sendable {
    /// The layout's folder.
    public let directory: String

    /// A layout at `directory`.
    public init(directory: String) { self.directory = directory }

    /// The path of blob `digest`.
    public func blobPath(_ digest: String) -> String {
        (directory as NSString).appendingPathComponent("blobs/sha256/\(digest.dropFirst("sha256:".count))")
    }

    /// Writes a blob from memory (through a temporary file and a rename).
    public func write(_ data: Data, digest: String) throws {
        try prepare()
        try data.write(to: URL(fileURLWithPath: blobPath(digest)), options: .atomic)
    }

    /// Copies the file at `path` in as blob `digest` (through a temporary file and a rename).
    public func copy(file path: String, digest: String) throws {
        try prepare()
        let target = blobPath(digest)
        let temporary = target + ".partial"
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.copyItem(atPath: path, toPath: temporary)
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        try FileManager.default.moveItem(atPath: temporary, toPath: target)
    }

    /// Adds `manifest` to `index.json` under the tag `tag` (replacing an entry of that tag).
    public func tag(_ manifest: OCIDescriptor, as tag: String) throws {
        var index = (try? readIndex()) ?? OCIIndex(manifests: [])
        index.manifests.removeAll { $0.annotations?[Self.refName] == tag }
        var entry = manifest
        entry.annotations = [Self.refName: tag]
        index.manifests.append(entry)
        try index.encoded().write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("index.json")), options: .atomic)
    }

    /// The manifest descriptor tagged `tag`, or the only one when `tag` is `nil`.
    /// - Throws: ``FerryError`` `notFound` naming the tags there are.
    public func manifest(tagged tag: String?) throws -> OCIDescriptor {
        let manifests = try readIndex().manifests
        if let tag {
            if let found = manifests.first(where: { $0.annotations?[Self.refName] == tag }) { return found }
        } else if manifests.count == 1, let only = manifests.first {
            return only
        }
        let tags = manifests.compactMap { $0.annotations?[Self.refName] }
        throw FerryError(
            .notFound, "\(directory): no manifest tagged '\(tag ?? "")' (tags: \(tags.isEmpty ? "none" : tags.joined(separator: ", ")))")
    }

    /// Reads blob `digest` of at most `limit` bytes, its digest checked.
    public func blob(_ digest: String, limit: Int) throws -> Data {
        let path = blobPath(digest)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw FerryError(.notFound, "\(directory): no blob \(digest)") }
        guard size <= limit else { throw FerryError(.invalidData, "\(directory): blob \(digest) is larger than \(limit) bytes") }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard Digests.sha256(data) == digest else { throw FerryError(.invalidData, "\(directory): blob \(digest) holds other bytes") }
        return data
    }

    /// The annotation an index entry's tag is kept in.
    static let refName = "org.opencontainers.image.ref.name"

    private func readIndex() throws -> OCIIndex {
        let path = (directory as NSString).appendingPathComponent("index.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FerryError(.notFound, "\(directory): no OCI layout here (index.json is missing)")
        }
        guard data.count <= OCILimits.smallDocument, let index = try? JSONDecoder().decode(OCIIndex.self, from: data) else {
            throw FerryError(.invalidData, "\(path): not an OCI image index")
        }
        return index
    }

    private func prepare() throws {
        try FileManager.default.createDirectory(
            atPath: (directory as NSString).appendingPathComponent("blobs/sha256"), withIntermediateDirectories: true)
        let marker = (directory as NSString).appendingPathComponent("oci-layout")
        if !FileManager.default.fileExists(atPath: marker) {
            try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: marker), options: .atomic)
        }
    }
}
