import ArgumentParser
import FerryCore
import FerryPipeline
import Foundation

/// `ferry predict`: scores bars or a feature table with a bundle or a registered model.
struct PredictCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score bar files or a feature table with a bundle or a registered model.",
        discussion: """
            The bundle is verified before it scores. With --data, the features are computed from \
            the bars by the bundle's own pipeline (give --with the series it was trained with, \
            if its features need one). With --table, the columns are aligned to the bundle's \
            schema; what alignment filled, dropped or flagged is printed on standard error. \
            Writes Date,instrument,prediction as CSV to standard output, or to --out (through a \
            temporary file, so a failure leaves no partial file). Reads the store only when \
            --model names a registered model, and writes nothing to it.
            Examples:
              ferry predict --bundle bundles/example/SPX-lasso-1.0.0.tar.gz --data data/SPX.csv --with data/WTI.csv
              ferry predict --model SPX-lasso@champion --data data/SPX.csv --with data/WTI.csv --out today.csv
              ferry predict --bundle my-ridge.tar.gz --table features.csv --json
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var signatures: SignatureOptions
    @Option(help: "A bundle file to score with.") var bundle: String?
    @Option(help: "A registered model instead of a bundle: NAME, NAME@ALIAS or NAME@VERSION.") var model: String?
    @Option(help: "A bar file to score (repeatable, one per instrument).") var data: [String] = []
    @Option(name: .customLong("with"), help: "The second series the bundle's features need, if any.") var reference: String?
    @Option(help: "A CSV table of features to score instead of bar files.") var table: String?
    @Flag(help: "With --table: refuse a table that lacks a feature or has a column the model does not read.") var strict = false
    @Option(help: "The CSV file to write (default: standard output).") var out: String?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if (bundle == nil) == (model == nil) { throw ValidationError("give --bundle FILE or --model NAME, one of them") }
        if (table == nil) == data.isEmpty { throw ValidationError("give --data FILE (bars) or --table FILE (features), one of them") }
        if table != nil, reference != nil { throw ValidationError("--with goes with --data: a feature table has its features already") }
    }

    func perform() throws {
        let source: BundleScoring.Model =
            if let bundle { .bundle(bundle) } else { .registered(model ?? "", store: try storeOptions.location.open()) }
        let input: BundleScoring.Input = if let table { .table(table) } else { .bars(data, reference: reference) }
        var scoring = BundleScoring(model: source, input: input)
        scoring.strict = strict
        let scored = try scoring.run(verifier: try signatures.trust().verifier())
        for warning in scored.warnings { printError("ferry: warning: \(warning)") }
        let text = output.json ? try jsonText(scored) : scored.csv
        if let out {
            try write(text, to: out)
            printError("wrote \(scored.rows.count) prediction(s) of \(scored.model) \(scored.version) to \(out)")
        } else {
            print(text, terminator: "")
        }
    }

    private func jsonText(_ scored: ScoredRows) throws -> String {
        String(decoding: try FerryJSON.encoder(pretty: true, keys: .snakeCase).encode(scored), as: UTF8.self) + "\n"
    }

    /// Writes through a temporary file in the same folder, then renames it into place.
    private func write(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard folder.isEmpty || FileManager.default.fileExists(atPath: folder) else {
            throw ValidationError("the folder \(folder) does not exist (--out \(path))")
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
