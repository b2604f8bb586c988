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
        var cache = IndicatorCache(input)
        var columns: [(name: String, values: [Double])] = []
        for feature in features {
            columns += zip(feature.names, try cache.columns(for: feature)).map { ($0, $1) }
        }
        columns += targets.map { ($0.name, $0.values(close: series.close)) }
        let kept = first..<series.count
        let frame = try Frame(
            index: Array(series.timestamps[kept]),
            columns: columns.map { ($0.name, first == 0 ? $0.values : Array($0.values[kept])) })
        return FeatureTable(frame: frame, featureNames: featureNames, targetNames: targetNames, droppedWarmUpRows: first)
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
