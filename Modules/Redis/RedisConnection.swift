import CHiredis

#if canImport(Glibc)
    import Glibc
#endif

/// One connection to a Redis server through hiredis, used from one task at a time (hiredis's
/// synchronous context is not thread-safe). Every command is sent as separate binary-safe
/// arguments, never as a formatted string, so nothing in a value is read as a command.
public final class RedisConnection {
    /// The server, as messages name it (no password).
    public let server: String
    private let context: UnsafeMutablePointer<redisContext>

    /// Connects to `url` (`redis://[:PASSWORD@]HOST[:PORT]`, port 6379 by default), waiting at most
    /// `timeoutMilliseconds` to connect and for each reply (0: replies may take as long as they
    /// take, which a blocking read needs).
    public init(url: String, timeoutMilliseconds: Int = 5_000) throws {
        let location = try RedisURL(url)
        server = "\(location.host):\(location.port)"
        let timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: (timeoutMilliseconds % 1000) * 1000)
        guard let context = redisConnectWithTimeout(location.host, Int32(location.port), timeout) else {
            throw RedisError(.connection, "cannot connect to Redis at \(server): out of memory")
        }
        guard context.pointee.err == 0 else {
            let reason = Self.errorText(context)
            redisFree(context)
            throw RedisError(.connection, "cannot connect to Redis at \(server): \(reason)")
        }
        self.context = context
        if let password = location.password {
            _ = try command(["AUTH", password]).expectingStatus("AUTH")
        }
    }

    deinit { redisFree(context) }

    /// Sends `arguments` as one command and waits for its reply. A reply of `-ERR ...` comes back
    /// as `.error` (the caller decides); a broken connection throws.
    public func command(_ arguments: [String]) throws -> RedisReply {
        let reply: UnsafeMutableRawPointer? = withArgumentPointers(arguments) { values, lengths in
            redisCommandArgv(context, Int32(arguments.count), values, lengths)
        }
        guard let reply else {
            throw RedisError(.connection, "Redis at \(server): \(Self.errorText(context)) (sending \(arguments.first ?? ""))")
        }
        defer { freeReplyObject(reply) }
        return RedisReply(reply.assumingMemoryBound(to: redisReply.self))
    }

    /// Sends every command of `commands` in one write and reads their replies in order
    /// (pipelining: one round trip for all instead of one each). Replies of `-ERR ...` come back
    /// as `.error`; a broken connection throws.
    public func pipeline(_ commands: [[String]]) throws -> [RedisReply] {
        for arguments in commands {
            let queued = withArgumentPointers(arguments) { values, lengths in
                redisAppendCommandArgv(context, Int32(arguments.count), values, lengths)
            }
            guard queued == REDIS_OK else { throw RedisError(.connection, "Redis at \(server): \(Self.errorText(context))") }
        }
        return try commands.map { arguments in
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                throw RedisError(
                    .connection, "Redis at \(server): \(Self.errorText(context)) (reading the reply to \(arguments.first ?? ""))")
            }
            defer { freeReplyObject(raw) }
            return RedisReply(raw.assumingMemoryBound(to: redisReply.self))
        }
    }

    /// Sends `arguments` and throws when the server answers with an error.
    @discardableResult
    public func checkedCommand(_ arguments: [String]) throws -> RedisReply {
        let reply = try command(arguments)
        if case let .error(message) = reply {
            throw RedisError(.server, "Redis at \(server) refused \(arguments.first ?? ""): \(message)")
        }
        return reply
    }

    /// Calls `body` with a pointer to each argument's bytes and their lengths (one buffer for all,
    /// filled straight from the strings: a pipelined batch formats thousands of arguments).
    private func withArgumentPointers<T>(
        _ arguments: [String], _ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int>?) -> T
    ) -> T {
        var lengths: [Int] = []
        lengths.reserveCapacity(arguments.count)
        var joined: [UInt8] = []
        joined.reserveCapacity(arguments.reduce(1) { $0 + $1.utf8.count })
        for argument in arguments {
            joined.append(contentsOf: argument.utf8)
            lengths.append(argument.utf8.count)
        }
        joined.append(0)
        return joined.withUnsafeBytes { all in
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(lengths.count)
            var offset = 0
            for length in lengths {
                pointers.append(all.baseAddress.map { ($0 + offset).assumingMemoryBound(to: CChar.self) })
                offset += length
            }
            return pointers.withUnsafeMutableBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in body(values.baseAddress, lengths.baseAddress) }
            }
        }
    }

    private static func errorText(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: context.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

extension RedisReply {
    /// The status text, or a thrown error naming `command` when the reply is anything else.
    func expectingStatus(_ command: String) throws -> String {
        switch self {
        case let .status(text): return text
        case let .error(message): throw RedisError(.server, "Redis refused \(command): \(message)")
        default: throw RedisError(.unexpectedReply, "Redis answered \(command) with \(self), not a status")
        }
    }
}
