import ArgumentParser
import FerryPipeline

/// `ferry features list`: every feature of the pipeline with its formula and warm-up.
struct FeaturesListCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show every feature with its formula and lookback (warm-up rows).")

    @OptionGroup var pipeline: PipelineOption
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        let chosen = try FeatureCatalog.pipeline(file: pipeline.path)
        let entries = FeatureCatalog.entries(of: chosen)
        if output.json {
            try printJSON(["features": entries.map { AnyEncodable($0) }, "targets": chosen.targets.map { AnyEncodable($0) }])
            return
        }
        let width = (entries.map(\.name.count).max() ?? 0) + 2
        print("\("feature".padded(to: width))lookback  formula")
        for entry in entries { print("\(entry.name.padded(to: width))\(String(entry.lookback).padded(to: 10))\(entry.formula)") }
        print("\n\(entries.count) features; warm-up \(chosen.warmUpRows) rows\(chosen.dropWarmUp ? " (dropped)" : "")")
        print("targets: \(chosen.targetNames.joined(separator: ", "))")
        if chosen.needsReference { print("corr_returns_* needs a second series: ferry features compute --with FILE") }
    }

}

/// Type-erases an `Encodable` so differently typed lists can share one JSON object.
struct AnyEncodable: Encodable {
    private let encodeValue: (any Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
