import FerryBundle
import FerryCore
import FerryRedis
import FerryStore
import Foundation

/// Scores bars from Redis streams as they arrive: what `ferry stream` runs.
///
/// ```swift
/// let options = StreamOptions(redis: "redis://127.0.0.1:6379", input: try StreamShards(name: "bars", count: 4), group: "ferry", consumer: "host-1")
/// let consumer = try StreamConsumer(model: .registered("EURUSD-lasso@champion"), store: store, verifier: verifier, options: options)
/// let counts = try consumer.run()   // until stop() (SIGTERM), or with options.drain until the shards are read
/// ```
///
/// Each round it takes its fair share of the shards (a lease each; see ``StreamShards``),
/// reads a batch of entries per shard with XREADGROUP, folds each bar into its instrument's
/// features (warmed up from history or resumed from the shard's checkpoint), predicts every
/// warm bar of the batch at once, and then, in this order: commits the predictions to the
/// store's log (unique per stream and entry id), appends them to the output stream and refused
/// entries to the dead-letter stream, writes the shard's checkpoint, and acknowledges the
/// entries. A crash anywhere in between redelivers the batch; its features are recomputed from
/// the checkpoint to the same bits, and the log writes nothing twice (docs/streaming.md).
public final class StreamConsumer: @unchecked Sendable {
    /// Where the model comes from.
    public enum Model: Sendable {
        /// A registered model, `NAME`, `NAME@ALIAS` or `NAME@VERSION` (refused while paused).
        case registered(String)
        /// A bundle file.
        case bundle(String)
    }

    /// How it reads and shares the shards.
    public let options: StreamOptions
    /// What it has done so far (safe to read from another thread).
    public let metrics: StreamMetrics
    /// The model's name and version, as the log records them.
    public var modelName: String { model.name }
    public var modelVersion: String { model.version }

    private let model: StreamModel
    private let scorer: ShardScorer
    private let store: Store
    private let warmedUp: [String: InstrumentState]
    private let redis: RedisConnection
    private let leases: ShardLeases
    private var held: [String: ShardState] = [:]
    /// When the first batch was read (the start of ``StreamMetrics/Counts/activeSeconds``).
    private var firstRead: Date?
    private let stopLock = NSLock()
    private var stopRequested = false

    /// Loads and verifies the model, warms the features up from ``StreamOptions/history`` and
    /// connects to Redis. Throws ``FerryError`` (`notFound`, `invalidArgument`, `unavailable` for
    /// Redis), ``ModelPausedError`` or the ``BundleError`` of the first failed check.
    public init(
        model source: Model, store: Store, verifier: BundleVerifier, options: StreamOptions, metrics: StreamMetrics = StreamMetrics()
    )
        throws
    {
        switch source {
        case let .bundle(path): model = try StreamModel.load(bundle: path, verifier: verifier)
        case let .registered(text):
            let reference = try ModelReference(text)
            if let pause = try store.pause(name: reference.name, alias: reference.selector ?? "") { throw ModelPausedError(pause) }
            let entry = try RegisteredBundleFiles(store: store).required(try store.resolve(reference))
            model = try StreamModel.load(bundle: entry.path, verifier: verifier)
        }
        scorer = ShardScorer(model: model, maximumInstruments: options.maximumInstruments)
        warmedUp = try StreamHistory.states(files: options.history, reference: options.reference, pipeline: model.pipeline)
        do {
            redis = try RedisConnection(url: options.redis, timeoutMilliseconds: options.blockMilliseconds + 5_000)
        } catch let refused as RedisError {
            throw FerryError(.unavailable, refused.message, field: "redis", cause: refused)
        }
        leases = ShardLeases(
            redis: redis, input: options.input.name, group: options.group, consumer: options.consumer,
            leaseMilliseconds: options.leaseMilliseconds)
        (self.store, self.options, self.metrics) = (store, options, metrics)
    }

    /// Asks the consumer to stop after the batch in hand (from a signal handler's queue, say):
    /// ``run()`` then checkpoints, gives its shards up and returns.
    public func stop() { stopLock.withLock { stopRequested = true } }

