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
}
