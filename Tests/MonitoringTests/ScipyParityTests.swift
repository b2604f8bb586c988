import Foundation
import Testing

@testable import FerryMonitoring

/// χ² survival and Ljung–Box against scipy (bench/scipy_fixtures.py).
@Suite struct ScipyParityTests {
    struct Fixture: Decodable {
        struct Chi2: Decodable {
            let x: Double
            let k: Int
            let sf: Double
        }
        struct Series: Decodable {
            let name: String
            let values: [Double]
            let q: Double
            let p: Double
        }
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
            #expect(
                abs(checks.ljungBoxPValue - series.p) <= 1e-10 + 1e-8 * series.p,
                "\(series.name) p: \(checks.ljungBoxPValue) vs \(series.p)")
            #expect(checks.autocorrelationPasses == (series.name == "white_noise"))
        }
        #expect(throws: ResidualCheckError.self) { try ResidualChecks(residuals: [1, 2, 3]) }
    }
}

/// The two-sample KS statistic and exact p-value against scipy.stats.ks_2samp(method="exact").
@Suite struct KolmogorovSmirnovParityTests {
    struct Case: Decodable {
        let a: [Double]
        let b: [Double]
        let statistic: Double
        let pvalue: Double
    }
    struct Fixture: Decodable { let ks_2samp_exact: [Case] }

    @Test func matchesScipyExactToOneInAHundredMillion() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/scipy_stats", withExtension: "json"))
        let cases = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).ks_2samp_exact
        #expect(cases.count == 10)
        for (index, reference) in cases.enumerated() {
            let result = try KolmogorovSmirnov.twoSample(reference.a, reference.b)
            #expect(
                result.statistic == reference.statistic,
                "case \(index) (\(reference.a.count) vs \(reference.b.count)) D: \(result.statistic) vs \(reference.statistic)")
            #expect(
                abs(result.pValue - reference.pvalue) <= 1e-8,
                "case \(index) (\(reference.a.count) vs \(reference.b.count)) p: \(result.pValue) vs \(reference.pvalue)")
        }
    }

    @Test func refusesWhatItCannotTest() {
        #expect(throws: DriftError.self) { try KolmogorovSmirnov.twoSample([], [1]) }
        #expect(throws: DriftError.self) { try KolmogorovSmirnov.twoSample([.nan], [1]) }
        let same = try? KolmogorovSmirnov.twoSample([1, 2, 3], [1, 2, 3])
        #expect(same?.statistic == 0 && same?.pValue == 1)
    }
}

/// PSI (Evidently's binning) and normed Wasserstein (scipy) against the fixture values.
@Suite struct DistributionShiftParityTests {
    struct Case: Decodable {
        let a: [Double]
        let b: [Double]
        let psi: Double
        let wasserstein_norm: Double
    }
    struct Fixture: Decodable { let shift: [Case] }

    @Test func psiAndWassersteinMatchTheirReferences() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/scipy_stats", withExtension: "json"))
        let cases = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).shift
        #expect(cases.count == 4)
        for (index, reference) in cases.enumerated() {
            let psi = DistributionShift.psi(reference: reference.a, current: reference.b)
            let wasserstein = DistributionShift.normedWasserstein(reference: reference.a, current: reference.b)
            #expect(abs(psi - reference.psi) <= 1e-10 * max(1, abs(reference.psi)), "case \(index) PSI: \(psi) vs \(reference.psi)")
            #expect(
                abs(wasserstein - reference.wasserstein_norm) <= 1e-10 * max(1, reference.wasserstein_norm),
                "case \(index) W: \(wasserstein) vs \(reference.wasserstein_norm)")
        }
    }

    @Test func multipleTestingCorrections() {
        let p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216]
        #expect(
            MultipleTesting.bonferroni.rejections(p, alpha: 0.05) == [true, false, false, false, false, false, false, false, false, false])
        // Benjamini–Hochberg at 5%: k·0.005 thresholds; the 2nd smallest (0.008 <= 0.010) is the largest passing rank.
        #expect(
            MultipleTesting.benjaminiHochberg.rejections(p, alpha: 0.05) == [
                true, true, false, false, false, false, false, false, false, false,
            ])
        #expect(MultipleTesting.benjaminiHochberg.rejections([0.5, 0.01, 0.02], alpha: 0.05) == [false, true, true])
    }
}

/// scipy's kstwo.sf on a grid covering every branch, and ks_2samp's asymptotic p-values.
@Suite struct KolmogorovDistributionParityTests {
    struct Point: Decodable {
        let n: Int
        let x: Double
        let sf: Double
    }
    struct Asymptotic: Decodable {
        let n1: Int
        let n2: Int
        let d: Double
        let pvalue: Double
    }
    struct Fixture: Decodable {
        let kstwo: [Point]
        let ks_2samp_asymptotic: [Asymptotic]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/scipy_stats", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func survivalMatchesKstwoEverywhereWithinOneInAHundredMillion() throws {
        var worst = 0.0
        for point in try Self.fixture().kstwo {
            let ours = KolmogorovSmirnovTesting.survival(point.n, point.x)
            worst = max(worst, abs(ours - point.sf))
            #expect(abs(ours - point.sf) <= 1e-8, "kstwo.sf(\(point.x), \(point.n)): Ferry \(ours), scipy \(point.sf)")
        }
        #expect(worst <= 1e-8)
    }

    @Test func asymptoticTwoSamplePValues() throws {
        for case let reference in try Self.fixture().ks_2samp_asymptotic {
            let ours = KolmogorovSmirnovTesting.asymptotic(reference.n1, reference.n2, reference.d)
            #expect(
                abs(ours - reference.pvalue) <= 1e-8,
                "\(reference.n1) vs \(reference.n2), D \(reference.d): Ferry \(ours), scipy \(reference.pvalue)")
        }
    }
}

/// Internal entry points the parity tests reach through @testable import.
enum KolmogorovSmirnovTesting {
    static func survival(_ n: Int, _ x: Double) -> Double { KolmogorovDistribution.survival(n, x) }
    static func asymptotic(_ n1: Int, _ n2: Int, _ d: Double) -> Double { KolmogorovSmirnov.asymptoticPValue(n1: n1, n2: n2, d: d) }
}
