import FerryCore
import FerryFeatures
import FerryModels
import Foundation

/// What `runs/<id>/run.json` keeps about a training run, so `ferry export` can package it later.
public struct RunRecord: Codable, Sendable, Equatable {
    /// The plugin that trained the model.
    public struct PluginReference: Codable, Sendable, Equatable {
        /// Its id.
        public let id: String
        /// Its version.
        public let version: SemanticVersion
    }

    /// The run's id (also its folder's name).
    public let id: String
    /// When the run was made (the clock; runs are local records, bundles take their time from the data).
    public let created: String
    /// The plugin.
    public let plugin: PluginReference
    /// The hyperparameters used, every field present.
    public let hyperparameters: JSONValue
    /// The seed.
    public let seed: UInt64
    /// The predicted column.
    public let target: String
    /// The input files.
    public let data: DataFingerprint
    /// The feature pipeline (`nil` for a plain table).
    public let features: FeaturePipeline?
    /// The model's schema, with training ranges.
    public let schema: FeatureSchema
    /// The split.
    public let split: SplitSummary
    /// Metrics of the model and the baselines.
    public let evaluation: Evaluation
    /// The weights file in the run folder.
    public let weights: String
    /// A few test rows and the model's outputs for them, for bundles' behaviour checks.
    public let golden: GoldenSet
    /// How the hyperparameters were chosen (`ferry tune`); `nil` for a plain training run.
    public var tuning: TuningRecord? = nil
    /// The model judged fold by fold before the test split (`ferry tune`, or `ferry train --folds N`); `nil` otherwise.
    public var walkForward: WalkForwardEvaluation? = nil
}

extension SplitSummary {
    /// The summary of the sets of a split.
    init(sets: SplitSets, gap: Int) {
        self.init(train: RowSet(sets.train), validation: RowSet(sets.validation), test: RowSet(sets.test), gap: gap)
    }
}
