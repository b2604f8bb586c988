import FerryCore
import FerryRisk
import Testing

@Suite struct PositionSizingTests {
    @Test func kellyFractionsFollowTheirFormulas() throws {
        #expect(abs(try KellyCriterion.binary(probability: 0.6, payoffRatio: 1) - 0.2) < 1e-15)
        #expect(abs(try KellyCriterion.binary(probability: 0.5, payoffRatio: 2) - 0.25) < 1e-15)
        #expect(try KellyCriterion.binary(probability: 0.4, payoffRatio: 1) < 0, "a losing bet is taken the other way")
        #expect(abs(try KellyCriterion.continuous(expectedReturn: 0.001, variance: 0.0001) - 10) < 1e-12)
        #expect(abs(try KellyCriterion.payoffRatio(history: [0.02, -0.01, 0.04, -0.03, 0]) - 1.5) < 1e-15)
        #expect(throws: SizingError.self) { try KellyCriterion.payoffRatio(history: [0.01, 0.02]) }
        #expect(throws: SizingError.self) { try KellyCriterion.continuous(expectedReturn: 0.01, variance: 0) }
        #expect(throws: SizingError.self) { try KellyCriterion.binary(probability: 1.2, payoffRatio: 1) }
    }

    @Test func aSmallEdgeIsHalvedAndLeftUncapped() throws {
        let signal = PositionSignal(instrument: "A", kelly: 0.06, basis: "test")
        let sized = try CappedKellySizer().positions(for: [signal], covariance: [[0.0001]])
        #expect(abs(sized[0].position - 0.03) < 1e-15)
        #expect(sized[0].reasons.count == 1, "\(sized[0].reasons)")
    }

    @Test func theMaximumPositionCapsLongsAndShorts() throws {
        let signals = [PositionSignal(instrument: "A", kelly: 3, basis: ""), PositionSignal(instrument: "B", kelly: -0.5, basis: "")]
        let sized = try CappedKellySizer().positions(for: signals, covariance: [[1e-6, 0], [0, 1e-6]])
        #expect(sized.map(\.position) == [0.05, -0.05])
        #expect(sized.allSatisfy { $0.reasons.contains { $0.contains("capped at the maximum position 0.05") } })
    }

    @Test func thePortfolioVaRLimitScalesEveryPositionByTheSameFactor() throws {
        // Two volatile, correlated instruments: 5% each breaches a 2% VaR (1.645 · √(wᵀΣw)).
        let covariance = [[0.04, 0.03], [0.03, 0.05]]
        let signals = [PositionSignal(instrument: "A", kelly: 1, basis: ""), PositionSignal(instrument: "B", kelly: 0.06, basis: "")]
        let sizer = CappedKellySizer()
        let sized = try sizer.positions(for: signals, covariance: covariance)
        let risk = CappedKellySizer.valueAtRisk(sized.map(\.position), covariance: covariance, confidence: 0.95)
        #expect(abs(risk - 0.02) < 1e-12, "scaled exactly to the limit")
        #expect(abs(sized[0].position / sized[1].position - 0.05 / 0.03) < 1e-12, "proportionally")
        #expect(sized.allSatisfy { $0.reasons.last?.contains("above the limit 0.02") == true })
    }

    @Test(arguments: 0..<20)
    func bothCapsHoldWhateverTheSignals(seed: Int) throws {
        var state = UInt64(seed + 1) &* 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let count = 1 + seed % 5
        let returns = (0..<count).map { _ in (0..<60).map { _ in (next() - 0.5) * 0.02 * (1 + 4 * next()) } }
        let covariance = try SampleCovariance.of(returns)
        let signals = (0..<count).map { PositionSignal(instrument: "I\($0)", kelly: (next() - 0.5) * 8, basis: "") }
        let sizer = CappedKellySizer()
        let sized = try sizer.positions(for: signals, covariance: covariance)
        #expect(sized.allSatisfy { abs($0.position) <= sizer.maxPosition + 1e-15 })
        #expect(CappedKellySizer.valueAtRisk(sized.map(\.position), covariance: covariance, confidence: 0.95) <= sizer.varLimit + 1e-12)
        #expect(zip(sized, signals).allSatisfy { $0.position == 0 || ($0.position > 0) == ($1.kelly > 0) }, "a cap never flips a side")
    }

    @Test func sampleCovarianceMatchesItsDefinition() throws {
        let covariance = try SampleCovariance.of([[1, 2, 3, 4], [2, 4, 6, 9]])
        #expect(abs(covariance[0][0] - 5.0 / 3.0) < 1e-15)
        #expect(abs(covariance[0][1] - covariance[1][0]) == 0 && abs(covariance[0][1] - 11.5 / 3.0) < 1e-14)
        #expect(throws: SizingError.self) { try SampleCovariance.of([[1, 2], [1]]) }
    }

    @Test func refusesAMismatchedCovariance() {
        #expect(throws: SizingError.self) {
            try CappedKellySizer().positions(for: [PositionSignal(instrument: "A", kelly: 1, basis: "")], covariance: [[1, 0], [0, 1]])
        }
    }
}
