import ArgumentParser
import FerryCore
import FerryPipeline

/// What a training run reads and how it splits it, shared by `ferry train` and `ferry tune`.
struct TrainingInputOptions: ParsableArguments {
    @Option(help: "The plugin id (see ferry plugins list).") var plugin: String
    @Option(help: "A bar file to train on; repeat for several instruments.") var data: [String] = []
    @Option(name: .customLong("with"), help: "A second series for cross-asset features (bars or Date,Value).") var reference: String?
    @Option(help: "A plain numeric CSV table instead of bar files (every column but --target is a feature).") var table: String?
    @OptionGroup var pipeline: PipelineOption
    @Option(help: "The column to predict.") var target = "next_return"
    @Option(name: .customLong("param"), help: "A hyperparameter, as NAME=VALUE; repeat for several.") var parameters: [String] = []
    @Option(help: "The seed every random choice derives from.") var seed: UInt64 = 42
    @Option(help: "Share of the dates for training.") var trainFraction = 0.7
    @Option(help: "Share of the dates for validation (the rest is test).") var validationFraction = 0.15
    @Option(help: "Validation starts on this date (YYYY-MM-DD); use with --test-start instead of fractions.") var validationStart: String?
    @Option(help: "Test starts on this date (YYYY-MM-DD).") var testStart: String?
    @Flag(help: "Drop faulty input rows and report each one instead of refusing the file.") var lenient = false

    func validate() throws {
        if table != nil, !data.isEmpty { throw ValidationError("give --data or --table, not both") }
        if (validationStart == nil) != (testStart == nil) { throw ValidationError("--validation-start and --test-start go together") }
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--param '\(parameter)' is not NAME=VALUE")
        }
    }

    /// The training job these options describe (the embedded S&P 500 when no data is given).
    func job() throws -> TrainingJob {
        let input: TrainingJob.Input =
            if let table { .table(path: table) } else {
                .market(dataPaths: data.isEmpty ? [try DefaultInputs.primaryBars()] : data, reference: reference)
            }
        var job = TrainingJob(input: input, pluginID: plugin)
        job.target = target
        job.seed = seed
        job.mode = lenient ? .lenient : .strict
        job.overrides = Dictionary(
            parameters.map { parameter in
                let parts = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }, uniquingKeysWith: { _, last in last })
        job.split = try splitPlan()
        if let name = pipeline.path {
            guard table == nil else { throw ValidationError("--pipeline computes features from bars; a --table already holds them") }
            job.features = try FeatureCatalog.pipeline(file: name, withReference: reference != nil)
        }
        return job
    }

    private func splitPlan() throws -> TrainingJob.SplitPlan {
        guard let validationStart, let testStart else {
            return .fractions(train: trainFraction, validation: validationFraction)
        }
        guard let validation = Timestamp(iso8601: validationStart), let test = Timestamp(iso8601: testStart) else {
            throw ValidationError("--validation-start and --test-start take dates as YYYY-MM-DD")
        }
        return .dates(validationStart: validation, testStart: test)
    }
}
