import FerryBundle
import FerryCore
import FerryMonitoring
import Foundation
import Logging

/// Runs the promotion gate: champion and challenger bundles measured on the same rows.
public struct PromotionJob: Sendable {
    /// The rows both are measured on (bundle paths are set per side).
    public var rows: MonitorJob
    /// The champion bundle.
    public var champion: String
    /// The challenger bundle.
    public var challenger: String

    /// Makes a job comparing `challenger` with `champion` on `dataPaths`.
    public init(champion: String, challenger: String, dataPaths: [String]) {
        rows = MonitorJob(bundle: champion, dataPaths: dataPaths)
        self.champion = champion
        self.challenger = challenger
    }

    /// The verdict, with both sides' figures.
    public func run(verifier: BundleVerifier, logger: Logger) throws -> PromotionRecord {
        let sides = try [champion, challenger].map { path -> Contender in
            var job = rows
            job.bundle = path
            let observed = try logger.step("measure", reading: ["bundle": .string(path)]) { try job.observe(verifier: verifier) }
            let count = observed.actuals.count
            guard count > 0 else { throw FerryError(.invalidData, "no rows to compare the bundles on") }
            let recent = rows.window.map { max(0, count - $0)..<count } ?? 0..<count
            let predictions = Array(observed.predictions[recent])
            let actuals = Array(observed.actuals[recent])
            let benchmark = observed.contents.schema.resolvedTargetKind.benchmark
            let metrics = try RegressionMetrics(benchmark: benchmark).metrics(predictions: predictions, actuals: actuals)
            let groups = Array(observed.groups[recent])
            let fairness = Set(groups).count > 1 ? try GroupFairness(predictions: predictions, actuals: actuals, groups: groups) : nil
            let residuals = try ResidualChecks(residuals: zip(actuals, predictions).map { $0 - $1 })
            return Contender(name: observed.name, metrics: metrics, fairness: fairness, residuals: residuals)
        }
        let verdict = PromotionGate().decide(champion: sides[0], challenger: sides[1])
        return PromotionRecord(verdict: verdict, champion: sides[0], challenger: sides[1])
    }
}

/// A promotion decision as it is recorded: the verdict and both sides' figures.
public struct PromotionRecord: Codable, Sendable {
    /// The decision and its reasons.
    public let verdict: PromotionVerdict
    /// The champion's figures.
    public let champion: Contender
    /// The challenger's figures.
    public let challenger: Contender
}
