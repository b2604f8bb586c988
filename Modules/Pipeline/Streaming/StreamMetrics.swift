import Foundation

/// What a stream consumer has done, as counters a scrape reads at any time (Prometheus' text
/// format from ``render()``) and a summary when it stops.
public final class StreamMetrics: @unchecked Sendable {
    /// The counts so far.
    public struct Counts: Sendable, Codable, Equatable {
        /// Entries read from the input shards (bars, bad entries and duplicates alike).
        public var barsIn = 0
        /// Predictions committed to the log (and written to the output stream).
        public var predictionsOut = 0
        /// Entries sent to the dead-letter stream.
        public var deadLetters = 0
        /// Bars skipped because their instrument already had a bar at that time.
        public var duplicates = 0
        /// Bars folded into the features before they were warm (not scored, as the batch drops them).
        public var warmingUp = 0
        /// Redelivered entries already in a checkpoint: acknowledged, not scored again.
        public var redelivered = 0
        /// Predictions the log already held (a redelivery after a crash): not logged twice.
        public var alreadyLogged = 0
        /// Seconds between the newest entry scored being added and its prediction being committed.
        public var lagSeconds = 0.0
        /// Shards this consumer holds now.
        public var shardsHeld = 0
        /// Seconds from the first batch read to the last one committed: bars in over it is the throughput.
        public var activeSeconds = 0.0
    }

    private let lock = NSLock()
    private var counts = Counts()

    /// Makes zeroed counters.
    public init() {}

    /// The counts now.
    public var current: Counts { lock.withLock { counts } }

    /// Adds to the counts.
    func update(_ change: (inout Counts) -> Void) { lock.withLock { change(&counts) } }

    /// The counters in Prometheus' text format (what `--metrics-port` serves at `/metrics`).
    public func render() -> String {
        let now = current
        let series: [(name: String, type: String, help: String, value: String)] = [
            ("ferry_stream_bars_in_total", "counter", "Entries read from the input shards.", "\(now.barsIn)"),
            ("ferry_stream_predictions_out_total", "counter", "Predictions committed to the log.", "\(now.predictionsOut)"),
            ("ferry_stream_dead_letters_total", "counter", "Entries sent to the dead-letter stream.", "\(now.deadLetters)"),
            ("ferry_stream_duplicates_total", "counter", "Bars skipped as duplicates (same instrument and time).", "\(now.duplicates)"),
            ("ferry_stream_warming_up_total", "counter", "Bars folded in before the features were warm.", "\(now.warmingUp)"),
            ("ferry_stream_redelivered_total", "counter", "Redelivered entries already in a checkpoint.", "\(now.redelivered)"),
            ("ferry_stream_lag_seconds", "gauge", "Age of the newest entry scored when its prediction was committed.", "\(now.lagSeconds)"),
            ("ferry_stream_shards_held", "gauge", "Shards this consumer reads now.", "\(now.shardsHeld)"),
        ]
        return series.map { "# HELP \($0.name) \($0.help)\n# TYPE \($0.name) \($0.type)\n\($0.name) \($0.value)\n" }.joined()
    }
}
