import FerryCore

/// Series that several features read (returns, moving averages, bands, rolling extremes),
/// computed once per input before the features, so features can then run in parallel on a
/// read-only cache.
///
/// Moving averages and bands are read row by row by their readers (a close's ratio to its SMA,
/// the band width), so only the kept rows are computed into them, and where the pipeline has
/// the average (or the bands) as a feature too, straight into that feature's columns: the table
/// holds them once. Returns and extremes feed running windows that start in the dropped rows, so
/// they are whole columns.
struct SharedSeries: Sendable {
    /// What is shared, and for which period.
    enum Key: Hashable, Sendable {
        case returns
        case closeSMA(Int)
        case volumeSMA(Int)
        case bands(Int)
        case extremes(Int)

        /// Whether readers need the series' dropped rows too.
        var isWhole: Bool {
            switch self {
            case .returns, .extremes: true
            case .closeSMA, .volumeSMA, .bands: false
            }
        }

        /// The series a feature whose columns are exactly this series, or nil.
        init?(exactly spec: FeatureSpec) {
            let p = spec.periods.first ?? 0
            switch spec.kind {
            case .sma: self = .closeSMA(p)
            case .volumeSMA: self = .volumeSMA(p)
            case .bollinger: self = .bands(p)
            default: return nil
            }
        }
    }

    let input: FeatureInput
    /// Whole columns.
    private let whole: [Key: [[Double]]]
    /// Kept rows, in a feature's columns or in `scratch`.
    private let kept: [Key: [ColumnOutput]]
    /// The memory of kept series that no feature's columns hold.
    private let scratch: [ScratchColumns]

    /// Computes, in parallel, every shared series the `features` read; `outputs` are the
    /// features' columns, in order, which keep the rows from `first` on. The columns of a feature
    /// that is exactly a shared series (an SMA, the bands, a volume SMA) are written here.
    init(for features: [FeatureSpec], input: FeatureInput, outputs: [[ColumnOutput]], first: Int) {
        precondition(outputs.count == features.count, "one set of columns per feature")
        self.input = input
        var keys: [Key] = []
        for key in features.flatMap(Self.keys(for:)) where !keys.contains(key) { keys.append(key) }
        var homes: [Key: [ColumnOutput]] = [:]
        for (spec, columns) in zip(features, outputs) { if let key = Key(exactly: spec) { homes[key] = columns } }
        var scratch: [ScratchColumns] = []
        var kept: [Key: [ColumnOutput]] = [:]
        for key in keys where !key.isWhole {
            if let home = homes[key] {
                kept[key] = home
            } else {
                let columns = ScratchColumns(count: key.width, rows: input.series.count, first: first)
                scratch.append(columns)
                kept[key] = columns.outputs
            }
        }
        let computed = keys.parallelMap { [kept] key in
            if let outputs = kept[key] {
                Self.compute(key, input, into: outputs)
                return [[Double]]()
            }
            return Self.compute(key, input)
        }
        whole = Dictionary(uniqueKeysWithValues: zip(keys, computed).filter { $0.0.isWhole })
        self.kept = kept
        self.scratch = scratch
    }

    /// The whole series `key` (returns or extremes).
    func series(_ key: Key) -> [[Double]] {
        guard let columns = whole[key] else { preconditionFailure("\(key) is computed for every feature that reads it") }
        return columns
    }

    /// The kept rows of the series `key` (an average or bands).
    func keptSeries(_ key: Key) -> [ColumnOutput] {
        guard let outputs = kept[key] else { preconditionFailure("\(key) is computed for every feature that reads it") }
        return outputs
    }

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

    /// The whole columns of `key`.
    private static func compute(_ key: Key, _ input: FeatureInput) -> [[Double]] {
        let s = input.series
        switch key {
        case .returns: return [simpleReturns(s.close)]
        case let .extremes(period):
            let extremes = Indicators.rollingExtremes(high: s.high, low: s.low, period: period)
            return [extremes.highest, extremes.lowest]
        case .closeSMA, .volumeSMA, .bands: preconditionFailure("\(key) is computed into kept rows, not whole")
        }
    }

    /// Writes `key` into `outputs`.
    private static func compute(_ key: Key, _ input: FeatureInput, into outputs: [ColumnOutput]) {
        let s = input.series
        switch key {
        case let .closeSMA(period): Indicators.sma(s.close, period: period, into: outputs[0])
        case let .volumeSMA(period): Indicators.sma(s.volume, period: period, into: outputs[0])
        case let .bands(period): Indicators.bollingerBands(s.close, period: period, deviations: 2, into: outputs[0], outputs[1], outputs[2])
        case .returns, .extremes: preconditionFailure("\(key) is kept whole, not written into kept rows")
        }
    }

    /// `x[t] / x[t − 1] − 1`, `nan` on the first row.
    static func simpleReturns(_ values: [Double]) -> [Double] {
        ColumnOutput.column(values.count) { out in out.fill { $0 == 0 ? .nan : values[$0] / values[$0 - 1] - 1 } }
    }
}

extension SharedSeries.Key {
    /// How many columns the series has.
    var width: Int {
        switch self {
        case .returns, .closeSMA, .volumeSMA: 1
        case .extremes: 2
        case .bands: 3
        }
    }
}

/// Columns of kept rows that belong to no feature (an average only a ratio reads), freed with the shared series.
final class ScratchColumns: @unchecked Sendable {
    private let buffers: [UnsafeMutableBufferPointer<Double>]
    /// One output over each column.
    let outputs: [ColumnOutput]

    init(count: Int, rows: Int, first: Int) {
        buffers = (0..<count).map { _ in .allocate(capacity: rows - first) }
        outputs = buffers.map { ColumnOutput(rows: rows, first: first, kept: $0) }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }
}
