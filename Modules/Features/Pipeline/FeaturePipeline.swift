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
        let frame = try Frame(index: Array(series.timestamps[first...]), columns: columns.map { ($0.name, $0.values) })
        return FeatureTable(frame: frame, featureNames: featureNames, targetNames: targetNames, droppedWarmUpRows: first)
    }
}

extension FeaturePipeline {
    /// Every feature then target column, computed on every core, without their first `first` rows.
    ///
    /// Shared series are computed first; then each feature (and target) is computed and its
    /// warm-up dropped in place by one task, while the column is held by that task alone.
    fileprivate func computeColumns(_ input: FeatureInput, droppingFirst first: Int) throws -> [OwnedColumn] {
        let shared = SharedSeries(for: features, input: input)
        let jobs = features.map(ColumnJob.feature) + targets.map(ColumnJob.target)
        let computed = try jobs.parallelMap { job -> [OwnedColumn] in
            let columns: [OwnedColumn]
            switch job {
            case let .feature(spec): columns = zip(spec.names, try shared.columns(for: spec)).map(OwnedColumn.init)
            case let .target(target): columns = [OwnedColumn(target.name, target.values(close: input.series.close))]
            }
            return columns
        }.flatMap { $0 }
        // The shared series are gone now, so each column's storage has one owner: drop in place, in parallel.
        _ = computed.parallelMap { $0.dropFirst(first) }
        return computed
    }
}

/// What one parallel task computes.
private enum ColumnJob: Sendable {
    case feature(FeatureSpec)
    case target(TargetSpec)
}

/// A named column held by reference, so one task can shorten it in place without a copy.
final class OwnedColumn: @unchecked Sendable {
    let name: String
    private(set) var values: [Double]

    init(_ name: String, _ values: [Double]) {
        self.name = name
        self.values = values
    }

    /// Removes the first `count` rows in place (each column is touched by one task only).
    func dropFirst(_ count: Int) {
        if count > 0 { values.removeFirst(count) }
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
