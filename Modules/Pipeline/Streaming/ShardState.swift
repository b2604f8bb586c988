import FerryCore
import FerryFeatures

/// One instrument's place in its stream: the features' running state and the time of its last
/// bar (a bar at that time again is a duplicate; an earlier one is out of order).
struct InstrumentState: Codable {
    /// The features, bar by bar, through the instrument's last bar.
    var features: FeatureStream
    /// The last bar's time; `nil` before the first.
    var lastTime: Timestamp?
}

/// What a consumer keeps of one shard between batches, and checkpoints after each: the last
/// entry folded in and every instrument's state. Resuming from it gives the bits of never stopping.
struct ShardState {
    /// The newest entry whose bar is in the states; entries up to it are acknowledged, not scored again.
    var lastEntry: EntryID?
    /// Each instrument's state.
    var instruments: [String: InstrumentState] = [:]
    /// Instruments changed since the last checkpoint (only those are written again).
    var touched: Set<String> = []
    /// Entries folded in since the last checkpoint: acknowledged once it is written.
    var unacknowledged: [String] = []
    /// When the last checkpoint was written, in milliseconds since 1970 (0: never).
    var checkpointedAt = 0
}
