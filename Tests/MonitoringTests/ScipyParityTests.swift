import FerryMonitoring
import Foundation
import Testing

/// χ² survival and Ljung–Box against scipy (bench/scipy_fixtures.py).
@Suite struct ScipyParityTests {
    struct Fixture: Decodable {
        struct Chi2: Decodable { let x: Double; let k: Int; let sf: Double }
        struct Series: Decodable { let name: String; let values: [Double]; let q: Double; let p: Double }
        let chi2: [Chi2]
        let ljung_box: [Series]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/scipy_stats", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func chiSquaredSurvivalMatchesScipy() throws {
        for case let value in try Self.fixture().chi2 {
            let ours = ChiSquared.survival(value.x, degrees: value.k)
            #expect(abs(ours - value.sf) <= 1e-12 + 1e-10 * value.sf, "chi2.sf(\(value.x), \(value.k)): Ferry \(ours), scipy \(value.sf)")
        }
    }

    @Test func ljungBoxMatchesScipyAndSeparatesNoiseFromAutocorrelation() throws {
        for series in try Self.fixture().ljung_box {
            let checks = try ResidualChecks(residuals: series.values)
            #expect(abs(checks.ljungBox - series.q) <= 1e-9 * series.q, "\(series.name) Q: \(checks.ljungBox) vs \(series.q)")
            #expect(abs(checks.ljungBoxPValue - series.p) <= 1e-10 + 1e-8 * series.p, "\(series.name) p: \(checks.ljungBoxPValue) vs \(series.p)")
            #expect(checks.autocorrelationPasses == (series.name == "white_noise"))
        }
        #expect(throws: ResidualCheckError.self) { try ResidualChecks(residuals: [1, 2, 3]) }
    }
}

/// The two-sample KS statistic and exact p-value against scipy.stats.ks_2samp(method="exact").
@Suite struct KolmogorovSmirnovParityTests {
    struct Case: Decodable { let a: [Double]; let b: [Double]; let statistic: Double; let pvalue: Double }
    struct Fixture: Decodable { let ks_2samp_exact: [Case] }

    @Test func matchesScipyExactToOneInAHundredMillion() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/scipy_stats", withExtension: "json"))
        let cases = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).ks_2samp_exact
        #expect(cases.count == 10)
        for (index, reference) in cases.enumerated() {
            let result = try KolmogorovSmirnov.twoSample(reference.a, reference.b)
            #expect(result.statistic == reference.statistic, "case \(index) (\(reference.a.count) vs \(reference.b.count)) D: \(result.statistic) vs \(reference.statistic)")
            #expect(abs(result.pValue - reference.pvalue) <= 1e-8, "case \(index) (\(reference.a.count) vs \(reference.b.count)) p: \(result.pValue) vs \(reference.pvalue)")
        }
    }

    @Test func refusesWhatItCannotTest() {
        #expect(throws: DriftError.self) { try KolmogorovSmirnov.twoSample([], [1]) }
        #expect(throws: DriftError.self) { try KolmogorovSmirnov.twoSample([.nan], [1]) }
        #expect(throws: DriftError.self) { try KolmogorovSmirnov.twoSample(Array(repeating: 1, count: 10_001), [1]) }
        let same = try? KolmogorovSmirnov.twoSample([1, 2, 3], [1, 2, 3])
        #expect(same?.statistic == 0 && same?.pValue == 1)
    }
}