    private var isStopping: Bool { stopLock.withLock { stopRequested } }

    /// Consumes until ``stop()``, or with ``StreamOptions/drain`` until a read finds nothing new;
    /// returns the counts. Throws ``FerryError`` `unavailable` when Redis fails.
    public func run() throws -> StreamMetrics.Counts {
        do {
            for shard in options.input.streams { try redis.ensureGroup(options.group, on: shard) }
            // One commit per batch, often one bar: no commit may wait for a log checkpoint's disk sync.
            let checkpoints = try store.checkpointInBackground()
            defer { checkpoints.stop() }
            do {
                try consume()
            } catch {
                try? giveEverythingUp()
                throw error
            }
            try giveEverythingUp()
            return metrics.current
        } catch let refused as RedisError {
            throw FerryError(.unavailable, refused.message, field: "redis", cause: refused)
        }
    }

    /// The rounds: heartbeat and rebalance every third of a lease, otherwise read and score.
    private func consume() throws {
        var lastBeat = 0
        while !isStopping {
            if ShardLeases.milliseconds() - lastBeat >= options.leaseMilliseconds / 3 {
                try rebalance(liveConsumers: try leases.heartbeat())
                lastBeat = ShardLeases.milliseconds()
                continue
            }
            guard !held.isEmpty else {
                Thread.sleep(forTimeInterval: Double(options.leaseMilliseconds / 3) / 1000)
                continue
            }
            let block = min(options.blockMilliseconds, max(1, options.leaseMilliseconds / 3))
            let entries = try redis.readGroup(
                options.group, consumer: options.consumer, streams: held.keys.sorted(), count: options.batchSize,
                blockMilliseconds: block)
            if entries.isEmpty, options.drain { return }
            for (shard, shardEntries) in Dictionary(grouping: entries, by: \.stream) { try process(shardEntries, of: shard) }
        }
    }

    /// Renews the leases held (dropping any lost) and moves toward this consumer's fair share of
    /// the shards: gives extras up, takes free ones (each opened from its checkpoint, its pending
    /// entries claimed and scored first, in order).
    private func rebalance(liveConsumers: Int) throws {
        for shard in held.keys.sorted() where try !leases.renew(shard) { held[shard] = nil }
        let streams = options.input.streams
        let share = (streams.count + liveConsumers - 1) / liveConsumers
        for shard in held.keys.sorted().reversed().prefix(max(0, held.count - share)) {
            try checkpoint(shard)
            held[shard] = nil
            try leases.release(shard)
        }
        // Each consumer tries the shards from its own starting point, so two starting together rarely collide.
        let start = Int(StreamShards.hash(options.consumer) % UInt64(streams.count))
        for offset in streams.indices where held.count < share {
            let shard = streams[(start + offset) % streams.count]
            guard held[shard] == nil, try leases.acquire(shard) else { continue }
            try open(shard)
        }
        metrics.update { $0.shardsHeld = self.held.count }
    }

    /// Takes `shard` on: its checkpoint (or the history's states of its instruments), then the
    /// entries a previous holder left pending, claimed (XAUTOCLAIM) and scored before any new one.
    /// The lease is the idle time: a shard is only taken once its last holder's lease lapsed.
    private func open(_ shard: String) throws {
        if let saved = try leases.load(shard) {
            held[shard] = saved
        } else {
            var fresh = ShardState()
            for (instrument, state) in warmedUp where options.input.stream(for: instrument) == shard {
                fresh.instruments[instrument] = state
                fresh.touched.insert(instrument)
            }
            held[shard] = fresh
        }
        while held[shard] != nil {
            let pending = try redis.claimIdle(
                on: shard, group: options.group, consumer: options.consumer, minimumIdleMilliseconds: 0, count: options.batchSize)
            if pending.isEmpty { break }
            try process(pending, of: shard)
            try checkpoint(shard)  // acknowledged now, or the next claim would return them again
        }
    }

