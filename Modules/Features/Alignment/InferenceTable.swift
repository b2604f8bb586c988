import FerryCore

/// An inference table as it arrives (from a CSV file or a request): named columns of text cells.
///
/// A column named `Date` (any case) is the row index, not a feature; without one, rows are
/// indexed by position.
public struct InferenceTable: Sendable, Equatable {
    /// The column names, in the order given.
    public let columns: [String]
    /// The rows, one text cell per column.
    public let rows: [[String]]
    /// Where the table came from, for error messages (a file name, or `request`).
    public let source: String
    /// The line of the first row in `source` (2 for a CSV file with a header), so errors can name lines.
    public let firstLine: Int

    /// Makes a table; rows shorter or longer than `columns` are refused when aligned.
    public init(columns: [String], rows: [[String]], source: String = "input", firstLine: Int = 2) {
        self.columns = columns
        self.rows = rows
        self.source = source
        self.firstLine = firstLine
    }
}
