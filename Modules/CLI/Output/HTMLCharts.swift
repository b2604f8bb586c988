import FerryCore
import Foundation

/// Pieces of Ferry's self-contained HTML reports: the page, line and bar charts as inline SVG
/// (no scripts, no network).
enum HTMLCharts {
    /// One line of a line chart.
    struct Line {
        let label: String
        let color: String
        let values: [Double]
    }

    /// A whole page around `sections`.
    static func page(title: String, summary: String, sections: [String]) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
        <style>
        body { font: 15px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
        .tiles { display: flex; flex-wrap: wrap; gap: 10px; }
        .tile { border-radius: 8px; padding: 10px 14px; color: #fff; min-width: 170px; }
        .green { background: #2e8b57; } .yellow { background: #d4a017; } .red { background: #c0392b; } .neutral { background: #1f4e79; }
        .tile b { display: block; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
        .reason { font-size: 12px; opacity: .95; }
        svg text { font: 11px system-ui, sans-serif; fill: #333; }
        </style></head><body>
        <h1>\(title)</h1>
        <p>\(summary)</p>
        \(sections.joined(separator: "\n"))
        </body></html>

        """
    }

    /// A line chart over `dates` with dashed horizontal reference lines (value, color, label) and a legend when there are several lines.
    static func lineChart(
        title: String, dates: [Timestamp], lines: [Line], references: [(Double, String, String)] = [], format: (Double) -> String
    ) -> String {
        let (width, height, left, bottom) = (1000.0, 260.0, 60.0, 30.0)
        let values = lines.flatMap(\.values).filter(\.isFinite) + references.map(\.0)
        let low = min(values.min() ?? 0, 0)
        let high = max((values.max() ?? 1) * 1.1, 0)
        func y(_ value: Double) -> Double { (height - bottom) - (value - low) / max(high - low, 1e-12) * (height - bottom - 10) }
        func x(_ index: Int) -> Double { left + Double(index) / Double(max(dates.count - 1, 1)) * (width - left - 10) }
        var svg = ["<line x1=\"\(left)\" y1=\"\(f(y(0)))\" x2=\"\(width - 10)\" y2=\"\(f(y(0)))\" stroke=\"#999\"/>"]
        for (value, color, label) in references {
            svg.append(
                "<line x1=\"\(left)\" y1=\"\(f(y(value)))\" x2=\"\(width - 10)\" y2=\"\(f(y(value)))\" stroke=\"\(color)\" stroke-dasharray=\"6 4\"/>"
            )
            svg.append("<text x=\"\(width - 130)\" y=\"\(f(y(value) - 4))\">\(escape(label))</text>")
        }
        for line in lines {
            let path = line.values.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(f(x($0.offset))),\(f(y($0.element)))" }.joined(
                separator: " ")
            svg.append("<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"/>")
        }
        for tick in [low, (low + high) / 2, high] { svg.append("<text x=\"4\" y=\"\(f(y(tick) + 4))\">\(format(tick))</text>") }
        if let first = dates.first, let last = dates.last {
            svg.append(
                "<text x=\"\(left)\" y=\"\(height - 8)\">\(first)</text><text x=\"\(width - 90)\" y=\"\(height - 8)\">\(last)</text>")
        }
        let legend =
            lines.count < 2
            ? ""
            : "<p>" + lines.map { "<span style=\"color:\($0.color)\">&#9644; \(escape($0.label))</span>" }.joined(separator: " &nbsp; ")
                + "</p>"
        return
            "<h2>\(escape(title))</h2>\(legend)<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">\(svg.joined())</svg>"
    }

    /// A horizontal bar chart; highlighted bars are red.
    static func bars(title: String, items: [(String, Double, Bool)]) -> String {
        let (width, row, left) = (1000.0, 18.0, 170.0)
        let top = max(items.map(\.1).max() ?? 1, 1e-12)
        let svg = items.enumerated().map { index, item in
            let y = Double(index) * row
            let length = max(item.1 / top * (width - left - 90), 1)
            return
                "<text x=\"0\" y=\"\(f(y + 13))\">\(escape(item.0))</text><rect x=\"\(left)\" y=\"\(f(y + 3))\" width=\"\(f(length))\" height=\"\(f(row - 5))\" fill=\"\(item.2 ? "#c0392b" : "#1f4e79")\"/><text x=\"\(f(left + length + 6))\" y=\"\(f(y + 13))\">\(String(format: "%.4g", item.1))</text>"
        }
        let height = Double(items.count) * row + 4
        return
            "<h2>\(escape(title))</h2><svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" aria-label=\"\(escape(title))\">\(svg.joined())</svg>"
    }

    /// Coloured tiles: (class, heading, detail).
    static func tiles(_ items: [(String, String, String)]) -> String {
        "<div class=\"tiles\">"
            + items.map { "<div class=\"tile \($0.0)\"><b>\(escape($0.1))</b><span class=\"reason\">\(escape($0.2))</span></div>" }.joined()
            + "</div>"
    }

    /// `text` safe inside HTML text and attributes.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;"
        )
        .replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
