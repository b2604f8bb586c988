/// One entry of a Redis stream.
public struct StreamEntry: Sendable, Equatable {
    /// The stream it was read from.
    public let stream: String
    /// Its id, `MILLISECONDS-SEQUENCE`.
    public let id: String
    /// Its fields (a field given twice keeps its last value).
    public let fields: [String: String]

    /// Makes an entry.
    public init(stream: String, id: String, fields: [String: String]) {
        (self.stream, self.id, self.fields) = (stream, id, fields)
    }
}

extension RedisConnection {
    /// Appends an entry of `fields` (in the order given) to `stream`; returns its id.
    @discardableResult
    public func append(to stream: String, _ fields: [(String, String)]) throws -> String {
        let reply = try checkedCommand(["XADD", stream, "*"] + fields.flatMap { [$0.0, $0.1] })
        guard let id = reply.text else { throw RedisError(.unexpectedReply, "XADD \(stream) answered \(reply), not an id") }
        return id
    }

    /// Creates consumer group `group` on `stream` (and the stream) reading from its start; a group
    /// that exists already is left as it is.
    public func ensureGroup(_ group: String, on stream: String) throws {
        let reply = try command(["XGROUP", "CREATE", stream, group, "0", "MKSTREAM"])
        if case let .error(message) = reply, !message.hasPrefix("BUSYGROUP") {
            throw RedisError(.server, "Redis at \(server) refused XGROUP CREATE \(stream) \(group): \(message)")
        }
    }

    /// Up to `count` entries of `streams` for `consumer` in `group`: new ones (`>`), waiting at most
    /// `blockMilliseconds` when there are none (0: do not wait), or the consumer's own pending
    /// ones from the start (`pending: true`, which never waits).
    public func readGroup(
        _ group: String, consumer: String, streams: [String], count: Int, blockMilliseconds: Int, pending: Bool = false
    ) throws -> [StreamEntry] {
        var arguments = ["XREADGROUP", "GROUP", group, consumer, "COUNT", String(count)]
        if !pending, blockMilliseconds > 0 { arguments += ["BLOCK", String(blockMilliseconds)] }
        arguments += ["STREAMS"] + streams + Array(repeating: pending ? "0" : ">", count: streams.count)
        let reply = try checkedCommand(arguments)
        if reply == .null { return [] }
        guard let perStream = reply.elements else { throw RedisError(.unexpectedReply, "XREADGROUP answered \(reply)") }
        return try perStream.flatMap { pair -> [StreamEntry] in
            guard let parts = pair.elements, parts.count == 2, let stream = parts[0].text, let entries = parts[1].elements else {
                throw RedisError(.unexpectedReply, "XREADGROUP answered a stream as \(pair)")
            }
            return try entries.compactMap { try Self.entry($0, stream: stream) }
        }
    }

    /// Acknowledges `ids` of `stream` for `group`; returns how many were pending.
    @discardableResult
    public func acknowledge(_ ids: [String], on stream: String, group: String) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        guard case let .integer(count) = try checkedCommand(["XACK", stream, group] + ids) else {
            throw RedisError(.unexpectedReply, "XACK \(stream) did not answer a count")
        }
        return Int(count)
    }

    /// Takes over up to `count` entries of `stream` pending in `group` for longer than
    /// `minimumIdleMilliseconds` (a consumer that died), for `consumer` (XAUTOCLAIM, Redis 6.2+).
    public func claimIdle(
        on stream: String, group: String, consumer: String, minimumIdleMilliseconds: Int, count: Int
    ) throws -> [StreamEntry] {
        let reply = try checkedCommand([
            "XAUTOCLAIM", stream, group, consumer, String(minimumIdleMilliseconds), "0-0", "COUNT", String(count),
        ])
        guard let parts = reply.elements, parts.count >= 2, let entries = parts[1].elements else {
            throw RedisError(.unexpectedReply, "XAUTOCLAIM \(stream) answered \(reply)")
        }
        return try entries.compactMap { try Self.entry($0, stream: stream) }
    }

    /// The value of `key`, `nil` when it is not set.
    public func value(of key: String) throws -> String? { try checkedCommand(["GET", key]).text }

    /// Sets `key` to `value`.
    public func set(_ key: String, to value: String) throws { _ = try checkedCommand(["SET", key, value]).expectingStatus("SET") }

    /// An entry reply (`[id, [field, value, ...]]`); `nil` for one deleted while pending (a null body).
    private static func entry(_ reply: RedisReply, stream: String) throws -> StreamEntry? {
        guard let parts = reply.elements, parts.count == 2, let id = parts[0].text else {
            throw RedisError(.unexpectedReply, "an entry of \(stream) arrived as \(reply)")
        }
        guard let values = parts[1].elements else { return nil }
        var fields: [String: String] = [:]
        for index in stride(from: 0, to: values.count - 1, by: 2) {
            if let name = values[index].text { fields[name] = values[index + 1].text ?? "" }
        }
        return StreamEntry(stream: stream, id: id, fields: fields)
    }
}
