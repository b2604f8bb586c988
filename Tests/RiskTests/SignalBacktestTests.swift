import FerryRisk
import Testing

@Suite struct SignalBacktestTests {
    /// Seeded returns and positions, so every run tests the same series.
    static func series(count: Int) -> (returns: [Double], positions: [Double]) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        return ((0..<count).map { _ in (next() - 0.5) * 0.04 }, (0..<count).map { _ in (next() * 3).rounded(.down) - 1 })
    }

    @Test func changingASignalNeverChangesTheReturnsBeforeItIsHeld() throws {
        let (returns, positions) = Self.series(count: 60)
        let backtest = SignalBacktest(costBasisPoints: 5)
        let original = try backtest.run(returns: returns, positions: positions).strategyReturns
        for decided in 0..<positions.count {
            var changed = positions
            for later in decided..<changed.count { changed[later] = -changed[later] + 0.5 }
            let rerun = try backtest.run(returns: returns, positions: changed).strategyReturns
            // strategyReturns[j] is period j + 1; a position decided at the close of `decided` first counts in period decided + 1.
            #expect(Array(rerun.prefix(decided)) == Array(original.prefix(decided)), "a position decided at \(decided) reached back")
        }
    }

    @Test func aSignalThatSeesItsOwnPeriodsReturnDoesNotEarnIt() throws {
        let (returns, _) = Self.series(count: 200)
        let sameDay = returns.map { $0 > 0 ? 1.0 : -1.0 }
        let result = try SignalBacktest().run(returns: returns, positions: sameDay)
        let perfect = returns.dropFirst().reduce(0) { $0 + abs($1) }
        let lagged = zip(sameDay, returns.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(result.strategyReturns.reduce(0, +) - lagged) < 1e-12, "it earns yesterday's sign on today's return")
        #expect(result.strategyReturns.reduce(0, +) < perfect / 2)
        // Knowing the next period's return (what a model of next_return predicts) does earn it: the alignment is one period.
        let foresight = (0..<returns.count).map { $0 + 1 < returns.count && returns[$0 + 1] > 0 ? 1.0 : -1.0 }
        let informed = try SignalBacktest().run(returns: returns, positions: foresight)
        #expect(abs(informed.strategyReturns.reduce(0, +) - perfect) < 1e-12)
    }

    @Test func costsAreChargedOnEveryChangeOfPosition() throws {
        let returns = [0.0, 0.01, -0.02, 0.03, 0.01]
        let hold = try SignalBacktest(costBasisPoints: 10).run(returns: returns, positions: [1, 1, 1, 1, 1])
        #expect(hold.turnover == 1, "one trade, into the position")
        #expect(abs(hold.strategyReturns[0] - (0.01 - 0.001)) < 1e-15 && hold.strategyReturns[1] == -0.02)
        let flip = try SignalBacktest(costBasisPoints: 10).run(returns: returns, positions: [1, -1, 1, -1, 1])
        #expect(flip.turnover == 7, "1 in, then 2 per flip over three more held periods")
        #expect(abs(flip.strategyReturns[1] - (-1 * -0.02 - 0.002)) < 1e-15)
        #expect(hold.buyAndHoldReturns == Array(returns.dropFirst()))
    }

    @Test func equityAndDrawdownCurvesFollowTheStrategy() throws {
        let result = try SignalBacktest().run(returns: [0, 0.1, -0.5, 0.2], positions: [1, 1, 1, 1])
        #expect(result.equity.count == 3)
        #expect(abs(result.equity[2] - 1.1 * 0.5 * 1.2) < 1e-15)
        #expect(result.drawdown[0] == 0 && abs(result.drawdown[1] - (-0.5)) < 1e-15 && abs(result.drawdown[2] - (0.66 / 1.1 - 1)) < 1e-15)
    }

    @Test func rulesTurnPredictionsIntoPositions() {
        #expect([0.002, -0.001, 0, .nan].map(PositionRule.sign.position(for:)) == [1, -1, 0, 0])
        #expect([0.7, 0.5, 0.3, 0.45].map(PositionRule.threshold(0.55).position(for:)) == [1, 0, -1, 0])
    }

    @Test func refusesUnusableInputNamingTheRow() throws {
        let error = try #require(throws: ReturnSeriesError.self) {
            try SignalBacktest().run(returns: [0, 0.1, 0.2], positions: [1, .nan, 1])
        }
        #expect(error.row == 1 && error.message.contains("position at row 1"))
        #expect(throws: ReturnSeriesError.self) { try SignalBacktest().run(returns: [0, 0.1], positions: [1]) }
        #expect(throws: ReturnSeriesError.self) { try SignalBacktest(costBasisPoints: -1).run(returns: [0, 0.1], positions: [1, 1]) }
    }
}
