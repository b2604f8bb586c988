import FerryCore
import FerryFeatures
import Testing

/// No feature reads the future: changing any rows after `t` leaves every feature at or before `t` unchanged.
@Suite struct NoLookAheadTests {
    /// `series` with every bar after `t` replaced by random but valid bars, and the reference likewise.
    static func perturbed(_ input: FeatureInput, after t: Int, using rng: inout SeededGenerator) throws -> FeatureInput {
        let s = input.series
        var (open, high, low, close, volume) = (s.open, s.high, s.low, s.close, s.volume)
        var reference = input.reference?.values ?? []
        for row in (t + 1)..<s.count {
            let base = Double.random(in: 50...5000, using: &rng)
            low[row] = base
            high[row] = base * Double.random(in: 1...1.1, using: &rng)
            open[row] = Double.random(in: low[row]...high[row], using: &rng)
            close[row] = Double.random(in: low[row]...high[row], using: &rng)
            volume[row] = Double.random(in: 0...1e9, using: &rng)
            if !reference.isEmpty { reference[row] = Double.random(in: 10...100, using: &rng) }
        }
        let series = try PriceSeries(
            instrument: s.instrument, timestamps: s.timestamps, open: open, high: high, low: low, close: close,
            adjustedClose: close, volume: volume)
        return try FeatureInput(series: series, reference: input.reference.map { ReferenceSeries(id: $0.id, values: reference) })
    }

    @Test(arguments: ["standard", "standard-stationary"])
    func everyFeatureIgnoresLaterRows(pipelineName: String) throws {
        let full = try TALibFixture.series("SPX")
        let series = full.rows(0..<260)
        let reference = ReferenceSeries(id: "REF", values: try TALibFixture.series("GOOG").close.prefix(260).map { $0 })
        let input = try FeatureInput(series: series, reference: reference)
        var pipeline = try #require(FeaturePipeline.named(pipelineName))
        pipeline.targets = []
        pipeline.dropWarmUp = false
        let base = try pipeline.compute(input).frame
        #expect(base.columnNames.count >= 32)
        var rng = SeededGenerator(seed: 7)
        for t in [0, 1, 5, 13, 14, 27, 33, 49, 50, 51, 80, 120, 200, 258] {
            let changed = try pipeline.compute(try Self.perturbed(input, after: t, using: &rng)).frame
            for name in base.columnNames {
                let before = try base.values(of: name)
                let after = try changed.values(of: name)
                for row in 0...t where !(before[row] == after[row] || (before[row].isNaN && after[row].isNaN)) {
                    Issue.record("\(name) at row \(row) changed from \(before[row]) to \(after[row]) when rows after \(t) changed")
                }
            }
        }
    }

    /// The check above must be able to fail: a target reads the next row, and is caught.
    @Test func theCheckCatchesAFeatureThatLooksAhead() throws {
        let series = try TALibFixture.series("SPX").rows(0..<60)
        let pipeline = FeaturePipeline(features: [], targets: [TargetSpec(.nextReturn)], dropWarmUp: false)
        var rng = SeededGenerator(seed: 1)
        let base = try pipeline.compute(try FeatureInput(series: series)).frame
        let changed = try pipeline.compute(try Self.perturbed(try FeatureInput(series: series), after: 30, using: &rng)).frame
        #expect(try base.values(of: "next_return")[30] != changed.values(of: "next_return")[30])
    }
}
