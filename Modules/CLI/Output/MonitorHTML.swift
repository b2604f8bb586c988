import FerryCore
import FerryMonitoring
import FerryPipeline
import Foundation

/// `ferry monitor --report`: one self-contained HTML page (inline SVG, no scripts, no network)
/// with the status tiles, metrics against their thresholds over time, drift per feature and MAE
/// by group.
enum MonitorHTML {
    static func render(_ report: MonitorReport) -> String {
        var sections = [tiles(report)]
        let baselineMAE = report.baseline["mae"] ?? 0
        if baselineMAE > 0, report.history.count > 1 {
            sections.append(chart(
                title: "MAE against the baseline, per window", points: report.history.map { ($0.last, ($0.metrics["mae"] ?? 0) / baselineMAE) },
                lines: [(1.10, "#d4a017", "+10% (yellow)"), (1.30, "#c0392b", "+30% (red)")], format: { String(format: "%.2f×", $0) }))
        }
        if report.history.count > 1 {
            sections.append(chart(
                title: "Directional accuracy, per window", points: report.history.map { ($0.last, $0.metrics["directional_accuracy"] ?? 0) },
                lines: [(0.60, "#2e8b57", "60% (green)"), (0.55, "#c0392b", "55% (red)")], format: { String(format: "%.0f%%", $0 * 100) }))
        }
        if let drift = report.drift {
            sections.append(bars(
                title: "Drift per feature: KS statistic (red: drifted after \(drift.correction.rawValue) at \(drift.alpha))",
                items: drift.features.map { ($0.column, $0.ksStatistic, $0.drifted) }))
        }
        if let fairness = report.fairness {
            sections.append(bars(title: "MAE by group", items: fairness.maeByGroup.sorted { $0.key < $1.key }.map { ($0.key, $0.value, false) }))
        }
        let title = "\(escape(report.model)): \(report.status.overall.rawValue)"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
            <style>
            body { font: 15px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
            h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
            .tiles { display: flex; flex-wrap: wrap; gap: 10px; }
            .tile { border-radius: 8px; padding: 10px 14px; color: #fff; min-width: 170px; }
            .green { background: #2e8b57; } .yellow { background: #d4a017; } .red { background: #c0392b; }
            .tile b { display: block; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
            .reason { font-size: 12px; opacity: .95; }
            svg text { font: 11px system-ui, sans-serif; fill: #333; }
            </style></head><body>
            <h1>\(title)</h1>
            <p>\(report.rows) rows, \(report.first) to \(report.last). Retrain: \(report.retrainDue ? "due" : "not due") (\(escape(report.retrainReason))).\(report.conceptDrift ? " <b>Concept drift:</b> performance fell while the inputs look stable." : "")</p>
            \(sections.joined(separator: "\n"))
            </body></html>

            """
    }

    private static func tiles(_ report: MonitorReport) -> String {
        let tiles = report.status.grades.map { grade in
            "<div class=\"tile \(grade.status.rawValue)\"><b>\(escape(grade.metric)): \(grade.status.rawValue)</b><span class=\"reason\">\(escape(grade.reason))</span></div>"
        }
        return "<h2>Status: \(report.status.overall.rawValue)</h2><div class=\"tiles\">\(tiles.joined())</div>"
    }

    /// A line chart of `points` with horizontal threshold lines.
    private static func chart(title: String, points: [(Timestamp, Double)], lines: [(Double, String, String)], format: (Double) -> String) -> String {
        let (width, height, left, bottom) = (1000.0, 260.0, 60.0, 30.0)
        let values = points.map(\.1) + lines.map(\.0)
        let low = min(values.min() ?? 0, 0), high = (values.max() ?? 1) * 1.1
        func y(_ value: Double) -> Double { (height - bottom) - (value - low) / max(high - low, 1e-12) * (height - bottom - 10) }
        func x(_ index: Int) -> Double { left + Double(index) / Double(max(points.count - 1, 1)) * (width - left - 10) }
        let path = points.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(f(x($0.offset))),\(f(y($0.element.1)))" }.joined(separator: " ")
        var svg = ["<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" stroke=\"#999\"/>"]
        for (value, color, label) in lines {
            svg.append("<line x1=\"\(left)\" y1=\"\(f(y(value)))\" x2=\"\(width - 10)\" y2=\"\(f(y(value)))\" stroke=\"\(color)\" stroke-dasharray=\"6 4\"/>")
            svg.append("<text x=\"\(width - 130)\" y=\"\(f(y(value) - 4))\">\(escape(label))</text>")
        }
        svg.append("<path d=\"\(path)\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>")
        for tick in [low, (low + high) / 2, high] { svg.append("<text x=\"4\" y=\"\(f(y(tick) + 4))\">\(format(tick))</text>") }
        if let first = points.first, let last = points.last {
            svg.append("<text x=\"\(left)\" y=\"\(height - 8)\">\(first.0)</text><text x=\"\(width - 90)\" y=\"\(height - 8)\">\(last.0)</text>")
        }
        return "<h2>\(escape(title))</h2><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">\(svg.joined())</svg>"
    }

    /// A horizontal bar chart; highlighted bars are red.
    private static func bars(title: String, items: [(String, Double, Bool)]) -> String {
        let (width, row, left) = (1000.0, 18.0, 170.0)
        let top = max(items.map(\.1).max() ?? 1, 1e-12)
        let svg = items.enumerated().map { index, item in
            let y = Double(index) * row
            let length = max(item.1 / top * (width - left - 90), 1)
            return "<text x=\"0\" y=\"\(f(y + 13))\">\(escape(item.0))</text><rect x=\"\(left)\" y=\"\(f(y + 3))\" width=\"\(f(length))\" height=\"\(f(row - 5))\" fill=\"\(item.2 ? "#c0392b" : "#1f4e79")\"/><text x=\"\(f(left + length + 6))\" y=\"\(f(y + 13))\">\(String(format: "%.4g", item.1))</text>"
        }
        let height = Double(items.count) * row + 4
        return "<h2>\(escape(title))</h2><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">\(svg.joined())</svg>"
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
