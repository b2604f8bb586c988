import FerryCore
import Foundation

/// The real market data shipped in the repository's `data/` folder: Ferry's default input.
public enum EmbeddedDataSet {
    /// The S&P 500 daily bars: the demo's main instrument.
    public static let primary = "SPX.csv"
    /// The other bar files.
    public static let otherInstruments = ["GOOG.csv", "EURUSD-1h.csv"]
    /// The macro series joined onto instruments' dates.
    public static let macro = "WTI.csv"

    /// The primary instrument's name.
    public static var primaryID: InstrumentID { InstrumentID(stem(primary)) }
    /// The macro series' name.
    public static var macroID: InstrumentID { InstrumentID(stem(macro)) }

    private static func stem(_ file: String) -> String { (file as NSString).deletingPathExtension }

    /// Every embedded file, primary first.
    public static var allFiles: [String] { [primary] + otherInstruments + [macro] }

    /// Where the data folder is: `explicit` if given, else `$FERRY_DATA`, else `./data`, else the
    /// repository's `data/` this build came from. Throws, naming every place it looked, if none holds the files.
    public static func directory(explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> String
    {
        let repositoryData = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data").path
        let candidates = explicit.map { [$0] } ?? [environment["FERRY_DATA"], "data", repositoryData].compactMap { $0 }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: (candidate as NSString).appendingPathComponent(primary)) {
            return candidate
        }
        throw EmbeddedDataError(searched: candidates, file: primary)
    }

    /// The paths of the embedded files in `directory`.
    public static func paths(in directory: String) -> [String] {
        allFiles.map { (directory as NSString).appendingPathComponent($0) }
    }
}
