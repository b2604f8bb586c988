import FerryCore

/// Series that several features read (returns, moving averages, bands, rolling extremes),
/// computed once per input before the features, so features can then run in parallel on a
/// read-only cache.
struct SharedSeries: Sendable {
    /// What is shared, and for which period.
    enum Key: Hashable, Sendable {
        case returns
        case closeSMA(Int)
        case volumeSMA(Int)
        case bands(Int)
        case extremes(Int)
    }

    let input: FeatureInput
    private let computed: [Key: [[Double]]]

    /// Computes, in parallel, every shared series the `features` read.
    init(for features: [FeatureSpec], input: FeatureInput) {
        self.input = input
        var keys: [Key] = []
        for key in features.flatMap(Self.keys(for:)) where !keys.contains(key) { keys.append(key) }
        let values = keys.parallelMap { Self.compute($0, input) }
        computed = Dictionary(uniqueKeysWithValues: zip(keys, values))
    }

    /// The shared series `key`, computed now if it was not computed ahead.
    func series(_ key: Key) -> [[Double]] { computed[key] ?? Self.compute(key, input) }

    /// The shared series a feature reads.
    static func keys(for spec: FeatureSpec) -> [Key] {
        let p = spec.periods.first ?? 0
        switch spec.kind {
        case .sma, .closeToSMA: return [.closeSMA(p)]
        case .volumeSMA, .volumeRatio: return [.volumeSMA(p)]
        case .bollinger, .bollingerWidth, .bollingerPercentB: return [.bands(p)]
        case .stochastic, .williamsR: return [.extremes(p)]
        case .simpleReturn, .logReturn, .laggedReturn, .volatility, .returnCorrelation: return [.returns]
        default: return []
        }
    }

    private static func compute(_ key: Key, _ input: FeatureInput) -> [[Double]] {
        let s = input.series
        switch key {
        case .returns: return [simpleReturns(s.close)]
        case let .closeSMA(period): return [Indicators.sma(s.close, period: period)]
        case let .volumeSMA(period): return [Indicators.sma(s.volume, period: period)]
        case let .bands(period):
            let bands = Indicators.bollingerBands(s.close, period: period, deviations: 2)
            return [bands.upper, bands.middle, bands.lower]
        case let .extremes(period):
            let extremes = Indicators.rollingExtremes(high: s.high, low: s.low, period: period)
            return [extremes.highest, extremes.lowest]
        }
    }

    /// `x[t] / x[t − 1] − 1`, `nan` on the first row.
    static func simpleReturns(_ values: [Double]) -> [Double] {
        Indicators.column(values.count) { $0 == 0 ? .nan : values[$0] / values[$0 - 1] - 1 }
    }
}
