import FerryCore
import FerryMonitoring
import Testing

@Suite struct RegressionMetricsTests {
    @Test func matchesHandComputedValues() throws {
        // errors: 0.5, -0.5, 0, -1 ; mean(y) = 1.75 ; SS_tot = 2.75 ; SS_res = 1.5
        let metrics = try RegressionMetrics().metrics(predictions: [0.5, 1.5, 2, 4], actuals: [1, 1, 2, 3])
        #expect(metrics["mae"] == 0.5)
        #expect(metrics["rmse"] == (1.5 / 4).squareRoot())
        #expect(metrics["r2"] == 1 - 1.5 / 2.75)
        #expect(metrics["directional_accuracy"] == 1)
    }

    @Test func directionIsMeasuredAroundTheBenchmark() throws {
        let metrics = try RegressionMetrics().metrics(predictions: [0.1, -0.1, 0.2, 0], actuals: [0.3, 0.2, -0.1, -0.4])
        #expect(metrics["directional_accuracy"] == 0.5)
    }

    @Test func refusesUnpairedInput() {
        #expect(throws: FrameError.self) { try RegressionMetrics().metrics(predictions: [1], actuals: [1, 2]) }
        #expect(throws: FrameError.self) { try RegressionMetrics().metrics(predictions: [], actuals: []) }
    }
}
