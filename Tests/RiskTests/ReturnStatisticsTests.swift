import FerryCore
import FerryRisk
import Testing

@Suite struct ReturnStatisticsTests {
    @Test func totalReturnDrawdownAndHitRate() throws {
        let stats = try ReturnStatistics().statistics(returns: [0.1, -0.2, 0, 0.05])
        #expect(abs(stats["total_return"]! - (1.1 * 0.8 * 1.05 - 1)) < 1e-15)
        #expect(abs(stats["max_drawdown"]! - (-0.2)) < 1e-15)
        #expect(stats["hit_rate"] == 2.0 / 3.0)
    }

    @Test func drawdownCountsTheStartingValue() throws {
        // A loss on the first day is a drawdown from the starting wealth of 1.
        let stats = try ReturnStatistics().statistics(returns: [-0.1, 0.05])
        #expect(abs(stats["max_drawdown"]! - (-0.1)) < 1e-15)
    }

    @Test func constantReturnsHaveNoVolatilityAndInfiniteRatios() throws {
        let stats = try ReturnStatistics().statistics(returns: Array(repeating: 0.001, count: 50))
        #expect(stats["annual_volatility"] == 0)
        #expect(stats["sharpe"] == .infinity, "mean over a zero std, as NumPy divides")
        #expect(stats["sortino"] == .infinity, "no downside")
        #expect(stats["max_drawdown"] == 0)
        #expect(stats["calmar"]!.isNaN, "no drawdown to divide by")
        #expect(stats["var_95"] == 0.001 && stats["cvar_95"] == 0.001)
        #expect(abs(stats["parametric_var_95"]! - 0.001) < 1e-15, "no spread: VaR is the mean")
        let flat = try ReturnStatistics().statistics(returns: [0, 0, 0])
        #expect(flat["sharpe"]!.isNaN && flat["hit_rate"]!.isNaN, "0 / 0, and no non-zero return to count")
    }

    @Test func allLossesGiveNoHitsAndANegativeCalmar() throws {
        let stats = try ReturnStatistics().statistics(returns: [-0.01, -0.02, -0.005])
        #expect(stats["hit_rate"] == 0)
        #expect(stats["calmar"]! < 0 && stats["sharpe"]! < 0 && stats["sortino"]! < 0)
        #expect(abs(stats["max_drawdown"]! - (0.99 * 0.98 * 0.995 - 1)) < 1e-15, "every day is a new low")
    }

    @Test func aSingleObservationHasNoDispersionStatistics() throws {
        let stats = try ReturnStatistics().statistics(returns: [0.012])
        for name in ["sharpe", "sortino", "annual_volatility", "parametric_var_95", "parametric_es_95"] {
            #expect(stats[name]!.isNaN, "\(name)")
        }
        #expect(stats["total_return"]! > 0.0119 && stats["var_95"] == 0.012 && stats["hit_rate"] == 1)
    }

    @Test func refusesGapsWithTheirRowAndEmptyInput() throws {
        let error = try #require(throws: ReturnSeriesError.self) { try ReturnStatistics().statistics(returns: [0.1, 0.2, .nan]) }
        #expect(error.row == 2 && error.description.contains("row 2"))
        #expect(throws: ReturnSeriesError.self) { try ReturnStatistics().statistics(returns: []) }
        #expect(throws: ReturnSeriesError.self) { try ReturnStatistics(cutoff: 1).statistics(returns: [0.1]) }
    }

    @Test func theCutoffNamesTheConfidence() throws {
        let stats = try ReturnStatistics(cutoff: 0.01).statistics(returns: [0.01, -0.02, 0.03])
        #expect(stats["var_99"] != nil && stats["parametric_es_99"] != nil && stats["var_95"] == nil)
    }
}
