import Crypto
import FerryCore
import FerryModels
import Foundation

/// Reads an untrusted bundle and checks its integrity: one top-level folder holding only the known
/// files, every file listed in `checksums.sha256` with a matching SHA-256 (hashed while inflating),
/// and well-formed JSON and safetensors. Nothing is written to disk.
public struct BundleReader: Sendable {
    /// Limits on sizes and compression ratio.
    var limits = TarGzReader.Limits()
    /// Weights larger than this are hashed as they stream past and their safetensors header
    /// checked, but their values are read only when a model is loaded (a second pass), so
    /// verifying a large bundle holds little memory.
    public var weightsInMemoryLimit: Int64 = 256 << 20

    /// Makes a reader.
    public init() {}

    /// The bundle at `path`, integrity checked; throws a ``BundleError`` of class `integrity` otherwise.
    public func read(_ path: String) throws -> OpenedBundle {
        try read(source: .file(path)) { try TarGzReader(limits: limits).read(path, visit: $0, consume: $1) }
    }

    /// A bundle still being written (downloaded) to `file.path`, integrity checked as it grows.
    public func read(growing file: GrowingFile) throws -> OpenedBundle {
        try read(source: .file(file.path)) { try TarGzReader(limits: limits).read(growing: file, visit: $0, consume: $1) }
    }

    /// A bundle held in memory (an upload, a fuzzer's input), integrity checked.
    public func read(bytes: Data) throws -> OpenedBundle {
        try read(source: .memory(bytes)) { try TarGzReader(limits: limits).read(bytes: bytes, visit: $0, consume: $1) }
    }

    private func read(
        source: OpenedBundle.Source,
        _ stream: (_ visit: (String, Int64) throws -> Void, _ consume: (String, UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> OpenedBundle {
        var folder: String?
        var data: [String: Data] = [:]
        var hashers: [String: SHA256] = [:]
        // Files this large are hashed on a second thread while the archive goes on inflating.
        var backgroundHashers: [String: BackgroundHasher] = [:]
        defer { for hasher in backgroundHashers.values { hasher.cancel() } }
        var deferredWeights: Int64?
        try stream(
            { name, size in
                let parts = name.split(separator: "/")
                guard parts.count == 2 else {
                    throw BundleError.structure("'\(name)' is not a file directly inside the bundle's one folder")
                }
                let (top, file) = (String(parts[0]), String(parts[1]))
                if let folder, folder != top { throw BundleError.structure("two top-level folders: \(folder) and \(top)") }
                folder = top
                guard BundleLayout.isKnownFile(file) else { throw BundleError.structure("unexpected file '\(file)'") }
                if file == BundleLayout.weights, size > weightsInMemoryLimit { deferredWeights = size }
                // Deferred weights keep only their safetensors header: reserve room for that, not for the file.
                data[file] = Data(
                    capacity: Int(Swift.min(file == BundleLayout.weights && deferredWeights != nil ? 1 << 16 : size, 64 << 20)))
                if size >= Self.backgroundHashingSize { backgroundHashers[file] = BackgroundHasher() } else { hashers[file] = SHA256() }
            },
            { name, chunk in
                let file = String(name.split(separator: "/")[1])
                if let background = backgroundHashers[file] {
                    background.update(chunk)
                } else {
                    hashers[file]?.update(bufferPointer: chunk)
                }
                if file == BundleLayout.weights, deferredWeights != nil {
                    // Keep only what the safetensors header needs: its length, then the header itself
                    // (both may arrive in one chunk, so take the length first, then look again).
                    var offset = 0
                    while offset < chunk.count {
                        let held = data[file]?.count ?? 0
                        let wanted = held < 8 ? 8 : Self.headerPrefixLength(data[file] ?? Data())
                        guard held < wanted else { break }
                        let take = Swift.min(wanted - held, chunk.count - offset)
                        data[file]?.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[offset..<(offset + take)]))
                        offset += take
                    }
                    return
                }
                data[file]?.append(contentsOf: chunk)
            })
        guard let folder else { throw BundleError.structure("the archive is empty") }
        for file in BundleLayout.checkedFiles + [BundleLayout.checksums] where data[file] == nil {
            throw BundleError.structure("\(file) is missing")
        }
        let listed = try Checksums.parse(data[BundleLayout.checksums] ?? Data())
        for file in data.keys.sorted() where file != BundleLayout.checksums && file != BundleLayout.signature {
            guard let expected = listed[file] else { throw BundleError.checksum("\(file) is not listed in checksums.sha256") }
            let actual = (backgroundHashers[file]?.finalize() ?? hashers[file]?.finalize()).map { Checksums.hex($0) } ?? ""
            guard actual == expected else { throw BundleError.checksum("\(file): SHA-256 \(actual) does not match the listed \(expected)") }
        }
        for file in listed.keys.sorted() where data[file] == nil {
            throw BundleError.checksum("\(file) is listed in checksums.sha256 but not in the archive")
        }
        return try OpenedBundle(folder: folder, files: data, source: source, deferredWeightsSize: deferredWeights)
    }

    /// Files at least this large are hashed on a second thread (``BackgroundHasher``).
    static let backgroundHashingSize: Int64 = 8 << 20

    /// How many leading bytes hold a safetensors header, from its first 8 (capped at the header limit).
    static func headerPrefixLength(_ prefix: Data) -> Int {
        guard prefix.count >= 8 else { return 8 }
        let declared = prefix.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        return 8 + Int(Swift.min(declared, UInt64(Safetensors.maximumHeaderBytes) + 1))
    }
}

/// A bundle whose integrity has been checked, its files parsed.
public struct OpenedBundle: Sendable {
    /// Where the bundle's bytes are, for reading large weights on demand.
    enum Source: Sendable {
        case file(String)
        case memory(Data)
    }

