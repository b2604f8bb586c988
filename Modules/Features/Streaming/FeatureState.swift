import Foundation

/// One bar's close-to-close return and the reference series' return, which several features read.
struct BarReturns {
    let close: Double
    let reference: Double
}

/// One feature spec's running state: what it keeps between bars to give the next bar's values in
/// O(1) (CCI: O(period), as TA-Lib's own), the batch kernel's arithmetic in the batch kernel's
/// order. Held as an existential in the stream, so each bar changes it in place (an enum of the
/// states copied every state out and back in: most of a bar's time).
protocol StreamingFeature: Codable, Sendable {
    /// Takes `bar` and appends the spec's values for it to `row`.
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double])
}

/// The running state of `spec` (already validated) before its first bar.
func streamingFeature(_ spec: FeatureSpec) -> any StreamingFeature {
    let periods = spec.periods
    let p = periods.first ?? 0
    switch spec.kind {
    case .sma: return CloseFeature(RunningSMA(period: p))
    case .ema: return CloseFeature(RunningEMA(period: p))
    case .rsi: return CloseFeature(RunningRSI(period: p))
    case .macd: return MACDFeature(state: RunningMACD(fast: periods[0], slow: periods[1], signal: periods[2]))
    case .bollinger: return BandsFeature(state: RunningBollinger(period: p), output: .bands)
    case .bollingerWidth: return BandsFeature(state: RunningBollinger(period: p), output: .width)
    case .bollingerPercentB: return BandsFeature(state: RunningBollinger(period: p), output: .percentB)
    case .atr: return BarFeature(RunningATR(period: p))
    case .obv: return OBVFeature(state: RunningOBV())
    case .stochastic: return StochasticFeature(state: RunningStochastic(fastK: periods[0], slowK: periods[1], slowD: periods[2]))
    case .williamsR: return BarFeature(RunningWilliamsR(period: p))
    case .cci: return BarFeature(RunningCCI(period: p))
    case .adx: return BarFeature(RunningADX(period: p))
    case .roc: return LagFeature(state: RunningLag(lag: p), output: .rateOfChange)
    case .momentum: return LagFeature(state: RunningLag(lag: p), output: .momentum)
    case .simpleReturn: return ReturnFeature(output: .simple)
    case .logReturn: return ReturnFeature(output: .logarithmic)
    case .laggedReturn: return LagFeature(state: RunningLag(lag: p), output: .laggedReturn)
    case .volatility: return VolatilityFeature(state: RunningDeviation(period: p))
    case .highLowRange: return ReturnFeature(output: .highLowRange)
    case .closeToSMA: return AverageFeature(state: RunningSMA(period: p), output: .closeRatio)
    case .volumeSMA: return AverageFeature(state: RunningSMA(period: p), output: .volumeAverage)
    case .volumeRatio: return AverageFeature(state: RunningSMA(period: p), output: .volumeRatio)
    case .vwap: return VWAPFeature(state: RunningVWAP(period: p))
    case .returnCorrelation: return CorrelationFeature(state: RunningCorrelation(period: p))
    case .closeToEMA: return CloseRatioFeature(state: RunningEMA(period: p))
    case .macdPercent: return MACDPercentFeature(state: RunningMACD(fast: periods[0], slow: periods[1], signal: periods[2]))
    case .atrPercent: return BarPercentFeature(state: RunningATR(period: p))
    case .obvZScore: return OBVZScoreFeature(obv: RunningOBV(), window: RunningDeviation(period: p))
    case .closeToVWAP: return VWAPRatioFeature(state: RunningVWAP(period: p))
    }
}

/// A running state that reads one close and gives one value (SMA, EMA, RSI).
protocol CloseKernel: Codable, Sendable {
    mutating func push(_ close: Double) -> Double
}

/// A running state that reads a bar's high, low and close and gives one value (ATR, WILLR, CCI, ADX).
protocol BarKernel: Codable, Sendable {
    mutating func push(high: Double, low: Double, close: Double) -> Double
}

extension RunningSMA: CloseKernel {}
extension RunningEMA: CloseKernel {}
extension RunningRSI: CloseKernel {}
extension RunningATR: BarKernel {}
extension RunningWilliamsR: BarKernel {}
extension RunningCCI: BarKernel {}
extension RunningADX: BarKernel {}

struct CloseFeature<Kernel: CloseKernel>: StreamingFeature {
    var state: Kernel
    init(_ state: Kernel) { self.state = state }
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) { row.append(state.push(bar.close)) }
}

struct BarFeature<Kernel: BarKernel>: StreamingFeature {
    var state: Kernel
    init(_ state: Kernel) { self.state = state }
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        row.append(state.push(high: bar.high, low: bar.low, close: bar.close))
    }
}

