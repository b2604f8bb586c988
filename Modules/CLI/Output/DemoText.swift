import FerryPipeline

/// The human-readable form of a ``DemoReport``.
enum DemoText {
    static func render(_ report: DemoReport, runsDir: String) -> String {
        var lines = ["Ferry demo on the embedded real data (\(report.dataDirectory)/)", "", "1. Load and validate"]
        for file in report.files {
            let missing = file.missingValues > 0 ? ", \(file.missingValues) missing" : ""
            lines.append(
                "   \(pad(file.instrument, 10)) \(pad(file.kind, 7)) \(pad(String(file.rows), 5, left: true)) rows  \(file.first) .. \(file.last)  \(file.frequency?.rawValue ?? "")\(missing)"
            )
        }
        let a = report.alignment
        lines += [
            "",
            "2. Join \(a.series) onto \(a.onto) dates (\(a.policy.gapPolicy.rawValue), past only, lag \(a.policy.availabilityLagDays) days, max age \(a.policy.maxAgeDays.map { "\($0) days" } ?? "none"))",
            "   \(a.sameDay) same-day, \(a.forwardFilled) forward-filled, \(a.missing) missing",
            "", "3. Features of \(report.primary) with \(a.series) as the reference series",
            "   \(report.features.names.count) features, \(report.features.targets.count) targets (\(report.features.targets.joined(separator: ", "))); \(report.features.rows) rows after \(report.features.droppedWarmUpRows) warm-up rows",
            "   " + report.features.names.prefix(8).joined(separator: ", ") + ", ... (ferry features list)",
            "",
            "4. Chronological split of the feature rows, \(report.splitGap) rows purged before each evaluation set for the longest target (leakage guard passed)",
        ]
        for name in ["train", "validation", "test"] {
            guard let set = report.split[name] else { continue }
            lines.append("   \(pad(name, 11)) \(pad(String(set.rows), 5, left: true)) rows  \(set.first) .. \(set.last)")
        }
        lines += ["", "5. Walk-forward folds over train + validation (expanding window, gap \(report.splitGap))"]
        for fold in report.walkForward {
            lines.append(
                "   fold \(fold.number)  train \(pad(String(fold.train.rows), 5, left: true)) rows to \(fold.train.last)  test \(fold.test.rows) rows \(fold.test.first) .. \(fold.test.last)"
            )
        }
        lines += [
            "", "6. Train and evaluate against the naive baselines (the split purges \(report.run.split.gap) row for \(report.run.target))",
            EvaluationText.render(report.run, runsDir: runsDir),
            "", "7. Export the run as a bundle and verify it: \(report.bundle)",
        ]
        lines += report.verification.checks.map {
            "   \($0.check.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \($0.passed ? "pass" : "FAIL")  \($0.detail)"
        }
        lines += ["", "8. Monitor the bundled model on the test split", MonitorText.render(report.monitoring)]
        let entry = report.registered
        let batch = report.batch
        lines += [
            "", "9. Register the bundle in the store (\(report.store)) and run the daily batch with it",
            "   registered \(entry.name) \(entry.version) in \(entry.stage.rawValue) (sha256 \(entry.digest.prefix(12)), run \(entry.parentRun ?? "-"))",
            "   batch for \(batch.asOf): "
                + batch.predictions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.map { String(format: "%.6g", $0) } ?? "none")" }
                .joined(separator: ", ")
                + (batch.written ? "" : " (already written)") + "; \(batch.outcomesRecorded) realised outcomes recorded for monitoring",
            "   again, daily:  ferry batch --store \(report.store) --model \(entry.name) --data data/SPX.csv --with data/WTI.csv",
            "   serve it:      ferry tokens create --store \(report.store) --role predict   # prints a token",
            "                  ferry serve --store \(report.store) --port 8080               # then POST /v1/models/\(entry.name)/predict (docs/serving.md)",
        ]
        lines += [
            "",
            "Check it without Ferry:  d=$(mktemp -d) && tar -xzf \(report.bundle) -C \"$d\" && (cd \"$d/\(report.registered.name)-\(report.registered.version)\" && sha256sum -c checksums.sha256)",
            "Read it with Python:     python3 clients/python/ferry_bundle.py \(report.bundle)   # the standard library only",
            "Predict from Python:     make python, then: import ferry; ferry.load(\"\(report.bundle)\").predict(...)   # docs/python.md",
        ]
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }
}
