import FerryCore
import FerryData
import FerryFeatures
import FerryModels
import FerryMonitoring
import Foundation
import Logging

/// One training run, as `ferry train` asks for it: which data, which plugin and settings, which split.
public struct TrainingJob: Sendable {
    /// Where the training rows come from.
    public enum Input: Sendable {
        /// Bar files, through the feature pipeline (with an optional reference series for cross-asset features).
        case market(dataPaths: [String], reference: String?)
        /// A plain numeric table: every column but the target is a feature.
        case table(path: String)
    }

    /// How rows are split.
    public enum SplitPlan: Sendable, Codable, Equatable {
        /// Shares of the dates for training and validation; the rest is test.
        case fractions(train: Double, validation: Double)
        /// Validation from one date, test from a later one.
        case dates(validationStart: Timestamp, testStart: Timestamp)
    }

    /// The training rows' source.
    public var input: Input
    /// The plugin to train.
    public var pluginID: String
    /// Hyperparameter overrides (`alpha` → `0.01`).
    public var overrides: [String: String] = [:]
    /// The column to predict.
    public var target = "next_return"
    /// The seed every random choice derives from.
    public var seed: UInt64 = 42
    /// The split.
    public var split = SplitPlan.fractions(train: 0.7, validation: 0.15)
    /// The feature pipeline for bar files; `nil` for the standard set.
    public var features: FeaturePipeline?
    /// How input rows with problems are treated.
    public var mode = ReadMode.strict
    /// Also judge the model fold by fold on walk-forward folds before the test split (one more fit
    /// per fold, and each baseline's); `nil`: the validation and test sets only.
    public var walkForward: WalkForwardPlan?

    /// Makes a job.
    public init(input: Input, pluginID: String) {
        self.input = input
        self.pluginID = pluginID
    }

    /// Runs the job: design, split, train, evaluate against the baselines.
    public func run(registry: PluginRegistry, logger: Logger, progress: @escaping @Sendable (Double) -> Void = { _ in }) throws
        -> TrainingOutcome
    {
        let design = try logger.step(
            "design", reading: ["plugin": .string(pluginID), "target": .string(target)],
            producing: {
                [
                    "rows": .stringConvertible($0.rowCount), "features": .stringConvertible($0.featureNames.count),
                    "dropped": .stringConvertible($0.droppedRows),
                ]
            }
        ) { try TrainingDesign.build(self, logger: logger) }
        return try run(design: design, registry: registry, logger: logger, progress: progress)
    }

    /// Runs the job on a design already built from its input (a tuning run reads the data once).
    func run(design: TrainingDesign, registry: PluginRegistry, logger: Logger, progress: @escaping @Sendable (Double) -> Void = { _ in })
        throws -> TrainingOutcome
    {
        let sets = try logger.step(
            "split", reading: ["rows": .stringConvertible(design.rowCount), "gap": .stringConvertible(design.gap)],
            producing: {
                [
                    "train": .stringConvertible($0.train.rowCount), "validation": .stringConvertible($0.validation.rowCount),
                    "test": .stringConvertible($0.test.rowCount),
                ]
            }
        ) { try design.split(split) }
        let training = try design.trainingData(sets.train)
        let trained = try logger.step(
            "train", reading: ["rows": .stringConvertible(sets.train.rowCount), "plugin": .string(pluginID)],
            producing: { ["tensors": .stringConvertible($0.model.tensors.count)] }
        ) {
            try registry.train(
                id: pluginID, on: training, overrides: overrides, context: TrainingContext(seed: seed, logger: logger, progress: progress))
        }
        let kind = TargetKind(trainingValues: training.target)
        let evaluation = try logger.step("evaluate", reading: ["sets": "validation,test"]) {
            try Evaluation.compare(trained.model, kind: kind, design: design, sets: sets, training: training, registry: registry)
        }
        var schema = design.schema(trainingRows: sets.train)
        schema.target = target
        schema.targetKind = kind
        let golden = try GoldenSet(model: trained.model, frame: sets.test, featureNames: design.featureNames)
        let walkForward = try walkForward.map { plan in
            try logger.step(
                "walk_forward", reading: ["folds": .stringConvertible(plan.folds)],
                producing: { (evaluation: WalkForwardEvaluation) in ["folds": .stringConvertible(evaluation.folds.count)] }
            ) {
                try plan.evaluate(
                    pluginID: pluginID, overrides: overrides, seed: seed, design: design, sets: sets, registry: registry, logger: logger)
            }
        }
        return TrainingOutcome(
            plugin: trained, schema: schema, pipeline: design.pipeline, data: design.fingerprint,
            split: SplitSummary(sets: sets, gap: design.gap), evaluation: evaluation, target: target, seed: seed,
            golden: golden, walkForward: walkForward)
    }
}

/// A finished training job: the model and everything a run record keeps about it.
public struct TrainingOutcome: Sendable {
    /// The trained plugin, with the hyperparameters used.
    public let plugin: TrainedPlugin
    /// The model's schema, with the ranges seen in training.
    public let schema: FeatureSchema
    /// The feature pipeline that computes the features from raw bars (`nil` for a plain table).
    public let pipeline: FeaturePipeline?
    /// The input files and their fingerprint.
    public let data: DataFingerprint
    /// The split.
    public let split: SplitSummary
    /// Metrics of the model and the baselines on validation and test.
    public let evaluation: Evaluation
    /// The predicted column.
    public let target: String
    /// The seed.
    public let seed: UInt64
    /// The first test rows and the model's outputs for them.
    public let golden: GoldenSet
    /// How the hyperparameters were chosen, when a ``TuningJob`` chose them.
    public internal(set) var tuning: TuningRecord?
    /// The model judged fold by fold, when the job's ``TrainingJob/walkForward`` asked for it or a tuning ran.
    public internal(set) var walkForward: WalkForwardEvaluation?
}
