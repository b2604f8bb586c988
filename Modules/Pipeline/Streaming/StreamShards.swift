import FerryCore

/// How bars are spread over streams: by instrument, so that every bar of an instrument lands in
/// one stream, in order, and one consumer at a time reads it (a consumer group splits entries,
/// not instruments). With one shard the input stream is the name given; with `count` of them,
/// shard `k` is `NAME.k`, and an instrument goes to shard `FNV-1a-64(instrument) mod count`,
/// which a producer in any language computes the same way (docs/streaming.md).
public struct StreamShards: Sendable, Equatable {
    /// The input stream's name (the shards' prefix).
    public let name: String
    /// How many shards.
    public let count: Int

    /// The shards of `name`; throws ``FerryError`` `invalidArgument` when `count` is not 1 to 1,024.
    public init(name: String, count: Int) throws {
        guard !name.isEmpty else { throw FerryError(.invalidArgument, "the input stream's name is empty", field: "in") }
        guard (1...1_024).contains(count) else {
            throw FerryError(.invalidArgument, "\(count) shards: give 1 to 1024", field: "shards")
        }
        (self.name, self.count) = (name, count)
    }

    /// Every shard's stream, in shard order.
    public var streams: [String] { count == 1 ? [name] : (0..<count).map { "\(name).\($0)" } }

    /// The stream `instrument`'s bars go to.
    public func stream(for instrument: String) -> String { count == 1 ? name : "\(name).\(Self.hash(instrument) % UInt64(count))" }

    /// FNV-1a, 64 bits, of the name's UTF-8 bytes.
    static func hash(_ instrument: String) -> UInt64 {
        instrument.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
