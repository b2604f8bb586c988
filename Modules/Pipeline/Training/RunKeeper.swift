import FerryCore
import FerryModels
import FerryStore
import Foundation

/// The one writer of training runs.
///
/// A run's folder (`runs/<id>/`: `run.json` and the weights) is the source of truth: it is what
/// an export reads. The store's run table is an index derived from it, written by this type in
/// the same call, so `ferry runs list` and lineage queries see every run that was kept. With no
/// store, runs are kept in their folder only (a scratch training); an export into a store adds
/// the run's row then.
///
/// ```swift
/// let keeper = RunKeeper(runs: RunStore(directory: "runs"), store: try Store(path: "store/ferry.sqlite"))
/// let record = try keeper.keep(try job.run(registry: registry, logger: logger))
/// ```
public struct RunKeeper: Sendable {
    /// The runs' folders.
    public let runs: RunStore
    /// The store that indexes them, when there is one.
    public let store: Store?

    /// Makes a keeper over the folders of `runs`, indexed in `store`.
    public init(runs: RunStore = RunStore(), store: Store? = nil) {
        self.runs = runs
        self.store = store
    }

    /// Makes a keeper over the run folders in `directory`, indexed in `store`.
    public init(directory: String, store: Store?) { self.init(runs: RunStore(directory: directory), store: store) }

    /// Keeps `outcome` as a new run: its folder (temporary folder, then rename), then its row.
    public func keep(_ outcome: TrainingOutcome) throws -> RunRecord {
        let record = try runs.save(outcome)
        try store?.recordRun(RunEntry(record))
        return record
    }

    /// The run `id`, or the most recent one when `id` is `nil`; throws ``FerryError`` `notFound`.
    public func record(_ id: String?) throws -> RunRecord {
        try id.map(runs.record(id:)) ?? runs.latest()
    }

    /// Records that the bundle with `digest` was exported from `record` (the registry's lineage),
    /// adding the run's row first when the store does not have it yet.
    func exported(_ record: RunRecord, digest: String) throws {
        guard let store else { return }
        if try !store.hasRun(record.id) { try store.recordRun(RunEntry(record)) }
        try store.setBundleDigest(digest, run: record.id)
    }
}