    /// The top-level folder's name.
    public let folder: String
    /// The parsed contents.
    public let contents: BundleContents
    /// The signature, when the bundle is signed.
    let signature: BundleSignature?

    /// The signer's key id, when the bundle is signed.
    public var signer: String? { signature?.keyID }
    /// The exact bytes of `checksums.sha256`, which the signature covers.
    let checksums: Data
    /// The exact bytes of `manifest.json` (what an OCI push shows as the artifact's config).
    public let manifestData: Data
    /// Where the bundle came from.
    let source: Source
    /// The size of weights left in the archive (too large to hold while verifying), or `nil`.
    let deferredWeightsSize: Int64?

    /// The members of a composite bundle (an ensemble), each opened and integrity checked from its
    /// file inside this one, in order; empty for other bundles.
    public let members: [OpenedBundle]

    /// The model's tensors: those read with the bundle, or, for large weights, read now in a
    /// second pass over the archive (whose checksum was already verified); a composite's members'
    /// tensors are added under their positions (``MemberTensors``), as its plugin expects them.
    public func tensors() throws -> [String: Tensor] {
        var all = try ownTensors()
        for (position, member) in members.enumerated() {
            for (name, tensor) in try member.tensors() { all[MemberTensors.prefix(position) + name] = tensor }
        }
        return all
    }

    private func ownTensors() throws -> [String: Tensor] {
        guard deferredWeightsSize != nil else { return contents.tensors }
        var weights = Data()
        let reader = TarGzReader()
        let keep: (String, UnsafeRawBufferPointer) throws -> Void = { name, chunk in
            if name == "\(folder)/\(BundleLayout.weights)" { weights.append(contentsOf: chunk) }
        }
        switch source {
        case let .file(path): try reader.read(path, visit: { _, _ in }, consume: keep)
        case let .memory(bytes): try reader.read(bytes: bytes, visit: { _, _ in }, consume: keep)
        }
        do {
            return try Safetensors.decode(Array(weights)).tensors
        } catch {
            throw BundleError.malformed(BundleLayout.weights, "\(error)")
        }
    }

