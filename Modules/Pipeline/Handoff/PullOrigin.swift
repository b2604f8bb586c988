import Crypto
import FerryCore
import FerryOCI
import Foundation

/// Where a pull reads from: a registry repository or an OCI image layout on disk; both answer
/// the same questions (manifest, blob, referrer signatures), each checking digests.
enum PullOrigin: Sendable {
    case registry(RegistryClient, ImageReference)
    case layout(OCILayout, tag: String?)

    /// Parses `source`: `oci:DIR[:TAG]` is a layout, anything else a registry reference.
    init(_ source: String, options: RegistryClient.Options, environment: [String: String]) throws {
        if source.hasPrefix("oci:") && !source.hasPrefix("oci://") {
            var path = String(source.dropFirst("oci:".count))
            var tag: String?
            if let colon = path.lastIndex(of: ":"), !path[path.index(after: colon)...].contains("/") {
                tag = String(path[path.index(after: colon)...])
                path = String(path[..<colon])
            }
            self = .layout(OCILayout(directory: path), tag: tag)
            return
        }
        let reference = try ImageReference(source)
        let credentials = try RegistryCredentials.lookup(registry: reference.registry, environment: environment)
        self = .registry(RegistryClient(reference: reference, credentials: credentials, options: options), reference)
    }

    /// The origin's name in messages.
    var name: String {
        switch self {
        case let .registry(_, reference): reference.description
        case let .layout(layout, tag): "oci:\(layout.directory)" + (tag.map { ":\($0)" } ?? "")
        }
    }

    /// The source pinned to `digest`.
    func pinned(to digest: String) -> String {
        switch self {
        case let .registry(_, reference): reference.pinned(to: digest).description
        case let .layout(layout, _): "oci:\(layout.directory)@\(digest)"
        }
    }

    /// The manifest's bytes and digest.
    func manifest() async throws -> (Data, String) {
        switch self {
        case let .registry(client, reference):
            let (data, _, digest) = try await client.manifest(reference.manifestReference)
            return (data, digest)
        case let .layout(layout, tag):
            let descriptor = try layout.manifest(tagged: tag)
            return (try layout.blob(descriptor.digest, limit: 4 << 20), descriptor.digest)
        }
    }

    /// A small blob, its digest checked.
    func blob(_ digest: String, limit: Int) async throws -> Data {
        switch self {
        case let .registry(client, _): try await client.blob(digest, limit: limit)
        case let .layout(layout, _): try layout.blob(digest, limit: limit)
        }
    }

    /// Streams blob `digest` into `handle`, its size and digest checked, calling `progress`
    /// with the bytes written so far.
    func download(_ digest: String, size: Int64, into handle: FileHandle, progress: @escaping @Sendable (Int64) -> Void) async throws {
        switch self {
        case let .registry(client, _): try await client.downloadBlob(digest, size: size, into: handle, progress: progress)
        case let .layout(layout, _):
            let copy = LayoutBlobCopy(layout: layout, digest: digest, size: size)
            try await runOffThePool { try copy.write(into: handle, progress: progress) }
        }
    }

    /// The referrer signatures of manifest `digest` (a layout keeps none: its signatures travel
    /// inside the bundle).
    func referrerSignatures(of digest: String) async throws -> (list: [ReferrerSignature], throughAPI: Bool) {
        guard case let .registry(client, reference) = self else { return ([], false) }
        let (descriptors, throughAPI) = try await client.referrers(of: digest, artifactType: OCIMediaTypes.signatureArtifact)
        var signatures: [ReferrerSignature] = []
        for descriptor in descriptors.prefix(64) {
            let (data, _, _) = try await client.manifest(descriptor.digest)
            guard let manifest = try? JSONDecoder().decode(OCIManifest.self, from: data), manifest.subject?.digest == digest,
                let layer = manifest.layers.first, layer.mediaType == OCIMediaTypes.signatureArtifact
            else {
                throw FerryError(.invalidData, "\(reference): referrer \(descriptor.digest) is not a Ferry signature of \(digest)")
            }
            let blob = try await client.blob(layer.digest, limit: 64 << 10)
            guard let signature = try? JSONDecoder().decode(ReferrerSignature.self, from: blob) else {
                throw FerryError(.invalidData, "\(reference): signature blob \(layer.digest) is not a Ferry signature")
            }
            signatures.append(signature)
        }
        return (signatures, throughAPI)
    }
}

/// Copies a layout's blob into a file, hashing as it goes.
struct LayoutBlobCopy: Sendable {
    let layout: OCILayout
    let digest: String
    let size: Int64

    func write(into handle: FileHandle, progress: (Int64) -> Void) throws {
        guard let input = FileHandle(forReadingAtPath: layout.blobPath(digest)) else {
            throw FerryError(.notFound, "\(layout.directory): no blob \(digest)")
        }
        defer { try? input.close() }
        var hasher = SHA256()
        var copied: Int64 = 0
        while let chunk = try input.read(upToCount: 4 << 20), !chunk.isEmpty {
            copied += Int64(chunk.count)
            guard copied <= size else { throw FerryError(.invalidData, "\(layout.directory): blob \(digest) is longer than \(size) bytes") }
            hasher.update(data: chunk)
            try handle.write(contentsOf: chunk)
            progress(copied)
        }
        let actual = Digests.string(hasher.finalize())
        guard copied == size, actual == digest else {
            throw FerryError(.invalidData, "\(layout.directory): blob \(digest) holds other bytes (\(copied) of \(size) bytes, \(actual))")
        }
    }
}
