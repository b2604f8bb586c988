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

    @Test func refusesGapsWithTheirRowAndEmptyInput() throws {
        let error = try #require(throws: ReturnSeriesError.self) { try ReturnStatistics().statistics(returns: [0.1, .nan]) }
        #expect(error.description.contains("row 1"))
        #expect(throws: ReturnSeriesError.self) { try ReturnStatistics().statistics(returns: []) }
        #expect(try ReturnStatistics().statistics(returns: [0, 0])["hit_rate"]!.isNaN)
    }
}
