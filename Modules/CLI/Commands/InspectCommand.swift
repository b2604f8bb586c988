import ArgumentParser
import FerryPipeline

/// `ferry inspect`: a bundle's manifest, schema, metrics, environment and signer.
struct InspectCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract:
            "Show a bundle's manifest, schema, metrics against the baselines, golden rows, environment and signer (after the integrity check)."
    )

    @Argument(help: "The bundle (.tar.gz).") var bundle: String
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let c = try BundleInspection.read(bundle)
        if output.json { return try printJSON(c, keys: c.jsonKeys) }
        let m = c.manifest
        print("\(m.name) \(m.version)  (format \(m.formatVersion), made \(m.created) by Ferry \(m.ferryVersion))")
        print("  plugin       \(m.plugin.id) \(m.plugin.version), target \(m.target ?? "-"), seed \(m.seed)")
        print(
            "  data         fingerprint \(m.trainingData.fingerprint.prefix(16))…, \(m.trainingData.first?.description ?? "?") .. \(m.trainingData.last?.description ?? "?")"
        )
        print(
            "  features     \(c.schema.features.count): \(c.schema.featureNames.prefix(6).joined(separator: ", "))\(c.schema.features.count > 6 ? ", ..." : "")"
        )
        print("  tensors      \(c.tensors.keys.sorted().map { "\($0) \(c.tensors[$0] ?? [])" }.joined(separator: ", "))")
        print(
            "  environment  Swift \(c.environment.swift), \(c.environment.os) \(c.environment.architecture), libarchive \(c.environment.libarchive), zlib \(c.environment.zlib)"
        )
        print("  signer       \(c.signer ?? "unsigned")")
        print(
            "  golden       \(c.golden.outputs.count) rows, tolerance \(c.golden.tolerance); first output \(c.golden.outputs.first.map { "\($0)" } ?? "-")"
        )
        for line in InspectionMetrics.lines(c.metrics) { print("  " + line) }
    }
}
