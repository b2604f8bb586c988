import FerryBundle
import FerryCore
import FerryData
import FerryFeatures
import FerryModels
import FerryMonitoring
import Foundation
import Logging

/// Monitors a bundled model on new bars: recomputes its features with the pipeline the bundle
/// carries, predicts, compares with what then happened, and grades the result against the
/// bundle's validation baseline.
public struct MonitorJob: Sendable {
    /// The bundle.
    public var bundle: String
    /// Bar files to monitor on (several make groups for the fairness check).
    public var dataPaths: [String]
    /// The second series, when the bundle's features need one.
    public var reference: String?
    /// Monitor only rows on or after this date.
    public var from: Timestamp?
    /// Rows per period: the last `window` rows are graded, the `window` before them are the previous
    /// period (for sudden jumps and sustained lows); `nil` grades all rows as one period.
    public var window: Int?
    /// The thresholds.
    public var thresholds = StatusThresholds()
    /// The retraining schedule.
    public var retrain = RetrainPolicy()

    /// Makes a job over `bundle` and `dataPaths`.
    public init(bundle: String, dataPaths: [String]) {
        self.bundle = bundle
        self.dataPaths = dataPaths
    }

    /// Loads (verifying first), predicts, grades.
    public func run(verifier: BundleVerifier, logger: Logger) throws -> MonitorReport {
        let rows = try logger.step(
            "predict", reading: ["bundle": .string(bundle), "files": .stringConvertible(dataPaths.count)],
            producing: { ["rows": .stringConvertible($0.actuals.count)] }
        ) { try observe(verifier: verifier) }
        let contents = rows.contents
        guard !rows.actuals.isEmpty else { throw TrainingError("no rows to monitor\(from.map { " on or after \($0)" } ?? "")") }
        let isDirection = rows.actuals.allSatisfy { $0 == 0 || $0 == 1 }
        let monitor = RegressionMetrics(benchmark: isDirection ? 0.5 : 0)
        let count = rows.actuals.count
        let current = window.map { max(0, count - $0)..<count } ?? 0..<count
        let previous = window.flatMap { size in current.lowerBound >= size ? (current.lowerBound - size)..<current.lowerBound : nil }
        func metrics(_ range: Range<Int>) throws -> MetricSet {
            try monitor.metrics(predictions: Array(rows.predictions[range]), actuals: Array(rows.actuals[range]))
        }
        let currentMetrics = try metrics(current)
        let fairness = Set(rows.groups).count > 1
            ? try GroupFairness(predictions: Array(rows.predictions[current]), actuals: Array(rows.actuals[current]), groups: Array(rows.groups[current]))
            : nil
        let baseline = try Self.baseline(contents.metrics)
        let status = StatusEvaluator(thresholds: thresholds).evaluate(
            current: currentMetrics, baseline: baseline, previous: try previous.map(metrics), fairness: fairness)
        let last = rows.dates[current.upperBound - 1]
        let due = retrain.due(created: contents.manifest.created, now: last, status: status.overall)
        return MonitorReport(
            bundle: bundle, model: "\(contents.manifest.name) \(contents.manifest.version)", rows: current.count,
            first: rows.dates[current.lowerBound], last: last, metrics: currentMetrics, baseline: baseline, fairness: fairness,
            status: status, retrainDue: due.due, retrainReason: due.reason)
    }

    /// The bundle (verified and loaded), and the prediction, outcome, date and instrument of every monitored row, in date order.
    func observe(verifier: BundleVerifier) throws -> Observations {
        let (opened, model) = try BundleLoader.load(bundle, verifier: verifier)
        let contents = opened.contents
        guard let pipelineJSON = contents.pipeline else {
            throw TrainingError("\(bundle) was trained on a plain table; it carries no feature pipeline to monitor bars with")
        }
        let pipeline = try JSONDecoder().decode(FeaturePipeline.self, from: JSONEncoder().encode(pipelineJSON))
        guard let target = contents.schema.target else { throw TrainingError("\(bundle) names no target to compare predictions with") }
        let rows = try observations(pipeline: pipeline, model: model, schema: contents.schema, target: target)
        return Observations(contents: contents, predictions: rows.predictions, actuals: rows.actuals, dates: rows.dates, groups: rows.groups)
    }

    /// Predictions, outcomes, dates and groups of every monitored row, in date order.
    private func observations(pipeline: FeaturePipeline, model: any TrainedModel, schema: FeatureSchema, target: String) throws
        -> (predictions: [Double], actuals: [Double], dates: [Timestamp], groups: [String])
    {
        let reader = MarketFileReader()
        let computation = FeatureComputation(pipeline: pipeline)
        var result: (predictions: [Double], actuals: [Double], dates: [Timestamp], groups: [String]) = ([], [], [], [])
        for path in dataPaths {
            guard case let .prices(series) = try reader.read(path).data else { throw TrainingError("\(path) is not a bar file") }
            if pipeline.needsReference, reference == nil {
                throw TrainingError("the bundle's features need a second series: give --with FILE (the one it was trained with)")
            }
            let aligned = try reference.map { try computation.alignedReference($0, onto: series, reader: reader) }
            let table = try pipeline.compute(try FeatureInput(series: series, reference: aligned))
            let outcomes = try table.frame.values(of: target)
            let predictions = try model.predict(table.frame.selecting(schema.featureNames))
            for (row, date) in table.frame.index.enumerated() where !outcomes[row].isNaN && date >= (from ?? date) {
                result.predictions.append(predictions[row])
                result.actuals.append(outcomes[row])
                result.dates.append(date)
                result.groups.append(series.instrument.rawValue)
            }
        }
        // In time order across instruments, so a window is a stretch of dates, not of files.
        let order = result.dates.indices.sorted { (result.dates[$0], $0) < (result.dates[$1], $1) }
        return (order.map { result.predictions[$0] }, order.map { result.actuals[$0] }, order.map { result.dates[$0] }, order.map { result.groups[$0] })
    }

    /// The validation metrics a bundle's `metrics.json` keeps as monitoring's baseline.
    static func baseline(_ metrics: JSONValue) throws -> MetricSet {
        guard case let .object(fields) = metrics, case let .object(values)? = fields["monitoring_baseline"] else {
            throw TrainingError("metrics.json has no monitoring_baseline")
        }
        var set = MetricSet()
        for (name, value) in values {
            switch value {
            case let .number(number): set[name] = number
            case let .string(text): set[name] = Double(text)
            default: continue
            }
        }
        return set
    }
}

/// A bundle and its monitored rows.
struct Observations {
    let contents: BundleContents
    let predictions: [Double]
    let actuals: [Double]
    let dates: [Timestamp]
    let groups: [String]

    /// The bundle's name and version.
    var name: String { "\(contents.manifest.name) \(contents.manifest.version)" }
}

/// What `ferry monitor` reports.
public struct MonitorReport: Codable, Sendable {
    /// The bundle's path.
    public let bundle: String
    /// Its name and version.
    public let model: String
    /// Rows graded.
    public let rows: Int
    /// The first graded row's date.
    public let first: Timestamp
    /// The last graded row's date.
    public let last: Timestamp
    /// Metrics on the graded rows.
    public let metrics: MetricSet
    /// The bundle's validation baseline.
    public let baseline: MetricSet
    /// MAE per group, when there are several.
    public let fairness: GroupFairness?
    /// Every metric's grade and the overall status.
    public let status: StatusReport
    /// Whether a retrain is due.
    public let retrainDue: Bool
    /// Why (or when it will be).
    public let retrainReason: String
}
