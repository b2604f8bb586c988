import FerryBundle
import FerryCore
import FerryData
import FerryFeatures
import FerryRisk
import Foundation
import Logging

/// Sizes positions from a bundled model's latest prediction on each bar file: a Kelly fraction
/// from the prediction and the instrument's recent returns, then the sizer's caps across the portfolio.
public struct SizingJob: Sendable {
    /// The bundle.
    public var bundle: String
    /// One bar file per instrument.
    public var dataPaths: [String]
    /// The second series, when the bundle's features need one.
    public var reference: String?
    /// Recent periods (common to every instrument) for the variance, payoff ratio and covariance.
    public var lookback = 252
    /// The sizer and its limits.
    public var sizer = CappedKellySizer()

    /// Makes a job sizing `bundle`'s signals on `dataPaths`.
    public init(bundle: String, dataPaths: [String]) {
        self.bundle = bundle
        self.dataPaths = dataPaths
    }

    /// Loads (verifying first), predicts on the latest close of each file and sizes.
    public func run(verifier: BundleVerifier, logger: Logger) throws -> SizingReport {
        guard lookback >= 2 else {
            throw FerryError(.invalidArgument, "the lookback must be at least 2 periods, not \(lookback)", field: "lookback")
        }
        let predictor = try BundlePredictor(bundle: bundle, verifier: verifier)
        guard let targetName = predictor.contents.schema.target,
            let target = predictor.pipeline.targets.first(where: { $0.name == targetName })
        else {
            throw FerryError(.invalidData, "\(bundle) names no target its pipeline computes; sizing needs to know what the model predicts")
        }
        let reader = MarketFileReader()
        var latest: [(instrument: String, date: Timestamp, prediction: Double)] = []
        var returnsByDate: [[Timestamp: Double]] = []
        for path in dataPaths {
            let (series, table, _, predictions) = try predictor.predictions(for: path, reference: reference, reader: reader)
            guard let last = table.frame.index.last else { throw FerryError(.invalidData, "\(path) has no row with every feature") }
            latest.append((series.instrument.rawValue, last, predictions[predictions.count - 1]))
            let returns = try SimpleReturns.of(prices: series.adjustedClose)
            returnsByDate.append(Dictionary(uniqueKeysWithValues: zip(series.timestamps.dropFirst(), returns)))
        }
        // The last `lookback` periods every instrument traded in.
        let common = returnsByDate.dropFirst().reduce(Set(returnsByDate[0].keys)) { $0.intersection($1.keys) }.sorted().suffix(lookback)
        guard common.count >= 2 else {
            throw FerryError(.invalidData, "the files share \(common.count) date(s); sizing needs a common history")
        }
        let history = returnsByDate.map { byDate in common.map { byDate[$0, default: .nan] } }  // every common date is in each
        let signals = try latest.indices.map { index in
            try PositionSignal.kelly(
                instrument: latest[index].instrument, prediction: latest[index].prediction, isProbability: target.kind == .nextDirection,
                horizon: target.horizon, history: history[index])
        }
        let covariance = try SampleCovariance.of(history)
        let sized = try sizer.positions(for: signals, covariance: covariance)
        return SizingReport(
            bundle: bundle, model: predictor.contents.manifest.folder, lookback: common.count,
            asOf: latest.map(\.date), positions: sized, kellyFraction: sizer.kellyFraction, maxPosition: sizer.maxPosition,
            varLimit: sizer.varLimit, confidence: sizer.confidence,
            portfolioValueAtRisk: CappedKellySizer.valueAtRisk(sized.map(\.position), covariance: covariance, confidence: sizer.confidence))
    }
}

/// Positions for the next period and the portfolio's risk.
public struct SizingReport: Codable, Sendable {
    /// The bundle.
    public let bundle: String
    /// Its `<name>-<version>`.
    public let model: String
    /// Periods of common history used.
    public let lookback: Int
    /// The close each position is decided at, per instrument.
    public let asOf: [Timestamp]
    /// The positions, one per bar file, with their reasons.
    public let positions: [SizedPosition]
    /// The share of Kelly taken.
    public let kellyFraction: Double
    /// The position cap.
    public let maxPosition: Double
    /// The portfolio VaR limit.
    public let varLimit: Double
    /// The VaR confidence.
    public let confidence: Double
    /// The portfolio's parametric VaR after sizing.
    public let portfolioValueAtRisk: Double
}
