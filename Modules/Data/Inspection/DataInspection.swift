import FerryCore

extension DataInspection {
    /// Inspects the file at `path`; reports problems instead of throwing for them.
    public static func inspect(_ path: String, mode: ReadMode) -> DataInspection {
        let file: MarketFile
        do {
            file = try MarketFileReader(mode: .lenient).read(path)
        } catch let error as DataValidationError {
            return refused(path, problems: error.problems)
        } catch {
            return refused(path, problems: [DataProblem(file: path, line: nil, kind: .unreadable, message: "\(error)")])
        }
        let timestamps = file.data.timestamps
        return DataInspection(
            file: path, kind: file.data.kindName, instrument: file.data.id.rawValue, rowsRead: file.rowsRead,
            validRows: timestamps.count, first: timestamps.first, last: timestamps.last,
            frequency: Frequency.infer(from: timestamps), gaps: GapReport(timestamps), missingValues: file.data.missingValues,
            problems: file.dropped, accepted: file.dropped.isEmpty || mode == .lenient)
    }

    private static func refused(_ path: String, problems: [DataProblem]) -> DataInspection {
        DataInspection(
            file: path, kind: "refused", instrument: "", rowsRead: 0, validRows: 0, first: nil, last: nil,
            frequency: nil, gaps: GapReport([]), missingValues: 0, problems: problems, accepted: false)
    }
}
