import ArgumentParser
import FerryCore
import FerryPipeline

/// `ferry data inspect FILE...`: rows, date range, frequency, gaps and problems of each file.
struct DataInspectCommand: ReportingCommand {
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

    @Argument(help: "CSV files to inspect (default: the embedded data set).") var files: [String] = []
    @Flag(help: "Drop faulty rows and report each one instead of refusing the file.") var lenient = false
    @OptionGroup var output: JSONOption
    @Option(help: "The embedded data folder, when no FILE is given.") var dataDir: String?
    @OptionGroup var global: GlobalOptions

    static let offersLenient = true

    func perform() throws {
        let logger = global.logger(for: "data.inspect")
        let job = DataInspectionJob(files: files, dataDirectory: dataDir, mode: lenient ? .lenient : .strict)
        let reports = try job.run(logger: logger)
        if output.json {
            try printJSON(reports)
        } else {
            print(reports.map(InspectionText.render).joined(separator: "\n"))
        }
        let refused = reports.filter { !$0.accepted }
        if !refused.isEmpty {
            printError(
                "ferry: error: \(refused.count) of \(reports.count) files refused: \(refused.map(\.file).joined(separator: ", "))")
            throw FerryExitCode.dataRefused
        }
    }
}
