import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry batch`: the daily job that scores every instrument with a registered model.
struct BatchCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Score every instrument for one day with a registered model and log the predictions.",
        discussion: """
            The model comes from the store's registry (NAME for its production version, \
            NAME@ALIAS, NAME@VERSION); its bundle is verified before it scores. The predictions \
            are written in one transaction: all of them or none. Running it again for the same \
            day and model version writes nothing new. It also records the realised values of the \
            model's target that the files already hold (earlier days), which `ferry serve` grades \
            the logged predictions against (GET /v1/models/NAME/monitoring). Schedule it daily, \
            for example with cron: \
            30 22 * * 1-5 cd /srv/ferry && ferry batch --model SPX-lasso --data data/SPX.csv
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var input: BundleInputOptions
    @Option(help: "The model: NAME, NAME@ALIAS or NAME@VERSION.") var model: String
    @Option(help: "A bar file per instrument (repeatable); the instrument is the file's name without .csv.") var data: [String] = []
    @Option(help: "The day to score, YYYY-MM-DD. (default: the last day every file has)") var asOf: String?
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func perform() throws {
        var job = BatchJob(model: try ModelReference(model), dataPaths: data, reference: input.reference)
        job.asOf = try DateOption.parse(asOf, flag: "--as-of")
        let outcome = try job.run(store: try storeOptions.location.open(), verifier: try input.trust().verifier())
        if output.json { return try printJSON(outcome) }
        print(
            "\(outcome.model) \(outcome.version) for \(outcome.asOf): \(outcome.written ? "wrote \(outcome.predictions.count) prediction(s)" : "already written; nothing new")"
        )
        for (instrument, value) in outcome.predictions.sorted(by: { $0.key < $1.key }) {
            print("  \(instrument)  \(value.map { String(format: "%.6g", $0) } ?? "none (a feature is missing)")")
        }
        for (instrument, reason) in outcome.skipped.sorted(by: { $0.key < $1.key }) { print("  \(instrument)  skipped: \(reason)") }
        if outcome.outcomesRecorded > 0 {
            print("recorded \(outcome.outcomesRecorded) realised outcome(s) of earlier days (for monitoring what was served)")
        }
    }
}
