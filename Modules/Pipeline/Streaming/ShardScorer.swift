import FerryCore
import FerryFeatures

/// One bar scored from the stream.
struct ScoredBar: Equatable {
    /// The entry it came in, and its stream.
    let entryID: String
    let instrument: String
    /// The bar's time as the log and the output stream write it (ISO 8601).
    let time: String
    /// The model's prediction; not finite where it gave no number.
    let prediction: Double
}

/// An entry that is not a bar Ferry can score, with why: what the dead-letter stream gets.
struct DeadLetter: Equatable {
    let entryID: String
    let reason: String
    let fields: [String: String]
}

/// What one batch of a shard's entries came to.
struct ShardBatch {
    /// Bars scored, in entry order.
    var scored: [ScoredBar] = []
    /// Entries refused.
    var deadLetters: [DeadLetter] = []
    /// Bars already seen (same instrument and time), skipped.
    var duplicates = 0
    /// Bars folded into the features but not scored: the features' warm-up.
    var warmingUp = 0
    /// Entries already in the checkpoint (redelivered after a crash), acknowledged only.
    var alreadyFolded = 0
    /// Every entry's id, to acknowledge once the batch is committed.
    var entryIDs: [String] = []
}

/// Folds a shard's entries, in order, into its instruments' feature states and scores each bar
/// once the features are warm, the way the batch scores the same bars: the same features to the
/// bit, predicted together. Bad entries and duplicates change no state.
struct ShardScorer {
    /// The model and its pipeline.
    let model: StreamModel
    /// The most instruments one consumer keeps state for (each holds a few hundred numbers):
    /// a stream of made-up names cannot grow its memory without bound.
    let maximumInstruments: Int

    /// Scores `entries` (in stream order) against `state`, which it advances.
    func score(_ entries: [StreamEntryFields], state: inout ShardState, instrumentsHeld: Int) throws -> ShardBatch {
        var batch = ShardBatch()
        var rows: [Double] = []
        var row: [Double] = []
        var held = instrumentsHeld
        for entry in entries {
            batch.entryIDs.append(entry.id)
            guard let id = EntryID(entry.id) else { continue }
            if let last = state.lastEntry, id <= last {
                batch.alreadyFolded += 1
                continue
            }
            state.lastEntry = id
            let bar: BarEntry
            do {
                bar = try BarEntry(fields: entry.fields, needsReference: model.pipeline.needsReference)
            } catch {
                batch.deadLetters.append(DeadLetter(entryID: entry.id, reason: error.reason, fields: entry.fields))
                continue
            }
            if state.instruments[bar.instrument] == nil {
                guard held < maximumInstruments else {
                    batch.deadLetters.append(
                        DeadLetter(
                            entryID: entry.id, reason: "instrument \(bar.instrument): over the limit of \(maximumInstruments) instruments",
                            fields: entry.fields))
                    continue
                }
                held += 1
                state.instruments[bar.instrument] = InstrumentState(features: try FeatureStream(pipeline: model.pipeline), lastTime: nil)
            }
            // In place: a copy of the state taken out and put back would copy every feature's state per bar.
            switch Self.push(bar, onto: &state.instruments[bar.instrument], row: &row) {
            case .scored:
                rows += row
                batch.scored.append(
                    ScoredBar(entryID: entry.id, instrument: bar.instrument, time: bar.time.iso8601, prediction: .nan))
            case .warmingUp: batch.warmingUp += 1
            case .duplicate: batch.duplicates += 1
            case let .older(last):
                batch.deadLetters.append(
                    DeadLetter(
                        entryID: entry.id,
                        reason: "field time: \(bar.time.iso8601) is older than \(bar.instrument)'s last bar (\(last.iso8601))",
                        fields: entry.fields))
            }
            state.touched.insert(bar.instrument)
        }
        let predictions = try model.predict(pipelineRows: rows, rowCount: batch.scored.count)
        for index in batch.scored.indices {
            let bar = batch.scored[index]
            batch.scored[index] = ScoredBar(
                entryID: bar.entryID, instrument: bar.instrument, time: bar.time, prediction: predictions[index])
        }
        return batch
    }
}

extension ShardScorer {
    /// What pushing one bar did.
    enum Push: Equatable {
        case scored, warmingUp, duplicate
        /// The bar is older than the instrument's last one (its time).
        case older(Timestamp)
    }

    /// Pushes `bar` onto `instrument` (changed in place), its features into `row`, unless it is a
    /// duplicate or out of order.
    static func push(_ bar: BarEntry, onto instrument: inout InstrumentState?, row: inout [Double]) -> Push {
        if let last = instrument?.lastTime, bar.time <= last { return bar.time == last ? .duplicate : .older(last) }
        instrument?.features.push(bar.bar, into: &row)
        instrument?.lastTime = bar.time
        return instrument?.features.isWarmedUp == true ? .scored : .warmingUp
    }
}

/// A stream entry's id and fields, as the scorer reads them (the Redis client's entries carry these).
struct StreamEntryFields {
    let id: String
    let fields: [String: String]
}
