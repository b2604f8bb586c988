import FerryBundle
import FerryCore
import FerryStore
import Foundation

/// Where a registered bundle's archive is on this machine. A store shared by several machines
/// (PostgreSQL) keeps bundles by reference: the path the registering machine kept it at (on
/// shared storage, `$FERRY_BUNDLES`), and for a bundle pulled from a registry its `oci://`
/// reference pinned to the manifest's digest. Whatever file is found must hold the registered
/// bytes (its SHA-256 is the registry's digest), so a file swapped on shared storage is refused.
///
/// ```swift
/// let files = RegisteredBundleFiles(store: store, trust: trust)
/// let local = try await files.local(entry)   // pulled from entry.source on first use when missing here
/// ```
public struct RegisteredBundleFiles: Sendable {
    /// This machine's folder of kept bundles (``folder(for:)``).
    public let folder: String
    /// What a pull from a registry trusts; `nil`: never pull.
    public let trust: BundleTrust?

    /// Makes the lookup for `store`'s bundles on this machine, pulling with `trust` when given.
    public init(store: Store, trust: BundleTrust? = nil) {
        folder = Self.folder(for: store)
        self.trust = trust
    }

    /// Where `store`'s bundles are kept on this machine: `bundles/` beside a SQLite file; for a
    /// PostgreSQL store, shared by several machines, `$FERRY_BUNDLES` (a folder on shared
    /// storage), else `store/bundles`.
    public static func folder(for store: Store) -> String {
        guard let file = store.file else { return ProcessInfo.processInfo.environment["FERRY_BUNDLES"] ?? "store/bundles" }
        return ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("bundles")
    }

    /// `entry` with the path of its archive on this machine: its registered path, else the same
    /// file name in ``folder``; else, with a ``trust``, pulled from its pinned `oci://` source
    /// into ``folder`` (temporary file, then rename) and checked against its digest.
    /// - Throws: ``FerryError`` `notFound` naming the version and where it was looked for,
    ///   `conflict` when a file or a registry holds other bytes than the registered ones, or what
    ///   ``BundlePull/pull(_:into:)`` throws.
    public func local(_ entry: RegisteredBundle) async throws -> RegisteredBundle {
        if let found = try onDisk(entry) { return found }
        guard let trust, let source = entry.source, source.hasPrefix("oci://"), source.contains("@sha256:") else {
            throw missing(entry)
        }
        let staging = (folder as NSString).appendingPathComponent(".pull-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let pulled = try await BundlePull(trust: trust).pull(String(source.dropFirst("oci://".count)), into: staging)
        let target = kept(entry)
        try Self.requireDigest(of: pulled.path, entry)
        if !FileManager.default.fileExists(atPath: target) { try FileManager.default.moveItem(atPath: pulled.path, toPath: target) }
        var local = entry
        local.path = target
        return local
    }

    /// `entry` with the path of its archive on this machine without pulling: its registered path,
    /// else the same file name in ``folder``; `nil` when neither exists.
    /// - Throws: ``FerryError`` `conflict` when the file found holds other bytes than the registered ones.
    public func onDisk(_ entry: RegisteredBundle) throws -> RegisteredBundle? {
        for path in [entry.path, kept(entry)] where FileManager.default.fileExists(atPath: path) {
            try Self.requireDigest(of: path, entry)
            var local = entry
            local.path = path
            return local
        }
        return nil
    }

    /// ``onDisk(_:)``, or ``FerryError`` `notFound` saying where the bundle was looked for.
    public func required(_ entry: RegisteredBundle) throws -> RegisteredBundle {
        guard let local = try onDisk(entry) else { throw missing(entry) }
        return local
    }

    /// Where this machine keeps `entry`'s archive: its registered file name in ``folder``.
    private func kept(_ entry: RegisteredBundle) -> String {
        (folder as NSString).appendingPathComponent((entry.path as NSString).lastPathComponent)
    }

    private func missing(_ entry: RegisteredBundle) -> FerryError {
        let pull = entry.source.map { " (a server pulls it from \($0) on first use)" } ?? ""
        return FerryError(
            .notFound,
            "\(entry.name) \(entry.version): its bundle is not on this machine (not at \(entry.path) nor in \(folder))\(pull); keep a shared store's bundles on shared storage ($FERRY_BUNDLES) or register them from a registry (oci://)"
        )
    }

    private static func requireDigest(of path: String, _ entry: RegisteredBundle) throws {
        let digest = try BundleDigest.sha256(of: path)
        guard digest == entry.digest else {
            throw FerryError(
                .conflict,
                "\(path) is not the bundle registered as \(entry.name) \(entry.version) (its sha256 is \(digest.prefix(12)), the registry's \(entry.digest.prefix(12))); it was replaced after it was registered"
            )
        }
    }
}
