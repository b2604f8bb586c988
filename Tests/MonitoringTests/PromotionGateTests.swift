// swift-format-ignore-file: NeverForceUnwrap, NeverUseForceTry

// Fixtures built from literals: a failure to build one is a failed test, so a trap is the report.
import FerryCore
import FerryMonitoring
import Testing

@Suite struct PromotionGateTests {
    /// Residuals with no structure: seeded pseudo-random values around zero.
    static let noise = try! ResidualChecks(residuals: seededNoise(count: 200))

    static func seededNoise(count: Int) -> [Double] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
    }
    /// Residuals that drift: strongly autocorrelated and not centred.
    static let trend = try! ResidualChecks(residuals: (0..<200).map { Double($0) / 100 })

    static func contender(
        _ name: String, mae: Double, rmse: Double, r2: Double, accuracy: Double, residuals: ResidualChecks = noise,
        gap: Double? = nil
    ) -> Contender {
        Contender(
            name: name, metrics: MetricSet(["mae": mae, "rmse": rmse, "r2": r2, "directional_accuracy": accuracy]),
            fairness: gap.map { GroupFairness(maeByGroup: ["a": 1, "b": 1 + $0], overallMAE: 1) }, residuals: residuals)
    }

    @Test func aBetterChallengerIsPromotedWithEveryReason() {
        let verdict = PromotionGate().decide(
            champion: Self.contender("old", mae: 1, rmse: 1, r2: 0.1, accuracy: 0.55, gap: 0.3),
            challenger: Self.contender("new", mae: 0.9, rmse: 1, r2: 0.12, accuracy: 0.56, gap: 0.2))
        #expect(verdict.promote)
        #expect(verdict.reasons.count == 7)
        #expect(verdict.reasons.allSatisfy { !$0.contains("worse") || $0.contains("no worse") })
    }

    @Test(arguments: ["mae", "rmse", "r2", "directional_accuracy", "gap"])
    func worseOnAnyOneCountIsRefused(_ metric: String) {
        let champion = Self.contender("old", mae: 1, rmse: 1, r2: 0.1, accuracy: 0.55, gap: 0.3)
        let challenger = Self.contender(
            "new", mae: metric == "mae" ? 1.01 : 1, rmse: metric == "rmse" ? 1.01 : 1, r2: metric == "r2" ? 0.09 : 0.1,
            accuracy: metric == "directional_accuracy" ? 0.54 : 0.55, gap: metric == "gap" ? 0.31 : 0.3)
        let verdict = PromotionGate().decide(champion: champion, challenger: challenger)
        #expect(!verdict.promote)
        #expect(verdict.reasons.filter { $0.hasSuffix(": worse") }.count == 1)
    }

    @Test func residualsThatDriftAreRefusedEvenWhenTheMetricsAreBetter() {
        #expect(!Self.trend.autocorrelationPasses)
        #expect(!Self.trend.meanPasses)
        #expect(Self.noise.autocorrelationPasses && Self.noise.meanPasses)
        let verdict = PromotionGate().decide(
            champion: Self.contender("old", mae: 1, rmse: 1, r2: 0.1, accuracy: 0.55),
            challenger: Self.contender("new", mae: 0.5, rmse: 0.5, r2: 0.5, accuracy: 0.7, residuals: Self.trend))
        #expect(!verdict.promote)
        #expect(verdict.reasons.contains { $0.hasSuffix("autocorrelated") })
        #expect(verdict.reasons.contains { $0.hasSuffix("not centred") })
    }
}