struct MACDFeature: StreamingFeature {
    var state: RunningMACD
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        let values = state.push(bar.close)
        row += [values.macd, values.signal, values.histogram]
    }
}

struct BandsFeature: StreamingFeature {
    enum Output: String, Codable { case bands, width, percentB }
    var state: RunningBollinger
    let output: Output
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        let band = state.push(bar.close)
        switch output {
        case .bands: row += [band.upper, band.middle, band.lower]
        case .width: row.append((band.upper - band.lower) / band.middle)
        case .percentB:
            let width = band.upper - band.lower
            row.append(width.isNaN ? .nan : width == 0 ? 0.5 : (bar.close - band.lower) / width)
        }
    }
}

struct OBVFeature: StreamingFeature {
    var state: RunningOBV
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        row.append(state.push(close: bar.close, volume: bar.volume))
    }
}

struct StochasticFeature: StreamingFeature {
    var state: RunningStochastic
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        let values = state.push(high: bar.high, low: bar.low, close: bar.close)
        row += [values.k, values.d]
    }
}

struct LagFeature: StreamingFeature {
    enum Output: String, Codable { case rateOfChange, momentum, laggedReturn }
    var state: RunningLag
    let output: Output
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        switch output {
        case .rateOfChange:
            let earlier = state.push(bar.close)
            row.append(earlier.isNaN ? .nan : earlier != 0 ? ((bar.close / earlier) - 1.0) * 100.0 : 0)
        case .momentum:
            let earlier = state.push(bar.close)
            row.append(earlier.isNaN ? .nan : bar.close - earlier)
        case .laggedReturn: row.append(state.push(returns.close))
        }
    }
}

/// Features of the bar alone and its return: no state of their own.
struct ReturnFeature: StreamingFeature {
    enum Output: String, Codable { case simple, logarithmic, highLowRange }
    let output: Output
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        switch output {
        case .simple: row.append(returns.close)
        case .logarithmic: row.append(log1p(returns.close))
        case .highLowRange: row.append((bar.high - bar.low) / bar.close)
        }
    }
}

struct VolatilityFeature: StreamingFeature {
    var state: RunningDeviation
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) { row.append(state.push(returns.close)) }
}

struct AverageFeature: StreamingFeature {
    enum Output: String, Codable { case closeRatio, volumeAverage, volumeRatio }
    var state: RunningSMA
    let output: Output
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        switch output {
        case .closeRatio: row.append(bar.close / state.push(bar.close))
        case .volumeAverage: row.append(state.push(bar.volume))
        case .volumeRatio:
            let average = state.push(bar.volume)
            row.append(average.isNaN ? .nan : average == 0 ? 1 : bar.volume / average)
        }
    }
}

struct VWAPFeature: StreamingFeature {
    var state: RunningVWAP
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        row.append(state.push(high: bar.high, low: bar.low, close: bar.close, volume: bar.volume))
    }
}

struct CorrelationFeature: StreamingFeature {
    var state: RunningCorrelation
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        row.append(state.push(returns.close, returns.reference))
    }
}

/// C over a running average of C (`close_ema_ratio`).
struct CloseRatioFeature<Kernel: CloseKernel>: StreamingFeature {
    var state: Kernel
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) { row.append(bar.close / state.push(bar.close)) }
}

/// 100 · a bar kernel's value / C (`atr_pct`).
struct BarPercentFeature<Kernel: BarKernel>: StreamingFeature {
    var state: Kernel
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        row.append(100 * state.push(high: bar.high, low: bar.low, close: bar.close) / bar.close)
    }
}

/// MACD's three lines as percentages of C (`macd_pct`).
struct MACDPercentFeature: StreamingFeature {
    var state: RunningMACD
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        let values = state.push(bar.close)
        row += [100 * values.macd / bar.close, 100 * values.signal / bar.close, 100 * values.histogram / bar.close]
    }
}

/// OBV's z-score in its window (`obv_z`).
struct OBVZScoreFeature: StreamingFeature {
    var obv: RunningOBV
    var window: RunningDeviation
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        row.append(window.pushZScore(obv.push(close: bar.close, volume: bar.volume)))
    }
}

/// C over the rolling VWAP (`close_vwap_ratio`).
struct VWAPRatioFeature: StreamingFeature {
    var state: RunningVWAP
    mutating func push(_ bar: StreamBar, returns: BarReturns, into row: inout [Double]) {
        row.append(bar.close / state.push(high: bar.high, low: bar.low, close: bar.close, volume: bar.volume))
    }
}
