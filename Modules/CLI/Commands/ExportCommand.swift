import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

/// `ferry export`: packages a kept training run as a bundle.
struct ExportCommand: ReportingCommand {
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

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("run"), help: "The run to export (default: the most recent).") var runID: String?
    @Option(help: "Where runs are kept.") var runsDir = "runs"
    @Option(help: "The bundle file to write (default: bundles/<name>-<version>.tar.gz).") var out: String?
    @Option(help: "The bundle's name (default: <data>-<plugin>).") var name: String?
    @Option(help: "The bundle's version (written into its name and manifest).") var bundleVersion = "1.0.0"
    @Option(help: "An Ed25519 private key (from ferry keygen) to sign the bundle with.") var sign: String?
    @Option(help: "Also write the bundle as an OCI image layout in this folder (for skopeo copy oci:DIR:TAG docker://…).")
    var ociLayout: String?
    @Option(help: "The layout's tag (default: the bundle's version).") var ociTag: String?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let keeper = RunKeeper(directory: runsDir, store: try storeOptions.location.open())
        let record = try keeper.record(runID)
        var export = BundleExport()
        export.name = name
        export.version = bundleVersion
        export.signingKeyFile = sign
        let bundle = try export.write(
            run: record, keeper: keeper, registry: try PluginCatalog.shared.registry(), to: out.map { .file($0) } ?? .folder("bundles"))
        let layoutDigest = try ociLayout.map { folder in
            try BundlePush(trust: BundleTrust(plugins: try PluginCatalog.shared.registry())).writeLayout(
                bundle: bundle.path, to: folder, tag: ociTag ?? bundleVersion)
        }
        if output.json {
            var answer = ["bundle": bundle.path, "sha256": bundle.sha256, "run": record.id, "signed": bundle.signer == nil ? "no" : "yes"]
            answer["oci_layout"] = ociLayout
            answer["oci_digest"] = layoutDigest
            try printJSON(answer)
        } else {
            print("wrote \(bundle.path) from run \(record.id)\(bundle.signer.map { ", signed by key \($0)" } ?? " (unsigned)")")
            print("sha256 \(bundle.sha256)")
            if let ociLayout, let layoutDigest { print("OCI layout \(ociLayout):\(ociTag ?? bundleVersion), manifest \(layoutDigest)") }
        }
    }
}
