import FerryBundle
import FerryCore
import FerryData
import FerryFeatures
import FerryModels
import Foundation

/// A bundle opened for prediction by a caller with neither a store nor a command line: verified
/// once (every class), then answering rows of numbers. What an embedding front end (libferry's C
/// functions, the Python package on top of them) calls, so its numbers are the CLI's and the
/// server's to the bit.
///
/// ```swift
/// let model = try BundleModel.open(path: "bundles/SPX-lasso-1.0.0.tar.gz", trust: BundleTrust(plugins: registry))
/// let answer = try model.predict(columns: model.featureNames, rows: rows)
/// print(answer.predictions, answer.warnings)
/// ```
///
/// A model is immutable once open: one instance may predict from many threads at once.
public final class BundleModel: Sendable {
    /// The bundle's name, version, plugin and target, as its manifest says.
    public let name: String, version: String, pluginID: String, pluginVersion: String, target: String?
    /// What the target measures (direction or return).
    public let targetKind: TargetKind
    /// The SHA-256 of the bundle's bytes, hex.
    public let digest: String
    /// The id of the key that signed it, or `nil` when unsigned.
    public let signer: String?
    /// Every verification class with its verdict.
    public let verification: VerificationReport
    /// The features the model reads, in order.
    public var featureNames: [String] { aligner.featureNames }

    private let model: any TrainedModel
    private let aligner: RowAligner
    /// The bundle's feature pipeline; `nil` for a model trained on a plain table.
    private let pipeline: FeaturePipeline?

    /// Rows per block of the in-place path of ``predict(columns:values:rowCount:strict:into:)``:
    /// 2,048 rows of 39 features (624 KiB) stay in the second-level cache between check and predict.
    static let rowsPerBlock = 2_048

    /// The largest bundle ``open(bytes:trust:)`` takes: 512 MiB, as the server's uploads.
    public static let maximumBytes = 512 << 20

    private init(path: String, digest: String, opened: OpenedBundle, model: any TrainedModel, verification: VerificationReport) throws {
        let manifest = opened.contents.manifest
        (name, version, pluginID, pluginVersion) = (
            manifest.name, manifest.version, manifest.plugin.id, manifest.plugin.version.description
        )
        target = manifest.target
        targetKind = opened.contents.schema.resolvedTargetKind
        (self.digest, signer, self.verification, self.model) = (digest, opened.signer, verification, model)
        aligner = RowAligner(schema: model.schema)
        pipeline = opened.contents.pipeline == nil ? nil : try opened.contents.featurePipeline(bundle: path)
    }

    /// Opens the bundle at `path`, verifying every class first.
    /// - Throws: ``FerryError`` `notFound` for a missing file; ``BundleError`` of the first failed class.
    public static func open(path: String, trust: BundleTrust) throws -> BundleModel {
        let (opened, model, report) = try BundleLoader.loadReporting(path, verifier: try trust.verifier())
        return try BundleModel(path: path, digest: try BundleDigest.sha256(of: path), opened: opened, model: model, verification: report)
    }

