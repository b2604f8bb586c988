import ArgumentParser
import FerryData

/// `ferry data inspect FILE...`: rows, date range, frequency, gaps and problems of each file.
struct DataInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Report rows, date range, gaps and problems of market data files.",
        discussion: """
            Reads Yahoo-Finance bar files (Date,Open,High,Low,Close,Adj Close,Volume) and FRED series \
            (Date,<name>, '.' for a missing day). Every problem is named with its file and line. \
            Exits 65 if a file is refused: in strict mode (the default) any problem refuses it; with \
            --lenient only problems of the whole file do, and faulty rows are dropped and listed. \
            With no FILE, inspects the embedded data.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "CSV files to inspect (default: the embedded data set).")
    var files: [String] = []

    @Flag(help: "Drop faulty rows and report each one instead of refusing the file.")
    var lenient = false

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: "The embedded data folder, when no FILE is given.")
    var dataDir: String?

    func run() throws {
        try reportingFailures(offersLenient: true) {
            let logger = global.logger(for: "data.inspect")
            let paths = files.isEmpty ? EmbeddedDataSet.paths(in: try EmbeddedDataSet.directory(explicit: dataDir)) : files
            let mode: ReadMode = lenient ? .lenient : .strict
            let reports = paths.map { path in
                logger.step("inspect", reading: ["file": .string(path)], producing: { ["rows": .stringConvertible($0.validRows), "problems": .stringConvertible($0.problems.count)] }) {
                    DataInspection.inspect(path, mode: mode)
                }
            }
            if json {
                try printJSON(reports)
            } else {
                print(reports.map(InspectionText.render).joined(separator: "\n"))
            }
            let refused = reports.filter { !$0.accepted }
            if !refused.isEmpty {
                printError("ferry: error: \(refused.count) of \(reports.count) files refused: \(refused.map(\.file).joined(separator: ", "))")
                throw FerryExitCode.dataRefused
            }
        }
    }
}
