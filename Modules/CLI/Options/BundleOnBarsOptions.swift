import ArgumentParser
import FerryCore

/// The bundle a command loads, the bar files it predicts on (one per instrument), and what the
/// bundle's features and signature need: `--bundle`, `--data`, `--with`, `--trusted-keys`.
struct BundleOnBarsOptions: ParsableArguments {
    @Option(help: "The bundle (.tar.gz).") var bundle: String
    @Option(help: "A bar file, one per instrument; repeat for several.") var data: [String]
    @OptionGroup var input: BundleInputOptions
}

/// Which rows a command grades or compares: `--from DATE` and `--window N`.
struct RowWindowOptions: ParsableArguments {
    @Option(help: "Only rows on or after this date (YYYY-MM-DD).") var from: String?
    @Option(help: "Only the last N rows (monitor: with the N before them as the previous period).") var window: Int?

    /// `--from` as a date; refused unless it is one.
    func fromDate() throws -> Timestamp? { try DateOption.parse(from, flag: "--from") }
}

/// Reads a `YYYY-MM-DD` option value.
enum DateOption {
    /// `text` as a date, or `nil` when it is `nil`; a usage error naming `flag` otherwise.
    static func parse(_ text: String?, flag: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let date = Timestamp(iso8601: text) else { throw ValidationError("\(flag) takes a date as YYYY-MM-DD, not '\(text)'") }
        return date
    }
}
