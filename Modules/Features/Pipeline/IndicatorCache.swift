import FerryCore
import Foundation

/// Computes feature columns for one input, sharing intermediate series (returns, SMAs, bands)
/// between the features that need them.
struct IndicatorCache {
    let input: FeatureInput
    private var memo: [String: [[Double]]] = [:]

    init(_ input: FeatureInput) { self.input = input }

    /// The columns of `spec`, in the order of its names.
    mutating func columns(for spec: FeatureSpec) throws -> [[Double]] {
        let s = input.series
        let p = spec.periods.first ?? 0
        switch spec.kind {
        case .sma: return [memoized("sma_\(p)") { [Indicators.sma(s.close, period: p)] }[0]]
        case .ema: return [Indicators.ema(s.close, period: p)]
        case .rsi: return [Indicators.rsi(s.close, period: p)]
        case .macd:
            let result = Indicators.macd(s.close, fast: spec.periods[0], slow: spec.periods[1], signal: spec.periods[2])
            return [result.macd, result.signal, result.histogram]
        case .bollinger: return bands(p)
        case .atr: return [Indicators.atr(high: s.high, low: s.low, close: s.close, period: p)]
        case .obv: return [Indicators.obv(close: s.close, volume: s.volume)]
        case .stochastic:
            let result = Indicators.stochastic(
                high: s.high, low: s.low, close: s.close, fastK: spec.periods[0], slowK: spec.periods[1], slowD: spec.periods[2])
            return [result.k, result.d]
        case .williamsR: return [Indicators.williamsR(high: s.high, low: s.low, close: s.close, period: p)]
        case .cci: return [Indicators.cci(high: s.high, low: s.low, close: s.close, period: p)]
        case .adx: return [Indicators.adx(high: s.high, low: s.low, close: s.close, period: p)]
        case .roc: return [Indicators.roc(s.close, period: p)]
        case .momentum: return [Indicators.momentum(s.close, period: p)]
        case .simpleReturn: return [returns]
        case .logReturn: return [returns.map { ($0 + 1).isNaN ? .nan : log1p($0) }]
        case .laggedReturn: return [shifted(returns, by: p)]
        case .volatility: return [Rolling.standardDeviation(returns, period: p)]
        case .highLowRange: return [(0..<s.count).map { (s.high[$0] - s.low[$0]) / s.close[$0] }]
        case .closeToSMA:
            let average = memoized("sma_\(p)") { [Indicators.sma(s.close, period: p)] }[0]
            return [zip(s.close, average).map { $0 / $1 }]
        case .bollingerWidth:
            let band = bands(p)
            return [(0..<s.count).map { (band[0][$0] - band[2][$0]) / band[1][$0] }]
        case .bollingerPercentB:
            let band = bands(p)
            return [
                (0..<s.count).map {
                    let width = band[0][$0] - band[2][$0]
                    return width.isNaN ? .nan : width == 0 ? 0.5 : (s.close[$0] - band[2][$0]) / width
                }
            ]
        case .volumeSMA: return [memoized("volume_sma_\(p)") { [Indicators.sma(s.volume, period: p)] }[0]]
        case .volumeRatio:
            let average = memoized("volume_sma_\(p)") { [Indicators.sma(s.volume, period: p)] }[0]
            return [zip(s.volume, average).map { $1.isNaN ? .nan : $1 == 0 ? 1 : $0 / $1 }]
        case .vwap:
            let typical = (0..<s.count).map { (s.high[$0] + s.low[$0] + s.close[$0]) / 3 }
            return [Rolling.weightedMean(typical, weights: s.volume, period: p, fallback: typical)]
        case .returnCorrelation:
            guard let reference = input.reference else { throw FeaturePipelineError.needsReference(spec.names[0]) }
            return [Rolling.correlation(returns, Self.simpleReturns(reference.values), period: p)]
        }
    }

    private var returns: [Double] { Self.simpleReturns(input.series.close) }

    /// `x[t] / x[t − 1] − 1`, `nan` on the first row.
    static func simpleReturns(_ values: [Double]) -> [Double] {
        var output = Indicators.emptyColumn(values.count)
        for t in 1..<max(1, values.count) { output[t] = values[t] / values[t - 1] - 1 }
        return output
    }

    private func shifted(_ values: [Double], by lag: Int) -> [Double] {
        (0..<values.count).map { $0 >= lag ? values[$0 - lag] : .nan }
    }

    private mutating func bands(_ period: Int) -> [[Double]] {
        let series = input.series
        return memoized("bbands_\(period)") {
            let result = Indicators.bollingerBands(series.close, period: period, deviations: 2)
            return [result.upper, result.middle, result.lower]
        }
    }

    private mutating func memoized(_ key: String, _ compute: () -> [[Double]]) -> [[Double]] {
        if let known = memo[key] { return known }
        let value = compute()
        memo[key] = value
        return value
    }
}
