import FerryCore
import FerryFeatures

extension AlignmentReport {
    /// What alignment did to served rows, for the answer: one line per kind of finding, fields
    /// named as request errors name them (`rows[3].sma_5`, rows counted from 0), and the
    /// out-of-range values of one feature folded into one line with their count.
    func servedWarnings(featureCount: Int) -> [String] {
        var lines: [String] = []
        if !filledMissing.isEmpty {
            lines.append(
                "\(filledMissing.count) of \(featureCount) features missing from the rows, filled with 0: "
                    + filledMissing.joined(separator: ", "))
        }
        if !droppedExtra.isEmpty {
            lines.append("\(droppedExtra.count) field(s) not among the model's features, dropped: " + droppedExtra.joined(separator: ", "))
        }
        let byFeature = Dictionary(grouping: outOfRange, by: \.column)
        for feature in byFeature.keys.sorted() {
            guard let values = byFeature[feature], let first = values.first else { continue }
            let range = "the training range [\(first.range.min), \(first.range.max)]"
            if values.count == 1 {
                lines.append("rows[\(first.line)].\(feature) = \(first.value) is outside \(range)")
            } else {
                let shown = values.prefix(3).map { "rows[\($0.line)]" }.joined(separator: ", ")
                lines.append(
                    "\(feature) is outside \(range) in \(values.count) rows (\(shown)\(values.count > 3 ? ", ..." : ""); rows count from 0)"
                )
            }
        }
        return lines
    }
}
