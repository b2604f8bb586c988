import FerryBundle
import FerryCore
import FerryData
import FerryFeatures
import FerryModels
import FerryStore
import Foundation
import Logging

/// The model lifecycle on the embedded real data, as far as Ferry goes today: load, validate,
/// align, compute features, split, train and evaluate against the baselines, keep the run, export
/// it as a bundle, verify the bundle, monitor it on the test split, register it in the store, and
/// run the daily batch with it.
///
/// Each step logs what it read, what it produced and how long it took. Later stages (train,
/// evaluate, export, verify, load, monitor) join this run as they are built.
public struct LifecycleDemo: Sendable {
    /// Where the embedded data lives.
    public let dataDirectory: String
    /// How the macro series is joined onto the primary instrument's dates.
    public var alignment = CalendarAlignment()
    /// Shares of the primary instrument's rows for training and validation; the rest is test.
    public var trainFraction = 0.7, validationFraction = 0.15
    /// The walk-forward plan over the training and validation rows (its gap is set from the targets).
    public var walkForward = WalkForward(folds: 5)
    /// The features and targets computed from the primary instrument and the macro series.
    public var features = FeatureComputation()
    /// The plugin the demo trains, and its hyperparameter overrides.
    public var plugin = "lasso", overrides = ["alpha": "0.0001"]

    /// Makes a demo over the data in `dataDirectory`.
    public init(dataDirectory: String) { self.dataDirectory = dataDirectory }

    /// Runs every step, keeping the trained run in the folder `runs` (indexed in the store), its bundle in
    /// `bundles`, and the registered bundle and the batch's predictions in the store at `location`,
    /// which is made afresh (an earlier demo's store is removed first); throws the first step's error.
    public func run(logger: Logger, registry: PluginRegistry, runs: String, bundles: String, store location: StoreLocation) throws
        -> DemoReport
    {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location.path + suffix) }
        let store = try location.open()
        let paths = EmbeddedDataSet.paths(in: dataDirectory)
        let source = try logger.step(
            "load", reading: ["files": .stringConvertible(paths.count), "dir": .string(dataDirectory)],
            producing: {
                [
                    "instruments": .string($0.instruments.map(\.rawValue).joined(separator: ",")),
                    "macro": .string($0.macroSeriesIDs.map(\.rawValue).joined(separator: ",")),
                ]
            }
        ) { try FileMarketDataSource(paths: paths) }

        let primary = try source.priceSeries(for: EmbeddedDataSet.primaryID)
        let macro = try source.macroSeries(for: EmbeddedDataSet.macroID)
        let aligned = logger.step(
            "align", reading: ["series": .string(macro.id.rawValue), "onto": .string(primary.instrument.rawValue)],
            producing: {
                [
                    "rows": .stringConvertible($0.values.count), "filled": .stringConvertible($0.forwardFilled),
                    "missing": .stringConvertible($0.missing),
                ]
            }
        ) { alignment.align(macro, onto: primary.timestamps) }

        let table = try features.table(
            for: primary, reference: ReferenceSeries(id: macro.id, values: aligned.values), logger: logger)

        // Targets look up to `gap` rows ahead: purge that many rows before each evaluation set.
        let gap = (features.pipeline ?? FeaturePipeline.standard()).targets.map(\.horizon).max() ?? 0
        let timestamps = table.frame.index
        let split = try logger.step(
            "split", reading: ["rows": .stringConvertible(timestamps.count), "gap": .stringConvertible(gap)],
            producing: {
                [
                    "train": .stringConvertible($0.train.count), "validation": .stringConvertible($0.validation.count),
                    "test": .stringConvertible($0.test.count),
                ]
            }
        ) { try ChronologicalSplit.byFraction(timestamps, train: trainFraction, validation: validationFraction, gap: gap) }

        var plan = walkForward
        plan.gap = gap
        let development = Array(timestamps[0..<split.validation.upperBound])
        let folds = try logger.step(
            "walk_forward", reading: ["rows": .stringConvertible(development.count)],
            producing: { ["folds": .stringConvertible($0.count)] }
        ) { try plan.folds(over: development) }

        var job = TrainingJob(
            input: .market(dataPaths: [paths[0]], reference: paths[paths.count - 1]), pluginID: plugin)
        job.overrides = overrides
        job.split = .fractions(train: trainFraction, validation: validationFraction)
        let keeper = RunKeeper(directory: runs, store: store)
        let record = try keeper.keep(try job.run(registry: registry, logger: logger))

        let environment = EnvironmentManifest.current(registry: registry)
        let bundle = try logger.step("export", reading: ["run": .string(record.id)], producing: { ["bundle": .string($0)] }) {
            try BundleExport().write(run: record, keeper: keeper, registry: registry, to: .folder(bundles)).path
        }
        let verification = logger.step(
            "verify", reading: ["bundle": .string(bundle)], producing: { ["passed": .stringConvertible($0.passed)] }
        ) {
            BundleVerifier(registry: registry, environment: environment).verify(bundle).report
        }

        var monitoring = MonitorJob(bundle: bundle, dataPaths: [paths[0]])
        monitoring.reference = paths[paths.count - 1]
        monitoring.from = record.split.test.first
        let status = try monitoring.run(verifier: BundleVerifier(registry: registry, environment: environment), logger: logger)

        let verifier = BundleVerifier(registry: registry, environment: environment)
        let registered = try logger.step(
            "register", reading: ["store": .string(store.location)],
            producing: { (entry: RegisteredBundle) in ["model": .string("\(entry.name)@\(entry.version)")] }
        ) { try BundleRegistration(store: store, verifier: verifier).add(bundle, by: "ferry demo").entry }
        let batch = try logger.step(
            "batch", reading: ["model": .string(registered.name)],
            producing: { (outcome: BatchJob.Outcome) in ["as_of": .string(outcome.asOf), "written": .stringConvertible(outcome.written)] }
        ) { () throws -> BatchJob.Outcome in
            try BatchJob(
                model: ModelReference("\(registered.name)@\(registered.version)"), dataPaths: [paths[0]], reference: paths[paths.count - 1]
            )
            .run(store: store, verifier: verifier)
        }

        return DemoReport(
            dataDirectory: dataDirectory,
            files: source.files.map(Self.summary),
            primary: primary.instrument.rawValue,
            alignment: .init(
                series: macro.id.rawValue, onto: primary.instrument.rawValue, policy: alignment,
                sameDay: aligned.values.count - aligned.forwardFilled - aligned.missing,
                forwardFilled: aligned.forwardFilled, missing: aligned.missing),
            features: .init(
                names: table.featureNames, targets: table.targetNames, rows: table.frame.rowCount,
                droppedWarmUpRows: table.droppedWarmUpRows),
            splitGap: gap,
            split: [
                "train": .init(split.train, of: timestamps),
                "validation": .init(split.validation, of: timestamps),
                "test": .init(split.test, of: timestamps),
            ],
            walkForward: folds.map {
                .init(number: $0.number, train: .init($0.train, of: development), test: .init($0.test, of: development))
            },
            run: record, bundle: bundle, verification: verification, monitoring: status, store: store.location, registered: registered,
            batch: batch)
    }

    private static func summary(_ file: MarketFile) -> DemoReport.LoadedFile {
        let timestamps = file.data.timestamps
        return .init(
            file: file.path, instrument: file.data.id.rawValue, kind: file.data.kindName, rows: timestamps.count,
            first: timestamps[0], last: timestamps[timestamps.count - 1], frequency: Frequency.infer(from: timestamps),
            missingValues: file.data.missingValues)
    }
}
