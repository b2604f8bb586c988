import FerryBundle
import FerryCore

/// `MODEL_CARD.md`: what a bundled model is for, its data, metrics, limits and risks, in plain words.
enum ModelCard {
    static func render(_ record: RunRecord, manifest: BundleManifest) -> String {
        let split = record.split
        func set(_ rows: SplitSummary.RowSet) -> String {
            "\(rows.rows) rows, \(rows.first?.description ?? "?") to \(rows.last?.description ?? "?")"
        }
        var lines = [
            "# \(manifest.name) \(manifest.version)", "",
            "A \(record.plugin.id) \(record.plugin.version) model predicting `\(record.target)` from \(record.schema.features.count) features.",
            "",
            "## Intended use", "",
            "Research and monitoring of \(record.data.files.map(\.name).joined(separator: ", ")): a forecast to be read beside the naive baselines below, not a trading signal on its own.",
            "",
            "## Data", "",
            "- Files: " + record.data.files.map { "\($0.name) (SHA-256 \($0.sha256.prefix(16))…)" }.joined(separator: ", "),
            "- Training: \(set(split.train)); validation: \(set(split.validation)); test: \(set(split.test)); \(split.gap) row(s) purged before each evaluation set.",
            "- Features: \(record.features == nil ? "the columns of a plain table" : "Ferry's feature pipeline (in schema.json), recomputed from raw bars").",
            "",
            "## Metrics (test)", "",
            "| model | MAE | RMSE | R² | directional accuracy |", "|---|---|---|---|---|",
        ]
        for name in ["model"] + record.evaluation.test.keys.filter({ $0 != "model" }).sorted() {
            guard let metrics = record.evaluation.test[name] else { continue }
            let cells = ["mae", "rmse", "r2", "directional_accuracy"].map { metrics[$0].map { String(format: "%.5f", $0) } ?? "-" }
            lines.append("| \(name) | \(cells.joined(separator: " | ")) |")
        }
        lines += [
            "", "## Limits and risks", "",
            "- Past returns are a weak guide to future ones; check the model against the baselines on recent data before use (ferry monitor).",
            "- Inputs outside the training ranges recorded in schema.json are flagged at prediction time, not changed.",
            "- A feature missing from an inference table is filled with 0 by default (schema.json's policy); use strict alignment where that would mislead.",
            "",
        ]
        return lines.joined(separator: "\n")
    }
}
