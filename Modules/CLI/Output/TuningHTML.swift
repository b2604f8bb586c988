import FerryCore
import FerryPipeline
import Foundation

/// `ferry tune --report`: one self-contained HTML page: the verdict, every candidate's and
/// baseline's score fold by fold, the folds' Sharpe beside buy-and-hold, and the chosen model's
/// test backtest against buy-and-hold.
enum TuningHTML {
    /// Line colours for the candidates, in grid order (baselines are grey).
    private static let palette = ["#1f4e79", "#2e8b57", "#d4a017", "#8e44ad", "#c0392b", "#16a085", "#e67e22", "#34495e"]

    static func render(_ outcome: TuningOutcome, plugin: String) -> String {
        let metric = outcome.metric.rawValue
        let chosen = outcome.candidates.first { $0.parameters == outcome.chosen }
        let foldDates = outcome.folds.compactMap { Timestamp(iso8601: $0.scoredThrough) }
        var sections = [
            "<h2>Verdict</h2>"
                + HTMLCharts.tiles([
                    ("neutral", "chosen: " + label(outcome.chosen), chosen.map { summary($0.summary) } ?? "-"),
                    ("neutral", "verdict", outcome.verdict),
                ]),
            HTMLCharts.lineChart(
                title: "\(metric) by fold (x: the last scored date of each fold)", dates: foldDates,
                lines: outcome.candidates.enumerated().map { index, candidate in
                    .init(label: label(candidate.parameters), color: palette[index % palette.count], values: candidate.foldScores)
                }
                    + outcome.baselines.sorted { $0.key < $1.key }.map { .init(label: $0.key, color: "#999999", values: $0.value.scores) },
                format: { String(format: "%.4g", $0) }),
        ]
        let walkForward = outcome.walkForward
        if !walkForward.buyAndHold.isEmpty {
            sections.append(
                HTMLCharts.lineChart(
                    title: "Sharpe by fold after \(String(format: "%g", walkForward.costBasisPoints)) bps", dates: foldDates,
                    lines: [
                        .init(label: "chosen", color: "#1f4e79", values: walkForward.model.map { $0["sharpe"] ?? .nan }),
                        .init(label: "buy and hold", color: "#999999", values: walkForward.buyAndHold.map { $0["sharpe"] ?? .nan }),
                    ],
                    format: { String(format: "%.2f", $0) }))
        }
        if let equity = outcome.testEquity {
            sections.append(
                HTMLCharts.lineChart(
                    title: "Test split: equity of the chosen model's signal (wealth from 1)", dates: equity.dates,
                    lines: [
                        .init(label: "chosen model", color: "#1f4e79", values: equity.model),
                        .init(label: "buy and hold", color: "#999999", values: equity.buyAndHold),
                    ],
                    references: [(1, "#555555", "start")], format: { String(format: "%.2f", $0) }))
        }
        sections.append(table(outcome))
        sections.append(evaluationTable(walkForward))
        let subtitle =
            "\(outcome.candidates.count) candidate(s) on \(outcome.folds.count) walk-forward folds from \(outcome.folds.first?.trainFrom ?? "-") "
            + "to \(outcome.folds.last?.scoredThrough ?? "-"), scored by \(metric); the test split was not used until the chosen model's final evaluation."
        return HTMLCharts.page(title: "Tuning \(HTMLCharts.escape(plugin))", summary: HTMLCharts.escape(subtitle), sections: sections)
    }

    /// Every candidate's and baseline's fold scores as a table.
    private static func table(_ outcome: TuningOutcome) -> String {
        let header =
            "<tr><th>candidate</th><th>mean</th><th>sd</th>" + outcome.folds.map { "<th>fold \($0.number)</th>" }.joined() + "</tr>"
        let rows =
            outcome.candidates.map { (label($0.parameters), $0.summary) }
            + outcome.baselines.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let body = rows.map { name, summary in
            "<tr><td>\(HTMLCharts.escape(name))</td><td>\(number(summary.mean))</td><td>\(number(summary.standardDeviation))</td>"
                + summary.scores.map { "<td>\(number($0))</td>" }.joined() + "</tr>"
        }
        return "<h2>Scores by fold</h2><table>" + header + body.joined() + "</table>"
    }

    /// The chosen model's every metric over the folds, beside the baselines and buy-and-hold.
    private static func evaluationTable(_ evaluation: WalkForwardEvaluation) -> String {
        let metrics = WalkForwardText.metrics
        let header = "<tr><th></th>" + metrics.map { "<th>\($0)</th>" }.joined() + "</tr>"
        let arms =
            [("chosen model", evaluation.model)] + evaluation.baselines.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            + (evaluation.buyAndHold.isEmpty ? [] : [("buy and hold", evaluation.buyAndHold)])
        let body = arms.map { name, arm in
            "<tr><td>\(HTMLCharts.escape(name))</td>"
                + metrics.map { metric in
                    WalkForwardEvaluation.summary(of: metric, in: arm).map {
                        "<td>\(number($0.mean)) ± \(number($0.standardDeviation)), worst \(number($0.worst(of: metric)))</td>"
                    } ?? "<td>-</td>"
                }.joined() + "</tr>"
        }
        return "<h2>The chosen model on the folds: mean ± sd, worst fold</h2><table>" + header + body.joined() + "</table>"
    }

    private static func label(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    private static func summary(_ summary: TuningOutcome.Summary) -> String {
        "mean \(number(summary.mean)) ± \(number(summary.standardDeviation))"
    }

    private static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
