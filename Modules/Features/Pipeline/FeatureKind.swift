/// The kinds of feature Ferry computes, each with its periods, output names, warm-up and formula.
public enum FeatureKind: String, Codable, Sendable, CaseIterable {
    case sma, ema, rsi, macd
    case bollinger = "bbands"
    case atr, obv
    case stochastic = "stoch"
    case williamsR = "willr"
    case cci, adx, roc
    case momentum = "mom"
    case simpleReturn = "return"
    case logReturn = "log_return"
    case laggedReturn = "return_lag"
    case volatility
    case highLowRange = "hl_range"
    case closeToSMA = "close_sma_ratio"
    case bollingerWidth = "bb_width"
    case bollingerPercentB = "bb_percent_b"
    case volumeSMA = "volume_sma"
    case volumeRatio = "volume_ratio"
    case vwap
    case returnCorrelation = "corr_returns"
    // Scale-free forms of the price- and volume-level features, for the stationary set.
    case closeToEMA = "close_ema_ratio"
    case macdPercent = "macd_pct"
    case atrPercent = "atr_pct"
    case obvZScore = "obv_z"
    case closeToVWAP = "close_vwap_ratio"

    /// The periods a spec of this kind takes, with their names, defaults and smallest allowed values.
    var parameters: [(name: String, defaultValue: Int, minimum: Int)] {
        switch self {
        case .obv, .simpleReturn, .logReturn, .highLowRange: return []
        case .macd, .macdPercent: return [("fast", 12, 2), ("slow", 26, 2), ("signal", 9, 1)]
        case .stochastic: return [("fast_k", 14, 1), ("slow_k", 3, 1), ("slow_d", 3, 1)]
        case .roc, .momentum, .laggedReturn: return [("period", 10, 1)]
        case .volatility, .returnCorrelation, .obvZScore: return [("period", 20, 2)]
        default: return [("period", 14, 2)]
        }
    }

    /// The output column names for `periods` (already validated).
    func names(_ periods: [Int]) -> [String] {
        let p = periods.first ?? 0
        switch self {
        case .macd: return ["macd", "macd_signal", "macd_hist"]
        case .macdPercent: return ["macd_pct", "macd_signal_pct", "macd_hist_pct"]
        case .bollinger: return ["bb_upper_\(p)", "bb_middle_\(p)", "bb_lower_\(p)"]
        case .stochastic: return ["stoch_k", "stoch_d"]
        case .obv: return ["obv"]
        case .simpleReturn: return ["return_1"]
        case .logReturn: return ["log_return_1"]
        case .highLowRange: return ["hl_range"]
        case .williamsR: return ["willr_\(p)"]
        default: return ["\(rawValue)_\(p)"]
        }
    }

    /// Leading rows without a value for `periods` (TA-Lib's lookback where TA-Lib defines the kind).
    func lookback(_ periods: [Int]) -> Int {
        let p = periods.first ?? 0
        switch self {
        case .sma, .ema, .bollinger, .williamsR, .cci, .closeToSMA, .bollingerWidth, .bollingerPercentB, .volumeSMA,
            .volumeRatio, .vwap, .closeToEMA, .obvZScore, .closeToVWAP:
            return p - 1
        case .rsi, .atr, .roc, .momentum, .volatility, .returnCorrelation, .atrPercent: return p
        case .macd, .macdPercent: return max(periods[0], periods[1]) - 1 + periods[2] - 1
        case .stochastic: return periods[0] - 1 + periods[1] - 1 + periods[2] - 1
        case .adx: return 2 * p - 1
        case .obv, .highLowRange: return 0
        case .simpleReturn, .logReturn: return 1
        case .laggedReturn: return p + 1
        }
    }

    /// The formula, in words, for `ferry features list`.
    var formula: String {
        switch self {
        case .sma: return "mean of the last N closes (TA-Lib SMA)"
        case .ema: return "EMA of close, k = 2/(N+1), seeded with the SMA of the first N (TA-Lib EMA)"
        case .rsi: return "100·avgGain/(avgGain+avgLoss), Wilder smoothing (TA-Lib RSI)"
        case .macd: return "EMA12 − EMA26 of close, signal EMA9, histogram = macd − signal (TA-Lib MACD seeding)"
        case .bollinger: return "SMA(N) ± 2·population std of close (TA-Lib BBANDS)"
        case .atr: return "Wilder average of true range (TA-Lib ATR)"
        case .obv: return "running volume, + on an up close, − on a down close (TA-Lib OBV)"
        case .stochastic: return "%K = SMA3 of 100·(C−LL14)/(HH14−LL14), %D = SMA3 of %K (TA-Lib STOCH 14,3,3)"
        case .williamsR: return "−100·(HH−C)/(HH−LL) over N (TA-Lib WILLR)"
        case .cci: return "(TP−SMA(TP))/(0.015·mean|TP−SMA(TP)|), TP = (H+L+C)/3 (TA-Lib CCI)"
        case .adx: return "Wilder average of DX from +DI/−DI (TA-Lib ADX)"
        case .roc: return "(C/C[t−N] − 1)·100 (TA-Lib ROC)"
        case .momentum: return "C − C[t−N] (TA-Lib MOM)"
        case .simpleReturn: return "C/C[t−1] − 1"
        case .logReturn: return "ln(C/C[t−1])"
        case .laggedReturn: return "return_1 at t−N"
        case .volatility: return "sample std (ddof 1) of the last N simple returns"
        case .highLowRange: return "(H − L)/C"
        case .closeToSMA: return "C / SMA(N)"
        case .bollingerWidth: return "(upper − lower)/middle of BBANDS(N, 2)"
        case .bollingerPercentB: return "(C − lower)/(upper − lower) of BBANDS(N, 2); 0.5 when the bands meet"
        case .volumeSMA: return "mean of the last N volumes (TA-Lib SMA on volume)"
        case .volumeRatio: return "V / SMA(V, N); 1 when the average volume is 0"
        case .vwap: return "Σ(TP·V)/ΣV over N rows, TP = (H+L+C)/3; TP when ΣV = 0"
        case .returnCorrelation:
            return "Pearson correlation of the last N simple returns with the reference series' returns (0 if either is flat)"
        case .closeToEMA: return "C / EMA(N)"
        case .macdPercent: return "100 · (macd, signal, histogram of TA-Lib MACD) / C"
        case .atrPercent: return "100 · ATR(N) / C"
        case .obvZScore: return "(OBV − mean)/sample std of the last N OBV values; 0 when they are all equal"
        case .closeToVWAP: return "C / VWAP(N)"
        }
    }
}
