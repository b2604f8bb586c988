import ArgumentParser
import FerryMonitoring
import FerryPipeline
import Foundation

/// `ferry drift`: per-feature data drift between two tables.
struct DriftCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare a current table with a reference (training) table, feature by feature.",
        discussion: """
            For each column both CSV tables hold (an optional Date column is ignored): the two-sample \
            KS statistic and its p-value (scipy's ks_2samp: exact up to 10,000 rows, asymptotic \
            beyond), PSI (Evidently's binning), the \
            Wasserstein distance over the reference std, the mean shift in reference stds, the \
            variance ratio, and whether the KS test rejects after the correction across features. \
            Empty cells are missing values and are left out. \
            Tables come from, for example, ferry features compute. \
            With --bundle instead of --reference, the current table is tested against the training \
            quantiles a format 2 bundle keeps (101 per feature; KS p-values are then conservative).
            """)

    @Option(help: "The reference table (CSV).") var reference: String?
    @Option(help: "A bundle whose training quantiles are the reference (instead of --reference).") var bundle: String?
    @Option(help: "The current table (CSV).") var current: String
    @Option(help: "The test level after correction.") var alpha = 0.05
    @Option(help: "bonferroni or benjamini-hochberg.") var correction = "benjamini-hochberg"
    @OptionGroup var output: JSONOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (reference == nil) != (bundle == nil) else { throw ValidationError("give either --reference TABLE or --bundle BUNDLE") }
    }

    func perform() throws {
        guard let method = MultipleTesting(rawValue: correction) else {
            throw ValidationError("--correction takes bonferroni or benjamini-hochberg")
        }
        var analysis = DriftAnalysis()
        analysis.alpha = alpha
        analysis.correction = method
        let drift = TableDrift(analysis: analysis)
        let report =
            if let bundle { try drift.compare(bundle: bundle, current: current) } else {
                try drift.compare(reference: reference ?? "", current: current)
            }
        if output.json { return try printJSON(report) }
        let header = ["column", "ks_statistic", "ks_pvalue", "psi", "wasserstein", "mean_shift", "drifted"]
        print(header.map { $0.padding(toLength: 16, withPad: " ", startingAt: 0) }.joined())
        for feature in report.features {
            let cells = [feature.ksStatistic, feature.ksPValue, feature.psi, feature.wasserstein, feature.meanShift]
                .map { String(format: abs($0) < 1e-3 && $0 != 0 ? "%.3e" : "%.4f", $0) }
            print(
                ([feature.column] + cells + [feature.drifted ? "yes" : "no"]).map {
                    $0.padding(toLength: 16, withPad: " ", startingAt: 0)
                }.joined())
        }
        print(
            "\n\(report.features.filter(\.drifted).count) of \(report.features.count) features drifted (\(String(format: "%.0f", report.driftedShare * 100))%), KS at \(alpha) after \(method.rawValue)"
        )
    }
}
