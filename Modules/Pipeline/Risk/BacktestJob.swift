import FerryBundle
import FerryCore
import FerryData
import FerryFeatures
import FerryRisk
import Foundation
import Logging

/// Backtests a bundled model's signals on a bar file: its prediction at each close becomes a
/// position held over the next period (``SignalBacktest``), against the instrument's adjusted-close
/// returns, beside buy-and-hold.
public struct BacktestJob: Sendable {
    /// The bundle.
    public var bundle: String
    /// The bar file to trade.
    public var dataPath: String
    /// The second series, when the bundle's features need one.
    public var reference: String?
    /// Trade only from this date (the first position is decided at the first close on or after it).
    public var from: Timestamp?
    /// How predictions become positions; `nil` picks by target: a 0.5 probability threshold for
    /// a direction target (``TargetKind``), the sign of the prediction otherwise.
    public var rule: PositionRule?
    /// When set, positions are Kelly-sized instead of by ``rule``: at each close, this sizer's
    /// position for the prediction, from the `kellyLookback` returns up to and including that close.
    public var kelly: CappedKellySizer?
    /// Trailing returns for the Kelly variance or payoff ratio.
    public var kellyLookback = 252
    /// Costs in basis points per unit of position traded.
    public var costBasisPoints = 0.0
    /// Periods per year, for the statistics.
    public var periodsPerYear = 252.0

    /// Makes a job backtesting `bundle` on `dataPath`.
    public init(bundle: String, dataPath: String) {
        self.bundle = bundle
        self.dataPath = dataPath
    }

    /// Loads (verifying first), predicts, trades and measures.
    public func run(verifier: BundleVerifier, logger: Logger) throws -> BacktestReport {
        let predictor = try logger.step("load", reading: ["bundle": .string(bundle)]) {
            try BundlePredictor(bundle: bundle, verifier: verifier)
        }
        let (series, table, _, predictions) = try logger.step("predict", reading: ["data": .string(dataPath)]) {
            try predictor.predictions(for: dataPath, reference: reference, reader: MarketFileReader())
        }
        let position = series.timestamps.enumerated().reduce(into: [Timestamp: Int]()) { $0[$1.element] = $1.offset }
        let rows = table.frame.index.indices.filter { table.frame.index[$0] >= (from ?? table.frame.index[$0]) }
        guard rows.count >= 2 else {
            throw FerryError(
                .invalidData,
                "\(dataPath) has \(rows.count) row(s) to trade\(from.map { " on or after \($0)" } ?? ""); a backtest needs two")
        }
        // barReturns[i] is the return into bar i + 1, known at its close.
        let barReturns = try SimpleReturns.of(prices: series.adjustedClose)
        // The asset's return over the period that ends at each row's close.
        let bars = try rows.map { row in
            guard let bar = position[table.frame.index[row]] else {
                throw FerryError(.invalidData, "\(dataPath) has no bar dated \(table.frame.index[row]) for its feature row")
            }
            return bar
        }
        let returns = bars.map { bar in bar == 0 ? 0 : barReturns[bar - 1] }
        let rule = rule ?? (predictor.contents.schema.resolvedTargetKind == .direction ? .threshold(0.5) : .sign)
        var positions = rows.map { rule.position(for: predictions[$0]) }
        var ruleDescription = rule.description
        if let kelly {
            let target = predictor.pipeline.targets.first { $0.name == predictor.contents.schema.target }
            positions = zip(rows, bars).map { row, bar in
                let history = Array(barReturns[max(0, bar - kellyLookback)..<bar])
                // No position until the history can give a variance (or a payoff ratio).
                guard
                    let signal = try? PositionSignal.kelly(
                        instrument: series.instrument.rawValue, prediction: predictions[row], isProbability: target?.kind == .nextDirection,
                        horizon: target?.horizon ?? 1, history: history),
                    let variance = try? SampleCovariance.of([history])[0][0]
                else { return 0 }
                return (try? kelly.positions(for: [signal], covariance: [[variance]]))?.first?.position ?? 0
            }
            ruleDescription = String(
                format: "Kelly × %g over the trailing %d returns, capped at %g per position and %g VaR", kelly.kellyFraction, kellyLookback,
                kelly.maxPosition,
                kelly.varLimit)
        }
        let result = try logger.step("backtest", reading: ["periods": .stringConvertible(rows.count)]) {
            try SignalBacktest(costBasisPoints: costBasisPoints).run(returns: returns, positions: positions)
        }
        let statistics = ReturnStatistics(periodsPerYear: periodsPerYear)
        return BacktestReport(
            bundle: bundle, model: predictor.contents.manifest.folder, file: dataPath, rule: ruleDescription,
            costBasisPoints: costBasisPoints,
            dates: rows.dropFirst().map { table.frame.index[$0] }, turnover: result.turnover,
            strategy: try statistics.statistics(returns: result.strategyReturns),
            buyAndHold: try statistics.statistics(returns: result.buyAndHoldReturns),
            equity: result.equity, buyAndHoldEquity: result.buyAndHoldEquity, drawdown: result.drawdown,
            buyAndHoldDrawdown: result.buyAndHoldDrawdown)
    }
}

/// A backtest's statistics and curves.
public struct BacktestReport: Codable, Sendable {
    /// The bundle.
    public let bundle: String
    /// Its `<name>-<version>`.
    public let model: String
    /// The bar file traded.
    public let file: String
    /// The position rule, in words.
    public let rule: String
    /// Costs in basis points per unit traded.
    public let costBasisPoints: Double
    /// The date each period ends, the first period after the first decision.
    public let dates: [Timestamp]
    /// The sum of |change in position|.
    public let turnover: Double
    /// The strategy's statistics, after costs.
    public let strategy: MetricSet
    /// The statistics of holding the instrument.
    public let buyAndHold: MetricSet
    /// The strategy's wealth from 1, per period.
    public let equity: [Double]
    /// Buy-and-hold wealth from 1, per period.
    public let buyAndHoldEquity: [Double]
    /// The strategy's drawdown per period.
    public let drawdown: [Double]
    /// Buy-and-hold drawdown per period.
    public let buyAndHoldDrawdown: [Double]
}

extension PositionRule: CustomStringConvertible {
    public var description: String {
        switch self {
        case .sign: "sign of the predicted return"
        case let .threshold(level): "probability threshold \(level) (long above, short below \(1 - level))"
        }
    }
}