    /// Opens a bundle held in memory (written to a private temporary file, removed before returning).
    /// - Throws: ``FerryError`` `invalidArgument` for more than ``maximumBytes``; as ``open(path:trust:)`` otherwise.
    public static func open(bytes: [UInt8], trust: BundleTrust) throws -> BundleModel {
        guard bytes.count <= maximumBytes else {
            throw FerryError(.invalidArgument, "a bundle of \(bytes.count) bytes is over the \(maximumBytes)-byte limit")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bundle.tar.gz")
        do {
            try Data(bytes).write(to: file)
        } catch {
            throw FerryError(.io, "\(file.path): cannot be written (\(error.localizedDescription))", cause: error)
        }
        return try open(path: file.path, trust: trust)
    }

    /// Predicts `rows` (each in `columns` order), aligned to the schema with the bundle's own
    /// policies: a missing feature filled with 0 and an extra column dropped, each reported, or
    /// both refused when `strict`. Warnings name fields as `rows[3].sma_5` (rows from 0).
    /// - Returns: One prediction per row (not finite where the model gave none), and the warnings.
    /// - Throws: ``FerryError`` `invalidData` naming the row and field that do not fit.
    public func predict(columns: [String], rows: [[Double]], strict: Bool = false) throws -> (predictions: [Double], warnings: [String]) {
        let aligned = try aligner.align(columns: columns, rows: rows, strict: strict)
        return (try model.predict(aligned.frame), aligned.report.servedWarnings(featureCount: featureNames.count))
    }

    /// Predicts `rowCount` rows laid out one after another in `values` (each in `columns` order)
    /// into `predictions`, as ``predict(columns:rows:strict:)`` does and to the same bits. When the
    /// columns are the schema's and the model predicts from rows in place (``RowMajorPredicting``,
    /// the linear models), nothing is copied into rows or a frame: the values are checked in one
    /// pass and predicted from where they lie.
    /// - Returns: The warnings.
    /// - Throws: ``FerryError`` `invalidData` naming the row and field that do not fit.
    public func predict(
        columns: [String], values: UnsafeBufferPointer<Double>, rowCount: Int, strict: Bool = false,
        into predictions: UnsafeMutableBufferPointer<Double>
    ) throws -> [String] {
        precondition(values.count >= rowCount * columns.count && predictions.count >= rowCount, "buffers smaller than rowCount rows")
        if columns == featureNames, let inPlace = model as? any RowMajorPredicting {
            // Block by block, so the values the check has just read are still in cache when predicted.
            let width = featureNames.count
            var check = aligner.inOrderCheck()
            for first in stride(from: 0, to: rowCount, by: Self.rowsPerBlock) {
                let rows = first..<min(first + Self.rowsPerBlock, rowCount)
                try aligner.checkInOrder(values, rows: rows, with: &check)
                inPlace.predict(
                    rowMajor: UnsafeBufferPointer(rebasing: values[(first * width)..<(rows.upperBound * width)]), rowCount: rows.count,
                    into: UnsafeMutableBufferPointer(rebasing: predictions[rows]))
            }
            return ServedWarnings.lines(filledMissing: [], droppedExtra: [], outOfRange: check.outOfRange, featureCount: width)
        }
        let rows = Self.rows(values, rowCount: rowCount, width: columns.count)
        let answer = try predict(columns: columns, rows: rows, strict: strict)
        _ = predictions.update(fromContentsOf: answer.predictions)
        return answer.warnings
    }

    /// Predicts the last of `rowCount` rows laid out one after another in `values` (each in
    /// `columns` order) alone, aligned as ``predict(columns:rows:strict:)`` aligns: the serving
    /// case of a model that reads a window of rows (give it the last `lookback` rows, or more),
    /// which then computes one window instead of one per row. For a model that reads one row at a
    /// time it is the last of ``predict(columns:rows:strict:)``, to the bit. Rows already in the
    /// schema's order are checked in place (``InOrderCheck``), not aligned cell by cell; a caller
    /// that will not show the warnings passes `reportingWarnings: false` and saves their wording.
    /// - Returns: The prediction (not finite where the model gives none), and the warnings.
    /// - Throws: ``FerryError`` `invalidData` naming the row and field that do not fit.
    public func predictLast(
        columns: [String], values: UnsafeBufferPointer<Double>, rowCount: Int, strict: Bool = false, reportingWarnings: Bool = true
    ) throws -> (prediction: Double, warnings: [String]) {
        precondition(values.count >= rowCount * columns.count, "a buffer smaller than rowCount rows")
        let width = columns.count
        guard columns == featureNames else {
            let rows = Self.rows(values, rowCount: rowCount, width: width)
            let aligned = try aligner.align(columns: columns, rows: rows, strict: strict)
            return (try model.predictLast(aligned.frame), aligned.report.servedWarnings(featureCount: width))
        }
        var check = aligner.inOrderCheck()
        try aligner.checkInOrder(values, rows: 0..<rowCount, with: &check)
        let frame = try Frame(
            index: (0..<rowCount).map { Timestamp(secondsSinceEpoch: Int64($0)) },
            columns: featureNames.indices.map { feature in
                (featureNames[feature], (0..<rowCount).map { values[$0 * width + feature] })
            })
        let warnings =
            reportingWarnings
            ? ServedWarnings.lines(filledMissing: [], droppedExtra: [], outOfRange: check.outOfRange, featureCount: width) : []
        return (try model.predictLast(frame), warnings)
    }

    /// `rowCount` rows of `width` values, one after another in `values`, as one array each (the
    /// aligner's input when the columns are not the schema's).
    private static func rows(_ values: UnsafeBufferPointer<Double>, rowCount: Int, width: Int) -> [[Double]] {
        (0..<rowCount).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
    }

    /// Computes the model's features from raw bars with the pipeline the bundle carries, as
    /// `ferry predict --data` does from a bar file: the warm-up rows dropped, the features in
    /// schema order, ready for ``predict(columns:rows:strict:)``.
    /// - Parameters:
    ///   - bars: One instrument's bars, checked by the rules a bar file's rows obey.
    ///   - reference: The second series the features read (the one the model was trained with), on
    ///     its own dates; it is laid onto the bars' dates with past observations only.
    /// - Returns: The rows of features, from the first bar past the warm-up.
    /// - Throws: ``DataValidationError`` naming each faulty bar; ``FerryError`` `refused` for a
    ///   model trained on a plain table, `invalidArgument` when the reference is needed and missing.
    public func features(bars: BarColumns, reference: MacroSeries? = nil) throws -> FeatureRows {
        guard let pipeline else {
            throw FerryError(
                .refused,
                "\(name) \(version) was trained on a plain table; it carries no feature pipeline to compute features from bars with")
        }
        if pipeline.needsReference, reference == nil {
            throw FerryError(
                .invalidArgument, "\(name) \(version)'s features need a reference series (the one it was trained with), and none was given",
                field: "reference")
        }
        let series = try bars.series(instrument: InstrumentID(name))
        let computation = FeatureComputation(pipeline: pipeline)
        let aligned = reference.map { computation.alignedReference($0, onto: series) }
        let table = try pipeline.compute(try FeatureInput(series: series, reference: aligned))
        let frame = try table.frame.selecting(featureNames)
        let values = (0..<frame.rowCount).flatMap { frame.row($0) }
        return FeatureRows(columns: featureNames, firstBar: table.droppedWarmUpRows, values: values)
    }
}

/// Features computed from bars by ``BundleModel/features(bars:reference:)``: one row per bar
/// from ``firstBar`` on (the bars before it are the warm-up), the model's features in order.
public struct FeatureRows: Sendable {
    /// The feature names, in schema order: the columns of each row.
    public let columns: [String]
    /// The index of the bar the first row belongs to; row `i` belongs to bar `firstBar + i`.
    public let firstBar: Int
    /// The rows, one after another (`columns.count` values each).
    public let values: [Double]

    /// How many rows there are.
    public var rowCount: Int { columns.isEmpty ? 0 : values.count / columns.count }
}
