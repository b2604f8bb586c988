import FerryCore
import FerryData
import FerryFeatures
import FerryMonitoring
import FerryTestSupport
import Testing

@testable import FerryPipeline

/// The stationary set does what it is for: on the demo's data (S&P 500 with WTI), no feature's
/// distribution on the test split is far from its training one, where the standard set's price
/// levels are.
@Suite struct StationaryFeaturesTests {
    /// The largest two-sample KS statistic of each feature, training rows (the first 70%) against
    /// test rows (the last 15%), as the demo splits them.
    static func drift(_ pipeline: FeaturePipeline) throws -> [String: Double] {
        let reader = MarketFileReader()
        guard case let .prices(series) = try reader.read(TestRepository.path("data/SPX.csv")).data else {
            throw FerryError(.invalidData, "SPX")
        }
        let reference = try FeatureComputation(pipeline: pipeline).alignedReference(
            TestRepository.path("data/WTI.csv"), onto: series, reader: reader)
        let table = try pipeline.compute(try FeatureInput(series: series, reference: reference))
        let rows = table.frame.rowCount
        let (trainEnd, testStart) = (Int(Double(rows) * 0.7), Int(Double(rows) * 0.85))
        var statistics: [String: Double] = [:]
        for name in table.featureNames {
            let values = try table.frame.values(of: name)
            let train = values[..<trainEnd].filter(\.isFinite)
            let test = values[testStart...].filter(\.isFinite)
            statistics[name] = try KolmogorovSmirnov.twoSample(Array(train), Array(test)).statistic
        }
        return statistics
    }

    @Test func noStationaryFeatureDriftsLikeThePriceLevelsDo() throws {
        let standard = try Self.drift(.standard())
        let levels = standard.filter { $0.value >= 0.89 }
        #expect(levels.count >= 10, "the standard set's price levels drift: \(levels.keys.sorted())")
        let stationary = try Self.drift(.standardStationary())
        let worst = try #require(stationary.max { $0.value < $1.value })
        #expect(
            worst.value <= 0.5,
            "the stationary set's worst feature: \(worst.key) KS \(worst.value); all: \(stationary.sorted { $0.value > $1.value }.prefix(5))"
        )
    }
}
