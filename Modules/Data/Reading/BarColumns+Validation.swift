import FerryCore

extension BarColumns {
    /// The bars as a series, after every check a bar file's rows get.
    /// - Throws: ``DataValidationError`` (file `bars`) naming each faulty row by its index from 0
    ///   and its date, and the column.
    public func series(instrument: InstrumentID) throws -> PriceSeries {
        var problems: [DataProblem] = []
        func report(_ row: Int, _ column: String, _ kind: DataProblem.Kind, _ message: String) {
            let date = Timestamp(secondsSinceEpoch: timestamps[row])
            problems.append(DataProblem(file: "bars", line: nil, column: column, kind: kind, message: "row \(row) (\(date)): \(message)"))
        }
        let names = Array(CSVHeader.priceColumns.dropFirst())
        let columns = [open, high, low, close, adjustedClose, volume]
        func refusal(_ kind: DataProblem.Kind, _ message: String) -> DataValidationError {
            DataValidationError(file: "bars", problems: [DataProblem(file: "bars", line: nil, kind: kind, message: message)])
        }
        guard !timestamps.isEmpty else { throw refusal(.noDataRows, "no bars given") }
        if let (name, column) = zip(names, columns).first(where: { $0.1.count != timestamps.count }) {
            throw refusal(.wrongFieldCount, "\(name) has \(column.count) values for \(timestamps.count) dates")
        }
        for row in timestamps.indices {
            if row > 0, timestamps[row] <= timestamps[row - 1] {
                report(row, "Date", timestamps[row] == timestamps[row - 1] ? .dateRepeated : .dateOutOfOrder, "not after the row before it")
            }
            let bar = columns.map { $0[row] }
            let notFinite = zip(names, bar).filter { !$0.1.isFinite }
            for (name, value) in notFinite { report(row, name, .unparsableNumber, "\(name) \(value) is not a finite number") }
            if notFinite.isEmpty {
                for fault in BarRules.faults(of: bar) { report(row, fault.column, fault.kind, fault.message) }
            }
        }
        guard problems.isEmpty else { throw DataValidationError(file: "bars", problems: problems) }
        return try PriceSeries(
            instrument: instrument, timestamps: timestamps.map(Timestamp.init(secondsSinceEpoch:)), open: open, high: high, low: low,
            close: close, adjustedClose: adjustedClose, volume: volume)
    }
}
