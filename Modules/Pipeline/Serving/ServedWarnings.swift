import FerryCore
import FerryFeatures

extension AlignmentReport {
    /// What alignment did to served rows, for the answer: one line per kind of finding, fields
    /// named as request errors name them (`rows[3].sma_5`, rows counted from 0), and the
    /// out-of-range values of one feature folded into one line with their count.
    func servedWarnings(featureCount: Int) -> [String] {
        ServedWarnings.lines(
            filledMissing: filledMissing, droppedExtra: droppedExtra, outOfRange: outOfRangeCounts, featureCount: featureCount)
    }
}

/// The wording of served rows' warnings, from an alignment's report or from an in-order check.
enum ServedWarnings {
    /// One line for the filled features, one for the dropped fields, one per feature out of range.
    static func lines(filledMissing: [String], droppedExtra: [String], outOfRange: [OutOfRangeCount], featureCount: Int) -> [String] {
        var lines: [String] = []
        if !filledMissing.isEmpty {
            lines.append(
                "\(filledMissing.count) of \(featureCount) features missing from the rows, filled with 0: "
                    + filledMissing.joined(separator: ", "))
        }
        if !droppedExtra.isEmpty {
            lines.append("\(droppedExtra.count) field(s) not among the model's features, dropped: " + droppedExtra.joined(separator: ", "))
        }
        for found in outOfRange {
            let range = "the training range [\(found.range.min), \(found.range.max)]"
            if found.count == 1, let line = found.firstLines.first {
                lines.append("rows[\(line)].\(found.column) = \(found.firstValue) is outside \(range)")
            } else {
                let shown = found.firstLines.map { "rows[\($0)]" }.joined(separator: ", ")
                lines.append(
                    "\(found.column) is outside \(range) in \(found.count) rows (\(shown)\(found.count > OutOfRangeCount.linesKept ? ", ..." : ""); rows count from 0)"
                )
            }
        }
        return lines
    }
}
