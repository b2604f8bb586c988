/// A table of numbers with a time index, stored column by column.
///
/// Every column has one `Double` per index entry; a missing value is `Double.nan`. Column order
/// is kept, because a model's feature schema is an ordered list and predictions depend on it.
public struct Frame: Sendable, Equatable {
    /// The time of each row.
    public let index: [Timestamp]
    /// Column names, in order.
    public private(set) var columnNames: [String]
    private var columns: [[Double]]
    private var positions: [String: Int]

    /// Makes a frame; throws ``FrameError`` for a column of the wrong length or a repeated name.
    public init(index: [Timestamp], columns: [(name: String, values: [Double])] = []) throws {
        self.index = index
        columnNames = []
        self.columns = []
        positions = [:]
        columnNames.reserveCapacity(columns.count)
        self.columns.reserveCapacity(columns.count)
        positions.reserveCapacity(columns.count)
        for column in columns { try addColumn(column.name, values: column.values) }
    }

    /// Makes a frame from parts already known to fit (same lengths, unique names).
    init(unchecked index: [Timestamp], names: [String], columns: [[Double]]) {
        self.index = index
        columnNames = names
        self.columns = columns
        positions = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    /// How many rows the frame holds.
    public var rowCount: Int { index.count }

    /// The values of the named column, or `nil` if there is none.
    public subscript(column name: String) -> [Double]? {
        positions[name].map { columns[$0] }
    }

    /// The values of the named column; throws ``FrameError`` naming the columns there are.
    public func values(of name: String) throws -> [Double] {
        guard let values = self[column: name] else { throw FrameError.unknownColumn(name, available: columnNames) }
        return values
    }

    /// Appends a column; throws ``FrameError`` if its length differs from the index or its name is taken.
    public mutating func addColumn(_ name: String, values: [Double]) throws {
        guard values.count == index.count else {
            throw FrameError.lengthMismatch(column: name, expected: index.count, actual: values.count)
        }
        if let taken = positions.updateValue(columns.count, forKey: name) {
            positions[name] = taken
            throw FrameError.duplicateColumn(name)
        }
        columnNames.append(name)
        columns.append(values)
    }

    /// The rows in `range`, every column kept (the frame itself when that is every row).
    public func rows(_ range: Range<Int>) -> Frame {
        if range == 0..<rowCount { return self }
        return Frame(unchecked: Array(index[range]), names: columnNames, columns: columns.map { Array($0[range]) })
    }

    /// The named columns in the given order (the frame itself when they are its columns in order);
    /// throws ``FrameError`` for a name the frame lacks.
    public func selecting(_ names: [String]) throws -> Frame {
        if names == columnNames { return self }
        var selected = try Frame(index: index)
        for name in names { try selected.addColumn(name, values: values(of: name)) }
        return selected
    }

    /// One row's values, in column order.
    public func row(_ position: Int) -> [Double] { columns.map { $0[position] } }
}
