import FerryCore

/// A declarative feature pipeline: which features and targets to compute from raw OHLCV, and
/// whether the warm-up rows are dropped.
///
/// It is Codable, and a bundle's schema carries it, so any front end recomputes the same
/// features from raw bars.
public struct FeaturePipeline: Codable, Sendable, Equatable {
    /// The format version of this description.
    public static let currentVersion = 1

    /// The format version this description was written with.
    public var version: Int
    /// The features, in column order.
    public var features: [FeatureSpec]
    /// The targets, appended after the features.
    public var targets: [TargetSpec]
    /// Whether rows before every feature has a value are dropped.
    public var dropWarmUp: Bool

    /// Makes a pipeline.
    public init(features: [FeatureSpec], targets: [TargetSpec] = [], dropWarmUp: Bool = true) {
        version = Self.currentVersion
        self.features = features
        self.targets = targets
        self.dropWarmUp = dropWarmUp
    }

    /// The feature column names, in order.
    public var featureNames: [String] { features.flatMap(\.names) }

    /// The target column names, in order.
    public var targetNames: [String] { targets.map(\.name) }

    /// The rows before every feature has a value: the largest lookback.
    public var warmUpRows: Int { features.map(\.lookback).max() ?? 0 }

    /// Whether any feature reads a second series.
    public var needsReference: Bool { features.contains { $0.kind == .returnCorrelation } }

    /// Throws ``FeaturePipelineError`` for an unknown version, a bad period or a repeated column name.
    public func validate() throws {
        guard version == Self.currentVersion else { throw FeaturePipelineError.unsupportedVersion(version) }
        for feature in features { try feature.validate() }
        var seen = Set<String>()
        for name in featureNames + targetNames where !seen.insert(name).inserted {
            throw FeaturePipelineError.duplicateName(name)
        }
    }

    /// Computes every feature and target over `input`: a frame with the features then the targets.
    public func compute(_ input: FeatureInput) throws -> FeatureTable {
        try validate()
        let series = input.series
        let first = dropWarmUp ? warmUpRows : 0
        guard series.count > first else { throw FeaturePipelineError.tooFewRows(rows: series.count, warmUp: first) }
        let columns = try computeColumns(input, droppingFirst: first)
        let frame = try Frame(index: Array(series.timestamps[first...]), columns: columns)
        return FeatureTable(frame: frame, featureNames: featureNames, targetNames: targetNames, droppedWarmUpRows: first)
    }
}

extension FeaturePipeline {
    /// Every feature then target column, computed on every core, without their first `first` rows.
    ///
    /// The table's columns are made first, on the calling thread, holding only the kept rows.
    /// Shared series are computed next (averages and bands straight into their features' columns),
    /// then each feature (and target) writes its rows into its own columns, in parallel: every
    /// kept value is stored once, where the table keeps it.
    fileprivate func computeColumns(_ input: FeatureInput, droppingFirst first: Int) throws -> [(name: String, values: [Double])] {
        let jobs = features.map(ColumnJob.feature) + targets.map(ColumnJob.target)
        let names = featureNames + targetNames
        let values = try ColumnOutput.columns(names.count, rows: input.series.count, first: first) { outputs in
            var next = 0
            let work = jobs.map { job in
                defer { next += job.width }
                return (job, Array(outputs[next..<(next + job.width)]))
            }
            let shared = SharedSeries(for: features, input: input, outputs: work.prefix(features.count).map(\.1), first: first)
            _ = try work.parallelMap { job, outputs in
                switch job {
                case let .feature(spec): try shared.write(spec, into: outputs)
                case let .target(target): target.write(close: input.series.close, into: outputs[0])
                }
            }
        }
        return Array(zip(names, values))
    }
}

/// What one parallel task computes.
private enum ColumnJob: Sendable {
    case feature(FeatureSpec)
    case target(TargetSpec)

    /// How many columns it writes.
    var width: Int {
        switch self {
        case let .feature(spec): spec.names.count
        case .target: 1
        }
    }
}

/// Features and targets computed by a ``FeaturePipeline``.
public struct FeatureTable: Sendable, Equatable {
    /// The features then the targets, one row per kept bar.
    public let frame: Frame
    /// The feature columns, in order.
    public let featureNames: [String]
    /// The target columns, in order.
    public let targetNames: [String]
    /// How many leading rows were dropped as warm-up.
    public let droppedWarmUpRows: Int
}
