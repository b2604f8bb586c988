import FerryBundle
import FerryCore
import FerryData
import FerryMonitoring

/// Compares two CSV tables of the same columns for drift, as `ferry drift` does: each read
/// strictly (a gap is allowed, an unreadable cell is refused with its line), then every shared
/// column tested (KS, PSI, Wasserstein, mean shift) with the analysis's correction. The reference
/// may instead be a bundle's training quantiles (format 2), so served rows are tested against
/// the rows that trained the model without the training table at hand.
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

    /// Tests the current table against the training distribution a format 2 bundle carries: each
    /// feature's 101 training quantiles (0%, 1%, … 100%) stand for its training values. The KS
    /// p-values then count the reference as 101 values, fewer than trained the model, so they are
    /// conservative (a shift must be plainer to be called drift); PSI's bins are the quantiles'.
    /// - Returns: The drift of each feature the table holds.
    /// - Throws: ``BundleError`` when the bundle's integrity fails; ``FerryError`` `refused` when it
    ///   keeps no training quantiles (format 1); `DataValidationError` for an unreadable table.
    public func compare(bundle: String, current: String) throws -> DriftReport {
        try BundleLoader.requireFile(bundle)
        let schema = try BundleReader().read(bundle).contents.schema
        let sketched = schema.features.compactMap { field in field.trainingQuantiles.map { (name: field.name, values: $0) } }
        guard !sketched.isEmpty else {
            throw FerryError(
                .refused,
                "\(bundle) keeps no training quantiles (bundles before format 2 do not); compare against a reference table instead")
        }
        let index = (0..<FeatureField.quantileCount).map { Timestamp(secondsSinceEpoch: Int64($0)) }
        let reference = try Frame(index: index, columns: sketched)
        return try analysis.compare(reference: reference, current: NumericTableReader(allowMissing: true).read(current))
    }
}
