import FerryCore
import FerryData

/// What a command reads when it is given no files: the real market data embedded in the
/// repository (`data/`). Decided here once, so every front end falls back the same way.
public enum DefaultInputs {
    /// The embedded data folder: `explicit` when given, else `$FERRY_DATA`, else `./data`, else
    /// the `data/` of the repository this build came from.
    /// - Throws: `EmbeddedDataError` naming every folder looked in, when none holds the files.
    public static func directory(_ explicit: String? = nil) throws -> String { try EmbeddedDataSet.directory(explicit: explicit) }

    /// Every embedded file (the primary bars first, the macro series last).
    /// - Throws: `EmbeddedDataError` when the folder is not found.
    public static func allFiles(in explicit: String? = nil) throws -> [String] { EmbeddedDataSet.paths(in: try directory(explicit)) }

    /// The primary bars file: the S&P 500 daily bars.
    /// - Throws: `EmbeddedDataError` when the folder is not found.
    public static func primaryBars() throws -> String { try allFiles()[0] }
}
