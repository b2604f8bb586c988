import ArgumentParser
import FerryBundle
import FerryCore
import FerryPipeline
import FerryStore
import Foundation

/// `ferry export`: packages a kept training run as a bundle.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Package a training run as a model bundle (a signed, checkable .tar.gz).",
        discussion: """
            Writes <name>-<version>.tar.gz (into bundles/ unless --out says otherwise) holding the \
            manifest, weights.safetensors, schema.json (with the feature pipeline), environment.json, \
            metrics.json, golden.json, MODEL_CARD.md and checksums.sha256; signed with --sign KEY. \
            The same run always exports to the same bytes: the creation time comes from \
            SOURCE_DATE_EPOCH or the data, never the clock. See docs/bundle-format.md.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var storeOptions: StoreOptions

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
            // The store learns which bundle came from the run (the registry's lineage), when it knows the run.
            let runs = try storeOptions.open()
            if (try? runs.run(record.id)) == nil { try runs.recordRun(RunEntry(record)) }
            try runs.setBundleDigest(digest, run: record.id)
            if json {
                try printJSON(["bundle": path, "sha256": digest, "run": record.id, "signed": key == nil ? "no" : "yes"])
            } else {
                print("wrote \(path) from run \(record.id)\(key.map { ", signed by key \(SigningKeys.keyID($0.publicKey))" } ?? " (unsigned)")")
                print("sha256 \(digest)")
            }
        }
    }
}
