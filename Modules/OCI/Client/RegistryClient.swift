import AsyncHTTPClient
import Crypto
import FerryCore
import Foundation
import NIOCore
import NIOHTTP1

/// The OCI distribution protocol for one repository, as Ferry's push and pull need it: blobs
/// checked before upload, uploaded whole or in chunks, mounted from another repository;
/// manifests put and got by tag or digest; referrers listed through the API or its tag fallback.
public struct RegistryClient: Sendable {
    /// How uploads are made and what the client may do.
    public struct Options: Sendable {
        /// Allow plain HTTP to a registry that is not on this machine.
        public var insecure = false
        /// Upload blobs larger than this with `PATCH` requests instead of one `PUT` (registries
        /// such as Artifact Registry refuse large monolithic uploads).
        public var chunkThreshold: Int64 = 512 << 20
        /// The size of one `PATCH`; 0 streams the whole blob in one `PATCH` (as docker does).
        public var chunkSize: Int64 = 0

        /// The defaults: HTTPS except to loopback; above 512 MiB, the blob streamed in one `PATCH`.
        public init() {}
    }

    let session: RegistrySession
    let options: Options

    /// A client for `reference`'s repository.
    public init(reference: ImageReference, credentials: RegistryCredentials?, options: Options = Options()) {
        session = RegistrySession(reference: reference, credentials: credentials, insecure: options.insecure)
        self.options = options
    }

    /// The repository's reference.
    public var reference: ImageReference { session.reference }

    /// Whether the repository already has the blob `digest` (`HEAD`).
    public func hasBlob(_ digest: String) async throws -> Bool {
        let response = try await session.send(.HEAD, session.url("blobs/\(digest)"))
        switch response.status {
        case .ok: return true
        case .notFound: return false
        default: throw unexpected(response, "HEAD blobs/\(digest)")
        }
    }

    /// Mounts `digest` from `repository` on the same registry; `false` when the registry
    /// declines (it then opened an upload, which is left to expire).
    public func mount(_ digest: String, from repository: String) async throws -> Bool {
        let response = try await session.send(.POST, session.url("blobs/uploads/?mount=\(digest)&from=\(repository)"))
        switch response.status {
        case .created: return true
        case .accepted: return false
        default: throw unexpected(response, "mount \(digest) from \(repository)")
        }
    }

    /// Uploads the file at `path` as blob `digest` of `size` bytes: in one `PUT`, or when larger than
    /// ``Options/chunkThreshold`` in `PATCH` requests of ``Options/chunkSize`` (one for the whole
    /// blob when 0). Streams from disk.
    /// - Returns: How many chunks were sent (1 for a monolithic upload).
    @discardableResult
    public func uploadBlob(file path: String, digest: String, size: Int64) async throws -> Int {
        var location = try await startUpload()
        guard size > options.chunkThreshold else {
            try await finishUpload(location, digest: digest) {
                .stream(FileChunks(path: path, range: 0..<size, eventLoop: session.eventLoop), length: .known(size))
            }
            return 1
        }
        var offset: Int64 = 0
        var chunks = 0
        while offset < size {
            let end = options.chunkSize > 0 ? Swift.min(offset + options.chunkSize, size) : size
            let range = offset..<end
            let response = try await session.send(
                .PATCH, location,
                headers: [
                    ("Content-Type", "application/octet-stream"), ("Content-Range", "\(range.lowerBound)-\(range.upperBound - 1)"),
                    ("Content-Length", "\(range.count)"),
                ]
            ) { .stream(FileChunks(path: path, range: range, eventLoop: session.eventLoop), length: .known(Int64(range.count))) }
            guard response.status == .accepted, let next = response.headers.first(name: "Location") else {
                throw unexpected(response, "PATCH chunk \(offset)-\(end - 1) of \(digest)")
            }
            location = session.absolute(next)
            offset = end
            chunks += 1
        }
        try await finishUpload(location, digest: digest, body: nil)
        return chunks
    }

