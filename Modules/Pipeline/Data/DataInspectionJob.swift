import FerryCore
import FerryData
import Logging

/// Inspects market data files as `ferry data inspect` does: each file's rows, dates, frequency,
/// gaps and every problem with its line, accepted or refused under the read mode. Problems are
/// reported, not thrown.
///
/// ```swift
/// let reports = try DataInspectionJob(files: ["data/SPX.csv"], mode: .strict).run(logger: logger)
/// print(reports.filter { !$0.accepted }.map(\.file))
/// ```
public struct DataInspectionJob: Sendable {
    /// The files to inspect; empty for the embedded data set.
    public var files: [String]
    /// The embedded data folder, when ``files`` is empty (see ``DefaultInputs/directory(_:)``).
    public var dataDirectory: String?
    /// Strict refuses a file for any problem; lenient only for problems of the whole file.
    public var mode: ReadMode

    /// Makes the job.
    public init(files: [String], dataDirectory: String? = nil, mode: ReadMode) {
        self.files = files
        self.dataDirectory = dataDirectory
        self.mode = mode
    }

    /// Inspects each file in turn, logging what it read.
    /// - Returns: One report per file, in order.
    /// - Throws: `EmbeddedDataError` when no file is given and the embedded data is not found.
    public func run(logger: Logger) throws -> [DataInspection] {
        let paths = files.isEmpty ? try DefaultInputs.allFiles(in: dataDirectory) : files
        return paths.map { path in
            logger.step(
                "inspect", reading: ["file": .string(path)],
                producing: { ["rows": .stringConvertible($0.validRows), "problems": .stringConvertible($0.problems.count)] }
            ) {
                DataInspection.inspect(path, mode: mode)
            }
        }
    }
}
