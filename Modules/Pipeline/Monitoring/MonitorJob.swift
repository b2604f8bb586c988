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
    /// Realised outcomes (`Date,actual` CSV) to grade against instead of the target computed from the bars.
    public var actuals: String?
    /// When set, a status that is not green also trains and exports a challenger (its data and
    /// champion are this job's own).
    public var shadowRetrain: ShadowRetrain?
    /// Rows per point of the metric history (about a trading month).
    public var historyWindow = 21
    /// Below this share of drifted features, degraded performance is reported as concept drift.
    public var conceptDriftShare = 0.2

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
        guard !rows.actuals.isEmpty else { throw FerryError(.invalidData, "no rows to monitor\(from.map { " on or after \($0)" } ?? "")") }
        let monitor = RegressionMetrics(benchmark: contents.schema.resolvedTargetKind.benchmark)
        let count = rows.actuals.count
        let current = window.map { max(0, count - $0)..<count } ?? 0..<count
        let previous = window.flatMap { size in current.lowerBound >= size ? (current.lowerBound - size)..<current.lowerBound : nil }
        func metrics(_ range: Range<Int>) throws -> MetricSet {
            try monitor.metrics(predictions: Array(rows.predictions[range]), actuals: Array(rows.actuals[range]))
        }
        let currentMetrics = try metrics(current)
        let fairness =
            Set(rows.groups).count > 1
            ? try GroupFairness(
                predictions: Array(rows.predictions[current]), actuals: Array(rows.actuals[current]), groups: Array(rows.groups[current]))
            : nil
        let baseline = try Self.baseline(contents.metrics)
        let status = StatusEvaluator(thresholds: thresholds).evaluate(
            current: currentMetrics, baseline: baseline, previous: try previous.map(metrics), fairness: fairness)
        let last = rows.dates[current.upperBound - 1]
        let due = retrain.due(created: contents.manifest.created, now: last, status: status.overall)
        let history = try stride(from: current.lowerBound, to: current.upperBound, by: historyWindow).map { start -> MonitorReport.Point in
            let range = start..<min(start + historyWindow, current.upperBound)
            return MonitorReport.Point(
                first: rows.dates[range.lowerBound], last: rows.dates[range.upperBound - 1], metrics: try metrics(range))
        }
        let drift = try rows.reference.flatMap { reference in
            try rows.current.map { try DriftAnalysis().compare(reference: reference, current: $0) }
        }
        let concept = drift.map { status.overall != .green && $0.driftedShare < conceptDriftShare } ?? false
        var report = MonitorReport(
            bundle: bundle, model: rows.name, rows: current.count,
            first: rows.dates[current.lowerBound], last: last, metrics: currentMetrics, baseline: baseline, fairness: fairness,
            status: status, retrainDue: due.due, retrainReason: due.reason, history: history, drift: drift, conceptDrift: concept)
        if let shadowRetrain, status.overall != .green {
            report.challenger = try shadowRetrain.run(champion: contents, registry: verifier.registry, logger: logger)
        }
        return report
    }

    /// The bundle (verified and loaded), and the prediction, outcome, date and instrument of every monitored row, in date order.
    func observe(verifier: BundleVerifier) throws -> Observations {
        let predictor = try BundlePredictor(bundle: bundle, verifier: verifier)
        guard let target = predictor.contents.schema.target else {
            throw FerryError(.invalidData, "\(bundle) names no target to compare predictions with")
        }
        let rows = try observations(predictor: predictor, target: target)
        return Observations(
            contents: predictor.contents, predictions: rows.predictions, actuals: rows.actuals, dates: rows.dates, groups: rows.groups,
            reference: rows.reference, current: rows.current)
    }

    /// Predictions, outcomes, dates and groups of every monitored row, in date order.
    private func observations(predictor: BundlePredictor, target: String) throws
        -> (predictions: [Double], actuals: [Double], dates: [Timestamp], groups: [String], reference: Frame?, current: Frame?)
    {
        let reader = MarketFileReader()
        let realised = try actuals.map(Self.readActuals)
        var result: (predictions: [Double], actuals: [Double], dates: [Timestamp], groups: [String]) = ([], [], [], [])
        var referenceRows: [Frame] = []
        var currentRows: [Frame] = []
        for path in dataPaths {
            let (series, table, features, predictions) = try predictor.predictions(for: path, reference: reference, reader: reader)
            let computed = try table.frame.values(of: target)
            let outcomes = realised.map { known in table.frame.index.map { known[$0] ?? .nan } } ?? computed
            for (row, date) in table.frame.index.enumerated() where !outcomes[row].isNaN && date >= (from ?? date) {
                result.predictions.append(predictions[row])
                result.actuals.append(outcomes[row])
                result.dates.append(date)
                result.groups.append(series.instrument.rawValue)
            }
            // For drift: the feature rows before --from (the reference) and from it on (current).
            if let from, let split = table.frame.index.firstIndex(where: { $0 >= from }), split > 0 {
                referenceRows.append(features.rows(0..<split))
                currentRows.append(features.rows(split..<features.rowCount))
            }
        }
        // In time order across instruments, so a window is a stretch of dates, not of files.
        let order = result.dates.indices.sorted { (result.dates[$0], $0) < (result.dates[$1], $1) }
        return (
            order.map { result.predictions[$0] }, order.map { result.actuals[$0] }, order.map { result.dates[$0] },
            order.map { result.groups[$0] },
            referenceRows.isEmpty ? nil : try Frame.concatenating(referenceRows),
            currentRows.isEmpty ? nil : try Frame.concatenating(currentRows)
        )
    }

    /// Realised outcomes by date from a `Date,<value>` CSV.
    static func readActuals(_ path: String) throws -> [Timestamp: Double] {
        let frame = try NumericTableReader().read(path)
        guard let column = frame.columnNames.first, frame.columnNames.count == 1 else {
            throw FerryError(.invalidData, "\(path) must have a Date column and one value column (the realised outcome)")
        }
        // The reader refuses repeated or out-of-order dates, so each date has one outcome.
        return Dictionary(zip(frame.index, try frame.values(of: column)), uniquingKeysWith: { _, last in last })
    }

    /// The validation metrics a bundle's `metrics.json` keeps as monitoring's baseline.
    public static func baseline(_ metrics: JSONValue) throws -> MetricSet {
        guard case let .object(fields) = metrics, case let .object(values)? = fields["monitoring_baseline"] else {
            throw FerryError(.invalidData, "metrics.json has no monitoring_baseline")
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
    /// Feature rows before the monitored period, for drift (when `--from` leaves any).
    let reference: Frame?
    /// Feature rows of the monitored period.
    let current: Frame?

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
    /// Metrics over consecutive windows of the graded rows.
    public let history: [Point]
    /// Feature drift between the rows before `--from` and the graded period, when both exist.
    public let drift: DriftReport?
    /// Performance is not green while few features drifted: the relation itself changed.
    public let conceptDrift: Bool
    /// The challenger a shadow retrain exported, when one was asked for and the status was not green.
    public var challenger: ShadowChallenger?

    /// One window of the metric history.
    public struct Point: Codable, Sendable {
        /// Its first date.
        public let first: Timestamp
        /// Its last date.
        public let last: Timestamp
        /// Its metrics.
        public let metrics: MetricSet
    }
}