    /// Uploads `data` as blob `digest` in one `PUT`.
    public func uploadBlob(_ data: Data, digest: String) async throws {
        let location = try await startUpload()
        let buffer = ByteBuffer(bytes: data)
        try await finishUpload(location, digest: digest) { .bytes(buffer) }
    }

    /// Puts a manifest under `reference` (a tag or its digest).
    /// - Returns: The manifest's digest.
    @discardableResult
    public func putManifest(_ data: Data, mediaType: String, reference: String) async throws -> String {
        let buffer = ByteBuffer(bytes: data)
        let response = try await session.send(.PUT, session.url("manifests/\(reference)"), headers: [("Content-Type", mediaType)]) {
            .bytes(buffer)
        }
        guard response.status == .created else { throw unexpected(response, "PUT manifests/\(reference)") }
        return Digests.sha256(data)
    }

    /// The manifest at `reference` (a tag or digest): its bytes, media type and digest, checked
    /// against the digest when `reference` is one.
    public func manifest(_ reference: String) async throws -> (data: Data, mediaType: String, digest: String) {
        let accept = [OCIMediaTypes.imageManifest, OCIMediaTypes.imageIndex].joined(separator: ", ")
        let response = try await session.send(.GET, session.url("manifests/\(reference)"), headers: [("Accept", accept)])
        guard response.status == .ok else {
            if response.status == .notFound {
                throw FerryError(.notFound, "\(session.reference.repository): no manifest '\(reference)' in \(session.reference.registry)")
            }
            throw unexpected(response, "GET manifests/\(reference)")
        }
        let data = try await collect(response, limit: OCILimits.smallDocument, what: "manifest \(reference)")
        let digest = Digests.sha256(data)
        if ImageReference.isDigest(reference), digest != reference {
            throw FerryError(.invalidData, "\(session.reference): the manifest's bytes hash to \(digest), not the \(reference) asked for")
        }
        return (data, response.headers.first(name: "Content-Type") ?? "", digest)
    }

    /// The small blob `digest` (a config, a signature), at most `limit` bytes, its digest checked.
    public func blob(_ digest: String, limit: Int) async throws -> Data {
        let response = try await session.send(.GET, session.url("blobs/\(digest)"))
        guard response.status == .ok else { throw unexpected(response, "GET blobs/\(digest)") }
        let data = try await collect(response, limit: limit, what: "blob \(digest)")
        guard Digests.sha256(data) == digest else {
            throw FerryError(
                .invalidData, "\(session.reference): blob \(digest) arrived with other bytes (SHA-256 \(Digests.sha256(data)))")
        }
        return data
    }

    /// Streams blob `digest` of `size` bytes into `handle`, hashing as it arrives; refuses more
    /// bytes than `size`, fewer, or other bytes than the digest names.
    public func downloadBlob(_ digest: String, size: Int64, into handle: FileHandle, progress: (Int64) -> Void = { _ in }) async throws {
        let response = try await session.send(.GET, session.url("blobs/\(digest)"))
        guard response.status == .ok else { throw unexpected(response, "GET blobs/\(digest)") }
        var hasher = SHA256()
        var received: Int64 = 0
        for try await buffer in response.body {
            received += Int64(buffer.readableBytes)
            guard received <= size else {
                throw FerryError(.invalidData, "\(session.reference): blob \(digest) is longer than its \(size) bytes")
            }
            try buffer.withUnsafeReadableBytes { bytes in
                hasher.update(bufferPointer: bytes)
                try handle.write(contentsOf: bytes)
            }
            progress(received)
        }
        guard received == size else {
            throw FerryError(.invalidData, "\(session.reference): blob \(digest) ended after \(received) of \(size) bytes")
        }
        let actual = Digests.string(hasher.finalize())
        guard actual == digest else {
            throw FerryError(.invalidData, "\(session.reference): blob \(digest) arrived with other bytes (SHA-256 \(actual))")
        }
    }

