import FerryCore

extension SchemaAlignment {
    /// A check of rows already in this schema's order, for ``InOrderCheck/check(_:rows:)``.
    public func inOrderCheck(source: String) -> InOrderCheck { InOrderCheck(self, source: source) }
}

/// Checks rows already in schema order, one after another (`values[row * featureCount + j]` is
/// feature j of the row), block by block and without copying: what an embedding caller runs
/// instead of ``SchemaAlignment/align(columns:rows:source:firstLine:)`` when its columns are the
/// schema's, with the same refusal and the same findings. Each block is counted in one pass the
/// compiler vectorises; the rare rows that need naming (a value that is not finite, the first
/// lines out of range of a feature) are found by a second look at that block alone.
public struct InOrderCheck: Sendable {
    private let featureNames: [String]
    private let lows: [Double], highs: [Double]
    /// `lows` and `highs` repeated for a group of rows, so a group is checked as one flat run of cells.
    private let groupLows: [Double], groupHighs: [Double]
    private let source: String
    private var counts: [Int]
    private var lines: [[Int]]
    private var firstValues: [Double]

    fileprivate init(_ alignment: SchemaAlignment, source: String) {
        featureNames = alignment.featureNames
        let lows = alignment.schema.features.map { $0.trainingRange?.min ?? -.infinity }
        let highs = alignment.schema.features.map { $0.trainingRange?.max ?? .infinity }
        (self.lows, self.highs) = (lows, highs)
        groupLows = Array(repeatElement(lows, count: Self.rowsPerGroup).joined())
        groupHighs = Array(repeatElement(highs, count: Self.rowsPerGroup).joined())
        self.source = source
        counts = Array(repeating: 0, count: featureNames.count)
        lines = Array(repeating: [], count: featureNames.count)
        firstValues = Array(repeating: 0, count: featureNames.count)
    }

    /// Checks `rows` of `values` (row numbers from the first row of `values`, which name them in
    /// errors and findings).
    /// - Throws: ``SchemaAlignmentError/notANumber(text:line:column:)`` for the first value that
    ///   is not finite, as the aligner names it.
    public mutating func check(_ values: UnsafeBufferPointer<Double>, rows: Range<Int>) throws {
        let width = featureNames.count
        precondition(values.count >= rows.upperBound * width, "fewer values than the rows to check")
        let before = counts
        let nonFinite = count(values, rows: rows)
        if nonFinite > 0 { try refuseFirstNonFinite(values, rows: rows) }
        for feature in 0..<width where counts[feature] > before[feature] && lines[feature].count < OutOfRangeCount.linesKept {
            for row in rows where lines[feature].count < OutOfRangeCount.linesKept {
                let value = values[row * width + feature]
                guard value < lows[feature] || value > highs[feature] else { continue }
                if lines[feature].isEmpty { firstValues[feature] = value }
                lines[feature].append(row)
            }
        }
    }

    /// The values outside each feature's training range so far, one count per feature, in
    /// feature-name order.
    public var outOfRange: [OutOfRangeCount] {
        featureNames.indices.filter { counts[$0] > 0 }.sorted { featureNames[$0] < featureNames[$1] }.map {
            OutOfRangeCount(
                column: featureNames[$0], range: ValueRange(min: lows[$0], max: highs[$0]), count: counts[$0], firstLines: lines[$0],
                firstValue: firstValues[$0])
        }
    }

    /// Adds each feature's values outside its range in `rows` to ``counts``; returns how many
    /// values were not finite. Groups of eight rows are one flat run of cells against the ranges
    /// laid out eight times over, a loop the compiler vectorises; the rows left over go one by one.
    private mutating func count(_ values: UnsafeBufferPointer<Double>, rows: Range<Int>) -> Int {
        let width = featureNames.count
        let groupCells = Self.rowsPerGroup * width
        var nonFinite = 0
        var groupCounts = [Int](repeating: 0, count: groupCells)
        var row = rows.lowerBound
        groupLows.withUnsafeBufferPointer { lows in
            groupHighs.withUnsafeBufferPointer { highs in
                groupCounts.withUnsafeMutableBufferPointer { counts in
                    while row + Self.rowsPerGroup <= rows.upperBound {
                        let cells = UnsafeBufferPointer(rebasing: values[(row * width)..<((row + Self.rowsPerGroup) * width)])
                        for cell in 0..<groupCells {
                            let value = cells[cell]
                            // v - v is 0 for a finite v and NaN for an infinite or NaN one: one subtraction and
                            // one comparison, where isFinite's bit test costs a 64-bit integer compare.
                            nonFinite &+= value - value == 0 ? 0 : 1
                            counts[cell] &+= (value < lows[cell] ? 1 : 0) &+ (value > highs[cell] ? 1 : 0)
                        }
                        row += Self.rowsPerGroup
                    }
                }
            }
        }
        for cell in 0..<groupCells { counts[cell % width] += groupCounts[cell] }
        for rest in row..<rows.upperBound {
            for feature in 0..<width {
                let value = values[rest * width + feature]
                nonFinite += value.isFinite ? 0 : 1
                counts[feature] += (value < lows[feature] || value > highs[feature]) ? 1 : 0
            }
        }
        return nonFinite
    }

    /// Rows per group of ``count(_:rows:)``.
    private static let rowsPerGroup = 8

    private func refuseFirstNonFinite(_ values: UnsafeBufferPointer<Double>, rows: Range<Int>) throws {
        let width = featureNames.count
        for row in rows {
            for feature in 0..<width where !values[row * width + feature].isFinite {
                throw SchemaAlignmentError.notANumber(
                    "\(values[row * width + feature])", line: row, column: featureNames[feature], source: source)
            }
        }
    }
}

/// How many values of one feature lay outside its training range, with the first few of them.
public struct OutOfRangeCount: Sendable, Equatable {
    /// How many rows' lines are kept.
    public static let linesKept = 3

    /// The feature.
    public let column: String
    /// The range seen in training.
    public let range: ValueRange
    /// How many values lay outside it.
    public let count: Int
    /// The lines (rows) of the first ``linesKept`` of them.
    public let firstLines: [Int]
    /// The first of them.
    public let firstValue: Double

    /// `values` (one per value out of range, in line order) folded into one count per feature, in
    /// feature-name order.
    static func folding(_ values: [OutOfRangeCount]) -> [OutOfRangeCount] {
        Dictionary(grouping: values, by: \.column).sorted { $0.key < $1.key }.compactMap { column, kept in
            guard let first = kept.first else { return nil }
            return OutOfRangeCount(
                column: column, range: first.range, count: kept.count,
                firstLines: Array(kept.prefix(linesKept).flatMap(\.firstLines)), firstValue: first.firstValue)
        }
    }
}

extension AlignmentReport {
    /// The out-of-range values folded into one count per feature, in feature-name order.
    public var outOfRangeCounts: [OutOfRangeCount] {
        OutOfRangeCount.folding(
            outOfRange.map { OutOfRangeCount(column: $0.column, range: $0.range, count: 1, firstLines: [$0.line], firstValue: $0.value) })
    }
}
