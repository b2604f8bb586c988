import ArgumentParser
import FerryPipeline

/// `ferry features compute`: a feature table from raw bars, as CSV.
struct FeaturesComputeCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute the feature set from a bar file and write it as CSV.",
        discussion: """
            Writes a Date column, then one column per feature, then the targets (next_return, \
            next_direction, forward_return_5); a missing value is an empty cell. Warm-up rows are \
            dropped. With --with, a second series (bars or a FRED series) is joined onto the data's \
            dates using past observations only, and corr_returns_20 is added.
            """)

    @Option(help: "The bar file (default: the embedded S&P 500).") var data: String?
    @Option(name: .customLong("with"), help: "A second series for cross-asset features (bars or Date,Value).") var reference: String?
    @Option(help: "Where to write the CSV.") var out: String
    @OptionGroup var pipeline: PipelineOption
    @Flag(help: "Drop faulty input rows and report each one instead of refusing the file.") var lenient = false
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    struct Summary: Encodable {
        let out: String
        let rows: Int
        let features: [String]
        let targets: [String]
        let droppedWarmUpRows: Int
        let first: String?
        let last: String?
    }

    static let offersLenient = true

    func perform() throws {
        let logger = global.logger(for: "features.compute")
        let dataPath = try data ?? DefaultInputs.primaryBars()
        var computation = FeatureComputation(mode: lenient ? .lenient : .strict)
        computation.pipeline = try pipeline.path.map { try FeatureCatalog.pipeline(file: $0) }
        let table = try computation.run(dataPath: dataPath, referencePath: reference, logger: logger)
        try table.writeCSV(to: out)
        let summary = Summary(
            out: out, rows: table.frame.rowCount, features: table.featureNames, targets: table.targetNames,
            droppedWarmUpRows: table.droppedWarmUpRows, first: table.frame.index.first?.iso8601,
            last: table.frame.index.last?.iso8601)
        if output.json {
            try printJSON(summary)
        } else {
            print(
                "wrote \(out): \(summary.rows) rows (\(summary.first ?? "") .. \(summary.last ?? "")), \(summary.features.count) features, \(summary.targets.count) targets; \(summary.droppedWarmUpRows) warm-up rows dropped"
            )
        }
    }
}
