/// Where an indicator writes one column: it computes every row from the first bar on, and the
/// rows from `first` on are stored.
///
/// A pipeline that drops its warm-up hands each indicator the table's own column, so every kept
/// row is written once, in its final place: no column of `nan` to fill first, and no whole column
/// to move up afterwards. An indicator writes every row (`nan` during its own warm-up); rows
/// before `first` are computed, as the running sums need them, but not stored.
struct ColumnOutput {
    /// How many rows the indicator computes: the input's length.
    let rows: Int
    /// The first row stored; rows before it are dropped.
    let first: Int
    /// The kept rows: row `i` is stored at `i - first`.
    private let kept: UnsafeMutableBufferPointer<Double>

    /// An output of `rows` rows whose rows from `first` on go to `kept`, which holds exactly those.
    init(rows: Int, first: Int, kept: UnsafeMutableBufferPointer<Double>) {
        precondition(first >= 0 && kept.count == rows - first, "the kept rows' buffer fits the rows from `first` on")
        self.rows = rows
        self.first = first
        self.kept = kept
    }

    /// Row `row`: setting it stores the value when the row is kept; reading is for kept rows only.
    @inline(__always) subscript(row: Int) -> Double {
        get { kept[row - first] }
        nonmutating set { if row >= first { kept[row - first] = newValue } }
    }

    /// Writes `nan` into every row before `end`.
    func fillNaN(upTo end: Int) {
        for row in first..<max(first, min(end, rows)) { kept[row - first] = .nan }
    }

    /// Writes `nan` into every row before `end` of each of `outputs`.
    static func fillNaN(_ outputs: [ColumnOutput], upTo end: Int) {
        for output in outputs { output.fillNaN(upTo: end) }
    }

    /// Writes `value(row)` into every kept row from `start` on; rows are computed independently, so
    /// dropped rows are never computed.
    @inline(__always) func fill(from start: Int = 0, _ value: (Int) -> Double) {
        let begin = max(first, start)
        guard begin < rows else { return }
        for row in begin..<rows { kept[row - first] = value(row) }
    }

    /// Replaces every kept row's value `v` with `change(row, v)`.
    @inline(__always) func update(_ change: (Int, Double) -> Double) {
        for row in first..<rows { kept[row - first] = change(row, kept[row - first]) }
    }

    /// Copies the kept rows of `column`, a whole column of `rows` values.
    func copy(_ column: [Double]) {
        column.withUnsafeBufferPointer { source in
            guard rows > first, let from = source.baseAddress, let to = kept.baseAddress else { return }
            to.update(from: from + first, count: rows - first)
        }
    }

    /// A whole column of `rows` values, every one written by `write`.
    static func column(_ rows: Int, _ write: (ColumnOutput) -> Void) -> [Double] {
        columns(1, rows: rows) { write($0[0]) }[0]
    }

    /// `count` columns holding the rows from `first` on of `rows`, made on the calling thread and
    /// written by `write`, which must write every row of every output (it may hand them to other threads).
    ///
    /// Nothing is written before `write` runs: each column's pages are first touched by the
    /// indicator that computes it. If `write` throws, the columns are discarded.
    static func columns(_ count: Int, rows: Int, first: Int = 0, _ write: ([ColumnOutput]) throws -> Void) rethrows
        -> [[Double]]
    {
        var outputs: [ColumnOutput] = []
        var made: [[Double]] = []
        /// Makes the next column and, inside its initializer, the rest; `write` runs inside the last.
        func make(_ remaining: Int) throws {
            guard remaining > 0 else { return try write(outputs) }
            let column = try [Double](unsafeUninitializedCapacity: rows - first) { buffer, initialized in
                [Double].adviseHugePages(buffer)
                outputs.append(ColumnOutput(rows: rows, first: first, kept: buffer))
                try make(remaining - 1)
                initialized = rows - first
            }
            made.append(column)
        }
        try make(count)
        return made.reversed()  // the innermost column is finished first
    }
}

// Each output is written by one task at a time, into a buffer no other output overlaps.
extension ColumnOutput: @unchecked Sendable {}
