import FerryCore
import FerryFeatures
import Foundation
import Testing

/// Every TA-Lib-defined feature matches TA-Lib on the embedded S&P 500 and GOOG data:
/// the same warm-up rows, and relative error at most 1e-9 where TA-Lib defines the value.
@Suite struct TALibParityTests {
    static let tolerance = 1e-9

    @Test(arguments: ["SPX", "GOOG"])
    func featuresMatchTALib(_ instrument: String) throws {
        let fixture = try TALibFixture.load(instrument)
        let series = try TALibFixture.series(instrument)
        #expect(series.count == fixture.count)
        var pipeline = FeaturePipeline.standard(withReference: false)
        pipeline.dropWarmUp = false
        let table = try pipeline.compute(try FeatureInput(series: series))
        #expect(fixture.series.count == 23)
        for (name, expected) in fixture.series.sorted(by: { $0.key < $1.key }) {
            let actual = try #require(table.frame[column: name], "the pipeline has no column '\(name)'")
            let warmUp = actual.prefix { $0.isNaN }.count
            #expect(warmUp == fixture.warmup[name], "\(name): \(warmUp) warm-up rows, TA-Lib has \(fixture.warmup[name] ?? -1)")
            var worst = 0.0
            for (row, reference) in zip(fixture.rows, expected) {
                guard let reference else {
                    #expect(actual[row].isNaN, "\(name) row \(row): TA-Lib has no value, Ferry has \(actual[row])")
                    continue
                }
                let error = reference == 0 ? abs(actual[row]) : abs(actual[row] - reference) / abs(reference)
                worst = max(worst, error.isNaN ? .infinity : error)
                #expect(error <= Self.tolerance, "\(name) row \(row): Ferry \(actual[row]), TA-Lib \(reference)")
            }
            #expect(worst <= Self.tolerance, "\(name): worst relative error \(worst)")
        }
    }
}
