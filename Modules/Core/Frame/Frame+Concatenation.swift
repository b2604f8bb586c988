extension Frame {
    /// The rows of `frames` one after another; throws ``FrameError`` unless all have the same columns in the same order.
    public static func concatenating(_ frames: [Frame]) throws -> Frame {
        guard let first = frames.first else { return try Frame(index: []) }
        var index: [Timestamp] = []
        var columns = [[Double]](repeating: [], count: first.columnNames.count)
        for frame in frames {
            guard frame.columnNames == first.columnNames else {
                let missing = Set(first.columnNames).symmetricDifference(frame.columnNames).sorted()
                throw FrameError.unknownColumn(missing.first ?? "?", available: first.columnNames)
            }
            index += frame.index
            for (position, name) in frame.columnNames.enumerated() { columns[position] += frame[column: name] ?? [] }
        }
        return Frame(unchecked: index, names: first.columnNames, columns: columns)
    }
}
