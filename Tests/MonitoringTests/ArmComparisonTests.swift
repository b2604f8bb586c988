import FerryCore
import Foundation
import Testing

@testable import FerryMonitoring

/// Welch's t-test against scipy, and the A/B verdict's power and false-positive rate measured over seeds.
@Suite struct ArmComparisonTests {
    struct WelchCase: Decodable {
        let a: [Double], b: [Double]
        let statistic: Double, pvalue: Double, df: Double, low: Double, high: Double
    }
    struct Quantile: Decodable { let p: Double, df: Double, t: Double }
    struct Fixture: Decodable {
        let welch: [WelchCase]
        let t_quantile: [Quantile]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/scipy_stats", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func close(_ x: Double, _ y: Double, _ tolerance: Double) -> Bool { abs(x - y) <= tolerance * max(1, abs(y)) }

    @Test func welchMatchesScipysTtestInd() throws {
        for (index, reference) in try Self.fixture().welch.enumerated() {
            let test = try WelchTest(a: reference.a, b: reference.b)
            #expect(Self.close(test.statistic, reference.statistic, 1e-12), "case \(index): t")
            #expect(Self.close(test.degreesOfFreedom, reference.df, 1e-10), "case \(index): df")
            #expect(Self.close(test.pValue, reference.pvalue, 1e-10), "case \(index): p \(test.pValue) vs \(reference.pvalue)")
            #expect(Self.close(test.low, reference.low, 1e-9) && Self.close(test.high, reference.high, 1e-9), "case \(index): interval")
        }
        #expect(throws: FerryError.self) { try WelchTest(a: [1], b: [1, 2]) }
        #expect(throws: FerryError.self) { try WelchTest(a: [1, 1], b: [2, 2]) }
    }

    @Test func tQuantilesMatchScipy() throws {
        for point in try Self.fixture().t_quantile {
            let t = StudentT.quantile(point.p, degrees: point.df)
            #expect(Self.close(t, point.t, 1e-9), "t.ppf(\(point.p), \(point.df)) = \(point.t), got \(t)")
        }
    }

    /// Arms of `n` graded return predictions each; B's errors are `improvement` smaller.
    static func arms(seed: UInt64, n: Int, improvement: Double) -> (ArmComparison.Sample, ArmComparison.Sample) {
        var random = SeededGenerator(seed: seed)
        func sample(_ name: String, errorScale: Double) -> ArmComparison.Sample {
            var predictions: [Double] = []
            var actuals: [Double] = []
            for _ in 0..<n {
                let actual = Double.random(in: -0.02...0.02, using: &random)
                predictions.append(actual + Double.random(in: -0.01...0.01, using: &random) * errorScale)
                actuals.append(actual)
            }
            return ArmComparison.Sample(name: name, predictions: predictions, actuals: actuals)
        }
        return (sample("champion", errorScale: 1), sample("challenger", errorScale: 1 - improvement))
    }

    @Test func aBetterArmIsFoundAndEqualArmsRarelyDifferMeasuredOverSeeds() {
        let seeds = 1...200
        let better = seeds.filter { seed in
            let (a, b) = Self.arms(seed: UInt64(seed), n: 300, improvement: 0.2)
            return ArmComparison(a: a, b: b).verdict == .bBetter
        }.count
        let falseAlarms = seeds.filter { seed in
            let (a, b) = Self.arms(seed: UInt64(seed) + 10_000, n: 300, improvement: 0)
            return ArmComparison(a: a, b: b).verdict != .noDifference
        }.count
        // Power at 300 graded predictions per arm and a 20% lower MAE: measured 200 of 200 here.
        #expect(better >= 190, "B better in \(better) of 200 seeds")
        // A 5% test: about 10 of 200 expected; 20 would be 3 standard deviations above.
        #expect(falseAlarms <= 20, "equal arms called different in \(falseAlarms) of 200 seeds")
        print("A/B verdict over 200 seeds: power \(better)/200, false positives \(falseAlarms)/200")
    }

    @Test func tooFewGradedPredictionsKeepTesting() {
        let (a, b) = Self.arms(seed: 7, n: 99, improvement: 0.5)
        let comparison = ArmComparison(a: a, b: b)
        #expect(comparison.verdict == .keepTesting && comparison.maeDifference != nil, "the figures are shown, the verdict waits")
        #expect(comparison.a.graded == 99 && comparison.b.mae < comparison.a.mae)
        let worse = Self.arms(seed: 8, n: 300, improvement: -0.3)
        #expect(ArmComparison(a: worse.0, b: worse.1).verdict == .aBetter)
    }
}
