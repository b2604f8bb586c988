import FerryCore

/// A frame's rows standardised into `Float`, with the runs of rows a window may span: dates that
/// keep rising (several instruments stacked one after another start again where they fall) and
/// every feature finite (a row with a gap ends a run; no window reaches across it).
struct SequenceRows: Sendable {
    /// Row-major, `features` values per row.
    let values: [Float]
    /// Values per row.
    let features: Int
    /// The runs, in row order.
    let runs: [Range<Int>]

    init(_ frame: Frame, standardizer: Standardizer) {
        let columns = frame.columnNames.map { frame[column: $0] ?? [] }
        features = columns.count
        var values = [Float](repeating: .nan, count: frame.rowCount * columns.count)
        var runs: [Range<Int>] = []
        var start: Int?
        for row in 0..<frame.rowCount {
            let complete = columns.allSatisfy { $0[row].isFinite }
            let continues = row > 0 && frame.index[row] > frame.index[row - 1]
            if let first = start, !complete || !continues {
                runs.append(first..<row)
                start = nil
            }
            guard complete else { continue }
            if start == nil { start = row }
            for (column, series) in columns.enumerated() {
                values[row * features + column] = Float((series[row] - standardizer.mean[column]) / standardizer.scale[column])
            }
        }
        if let first = start { runs.append(first..<frame.rowCount) }
        self.values = values
        self.runs = runs
    }

    /// The last rows of every window of `lookback` rows inside one run, in row order.
    func windowEnds(lookback: Int) -> [[Int]] {
        runs.map { run in run.count >= lookback ? Array((run.lowerBound + lookback - 1)..<run.upperBound) : [] }
    }

    /// The windows of `length` rows ending at `ends`, laid out [window][step][feature].
    func gather(_ ends: some Collection<Int>, length: Int) -> [Float] {
        var batch = [Float](repeating: 0, count: ends.count * length * features)
        for (position, end) in ends.enumerated() {
            let from = (end - length + 1) * features
            batch[(position * length * features)..<((position + 1) * length * features)] = values[from..<((end + 1) * features)]
        }
        return batch
    }
}
