/// Which rows trained, validated and tested a model: each set's size and dates, and the rows
/// purged between them. A run record keeps it, and a bundle's manifest carries it (`splits`), so
/// an auditor can refit exactly the rows that trained the model.
public struct SplitSummary: Codable, Sendable, Equatable {
    /// One set of the split.
    public struct RowSet: Codable, Sendable, Equatable {
        /// How many rows.
        public let rows: Int
        /// The first row's date.
        public let first: Timestamp?
        /// The last row's date.
        public let last: Timestamp?

        /// Describes a set from its size and dates.
        public init(rows: Int, first: Timestamp?, last: Timestamp?) {
            self.rows = rows
            self.first = first
            self.last = last
        }

        /// Describes the rows of `frame`.
        public init(_ frame: Frame) {
            self.init(rows: frame.rowCount, first: frame.index.min(), last: frame.index.max())
        }
    }

    /// Training rows.
    public let train: RowSet
    /// Validation rows.
    public let validation: RowSet
    /// Test rows.
    public let test: RowSet
    /// Rows purged before each evaluation set.
    public let gap: Int

    /// Describes a split from its three sets and the gap.
    public init(train: RowSet, validation: RowSet, test: RowSet, gap: Int) {
        self.train = train
        self.validation = validation
        self.test = test
        self.gap = gap
    }
}
