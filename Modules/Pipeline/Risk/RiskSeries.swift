import FerryCore
import FerryData
import FerryRisk
import Foundation

/// One return series read from a CSV column, ready for ``ReturnStatistics``.
public struct RiskSeries: Sendable {
    /// What a column holds.
    public enum Kind: String, Codable, Sendable {
        /// Simple returns.
        case returns
        /// Prices, whose simple returns are taken.
        case prices
    }

    /// The file it came from.
    public let file: String
    /// The column.
    public let column: String
    /// What the column held.
    public let kind: Kind
    /// The returns, in date order.
    public let returns: [Double]
    /// The date of each return.
    public let dates: [Timestamp]

    /// The series of `path` (strictly read: a gap or unreadable cell is refused with its line).
    /// - Parameters:
    ///   - path: The CSV file to read.
    ///   - kind: Whether its columns hold prices or returns.
    ///   - columns: The columns to take; empty for every column, or `Adj Close` of a file of prices that has one.
    /// - Returns: One series per column taken.
    /// - Throws: ``FerryError`` naming the file, line and column that cannot be read.
    public static func read(_ path: String, kind: Kind, columns: [String]) throws -> [RiskSeries] {
        let frame = try NumericTableReader().read(path)
        let chosen =
            columns.isEmpty ? (kind == .prices && frame.columnNames.contains("Adj Close") ? ["Adj Close"] : frame.columnNames) : columns
        return try chosen.map { column in
            guard let values = frame[column: column] else {
                throw FerryError(.invalidData, "\(path) has no column '\(column)'; it has \(frame.columnNames.joined(separator: ", "))")
            }
            do {
                switch kind {
                case .returns:
                    return RiskSeries(file: path, column: column, kind: kind, returns: values, dates: frame.index)
                case .prices:
                    return RiskSeries(
                        file: path, column: column, kind: kind, returns: try SimpleReturns.of(prices: values),
                        dates: Array(frame.index.dropFirst()))
                }
            } catch let error as ReturnSeriesError {
                throw Self.located(error, file: path, column: column, rowOffset: 0)
            }
        }
    }

    /// The statistics of this series under `model`.
    public func statistics(_ model: ReturnStatistics) throws -> RiskReport.Series {
        do {
            return RiskReport.Series(
                file: file, column: column, kind: kind, observations: returns.count, first: dates.first, last: dates.last,
                statistics: try model.statistics(returns: returns))
        } catch let error as ReturnSeriesError {
            // A return's row is one past its price's when prices were read.
            throw Self.located(error, file: file, column: column, rowOffset: kind == .prices ? 1 : 0)
        }
    }

    /// `error` with the file's line (a header line, then one line per row) in front.
    private static func located(_ error: ReturnSeriesError, file: String, column: String, rowOffset: Int) -> FerryError {
        guard let row = error.row else { return FerryError(.invalidData, "\(file), column \(column): \(error.message)") }
        return FerryError(.invalidData, "\(file):\(row + rowOffset + 2): column \(column): \(error.message)")
    }
}

/// Statistics of every series asked for.
public struct RiskReport: Codable, Sendable {
    /// The statistics of one series.
    public struct Series: Codable, Sendable {
        /// The file.
        public let file: String
        /// The column.
        public let column: String
        /// Whether the column held returns or prices.
        public let kind: RiskSeries.Kind
        /// Returns used.
        public let observations: Int
        /// The first return's date.
        public let first: Timestamp?
        /// The last return's date.
        public let last: Timestamp?
        /// `sharpe`, `sortino`, `annual_return`, ... (see ``ReturnStatistics``).
        public let statistics: MetricSet
    }

    /// Periods per year used for annualising.
    public let periodsPerYear: Double
    /// The VaR and CVaR confidence.
    public let confidence: Double
    /// One entry per series, in the order asked.
    public let series: [Series]

    /// Makes a report.
    public init(periodsPerYear: Double, confidence: Double, series: [Series]) {
        self.periodsPerYear = periodsPerYear
        self.confidence = confidence
        self.series = series
    }
}
