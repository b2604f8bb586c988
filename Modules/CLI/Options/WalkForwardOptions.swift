import ArgumentParser
import FerryPipeline

/// The walk-forward folds `ferry train` and `ferry tune` judge a model on: how many, the gap
/// before each scored block, a rolling window, and the cost of the folds' backtests.
struct WalkForwardOptions: ParsableArguments {
    @Option(help: "How many walk-forward folds, cut from the dates before the test split (2 to 100).") var folds: Int?
    @Option(help: "Rows left out between a fold's training rows and its scored block. (default: the target's horizon)") var gap: Int?
    @Option(help: "Train each fold on at most this many dates (a rolling window) instead of every earlier one.") var rolling: Int?
    @Option(help: "The cost of changing the position by one unit, in basis points, in the folds' backtests.") var costBps = 1.0

    func validate() throws {
        if let folds, !(2...100).contains(folds) { throw ValidationError("--folds takes 2 to 100 folds, not \(folds)") }
        if let gap, gap < 0 { throw ValidationError("--gap takes 0 or more rows, not \(gap)") }
        if let rolling, rolling < 1 { throw ValidationError("--rolling takes 1 or more dates, not \(rolling)") }
        if !(costBps >= 0) || !costBps.isFinite { throw ValidationError("--cost-bps takes 0 or more basis points, not \(costBps)") }
    }

    /// The plan, with `defaultFolds` when --folds is not given.
    func plan(defaultFolds: Int) -> WalkForwardPlan {
        var plan = WalkForwardPlan(folds: folds ?? defaultFolds)
        (plan.gap, plan.rollingWindow, plan.costBasisPoints) = (gap, rolling, costBps)
        return plan
    }

    /// Whether any fold option was given (`ferry train` then judges its model on the folds).
    var isGiven: Bool { folds != nil || gap != nil || rolling != nil }
}
