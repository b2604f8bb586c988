import FerryCore
import FerryFeatures
import Foundation
import Testing

@Suite struct FeaturePipelineTests {
    static let taLibNames = [
        "sma_5", "sma_10", "sma_20", "sma_50", "ema_12", "ema_26", "rsi_14", "macd", "macd_signal", "macd_hist",
        "bb_upper_20", "bb_middle_20", "bb_lower_20", "atr_14", "obv", "stoch_k", "stoch_d", "willr_14", "cci_14",
        "adx_14", "roc_10", "mom_10",
    ]

    @Test func standardSetHasTheNamedColumnsAndMoreThan35() {
        let pipeline = FeaturePipeline.standard()
        #expect(pipeline.featureNames.count == 39)
        #expect(Array(pipeline.featureNames.prefix(22)) == Self.taLibNames)
        for name in [
            "return_1", "log_return_1", "return_lag_1", "return_lag_5", "volatility_20", "hl_range",
            "close_sma_ratio_20", "close_sma_ratio_50", "bb_width_20", "bb_percent_b_20", "volume_sma_10",
            "volume_ratio_10", "vwap_20", "corr_returns_20",
        ] {
            #expect(pipeline.featureNames.contains(name), "missing \(name)")
        }
        #expect(pipeline.targetNames == ["next_return", "next_direction", "forward_return_5"])
        #expect(pipeline.warmUpRows == 49)
        #expect(FeaturePipeline.standard(withReference: false).featureNames.count == 38)
    }

    @Test func roundTripsThroughJSON() throws {
        let pipeline = FeaturePipeline.standard()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(pipeline)
        #expect(try JSONDecoder().decode(FeaturePipeline.self, from: data) == pipeline)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#"{"kind":"sma","periods":[5]}"#))
    }

    @Test func dropsTheWarmUpAndKeepsTargetsAligned() throws {
        let series = try TALibFixture.series("SPX")
        let table = try FeaturePipeline.standard(withReference: false).compute(try FeatureInput(series: series))
        #expect(table.droppedWarmUpRows == 49)
        #expect(table.frame.rowCount == series.count - 49)
        #expect(table.frame.index.first == series.timestamps[49])
        let nextReturn = try table.frame.values(of: "next_return")
        #expect(nextReturn[0] == series.close[50] / series.close[49] - 1)
        #expect(nextReturn.last!.isNaN)
        #expect(try table.frame.values(of: "next_direction")[0] == (nextReturn[0] > 0 ? 1 : 0))
        let forward = try table.frame.values(of: "forward_return_5")
        #expect(forward[0] == series.close[54] / series.close[49] - 1)
        #expect(forward.suffix(5).filter(\.isNaN).count == 5)
        for name in table.featureNames {
            let missing = try table.frame.values(of: name).filter(\.isNaN).count
            #expect(missing == 0, "\(name) has NaN after the warm-up")
        }
    }

    /// The kernels write only the kept rows when the warm-up is dropped: the table must be the
    /// whole table's rows from the warm-up on, every feature and target, to the bit.
    @Test(arguments: ["SPX", "GOOG", "EURUSD-1h"])
    func droppingTheWarmUpKeepsTheWholeTablesRowsToTheBit(file: String) throws {
        let input = try FeatureStreamTests.input(file)
        var whole = FeaturePipeline.standard()
        whole.dropWarmUp = false
        let full = try whole.compute(input)
        let dropped = try FeaturePipeline.standard().compute(input)
        let first = FeaturePipeline.standard().warmUpRows
        #expect(dropped.droppedWarmUpRows == first && dropped.frame.rowCount == full.frame.rowCount - first)
        #expect(dropped.frame.index == Array(full.frame.index[first...]))
        #expect(dropped.frame.columnNames == full.frame.columnNames)
        for name in full.frame.columnNames {
            let tail = Array(try full.frame.values(of: name)[first...])
            let kept = try dropped.frame.values(of: name)
            let differing = zip(tail, kept).filter { !FeatureStreamTests.same($0, $1) }.count
            #expect(differing == 0 && kept.count == tail.count, "\(file) \(name): \(differing) rows differ")
        }
    }