    /// Scores a batch of `shard`'s entries, then commits it to the log and publishes it; the
    /// checkpoint and the acknowledgements follow every ``StreamOptions/checkpointMilliseconds``.
    private func process(_ entries: [StreamEntry], of shard: String) throws {
        guard var state = held.removeValue(forKey: shard) else { return }
        let started = firstRead ?? Date()
        firstRead = started
        let instruments = held.values.reduce(state.instruments.count) { $0 + $1.instruments.count }
        let batch = try scorer.score(
            entries.map { StreamEntryFields(id: $0.id, fields: $0.fields) }, state: &state, instrumentsHeld: instruments)
        let now = StoreClock.timestamp()
        let fresh = try store.logStreamDeliveries(
            batch.scored.map { bar in
                StreamDelivery(
                    stream: shard, entryID: bar.entryID,
                    prediction: PredictionEntry(
                        model: model.name, version: model.version, caller: options.consumer, instrument: bar.instrument,
                        asOf: bar.time, value: bar.prediction.isFinite ? bar.prediction : nil, source: "stream", createdAt: now))
            })
        try publish(batch, of: shard)
        state.unacknowledged += batch.entryIDs
        let due = ShardLeases.milliseconds() - state.checkpointedAt >= options.checkpointMilliseconds
        held[shard] = state
        if due { try checkpoint(shard) }
        let newest = batch.scored.last.flatMap { EntryID($0.entryID) }
        metrics.update { counts in
            counts.barsIn += entries.count
            counts.predictionsOut += fresh.filter { $0 }.count
            counts.alreadyLogged += fresh.filter { !$0 }.count
            counts.deadLetters += batch.deadLetters.count
            counts.duplicates += batch.duplicates
            counts.warmingUp += batch.warmingUp
            counts.redelivered += batch.alreadyFolded
            counts.activeSeconds = Date().timeIntervalSince(started)
            if let newest { counts.lagSeconds = max(0, Double(ShardLeases.milliseconds()) - Double(newest.milliseconds)) / 1000 }
        }
    }

    /// Writes `shard`'s checkpoint (renewing its lease), then acknowledges the entries folded in
    /// since the last one; a shard whose lease was lost meanwhile is dropped unacknowledged.
    private func checkpoint(_ shard: String) throws {
        guard var state = held.removeValue(forKey: shard), try leases.save(state, of: shard) else { return }
        try redis.acknowledge(state.unacknowledged, on: shard, group: options.group)
        state.touched.removeAll()
        state.unacknowledged.removeAll()
        state.checkpointedAt = ShardLeases.milliseconds()
        held[shard] = state
    }

    /// Appends the batch's predictions to the output stream and its refused entries, with their
    /// reasons, to the dead-letter stream, in one round trip.
    private func publish(_ batch: ShardBatch, of shard: String) throws {
        var commands = batch.scored.map { bar in
            [
                "XADD", options.output, "*", "entry", bar.entryID, "stream", shard, "instrument", bar.instrument, "time", bar.time,
                "prediction", bar.prediction.isFinite ? "\(bar.prediction)" : "", "model", model.name, "version", model.version,
            ]
        }
        commands += batch.deadLetters.map { letter in
            [
                "XADD", options.deadLetters, "*", "entry", letter.entryID, "stream", shard, "reason", letter.reason, "fields",
                Self.json(letter.fields),
            ]
        }
        guard !commands.isEmpty else { return }
        for reply in try redis.pipeline(commands) {
            if case let .error(message) = reply { throw RedisError(.server, "Redis at \(redis.server) refused XADD: \(message)") }
        }
    }

    /// An entry's fields as JSON for the dead-letter stream, cut to 4 KiB (an entry may hold anything).
    static func json(_ fields: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return String(decoding: data.prefix(4_096), as: UTF8.self)
    }

    /// Gives every shard up and leaves the group's live consumers (a graceful stop): each
    /// checkpoint is already written, so another consumer takes over at once.
    private func giveEverythingUp() throws {
        for shard in held.keys.sorted() {
            try checkpoint(shard)
            try leases.release(shard)
        }
        held.removeAll()
        metrics.update { $0.shardsHeld = 0 }
        try leases.leave()
    }
}
