import Foundation

/// One feature spec's running state: what it keeps between bars to give the next bar's values in
/// O(1) (CCI: O(period), as TA-Lib's own), the batch kernel's arithmetic in the batch kernel's order.
enum FeatureState: Codable, Sendable {
    case sma(RunningSMA)
    case ema(RunningEMA)
    case rsi(RunningRSI)
    case macd(RunningMACD)
    case bollinger(RunningBollinger)
    case atr(RunningATR)
    case obv(RunningOBV)
    case stochastic(RunningStochastic)
    case williamsR(RunningWilliamsR)
    case cci(RunningCCI)
    case adx(RunningADX)
    case roc(RunningLag)
    case momentum(RunningLag)
    case simpleReturn
    case logReturn
    case laggedReturn(RunningLag)
    case volatility(RunningDeviation)
    case highLowRange
    case closeToSMA(RunningSMA)
    case bollingerWidth(RunningBollinger)
    case bollingerPercentB(RunningBollinger)
    case volumeSMA(RunningSMA)
    case volumeRatio(RunningSMA)
    case vwap(RunningVWAP)
    case returnCorrelation(RunningCorrelation)

    /// The state before the first bar of `spec` (already validated).
    init(_ spec: FeatureSpec) {
        let periods = spec.periods
        let p = periods.first ?? 0
        switch spec.kind {
        case .sma: self = .sma(RunningSMA(period: p))
        case .ema: self = .ema(RunningEMA(period: p))
        case .rsi: self = .rsi(RunningRSI(period: p))
        case .macd: self = .macd(RunningMACD(fast: periods[0], slow: periods[1], signal: periods[2]))
        case .bollinger: self = .bollinger(RunningBollinger(period: p))
        case .atr: self = .atr(RunningATR(period: p))
        case .obv: self = .obv(RunningOBV())
        case .stochastic: self = .stochastic(RunningStochastic(fastK: periods[0], slowK: periods[1], slowD: periods[2]))
        case .williamsR: self = .williamsR(RunningWilliamsR(period: p))
        case .cci: self = .cci(RunningCCI(period: p))
        case .adx: self = .adx(RunningADX(period: p))
        case .roc: self = .roc(RunningLag(lag: p))
        case .momentum: self = .momentum(RunningLag(lag: p))
        case .simpleReturn: self = .simpleReturn
        case .logReturn: self = .logReturn
        case .laggedReturn: self = .laggedReturn(RunningLag(lag: p))
        case .volatility: self = .volatility(RunningDeviation(period: p))
        case .highLowRange: self = .highLowRange
        case .closeToSMA: self = .closeToSMA(RunningSMA(period: p))
        case .bollingerWidth: self = .bollingerWidth(RunningBollinger(period: p))
        case .bollingerPercentB: self = .bollingerPercentB(RunningBollinger(period: p))
        case .volumeSMA: self = .volumeSMA(RunningSMA(period: p))
        case .volumeRatio: self = .volumeRatio(RunningSMA(period: p))
        case .vwap: self = .vwap(RunningVWAP(period: p))
        case .returnCorrelation: self = .returnCorrelation(RunningCorrelation(period: p))
        }
    }

    /// Takes `bar` (with this bar's close-to-close return and the reference's) and appends the
    /// spec's values for it to `row`.
    mutating func push(_ bar: StreamBar, returns: (close: Double, reference: Double), into row: inout [Double]) {
        let (h, l, c, v) = (bar.high, bar.low, bar.close, bar.volume)
        switch self {
        case var .sma(state):
            row.append(state.push(c))
            self = .sma(state)
        case var .ema(state):
            row.append(state.push(c))
            self = .ema(state)
        case var .rsi(state):
            row.append(state.push(c))
            self = .rsi(state)
        case var .macd(state):
            let values = state.push(c)
            row += [values.macd, values.signal, values.histogram]
            self = .macd(state)
        case var .bollinger(state):
            let band = state.push(c)
            row += [band.upper, band.middle, band.lower]
            self = .bollinger(state)
        case var .atr(state):
            row.append(state.push(high: h, low: l, close: c))
            self = .atr(state)
        case var .obv(state):
            row.append(state.push(close: c, volume: v))
            self = .obv(state)
        case var .stochastic(state):
            let values = state.push(high: h, low: l, close: c)
            row += [values.k, values.d]
            self = .stochastic(state)
        case var .williamsR(state):
            row.append(state.push(high: h, low: l, close: c))
            self = .williamsR(state)
        case var .cci(state):
            row.append(state.push(high: h, low: l, close: c))
            self = .cci(state)
        case var .adx(state):
            row.append(state.push(high: h, low: l, close: c))
            self = .adx(state)
        case var .roc(state):
            let earlier = state.push(c)
            row.append(earlier.isNaN ? .nan : earlier != 0 ? ((c / earlier) - 1.0) * 100.0 : 0)
            self = .roc(state)
        case var .momentum(state):
            let earlier = state.push(c)
            row.append(earlier.isNaN ? .nan : c - earlier)
            self = .momentum(state)
        case .simpleReturn: row.append(returns.close)
        case .logReturn: row.append(log1p(returns.close))
        case var .laggedReturn(state):
            row.append(state.push(returns.close))
            self = .laggedReturn(state)
        case var .volatility(state):
            row.append(state.push(returns.close))
            self = .volatility(state)
        case .highLowRange: row.append((h - l) / c)
        case var .closeToSMA(state):
            row.append(c / state.push(c))
            self = .closeToSMA(state)
        case var .bollingerWidth(state):
            let band = state.push(c)
            row.append((band.upper - band.lower) / band.middle)
            self = .bollingerWidth(state)
        case var .bollingerPercentB(state):
            let band = state.push(c)
            let width = band.upper - band.lower
            row.append(width.isNaN ? .nan : width == 0 ? 0.5 : (c - band.lower) / width)
            self = .bollingerPercentB(state)
        case var .volumeSMA(state):
            row.append(state.push(v))
            self = .volumeSMA(state)
        case var .volumeRatio(state):
            let average = state.push(v)
            row.append(average.isNaN ? .nan : average == 0 ? 1 : v / average)
            self = .volumeRatio(state)
        case var .vwap(state):
            row.append(state.push(high: h, low: l, close: c, volume: v))
            self = .vwap(state)
        case var .returnCorrelation(state):
            row.append(state.push(returns.close, returns.reference))
            self = .returnCorrelation(state)
        }
    }
}
