/// How a stream consumer reads, writes and shares its shards (`ferry stream`'s options).
public struct StreamOptions: Sendable {
    /// The Redis server, `redis://[:PASSWORD@]HOST[:PORT]`.
    public var redis: String
    /// The input stream and its shards.
    public var input: StreamShards
    /// The consumer group, and this consumer's name in it.
    public var group: String
    public var consumer: String
    /// Where predictions go, and refused entries with their reasons.
    public var output: String
    public var deadLetters: String
    /// Bar files to warm the features up from (one per instrument, the instrument is the file's
    /// stem), and the second series they need, if any.
    public var history: [String] = []
    public var reference: String?
    /// Entries read per shard per round.
    public var batchSize = 500
    /// How long one read waits for new entries, in milliseconds.
    public var blockMilliseconds = 1_000
    /// How long a shard stays with a consumer that stopped renewing it, in milliseconds.
    public var leaseMilliseconds = 10_000
    /// How often each shard's checkpoint is written and its entries acknowledged, in
    /// milliseconds (0: after every batch). Longer is faster; a crash then redelivers more
    /// entries (recomputed to the same values, logged once).
    public var checkpointMilliseconds = 1_000
    /// The most instruments one consumer keeps state for.
    public var maximumInstruments = 10_000
    /// Stop once a read finds nothing new (replaying a stream), instead of waiting for more.
    public var drain = false

    /// Options with the given streams and the defaults above.
    public init(redis: String, input: StreamShards, group: String, consumer: String, output: String? = nil, deadLetters: String? = nil) {
        (self.redis, self.input, self.group, self.consumer) = (redis, input, group, consumer)
        self.output = output ?? "\(input.name).predictions"
        self.deadLetters = deadLetters ?? "\(input.name).dead"
    }
}
