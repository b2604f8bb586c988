import FerryBundle
import FerryCore
import FerryData
import FerryStore
import Foundation

/// The daily batch: scores every instrument for one day with a registered model and writes the
/// predictions to the store's log in one transaction. A second run for the same day and model
/// version writes nothing; a run stopped midway leaves no partial batch. It also records the
/// realised values of the model's target that the files already hold (earlier days, whose future
/// is in the file), so monitoring can grade what was served, through the API or by batch.
public struct BatchJob: Sendable {
    /// The model, `NAME`, `NAME@ALIAS` or `NAME@VERSION`.
    public var model: ModelReference
    /// One bar file per instrument (the instrument is the file's stem).
    public var dataPaths: [String]
    /// The second series the model's features need, if any.
    public var reference: String?
    /// The day to score; by default the last day every file has.
    public var asOf: Timestamp?

    /// Makes a job.
    public init(model: ModelReference, dataPaths: [String], reference: String? = nil, asOf: Timestamp? = nil) {
        self.model = model
        self.dataPaths = dataPaths
        self.reference = reference
        self.asOf = asOf
    }

    /// What a run did.
    public struct Outcome: Sendable, Codable, Equatable {
        /// The model's name and the version that scored.
        public let model: String
        public let version: String
        /// The day scored.
        public let asOf: String
        /// One prediction per instrument, by instrument (`nil` where the model had none).
        public let predictions: [String: Double?]
        /// Instruments left out, with why (no bar that day).
        public let skipped: [String: String]
        /// Whether this run wrote the batch (false: it was already there).
        public let written: Bool
        /// How many realised target values (by instrument and day) were new or changed (a rerun: 0).
        public let outcomesRecorded: Int
    }

    /// Resolves the model in `store`, verifies and loads its bundle, scores, and writes the batch;
    /// a paused reference scores nothing and throws ``ModelPausedError`` with the pause's reason.
    public func run(store: Store, verifier: BundleVerifier) throws -> Outcome {
        guard !dataPaths.isEmpty else {
            throw FerryError(.invalidArgument, "no data files given; the batch needs one bar file per instrument")
        }
        if let pause = try store.pause(name: model.name, alias: model.selector ?? "") { throw ModelPausedError(pause) }
        let entry = try RegisteredBundleFiles(store: store).required(try store.resolve(model))
        let predictor = try BundlePredictor(bundle: entry.path, verifier: verifier)
        let reader = MarketFileReader()
        var scored: [(instrument: String, dates: [Timestamp], predictions: [Double], realised: [Double])] = []
        let target = predictor.contents.manifest.target ?? ""
        for path in dataPaths {
            let result = try predictor.predictions(for: path, reference: reference, reader: reader)
            scored.append(
                (result.series.instrument.rawValue, result.features.index, result.predictions, result.table.frame[column: target] ?? []))
        }
        guard let day = asOf ?? scored.compactMap(\.dates.last).min() else { throw FerryError(.invalidData, "the data files hold no bars") }
        var rows: [ScoredRow] = []
        var skipped: [String: String] = [:]
        for instrument in scored.sorted(by: { $0.instrument < $1.instrument }) {
            guard let row = instrument.dates.firstIndex(of: day) else {
                skipped[instrument.instrument] = "no bar on \(day.iso8601)"
                continue
            }
            let value = instrument.predictions[row]
            rows.append(ScoredRow(instrument: instrument.instrument, asOf: day.iso8601, value: value.isFinite ? value : nil))
        }
        guard !rows.isEmpty else { throw FerryError(.invalidData, "no instrument has a bar on \(day.iso8601)") }
        let batch = try store.writeBatch(model: entry.name, version: entry.version, asOf: day.iso8601, rows: rows)
        let outcomes = try scored.reduce(0) { recorded, instrument in
            let known = zip(instrument.dates, instrument.realised).filter { $0.1.isFinite }.map { (asOf: $0.0.iso8601, value: $0.1) }
            return recorded + (try store.recordOutcomes(instrument: instrument.instrument, target: target, known))
        }
        return Outcome(
            model: entry.name, version: entry.version, asOf: day.iso8601,
            predictions: Dictionary(uniqueKeysWithValues: rows.map { ($0.instrument, $0.value) }), skipped: skipped, written: batch != nil,
            outcomesRecorded: outcomes)
    }
}
