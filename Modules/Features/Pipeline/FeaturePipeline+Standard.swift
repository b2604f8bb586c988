extension FeaturePipeline {
    /// Ferry's standard feature set: the TA-Lib indicators, returns and their lags, volatility,
    /// ranges, band and volume ratios, rolling VWAP, and (with a reference series) the rolling
    /// correlation of returns; targets `next_return`, `next_direction` and `forward_return_5`.
    public static func standard(withReference: Bool = true) -> FeaturePipeline {
        var features: [FeatureSpec] = [
            FeatureSpec(.sma, [5]), FeatureSpec(.sma, [10]), FeatureSpec(.sma, [20]), FeatureSpec(.sma, [50]),
            FeatureSpec(.ema, [12]), FeatureSpec(.ema, [26]),
            FeatureSpec(.rsi, [14]), FeatureSpec(.macd), FeatureSpec(.bollinger, [20]),
            FeatureSpec(.atr, [14]), FeatureSpec(.obv), FeatureSpec(.stochastic),
            FeatureSpec(.williamsR, [14]), FeatureSpec(.cci, [14]), FeatureSpec(.adx, [14]),
            FeatureSpec(.roc, [10]), FeatureSpec(.momentum, [10]),
            FeatureSpec(.simpleReturn), FeatureSpec(.logReturn),
        ]
        features += (1...5).map { FeatureSpec(.laggedReturn, [$0]) }
        features += [
            FeatureSpec(.volatility, [20]), FeatureSpec(.highLowRange),
            FeatureSpec(.closeToSMA, [20]), FeatureSpec(.closeToSMA, [50]),
            FeatureSpec(.bollingerWidth, [20]), FeatureSpec(.bollingerPercentB, [20]),
            FeatureSpec(.volumeSMA, [10]), FeatureSpec(.volumeRatio, [10]), FeatureSpec(.vwap, [20]),
        ]
        if withReference { features.append(FeatureSpec(.returnCorrelation, [20])) }
        return FeaturePipeline(
            features: features,
            targets: [TargetSpec(.nextReturn), TargetSpec(.nextDirection), TargetSpec(.forwardReturn, horizon: 5)])
    }

    /// The standard set made scale-free, so a model trained on one decade does not see another's
    /// price level as out of range: moving averages, VWAP and the bands as the close's ratio to
    /// them (or %B and width), MACD and ATR as percentages of the close, OBV as its z-score over
    /// 20 bars, volume as its ratio to its average; momentum (a price difference) left out for ROC.
    /// The underlying indicators are the TA-Lib ones of the standard set; the targets are its own.
    public static func standardStationary(withReference: Bool = true) -> FeaturePipeline {
        var features: [FeatureSpec] = [5, 10, 20, 50].map { FeatureSpec(.closeToSMA, [$0]) }
        features += [
            FeatureSpec(.closeToEMA, [12]), FeatureSpec(.closeToEMA, [26]),
            FeatureSpec(.rsi, [14]), FeatureSpec(.macdPercent), FeatureSpec(.bollingerWidth, [20]), FeatureSpec(.bollingerPercentB, [20]),
            FeatureSpec(.atrPercent, [14]), FeatureSpec(.obvZScore, [20]), FeatureSpec(.stochastic),
            FeatureSpec(.williamsR, [14]), FeatureSpec(.cci, [14]), FeatureSpec(.adx, [14]), FeatureSpec(.roc, [10]),
            FeatureSpec(.simpleReturn), FeatureSpec(.logReturn),
        ]
        features += (1...5).map { FeatureSpec(.laggedReturn, [$0]) }
        features += [
            FeatureSpec(.volatility, [20]), FeatureSpec(.highLowRange), FeatureSpec(.volumeRatio, [10]), FeatureSpec(.closeToVWAP, [20]),
        ]
        if withReference { features.append(FeatureSpec(.returnCorrelation, [20])) }
        return FeaturePipeline(features: features, targets: standard().targets)
    }

    /// The pipelines a front end can name: `standard` and `standard-stationary` (with the reference
    /// series' correlation when `withReference`).
    public static func named(_ name: String, withReference: Bool = true) -> FeaturePipeline? {
        switch name {
        case "standard": standard(withReference: withReference)
        case "standard-stationary": standardStationary(withReference: withReference)
        default: nil
        }
    }
}