    /// The table's columns are not cleared before the kernels write them, so every kind must write
    /// every row: on inputs shorter than, as long as and just longer than its warm-up, the rows
    /// before it are `nan` and the rows from it on are numbers, on its own and in a pipeline that
    /// drops the warm-up.
    @Test func everyKindWritesEveryRowWhateverTheLength() throws {
        let series = try TALibFixture.series("SPX")
        for kind in FeatureKind.allCases {
            let spec = FeatureSpec(kind)
            for rows in Set([1, 2, spec.lookback, spec.lookback + 1, spec.lookback + 3]).sorted() where rows >= 1 {
                let part = series.rows(0..<rows)
                let input = try FeatureInput(series: part, reference: ReferenceSeries(id: "R", values: part.open))
                for (name, column) in zip(spec.names, try spec.columns(for: input)) {
                    #expect(column.count == rows)
                    let warmUpIsNaN = column.prefix(spec.lookback).allSatisfy(\.isNaN)
                    let restIsFinite = column.dropFirst(spec.lookback).allSatisfy(\.isFinite)
                    #expect(warmUpIsNaN, "\(name), \(rows) rows: a warm-up row is not nan")
                    #expect(restIsFinite, "\(name), \(rows) rows: a row is not a number")
                }
                guard rows > spec.lookback else { continue }
                let table = try FeaturePipeline(features: [spec]).compute(input)
                for name in spec.names {
                    let kept = try table.frame.values(of: name)
                    let finite = kept.allSatisfy(\.isFinite)
                    #expect(kept.count == rows - spec.lookback && finite, "\(name), \(rows) rows, warm-up dropped")
                }
            }
        }
    }

    @Test func derivedFeaturesFollowTheirFormulas() throws {
        let series = try TALibFixture.series("GOOG")
        let reference = ReferenceSeries(id: "SPX", values: Array(try TALibFixture.series("SPX").close.prefix(series.count)))
        var pipeline = FeaturePipeline.standard()
        pipeline.dropWarmUp = false
        let frame = try pipeline.compute(try FeatureInput(series: series, reference: reference)).frame
        let t = 300
        let c = series.close
        let returns = (1...t).map { c[$0] / c[$0 - 1] - 1 }
        #expect(try frame.values(of: "return_lag_3")[t] == c[t - 3] / c[t - 4] - 1)
        #expect(abs(try frame.values(of: "log_return_1")[t] - log(c[t] / c[t - 1])) < 1e-15)
        let window = Array(returns.suffix(20))
        let mean = window.reduce(0, +) / 20
        let sd = (window.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 19).squareRoot()
        #expect(abs(try frame.values(of: "volatility_20")[t] - sd) < 1e-12)
        #expect(try frame.values(of: "hl_range")[t] == (series.high[t] - series.low[t]) / c[t])
        let upper = try frame.values(of: "bb_upper_20")[t]
        let lower = try frame.values(of: "bb_lower_20")[t]
        #expect(abs(try frame.values(of: "bb_percent_b_20")[t] - (c[t] - lower) / (upper - lower)) < 1e-12)
        let typical = (t - 19...t).map { (series.high[$0] + series.low[$0] + c[$0]) / 3 }
        let volume = Array(series.volume[(t - 19)...t])
        let vwap = zip(typical, volume).map(*).reduce(0, +) / volume.reduce(0, +)
        #expect(abs(try frame.values(of: "vwap_20")[t] - vwap) / vwap < 1e-12)
        let r = reference.values
        let x = Array(returns.suffix(20))
        let y = (t - 19...t).map { r[$0] / r[$0 - 1] - 1 }
        let mx = x.reduce(0, +) / 20
        let my = y.reduce(0, +) / 20
        let cov = zip(x, y).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let corr = cov / (x.map { ($0 - mx) * ($0 - mx) }.reduce(0, +) * y.map { ($0 - my) * ($0 - my) }.reduce(0, +)).squareRoot()
        #expect(abs(try frame.values(of: "corr_returns_20")[t] - corr) < 1e-9)
    }

    @Test func refusesBadDescriptionsWithTheFieldAtFault() throws {
        let bad = FeaturePipeline(features: [FeatureSpec(.sma, [1])])
        let error = try #require(throws: FeaturePipelineError.self) { try bad.validate() }
        #expect(error.description == "feature 'sma': period = 1 is out of range (allowed: 2...100000)")
        #expect(throws: FeaturePipelineError.self) { try FeaturePipeline(features: [FeatureSpec(.macd, [26, 12, 9])]).validate() }
        #expect(throws: FeaturePipelineError.self) { try FeaturePipeline(features: [FeatureSpec(.obv, [3])]).validate() }
        let twice = FeaturePipeline(features: [FeatureSpec(.sma, [5]), FeatureSpec(.sma, [5])])
        let duplicate = try #require(throws: FeaturePipelineError.self) { try twice.validate() }
        #expect(duplicate.description == "two features produce the column 'sma_5'")
        var future = FeaturePipeline.standard()
        future.version = 2
        #expect(throws: FeaturePipelineError.self) { try future.validate() }
    }

    @Test func correlationNeedsAReferenceAndShortDataIsRefused() throws {
        let series = try TALibFixture.series("SPX")
        let error = try #require(throws: FeaturePipelineError.self) {
            try FeaturePipeline.standard().compute(try FeatureInput(series: series))
        }
        #expect(error.description.contains("corr_returns_20"))
        #expect(throws: FeaturePipelineError.self) {
            try FeaturePipeline.standard(withReference: false).compute(try FeatureInput(series: series.rows(0..<40)))
        }
        #expect(throws: FrameError.self) {
            try FeatureInput(series: series, reference: ReferenceSeries(id: "X", values: [1, 2]))
        }
    }
}