    /// The manifests that refer to `digest` (its `subject`), of `artifactType`: from the referrers
    /// API, or where a registry lacks it (404), from the `sha256-<hex>` tag's index.
    /// - Returns: The descriptors, and whether the API answered.
    public func referrers(of digest: String, artifactType: String) async throws -> (manifests: [OCIDescriptor], throughAPI: Bool) {
        let response = try await session.send(.GET, session.url("referrers/\(digest)?artifactType=\(artifactType)"))
        if response.status == .ok {
            let data = try await collect(response, limit: OCILimits.smallDocument, what: "the referrers of \(digest)")
            return (try decodeIndex(data, what: "the referrers of \(digest)").manifests.filter { $0.artifactType == artifactType }, true)
        }
        guard response.status == .notFound else { throw unexpected(response, "GET referrers/\(digest)") }
        do {
            let (data, _, _) = try await manifest(Self.fallbackTag(for: digest))
            return (
                try decodeIndex(data, what: "tag \(Self.fallbackTag(for: digest))").manifests.filter { $0.artifactType == artifactType },
                false
            )
        } catch let error as FerryError where error.code == .notFound {
            return ([], false)
        }
    }

    /// Makes `referrer` findable from `subject` on a registry without the referrers API: adds it
    /// to the index under the `sha256-<hex>` fallback tag (distribution specification 1.1,
    /// "referrers tag schema"). A registry with the API lists it already, and is left alone.
    public func listReferrer(_ referrer: OCIDescriptor, of subject: String) async throws {
        let probe = try await session.send(.GET, session.url("referrers/\(subject)"))
        if probe.status == .ok { return }
        let tag = Self.fallbackTag(for: subject)
        var index = OCIIndex(manifests: [])
        do {
            index = try decodeIndex(try await manifest(tag).data, what: "tag \(tag)")
        } catch let error as FerryError where error.code == .notFound {}
        guard !index.manifests.contains(where: { $0.digest == referrer.digest }) else { return }
        index.manifests.append(referrer)
        try await putManifest(try index.encoded(), mediaType: OCIMediaTypes.imageIndex, reference: tag)
    }

    /// The referrers tag schema's tag for `digest`: `sha256-<hex>`.
    public static func fallbackTag(for digest: String) -> String { digest.replacingOccurrences(of: ":", with: "-") }

    private func startUpload() async throws -> String {
        let response = try await session.send(.POST, session.url("blobs/uploads/"))
        guard response.status == .accepted, let location = response.headers.first(name: "Location") else {
            throw unexpected(response, "POST blobs/uploads/")
        }
        return session.absolute(location)
    }

    private func finishUpload(_ location: String, digest: String, body: (@Sendable () -> HTTPClientRequest.Body)?) async throws {
        let url = location + (location.contains("?") ? "&" : "?") + "digest=\(digest)"
        let response = try await session.send(.PUT, url, headers: [("Content-Type", "application/octet-stream")], body: body)
        guard response.status == .created else { throw unexpected(response, "PUT blob \(digest)") }
    }

    private func decodeIndex(_ data: Data, what: String) throws -> OCIIndex {
        do {
            return try JSONDecoder().decode(OCIIndex.self, from: data)
        } catch {
            throw FerryError(.invalidData, "\(session.reference): \(what) is not an OCI image index")
        }
    }

    private func collect(_ response: HTTPClientResponse, limit: Int, what: String) async throws -> Data {
        do {
            return Data(try await response.body.collect(upTo: limit).readableBytesView)
        } catch is NIOTooManyBytesError {
            throw FerryError(.invalidData, "\(session.reference): \(what) is larger than \(limit) bytes")
        }
    }

    private func unexpected(_ response: HTTPClientResponse, _ what: String) -> FerryError {
        FerryError(
            .unavailable, "\(session.reference): \(what): the registry answered \(response.status.code) \(response.status.reasonPhrase)")
    }
}

/// SHA-256 digests in the OCI spelling.
public enum Digests {
    /// `sha256:<hex>` of `data`.
    public static func sha256(_ data: Data) -> String { string(SHA256.hash(data: data)) }

    /// `sha256:<hex>` of a finished hash.
    public static func string(_ digest: SHA256.Digest) -> String { "sha256:" + digest.map { String(format: "%02x", $0) }.joined() }
}
