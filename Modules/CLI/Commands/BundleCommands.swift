import ArgumentParser
import Crypto
import FerryBundle
import FerryCore
import FerryPipeline
import Foundation

/// `ferry export`: packages a kept training run as a bundle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Package a training run as a model bundle (a signed, checkable .tar.gz).",
        discussion: """
            Writes <name>-<version>.tar.gz (into bundles/ unless --out says otherwise) holding the
            manifest, weights.safetensors, schema.json (with the feature pipeline), environment.json,
            metrics.json, golden.json, MODEL_CARD.md and checksums.sha256; signed with --sign KEY.
            The same run always exports to the same bytes: the creation time comes from
            SOURCE_DATE_EPOCH or the data, never the clock. See docs/bundle-format.md.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("run"), help: "The run to export (default: the most recent).")
    var runID: String?

    @Option(help: "Where runs are kept.")
    var runsDir = "runs"

    @Option(help: "The bundle file to write (default: bundles/<name>-<version>.tar.gz).")
    var out: String?

    @Option(help: "The bundle's name (default: <data>-<plugin>).")
    var name: String?

    @Option(help: "The bundle's version.")
    var version = "1.0.0"

    @Option(help: "An Ed25519 private key (from ferry keygen) to sign the bundle with.")
    var sign: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            let store = RunStore(directory: runsDir)
            let record = try runID.map(store.record(id:)) ?? store.latest()
            var export = BundleExport()
            export.name = name
            export.version = version
            let registry = try PluginCatalog.shared.registry()
            let contents = try export.contents(of: record, store: store, registry: registry)
            let path = out ?? "bundles/\(contents.manifest.folder).tar.gz"
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            let key = try sign.map(SigningKeys.privateKey(at:))
            try BundleWriter().write(contents, to: path, signingKey: key)
            let digest = try BundleDigest.sha256(of: path)
            if json {
                try printJSON(["bundle": path, "sha256": digest, "run": record.id, "signed": key == nil ? "no" : "yes"])
            } else {
                print("wrote \(path) from run \(record.id)\(key.map { ", signed by key \(SigningKeys.keyID($0.publicKey))" } ?? " (unsigned)")")
                print("sha256 \(digest)")
            }
        }
    }
}

/// `ferry keygen`: an Ed25519 key pair for signing bundles.
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Make an Ed25519 key pair for signing bundles (NAME.key private, NAME.pub to share).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "The folder to write the keys to.")
    var out = "keys"

    @Option(help: "The keys' file name.")
    var name = "ferry"

    func run() throws {
        try reportingFailures {
            let id = try SigningKeys.generate(in: out, name: name)
            print("wrote \(out)/\(name).key (private, keep it) and \(out)/\(name).pub (share it); key id \(id)")
        }
    }
}

/// `ferry verify`: integrity, authenticity, compatibility and behaviour of a bundle.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a bundle: integrity, authenticity, compatibility, behaviour.",
        discussion: """
            Exit codes: 0 all pass, 10 integrity (structure, checksums, unsafe or oversized entries),
            11 authenticity (signature), 12 compatibility (format version, plugin), 13 behaviour
            (loading, golden outputs). An unsigned bundle passes unless --require-signature.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The bundle (.tar.gz).")
    var bundle: String

    @Option(help: "A folder of trusted public keys (*.pub).")
    var trustedKeys: String?

    @Flag(help: "Refuse unsigned bundles.")
    var requireSignature = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        try reportingFailures {
            var verifier = BundleVerifier(registry: try PluginCatalog.shared.registry(), environment: try currentEnvironment())
            verifier.trustedKeys = try trustedKeys.map(SigningKeys.trustedKeys(in:))
            verifier.requireSignature = requireSignature
            let report = verifier.verify(bundle).report
            if json {
                try printJSON(report)
            } else {
                print(bundle)
                for check in report.checks {
                    print("  \(check.check.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(check.checked ? (check.passed ? "pass" : "FAIL") : "----")  \(check.detail)")
                }
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        }
    }
}

/// `ferry inspect`: a bundle's manifest, schema, metrics, environment and signer.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show a bundle's manifest, schema, metrics, environment and signer (after the integrity check).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The bundle (.tar.gz).")
    var bundle: String

    @Flag(help: "Print everything as JSON.")
    var json = false

    struct Inspection: Encodable {
        let manifest: BundleManifest
        let schema: FeatureSchema
        let pipeline: JSONValue?
        let environment: EnvironmentManifest
        let metrics: JSONValue
        let signer: String?
        let tensors: [String: [Int]]
    }

    func run() throws {
        try reportingFailures {
            let opened = try BundleReader().read(bundle)
            let c = opened.contents
            let inspection = Inspection(
                manifest: c.manifest, schema: c.schema, pipeline: c.pipeline, environment: c.environment, metrics: c.metrics,
                signer: opened.signer, tensors: c.tensors.mapValues(\.shape))
            if json { return try printJSON(inspection) }
            let m = c.manifest
            print("\(m.name) \(m.version)  (format \(m.formatVersion), made \(m.created) by Ferry \(m.ferryVersion))")
            print("  plugin       \(m.plugin.id) \(m.plugin.version), target \(m.target ?? "-"), seed \(m.seed)")
            print("  data         fingerprint \(m.trainingData.fingerprint.prefix(16))…, \(m.trainingData.first?.description ?? "?") .. \(m.trainingData.last?.description ?? "?")")
            print("  features     \(c.schema.features.count): \(c.schema.featureNames.prefix(6).joined(separator: ", "))\(c.schema.features.count > 6 ? ", ..." : "")")
            print("  tensors      \(c.tensors.keys.sorted().map { "\($0) \(c.tensors[$0]?.shape ?? [])" }.joined(separator: ", "))")
            print("  environment  Swift \(c.environment.swift), \(c.environment.os) \(c.environment.architecture), libarchive \(c.environment.libarchive), zlib \(c.environment.zlib)")
            print("  signer       \(opened.signer ?? "unsigned")")
        }
    }
}

/// This machine's environment, with this build's plugins.
func currentEnvironment() throws -> EnvironmentManifest {
    let registry = try PluginCatalog.shared.registry()
    return .current(ferryVersion: FerryVersion.current, plugins: Dictionary(uniqueKeysWithValues: registry.plugins.map { ($0.id, $0.version.description) }))
}

/// The SHA-256 of a file, in hex: a bundle's digest.
enum BundleDigest {
    static func sha256(of path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw BundleError.unreadableFile(path) }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
