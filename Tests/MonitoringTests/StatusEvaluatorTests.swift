import FerryCore
import FerryMonitoring
import Testing

/// Every threshold edge: a value just inside and just outside each band.
@Suite struct StatusEvaluatorTests {
    let evaluator = StatusEvaluator()

    func status(
        _ metric: String, current: [String: Double], baseline: [String: Double] = [:], previous: [String: Double]? = nil,
        fairness: GroupFairness? = nil
    ) -> HealthStatus? {
        evaluator.evaluate(
            current: MetricSet(current), baseline: MetricSet(baseline), previous: previous.map(MetricSet.init), fairness: fairness
        )
        .grades.first { $0.metric == metric }?.status
    }

    @Test(arguments: [(1.0999, HealthStatus.green), (1.1001, .yellow), (1.2999, .yellow), (1.3001, .red)])
    func maeAgainstTheBaseline(_ mae: Double, _ expected: HealthStatus) {
        #expect(status("mae", current: ["mae": mae], baseline: ["mae": 1]) == expected)
    }

    @Test(arguments: [(1.0999, HealthStatus.green), (1.1001, .yellow), (1.2499, .yellow), (1.2501, .red)])
    func rmseAgainstTheBaseline(_ rmse: Double, _ expected: HealthStatus) {
        #expect(status("rmse", current: ["rmse": rmse], baseline: ["rmse": 1]) == expected)
    }

    @Test func rmseJumpingWithinOnePeriodIsRed() {
        #expect(status("rmse", current: ["rmse": 1.0], baseline: ["rmse": 1.0], previous: ["rmse": 0.7999]) == .red)
        #expect(status("rmse", current: ["rmse": 1.0], baseline: ["rmse": 1.0], previous: ["rmse": 0.8001]) == .green)
    }

    @Test(arguments: [(0.4501, HealthStatus.green), (0.4499, .yellow), (0.3501, .yellow), (0.3499, .red)])
    func r2DropInPoints(_ r2: Double, _ expected: HealthStatus) {
        #expect(status("r2", current: ["r2": r2], baseline: ["r2": 0.5]) == expected)
    }

    @Test func r2NearZeroIsRedOnlyAfterAMeaningfulBaseline() {
        #expect(status("r2", current: ["r2": 0.0099], baseline: ["r2": 0.1001]) == .red)
        #expect(status("r2", current: ["r2": 0.0101], baseline: ["r2": 0.1001]) == .yellow)
        #expect(
            status("r2", current: ["r2": 0.0099], baseline: ["r2": 0.0599]) == .green, "a baseline of 6% leaves nothing meaningful to lose")
    }

    @Test(arguments: [(0.0999, HealthStatus.green), (0.1001, .yellow), (0.1999, .yellow), (0.2001, .red)])
    func largeErrorShare(_ share: Double, _ expected: HealthStatus) {
        #expect(status("large_error_share", current: ["large_error_share": share]) == expected)
    }

    @Test(arguments: [(0.6001, HealthStatus.green), (0.5999, .yellow), (0.5501, .yellow), (0.5499, .red)])
    func directionalAccuracy(_ accuracy: Double, _ expected: HealthStatus) {
        #expect(status("directional_accuracy", current: ["directional_accuracy": accuracy]) == expected)
    }

    @Test func lowDirectionalAccuracyIsRedOnlyWhenSustained() {
        #expect(
            status("directional_accuracy", current: ["directional_accuracy": 0.5], previous: ["directional_accuracy": 0.5501]) == .yellow)
        #expect(status("directional_accuracy", current: ["directional_accuracy": 0.5], previous: ["directional_accuracy": 0.5499]) == .red)
    }

    @Test(arguments: [(0.1999, HealthStatus.green), (0.2001, .yellow), (0.3999, .yellow), (0.4001, .red)])
    func groupGap(_ share: Double, _ expected: HealthStatus) {
        let fairness = GroupFairness(maeByGroup: ["SPX": 1, "GOOG": 1 + share], overallMAE: 1)
        #expect(abs(fairness.gapShare - share) < 1e-12)
        #expect(status("group_mae_gap", current: [:], fairness: fairness) == expected)
    }

    @Test func overallIsTheWorstAndNamesItsMetric() {
        let report = evaluator.evaluate(
            current: MetricSet(["mae": 1.05, "rmse": 1.2, "directional_accuracy": 0.7, "large_error_share": 0.01]),
            baseline: MetricSet(["mae": 1, "rmse": 1]))
        #expect(report.overall == .yellow)
        #expect(report.deciding.map(\.metric) == ["rmse"])
        #expect(report.deciding.first?.reason.contains("+20.0%") == true)
        #expect(report.actions.contains { $0.hasPrefix("shadow retrain") })
        #expect(StatusReport(grades: []).overall == .green)
    }

    @Test func fairnessAndLargeErrorsFromRows() throws {
        let fairness = try GroupFairness(predictions: [0, 0, 0, 0], actuals: [0.01, 0.01, 0.03, 0.05], groups: ["a", "a", "b", "b"])
        #expect(abs(fairness.maeByGroup["a"]! - 0.01) < 1e-15)
        #expect(abs(fairness.gap - 0.03) < 1e-15)
        #expect(abs(fairness.gapShare - 0.03 / 0.025) < 1e-12)
        let metrics = try RegressionMetrics(largeErrorTolerance: 0.04).metrics(
            predictions: [0, 0, 0, 0], actuals: [0.01, 0.01, 0.03, 0.05])
        #expect(metrics["large_error_share"] == 0.25)
    }

    @Test func retrainingIsDueOnScheduleOrWhenNotGreen() {
        let made = Timestamp(iso8601: "2018-01-01")!
        let policy = RetrainPolicy(everyMonths: 3)
        #expect(!policy.due(created: made, now: Timestamp(iso8601: "2018-03-01")!, status: .green).due)
        #expect(policy.due(created: made, now: Timestamp(iso8601: "2018-04-02")!, status: .green).due)
        #expect(policy.due(created: made, now: Timestamp(iso8601: "2018-01-02")!, status: .yellow).reason == "status is yellow")
    }
}
