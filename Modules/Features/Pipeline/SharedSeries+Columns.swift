import FerryCore
import Foundation

/// Computes one feature's columns from an input and the series features share.
extension SharedSeries {
    /// The columns of `spec`, in the order of its names.
    func columns(for spec: FeatureSpec) throws -> [[Double]] {
        let s = input.series
        let p = spec.periods.first ?? 0
        switch spec.kind {
        case .sma: return series(.closeSMA(p))
        case .ema: return [Indicators.ema(s.close, period: p)]
        case .rsi: return [Indicators.rsi(s.close, period: p)]
        case .macd:
            let result = Indicators.macd(s.close, fast: spec.periods[0], slow: spec.periods[1], signal: spec.periods[2])
            return [result.macd, result.signal, result.histogram]
        case .bollinger: return series(.bands(p))
        case .atr: return [Indicators.atr(high: s.high, low: s.low, close: s.close, period: p)]
        case .obv: return [Indicators.obv(close: s.close, volume: s.volume)]
        case .stochastic:
            let result = Indicators.stochastic(
                close: s.close, extremes: extremes(p), fastK: spec.periods[0], slowK: spec.periods[1], slowD: spec.periods[2])
            return [result.k, result.d]
        case .williamsR: return [Indicators.williamsR(close: s.close, extremes: extremes(p), period: p)]
        case .cci: return [Indicators.cci(high: s.high, low: s.low, close: s.close, period: p)]
        case .adx: return [Indicators.adx(high: s.high, low: s.low, close: s.close, period: p)]
        case .roc: return [Indicators.roc(s.close, period: p)]
        case .momentum: return [Indicators.momentum(s.close, period: p)]
        case .simpleReturn: return series(.returns)
        case .logReturn:
            let r = returns
            return [Indicators.column(s.count) { log1p(r[$0]) }]
        case .laggedReturn:
            let r = returns
            return [Indicators.column(s.count) { $0 >= p ? r[$0 - p] : .nan }]
        case .volatility: return [Rolling.standardDeviation(returns, period: p)]
        case .highLowRange: return [Indicators.column(s.count) { (s.high[$0] - s.low[$0]) / s.close[$0] }]
        case .closeToSMA:
            let average = series(.closeSMA(p))[0]
            return [Indicators.column(s.count) { s.close[$0] / average[$0] }]
        case .bollingerWidth:
            let band = series(.bands(p))
            let (upper, middle, lower) = (band[0], band[1], band[2])
            return [Indicators.column(s.count) { (upper[$0] - lower[$0]) / middle[$0] }]
        case .bollingerPercentB:
            let band = series(.bands(p))
            let (upper, lower) = (band[0], band[2])
            return [
                Indicators.column(s.count) {
                    let width = upper[$0] - lower[$0]
                    return width.isNaN ? .nan : width == 0 ? 0.5 : (s.close[$0] - lower[$0]) / width
                }
            ]
        case .volumeSMA: return series(.volumeSMA(p))
        case .volumeRatio:
            let average = series(.volumeSMA(p))[0]
            return [Indicators.column(s.count) { average[$0].isNaN ? .nan : average[$0] == 0 ? 1 : s.volume[$0] / average[$0] }]
        case .vwap: return [Rolling.vwap(high: s.high, low: s.low, close: s.close, volume: s.volume, period: p)]
        case .closeToEMA:
            let average = Indicators.ema(s.close, period: p)
            return [Indicators.column(s.count) { s.close[$0] / average[$0] }]
        case .macdPercent:
            let result = Indicators.macd(s.close, fast: spec.periods[0], slow: spec.periods[1], signal: spec.periods[2])
            return [result.macd, result.signal, result.histogram].map { line in Indicators.column(s.count) { 100 * line[$0] / s.close[$0] }
            }
        case .atrPercent:
            let range = Indicators.atr(high: s.high, low: s.low, close: s.close, period: p)
            return [Indicators.column(s.count) { 100 * range[$0] / s.close[$0] }]
        case .obvZScore: return [Rolling.zScore(Indicators.obv(close: s.close, volume: s.volume), period: p)]
        case .closeToVWAP:
            let average = Rolling.vwap(high: s.high, low: s.low, close: s.close, volume: s.volume, period: p)
            return [Indicators.column(s.count) { s.close[$0] / average[$0] }]
        case .returnCorrelation:
            guard let reference = input.reference else { throw FeaturePipelineError.needsReference(spec.names[0]) }
            return [Rolling.correlation(returns, Self.simpleReturns(reference.values), period: p)]
        }
    }

    private var returns: [Double] { series(.returns)[0] }

    private func extremes(_ period: Int) -> (highest: [Double], lowest: [Double]) {
        let pair = series(.extremes(period))
        return (pair[0], pair[1])
    }
}
