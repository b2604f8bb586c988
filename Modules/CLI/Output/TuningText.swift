import FerryCore
import FerryPipeline
import Foundation

/// `ferry tune`'s answer: the folds, every candidate's scores, the baselines', and the choice (the
/// chosen model's full fold-by-fold evaluation and the verdict follow with the kept run's).
enum TuningText {
    static func render(_ outcome: TuningOutcome) -> String {
        let metric = outcome.metric
        var lines = ["walk-forward folds (\(outcome.folds.count), scored by \(metric.rawValue); the test split is not used):"]
        for fold in outcome.folds {
            lines.append(
                "  fold \(fold.number): train \(fold.trainFrom) … \(fold.trainThrough) (\(fold.trainRows) rows), "
                    + "scored \(fold.scoredFrom) … \(fold.scoredThrough) (\(fold.scoredRows) rows)")
        }
        lines.append("candidates (mean ± sd over the folds, worst fold; per fold):")
        for candidate in outcome.candidates {
            let chosen = candidate.parameters == outcome.chosen ? "  ← chosen" : ""
            lines.append("  \(parameters(candidate.parameters))  \(summary(candidate.summary, metric))\(chosen)")
        }
        lines.append("baselines on the same folds:")
        for (id, baseline) in outcome.baselines.sorted(by: { $0.key < $1.key }) { lines.append("  \(id)  \(summary(baseline, metric))") }
        return lines.joined(separator: "\n")
    }

    private static func parameters(_ values: [String: String]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    private static func summary(_ summary: TuningOutcome.Summary, _ metric: TuningMetric) -> String {
        let folds = summary.scores.map { String(format: "%.6g", $0) }.joined(separator: " ")
        return String(format: "%.6g ± %.3g, worst %.6g; ", summary.mean, summary.standardDeviation, summary.worst(metric)) + folds
    }
}

/// `ferry tune --json`: the tuning and the kept run.
struct TuningReport: Encodable {
    let metric: String
    let folds: [TuningOutcome.Fold]
    let candidates: [Candidate]
    let baselines: [String: TuningOutcome.Summary]
    let chosen: [String: String]
    let verdict: String
    let run: RunRecord

    struct Candidate: Encodable {
        let parameters: [String: String]
        let summary: TuningOutcome.Summary
    }

    init(_ outcome: TuningOutcome, run: RunRecord) {
        metric = outcome.metric.rawValue
        folds = outcome.folds
        candidates = outcome.candidates.map { Candidate(parameters: $0.parameters, summary: $0.summary) }
        (baselines, chosen, verdict, self.run) = (outcome.baselines, outcome.chosen, outcome.verdict, run)
    }
}