    init(folder: String, files: [String: Data], source: Source, deferredWeightsSize: Int64?) throws {
        func file(_ name: String) -> Data { files[name] ?? Data() }
        let version = try BundleLayout.formatVersion(ofManifest: file(BundleLayout.manifest))
        func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            try BundleJSON.decode(type, file(name), file: name, formatVersion: version)
        }
        let manifest = try decode(BundleManifest.self, BundleLayout.manifest)
        guard manifest.folder == folder else {
            throw BundleError.structure("the folder is \(folder) but the manifest names \(manifest.folder)")
        }
        let schema = try decode(FeatureSchema.self, BundleLayout.schema)
        guard case let .object(schemaFields) = try decode(JSONValue.self, BundleLayout.schema) else {
            throw BundleError.malformed(BundleLayout.schema, "not a JSON object")
        }
        var tensors: [String: Tensor] = [:]
        do {
            if let size = deferredWeightsSize {
                _ = try Safetensors.readHeader(file(BundleLayout.weights), fileSize: Int(size))
            } else {
                tensors = try Safetensors.decode(Array(file(BundleLayout.weights))).tensors
            }
        } catch {
            throw BundleError.malformed(BundleLayout.weights, "\(error)")
        }
        guard let card = String(data: file(BundleLayout.modelCard), encoding: .utf8) else {
            throw BundleError.malformed(BundleLayout.modelCard, "not UTF-8 text")
        }
        members = try Self.openMembers(manifest.members ?? [], files: files)
        contents = BundleContents(
            manifest: manifest, schema: schema, pipeline: schemaFields["pipeline"].flatMap { $0 == .null ? nil : $0 }, tensors: tensors,
            environment: try decode(EnvironmentManifest.self, BundleLayout.environment),
            metrics: try decode(JSONValue.self, BundleLayout.metrics), golden: try decode(GoldenSet.self, BundleLayout.golden),
            modelCard: card, members: members.map(\.contents))
        if version >= 2 { try contents.checkFormatTwoFields() }
        signature = try files[BundleLayout.signature].map { _ in try decode(BundleSignature.self, BundleLayout.signature) }
        checksums = file(BundleLayout.checksums)
        manifestData = file(BundleLayout.manifest)
        self.folder = folder
        self.source = source
        self.deferredWeightsSize = deferredWeightsSize
    }

    /// Opens the members the manifest names, each from its file: the files and the list must
    /// agree, each file must have the digest the manifest gives, and be a bundle of its own (with
    /// no members), of the plugin, name and version the manifest gives.
    private static func openMembers(_ listed: [BundleManifest.Member], files: [String: Data]) throws -> [OpenedBundle] {
        let present = files.keys.filter { $0.hasPrefix("member-") }.sorted()
        guard present == listed.map(\.file).sorted() else {
            throw BundleError.structure(
                "the member files (\(present.joined(separator: ", "))) are not the manifest's members (\(listed.map(\.file).joined(separator: ", ")))"
            )
        }
        return try listed.map { member in
            let bytes = files[member.file] ?? Data()
            let digest = Checksums.hex(SHA256.hash(data: bytes))
            guard digest == member.sha256 else {
                throw BundleError.checksum("\(member.file): SHA-256 \(digest) is not the manifest's \(member.sha256)")
            }
            let opened: OpenedBundle
            do {
                opened = try BundleReader().read(bytes: bytes)
            } catch let error as BundleError {
                throw BundleError(error.failing, "\(member.file): \(error.message)")
            }
            let manifest = opened.contents.manifest
            guard opened.members.isEmpty else { throw BundleError.structure("\(member.file) carries members of its own") }
            guard manifest.plugin == member.plugin, manifest.name == member.name, manifest.version == member.version else {
                throw BundleError.structure(
                    "\(member.file) holds \(manifest.name) \(manifest.version) (\(manifest.plugin.id)), not the manifest's \(member.name) \(member.version) (\(member.plugin.id))"
                )
            }
            return opened
        }
    }
}
