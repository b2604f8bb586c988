import ArgumentParser
import FerryBundle
import FerryCore

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
