import FerryCore
import Foundation

/// Computes one feature's columns from an input and the series features share.
extension SharedSeries {
    /// Writes the columns of `spec` into `out`, one output per name, in order (an SMA's, the
    /// bands' and a volume SMA's were written with the shared series, into these same columns).
    func write(_ spec: FeatureSpec, into out: [ColumnOutput]) throws {
        let s = input.series
        let p = spec.periods.first ?? 0
        switch spec.kind {
        case .sma, .bollinger, .volumeSMA: break
        case .ema: Indicators.ema(s.close, period: p, into: out[0])
        case .rsi: Indicators.rsi(s.close, period: p, into: out[0])
        case .macd:
            Indicators.macd(s.close, fast: spec.periods[0], slow: spec.periods[1], signal: spec.periods[2], into: out[0], out[1], out[2])
        case .atr: Indicators.atr(high: s.high, low: s.low, close: s.close, period: p, into: out[0])
        case .obv: Indicators.obv(close: s.close, volume: s.volume, into: out[0])
        case .stochastic:
            Indicators.stochastic(
                close: s.close, extremes: extremes(p), fastK: spec.periods[0], slowK: spec.periods[1], slowD: spec.periods[2],
                into: out[0], out[1])
        case .williamsR: Indicators.williamsR(close: s.close, extremes: extremes(p), period: p, into: out[0])
        case .cci: Indicators.cci(high: s.high, low: s.low, close: s.close, period: p, into: out[0])
        case .adx: Indicators.adx(high: s.high, low: s.low, close: s.close, period: p, into: out[0])
        case .roc: Indicators.roc(s.close, period: p, into: out[0])
        case .momentum: Indicators.momentum(s.close, period: p, into: out[0])
        case .simpleReturn: out[0].copy(returns)
        case .logReturn:
            let r = returns
            out[0].fill { log1p(r[$0]) }
        case .laggedReturn:
            let r = returns
            out[0].fill { $0 >= p ? r[$0 - p] : .nan }
        case .volatility: Rolling.standardDeviation(returns, period: p, into: out[0])
        case .highLowRange: out[0].fill { (s.high[$0] - s.low[$0]) / s.close[$0] }
        case .closeToSMA:
            let average = keptSeries(.closeSMA(p))[0]
            out[0].fill { s.close[$0] / average[$0] }
        case .bollingerWidth:
            let band = keptSeries(.bands(p))
            let (upper, middle, lower) = (band[0], band[1], band[2])
            out[0].fill { (upper[$0] - lower[$0]) / middle[$0] }
        case .bollingerPercentB:
            let band = keptSeries(.bands(p))
            let (upper, lower) = (band[0], band[2])
            out[0].fill {
                let width = upper[$0] - lower[$0]
                return width.isNaN ? .nan : width == 0 ? 0.5 : (s.close[$0] - lower[$0]) / width
            }
        case .volumeRatio:
            let average = keptSeries(.volumeSMA(p))[0]
            out[0].fill { average[$0].isNaN ? .nan : average[$0] == 0 ? 1 : s.volume[$0] / average[$0] }
        case .vwap: Rolling.vwap(high: s.high, low: s.low, close: s.close, volume: s.volume, period: p, into: out[0])
        case .closeToEMA:
            Indicators.ema(s.close, period: p, into: out[0])
            out[0].update { s.close[$0] / $1 }
        case .macdPercent:
            Indicators.macd(s.close, fast: spec.periods[0], slow: spec.periods[1], signal: spec.periods[2], into: out[0], out[1], out[2])
            for line in out { line.update { 100 * $1 / s.close[$0] } }
        case .atrPercent:
            Indicators.atr(high: s.high, low: s.low, close: s.close, period: p, into: out[0])
            out[0].update { 100 * $1 / s.close[$0] }
        case .obvZScore: Rolling.zScore(Indicators.obv(close: s.close, volume: s.volume), period: p, into: out[0])
        case .closeToVWAP:
            Rolling.vwap(high: s.high, low: s.low, close: s.close, volume: s.volume, period: p, into: out[0])
            out[0].update { s.close[$0] / $1 }
        case .returnCorrelation:
            guard let reference = input.reference else { throw FeaturePipelineError.needsReference(spec.names[0]) }
            // The reference's returns are computed where the window reads them (no column of them is kept).
            let prices = reference.values
            let referenceReturns = prices.indices.lazy.map { $0 == 0 ? .nan : prices[$0] / prices[$0 - 1] - 1 }
            Rolling.correlation(returns, referenceReturns, period: p, into: out[0])
        }
    }

    private var returns: [Double] { series(.returns)[0] }

    private func extremes(_ period: Int) -> (highest: [Double], lowest: [Double]) {
        let pair = series(.extremes(period))
        return (pair[0], pair[1])
    }
}
