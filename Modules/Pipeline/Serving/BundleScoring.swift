import FerryBundle
import FerryCore
import FerryData
import FerryFeatures
import FerryStore
import Foundation

/// Scores rows with a model, from a bundle file or the registry: bar files through the bundle's
/// own feature pipeline, or a feature table aligned to its schema. What `ferry predict` runs;
/// nothing is written anywhere, and the store is only read when the model is a registered one.
///
/// ```swift
/// let scoring = BundleScoring(model: .bundle("bundles/SPX-lasso-1.0.0.tar.gz"), input: .bars(["data/SPX.csv"], reference: "data/WTI.csv"))
/// let scored = try scoring.run(verifier: verifier)
/// for row in scored.rows { print(row.date, row.instrument, row.prediction) }
/// ```
public struct BundleScoring: Sendable {
    /// Where the model comes from.
    public enum Model: Sendable {
        /// A bundle file.
        case bundle(String)
        /// A registered model (`NAME`, `NAME@ALIAS`, `NAME@VERSION`) in a store.
        case registered(String, store: Store)
    }

    /// What is scored.
    public enum Input: Sendable {
        /// Bar files, one per instrument, and the second series the features may need.
        case bars([String], reference: String?)
        /// A CSV table of features (a `Date` column optional).
        case table(String)
    }

    /// The model.
    public var model: Model
    /// The rows.
    public var input: Input
    /// Refuse a feature table that lacks a feature or has a column the model does not read,
    /// instead of filling and dropping. (Bars need none: the bundle's pipeline computes every feature.)
    public var strict = false

    /// Makes the use case.
    public init(model: Model, input: Input) {
        self.model = model
        self.input = input
    }

    /// Verifies and loads the model, then scores every row; throws ``FerryError`` or the
    /// ``BundleError`` of the first failed check.
    public func run(verifier: BundleVerifier) throws -> ScoredRows {
        let path: String
        switch model {
        case let .bundle(bundle): path = bundle
        case let .registered(reference, store):
            path = try RegisteredBundleFiles(store: store).required(try store.resolve(ModelReference(reference))).path
        }
        var rows: [ScoredRows.Row] = []
        var warnings: [String] = []
        let manifest: BundleManifest
        switch input {
        case let .bars(paths, reference):
            guard !paths.isEmpty else { throw FerryError(.invalidArgument, "no bar files given to score", field: "data") }
            let predictor = try BundlePredictor(bundle: path, verifier: verifier)
            manifest = predictor.contents.manifest
            let reader = MarketFileReader()
            for file in paths {
                let scored = try predictor.predictions(for: file, reference: reference, reader: reader)
                let instrument = scored.series.instrument.rawValue
                rows += zip(scored.features.index, scored.predictions).map {
                    ScoredRows.Row(date: $0.0, instrument: instrument, prediction: $0.1)
                }
            }
        case let .table(file):
            let (bundle, model) = try BundleLoader.load(path, verifier: verifier)
            manifest = bundle.contents.manifest
            let frame = try NumericTableReader().read(file)
            let columns = frame.columnNames.map { frame[column: $0] ?? [] }
            let table = (0..<frame.rowCount).map { row in columns.map { $0[row] } }
            let aligned = try RowAligner(schema: model.schema).align(
                columns: frame.columnNames, rows: table, strict: strict, source: file, firstLine: 2)
            warnings = aligned.report.warnings
            let instrument = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            rows = zip(frame.index, try model.predict(aligned.frame)).map {
                ScoredRows.Row(date: $0.0, instrument: instrument, prediction: $0.1)
            }
        }
        return ScoredRows(model: manifest.name, version: manifest.version, rows: rows, warnings: warnings)
    }
}

/// What ``BundleScoring`` scored: one prediction per row, in the files' order.
public struct ScoredRows: Codable, Sendable, Equatable {
    /// One scored row.
    public struct Row: Codable, Sendable, Equatable {
        /// The row's date (its position as a day count when the table had no `Date` column).
        public let date: Timestamp
        /// The instrument (the bar file's series, or the table file's name).
        public let instrument: String
        /// The prediction; not finite where the model gave no number.
        public let prediction: Double
    }

    /// The model's name.
    public let model: String
    /// Its version.
    public let version: String
    /// The scored rows.
    public let rows: [Row]
    /// What schema alignment filled, dropped or flagged (tables).
    public let warnings: [String]

    /// The rows as CSV: `Date,instrument,prediction`, an empty cell where there is no number.
    public var csv: String {
        var text = "Date,instrument,prediction\n"
        for row in rows { text += "\(row.date.iso8601),\(row.instrument),\(row.prediction.isFinite ? "\(row.prediction)" : "")\n" }
        return text
    }
}
