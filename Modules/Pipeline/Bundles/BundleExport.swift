import FerryBundle
import FerryCore
import FerryModels
import Foundation

/// Exports a kept training run as a bundle: the one export `ferry export`, the demo, shadow
/// retraining and the test fixtures all call.
///
/// ```swift
/// var export = BundleExport()
/// export.version = "1.1.0"
/// export.signingKeyFile = "keys/ferry.key"
/// let bundle = try export.write(run: record, keeper: keeper, registry: registry, to: .folder("bundles"))
/// print(bundle.path, bundle.sha256)
/// ```
public struct BundleExport: Sendable {
    /// The bundle's name (letters, digits, `.`, `_`, `-`); by default `<data>-<plugin>`, such as `SPX-lasso`.
    public var name: String?
    /// The bundle's version.
    public var version = "1.0.0"
    /// An Ed25519 private key file (from `ferry keygen`) to sign the bundle with; unsigned when `nil`.
    public var signingKeyFile: String?
    /// `SOURCE_DATE_EPOCH`, when set: the creation time to record (else the run's last data date).
    public var sourceDateEpoch: String?

    /// Where a bundle is written.
    public enum Destination: Sendable {
        /// This file.
        case file(String)
        /// `<name>-<version>.tar.gz` in this folder.
        case folder(String)
    }

    /// A written bundle.
    public struct Exported: Sendable, Equatable {
        /// Its path.
        public let path: String
        /// Its SHA-256, as `sha256sum` prints it.
        public let sha256: String
        /// The id of the key that signed it, if one did.
        public let signer: String?
        /// Its name and version.
        public let name: String, version: String
    }

    /// Makes an export with the default name and version.
    public init(sourceDateEpoch: String? = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]) {
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// Writes `record`'s bundle (its folder made when missing; temporary file, then rename),
    /// signed with the key in ``signingKeyFile`` when there is one. With `lineage` (the default) the keeper's store
    /// learns which bundle came from the run.
    public func write(
        run record: RunRecord, keeper: RunKeeper, registry: PluginRegistry, to destination: Destination,
        lineage: Bool = true
    ) throws -> Exported {
        let signingKey = try signingKeyFile.map(SigningKeys.privateKey(at:))
        let contents = try contents(of: record, store: keeper.runs, registry: registry)
        let path: String
        switch destination {
        case let .file(file): path = file
        case let .folder(folder): path = (folder as NSString).appendingPathComponent("\(contents.manifest.folder).tar.gz")
        }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        } catch {
            throw FerryError(.io, "\(folder): cannot be made (\(error.localizedDescription))")
        }
        try BundleWriter().write(contents, to: path, signingKey: signingKey)
        let digest = try BundleDigest.sha256(of: path)
        if lineage { try keeper.exported(record, digest: digest) }
        return Exported(
            path: path, sha256: digest, signer: signingKey.map { SigningKeys.keyID($0.publicKey) }, name: contents.manifest.name,
            version: contents.manifest.version)
    }

    /// The contents of a bundle of `record`, its weights read from `store`.
    public func contents(of record: RunRecord, store: RunStore, registry: PluginRegistry) throws -> BundleContents {
        let bundleName =
            name ?? "\(record.data.files.first.map { ($0.name as NSString).deletingPathExtension } ?? "model")-\(record.plugin.id)"
        for (label, value) in [("name", bundleName), ("version", version)]
        where value.isEmpty || !value.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) || value.hasPrefix(".") {
            throw FerryError(.invalidArgument, "bundle \(label) '\(value)' may hold only letters, digits, '.', '_' and '-'", field: label)
        }
        let created: Timestamp
        if let sourceDateEpoch {
            guard let seconds = Int64(sourceDateEpoch) else {
                throw FerryError(.invalidArgument, "SOURCE_DATE_EPOCH '\(sourceDateEpoch)' is not a whole number of seconds")
            }
            created = Timestamp(secondsSinceEpoch: seconds)
        } else {
            created = record.split.test.last ?? Timestamp(secondsSinceEpoch: 0)
        }
        let model = try store.model(of: record, registry: registry)
        guard case let .array(fileList) = try FerryJSON.value(of: record.data.files) else {
            throw FerryError(.invalidData, "run \(record.id): unreadable data fingerprint")
        }
        var manifest = BundleManifest(
            name: bundleName, version: version, plugin: .init(id: record.plugin.id, version: record.plugin.version), target: record.target,
            trainingData: .init(
                fingerprint: record.data.sha256, files: fileList, first: record.split.train.first, last: record.split.test.last),
            splits: record.split, hyperparameters: record.hyperparameters, seed: record.seed, created: created,
            ferryVersion: FerryVersion.current)
        manifest.tuning = record.tuning
        let evaluation = try FerryJSON.value(of: record.evaluation)
        let baseline = try FerryJSON.value(of: record.evaluation.validation["model"] ?? MetricSet())
        var metrics: [String: JSONValue] = ["evaluation": evaluation, "monitoring_baseline": baseline]
        if let walkForward = record.walkForward { metrics["walk_forward"] = try FerryJSON.value(of: walkForward) }
        var contents = BundleContents(
            manifest: manifest, schema: record.schema, pipeline: try record.features.map(FerryJSON.value(of:)), tensors: model.tensors,
            environment: .current(registry: registry), metrics: .object(metrics),
            golden: record.golden, modelCard: ModelCard.render(record, manifest: manifest))
        (contents.members, contents.tensors) = try BundleMembers.split(contents, registry: registry)
        return contents
    }
}
