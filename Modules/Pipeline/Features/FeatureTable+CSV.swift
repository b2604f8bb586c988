import FerryCore
import FerryFeatures
import Foundation

extension FeatureTable {
    /// The table as CSV: a `Date` column, then one column per feature and target; a missing value is an empty cell.
    ///
    /// Numbers are written in their shortest form that reads back to the same `Double`.
    public func csv() -> String {
        let intraday = frame.index.contains { $0.secondOfDay != 0 }
        let columns = frame.columnNames.map { frame[column: $0] ?? [] }
        var lines = [(["Date"] + frame.columnNames).joined(separator: ",")]
        lines.reserveCapacity(frame.rowCount + 1)
        for row in 0..<frame.rowCount {
            var cells = [intraday ? frame.index[row].isoDateTime : frame.index[row].isoDate]
            for column in columns { cells.append(column[row].isNaN ? "" : "\(column[row])") }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes ``csv()`` to `path` through a temporary file and a rename, so a failure leaves nothing half-written.
    public func writeCSV(to path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw FeatureComputationError(message: "cannot write \(path): the folder \(folder) does not exist")
        }
        do {
            try Data(csv().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FeatureComputationError(message: "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
