import FerryCore
import FerryData
import FerryMonitoring

/// Compares two CSV tables of the same columns for drift, as `ferry drift` does: each read
/// strictly (a gap is allowed, an unreadable cell is refused with its line), then every shared
/// column tested (KS, PSI, Wasserstein, mean shift) with the analysis's correction.
public struct TableDrift: Sendable {
    /// The tests and their significance level.
    public var analysis: DriftAnalysis

    /// Makes the comparison.
    public init(analysis: DriftAnalysis = DriftAnalysis()) { self.analysis = analysis }

    /// Reads both files and compares them.
    /// - Returns: The drift of each column, and the share that drifted.
    /// - Throws: `DataValidationError` naming the file and line that cannot be read.
    public func compare(reference: String, current: String) throws -> DriftReport {
        let reader = NumericTableReader(allowMissing: true)
        return try analysis.compare(reference: reader.read(reference), current: reader.read(current))
    }
}
