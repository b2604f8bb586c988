import FerryCore
import FerryData
import Foundation
import Testing

@testable import FerryFeatures

/// Streaming equals batch, bit for bit: every feature of the standard set, every row of every
/// embedded bar file, warm-up rows included; and a checkpointed stream resumes to the same bits.
@Suite struct FeatureStreamTests {
    /// The embedded file's bars, with WTI laid onto their dates as the batch pipeline lays it.
    static func input(_ name: String) throws -> FeatureInput {
        let series = try TALibFixture.series(name)
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/WTI.csv").path
        guard case let .macro(wti) = try MarketFileReader().read(path).data else { throw TALibFixtureError() }
        let aligned = CalendarAlignment().align(wti, onto: series.timestamps)
        return try FeatureInput(series: series, reference: ReferenceSeries(id: "WTI", values: aligned.values))
    }

    static func bars(_ input: FeatureInput) -> [StreamBar] {
        let s = input.series
        return (0..<s.count).map { i in
            StreamBar(
                open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i],
                reference: input.reference?.values[i] ?? .nan)
        }
    }

    /// The same bits, or both `nan` (a `nan` computed one way may carry another sign or payload).
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test(arguments: ["SPX", "GOOG", "EURUSD-1h"], ["standard", "standard-stationary"])
    func everyFeatureOfEveryRowEqualsTheBatchTableToTheBit(file: String, pipelineName: String) throws {
        let input = try Self.input(file)
        var pipeline = try #require(FeaturePipeline.named(pipelineName))
        pipeline.dropWarmUp = false
        let table = try pipeline.compute(input)
        var stream = try FeatureStream(pipeline: pipeline)
        let columns = pipeline.featureNames.map { table.frame[column: $0] ?? [] }
        var differing: [String: Int] = [:]
        for (row, bar) in Self.bars(input).enumerated() {
            let values = stream.push(bar)
            for (index, name) in pipeline.featureNames.enumerated() where !Self.same(values[index], columns[index][row]) {
                differing[name, default: 0] += 1
            }
        }
        #expect(differing.isEmpty, "\(file) \(pipelineName): rows differing per feature: \(differing.sorted { $0.key < $1.key })")
        #expect(stream.bars == input.series.count && stream.isWarmedUp)
    }

    @Test func otherPeriodsGiveTheBatchBitsToo() throws {
        let input = try Self.input("GOOG")
        let pipeline = FeaturePipeline(
            features: [
                FeatureSpec(.sma, [2]), FeatureSpec(.ema, [3]), FeatureSpec(.rsi, [2]), FeatureSpec(.macd, [5, 19, 4]),
                FeatureSpec(.bollinger, [7]), FeatureSpec(.atr, [3]), FeatureSpec(.stochastic, [5, 1, 4]), FeatureSpec(.williamsR, [30]),
                FeatureSpec(.cci, [9]), FeatureSpec(.adx, [3]), FeatureSpec(.roc, [1]), FeatureSpec(.momentum, [63]),
                FeatureSpec(.laggedReturn, [9]), FeatureSpec(.volatility, [2]), FeatureSpec(.closeToSMA, [200]),
                FeatureSpec(.bollingerWidth, [3]), FeatureSpec(.bollingerPercentB, [40]), FeatureSpec(.volumeSMA, [2]),
                FeatureSpec(.volumeRatio, [30]), FeatureSpec(.vwap, [2]), FeatureSpec(.returnCorrelation, [60]),
            ], dropWarmUp: false)
        let table = try pipeline.compute(input)
        var stream = try FeatureStream(pipeline: pipeline)
        let columns = pipeline.featureNames.map { table.frame[column: $0] ?? [] }
        var differing: [String: Int] = [:]
        for (row, bar) in Self.bars(input).enumerated() {
            for (index, value) in stream.push(bar).enumerated() where !Self.same(value, columns[index][row]) {
                differing[pipeline.featureNames[index], default: 0] += 1
            }
        }
        #expect(differing.isEmpty, "rows differing per feature: \(differing.sorted { $0.key < $1.key })")
    }

    @Test func statesStayTheSameSizeWhateverTheBarsPushed() throws {
        let bars = Self.bars(try Self.input("SPX"))
        var stream = try FeatureStream(pipeline: .standard())
        for bar in bars.prefix(1_000) { _ = stream.push(bar) }
        let early = stream.stateSizes
        for bar in bars.dropFirst(1_000) { _ = stream.push(bar) }
        let late = stream.stateSizes
        #expect(early.map(\.feature) == late.map(\.feature) && late.count == FeaturePipeline.standard().features.count)
        for ((feature, before), (_, after)) in zip(early, late) {
            // Rolling extremes keep a monotonic queue: at most two windows of entries, however long the history.
            #expect(after <= 4 * 50 + 16 && abs(after - before) <= 2 * 14 * 2, "\(feature): \(before) then \(after) numbers")
        }
        #expect(late.first { $0.feature == "sma_50" }?.numbers ?? 0 >= 50, "a 50-bar window keeps its 50 values")
    }

    @Test func aCheckpointedStreamResumesToTheSameBits() throws {
        let input = try Self.input("SPX")
        let bars = Self.bars(input)
        var unbroken = try FeatureStream(pipeline: .standard())
        var resumed = try FeatureStream(pipeline: .standard())
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        for (index, bar) in bars.enumerated() {
            let expected = unbroken.push(bar)
            let got = resumed.push(bar)
            #expect(zip(expected, got).allSatisfy(Self.same), "bar \(index)")
            if index % 500 == 37 { resumed = try decoder.decode(FeatureStream.self, from: encoder.encode(resumed)) }
        }
        var stale = try JSONSerialization.jsonObject(with: encoder.encode(resumed)) as? [String: Any] ?? [:]
        stale["version"] = 99
        let error = try #require(throws: DecodingError.self) {
            try decoder.decode(FeatureStream.self, from: JSONSerialization.data(withJSONObject: stale))
        }
        #expect("\(error)".contains("version 99"))
    }
}
