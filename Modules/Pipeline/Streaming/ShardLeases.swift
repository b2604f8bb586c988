import FerryCore
import FerryFeatures
import FerryRedis
import Foundation

/// Where the consumers of one group agree who reads which shard, kept in Redis beside the
/// streams so every consumer on every machine sees it: a lease per shard (a key set only if
/// free, that expires unless its holder renews it), the shard's checkpoint (a hash: the last
/// entry folded in, and one field per instrument with its feature state as JSON), and the
/// group's live consumers (a sorted set of heartbeats), from which each takes its fair share.
/// A checkpoint is written only while its writer still holds the lease (one server-side script
/// checks and writes), so a consumer that lost its shard cannot overwrite the new holder's.
final class ShardLeases {
    private let redis: RedisConnection
    /// `ferry:stream:<input>:<group>:`, every key's prefix.
    private let prefix: String
    /// This consumer's name, the value of the leases it holds.
    let consumer: String
    /// How long a lease lasts without renewal, in milliseconds.
    let leaseMilliseconds: Int

    init(redis: RedisConnection, input: String, group: String, consumer: String, leaseMilliseconds: Int) {
        self.redis = redis
        prefix = "ferry:stream:\(input):\(group):"
        (self.consumer, self.leaseMilliseconds) = (consumer, leaseMilliseconds)
    }

    private func lease(_ shard: String) -> String { "\(prefix)lease:\(shard)" }
    private func checkpoint(_ shard: String) -> String { "\(prefix)checkpoint:\(shard)" }
    private var members: String { "\(prefix)consumers" }

    /// Records that this consumer is alive and answers how many consumers of the group are (it included).
    func heartbeat() throws -> Int {
        let now = Self.milliseconds()
        let replies = try redis.pipeline([
            ["ZADD", members, String(now), consumer],
            ["ZREMRANGEBYSCORE", members, "-inf", String(now - 3 * leaseMilliseconds)],
            ["ZCOUNT", members, String(now - leaseMilliseconds), "+inf"],
        ])
        guard case let .integer(live) = replies[2] else { throw RedisError(.unexpectedReply, "ZCOUNT answered \(replies[2])") }
        return max(1, Int(live))
    }

    /// Leaves the group's live consumers (on a graceful stop, so the others take its share at once).
    func leave() throws { try redis.checkedCommand(["ZREM", members, consumer]) }

    /// Takes `shard` if no one holds it.
    func acquire(_ shard: String) throws -> Bool {
        try redis.checkedCommand(["SET", lease(shard), consumer, "NX", "PX", String(leaseMilliseconds)]) != .null
    }

    /// Extends this consumer's lease of `shard`; false when it holds it no more.
    func renew(_ shard: String) throws -> Bool {
        try script(Self.renewScript, keys: [lease(shard)], arguments: [consumer, String(leaseMilliseconds)])
    }

    /// Gives `shard` up, if this consumer holds it.
    func release(_ shard: String) throws { _ = try script(Self.releaseScript, keys: [lease(shard)], arguments: [consumer]) }

    /// Writes `state`'s last entry and its touched instruments to `shard`'s checkpoint and renews
    /// the lease, only while this consumer holds it; false (nothing written) when it does not.
    func save(_ state: ShardState, of shard: String) throws -> Bool {
        guard let last = state.lastEntry else { return true }
        var fields = ["@entry", last.description]
        for name in state.touched.sorted() {
            guard let instrument = state.instruments[name] else { continue }
            fields += [name, String(decoding: try Self.encoder.encode(instrument), as: UTF8.self)]
        }
        return try script(
            Self.saveScript, keys: [lease(shard), checkpoint(shard)], arguments: [consumer, String(leaseMilliseconds)] + fields)
    }

    /// `shard`'s checkpoint, or `nil` when it has none; throws ``FerryError`` `invalidData` naming
    /// the instrument whose state does not read (another Ferry's, or altered).
    func load(_ shard: String) throws -> ShardState? {
        guard let pairs = try redis.checkedCommand(["HGETALL", checkpoint(shard)]).elements, !pairs.isEmpty else { return nil }
        var state = ShardState()
        for index in stride(from: 0, to: pairs.count - 1, by: 2) {
            guard let field = pairs[index].text, let value = pairs[index + 1].text else { continue }
            if field == "@entry" {
                state.lastEntry = EntryID(value)
                continue
            }
            do {
                state.instruments[field] = try Self.decoder.decode(InstrumentState.self, from: Data(value.utf8))
            } catch {
                throw FerryError(
                    .invalidData, "the checkpoint \(checkpoint(shard)) holds a state for \(field) this Ferry cannot read: \(error)",
                    cause: error)
            }
        }
        return state
    }

    /// Runs a server-side script and reads its integer answer as a yes or no.
    private func script(_ source: String, keys: [String], arguments: [String]) throws -> Bool {
        let reply = try redis.checkedCommand(["EVAL", source, String(keys.count)] + keys + arguments)
        guard case let .integer(answer) = reply else { throw RedisError(.unexpectedReply, "a lease script answered \(reply)") }
        return answer != 0
    }

    private static let renewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0
        """
    private static let releaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0
        """
    private static let saveScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('HSET', KEYS[2], unpack(ARGV, 3))
        return 1
        """

    /// Feature states as JSON; the warm-up holds `nan`, which JSON has no number for.
    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// Milliseconds since 1970 by this machine's clock.
    static func milliseconds() -> Int { Int(Date().timeIntervalSince1970 * 1000) }
}
