import CHiredis

/// One reply of Redis, copied out of hiredis's memory.
public enum RedisReply: Sendable, Equatable {
    case string([UInt8])
    case status(String)
    case integer(Int64)
    case array([RedisReply])
    case null
    case error(String)

    /// Copies `reply` (hiredis keeps ownership).
    init(_ reply: UnsafePointer<redisReply>) {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING: self = .string(Self.bytes(value))
        case REDIS_REPLY_STATUS: self = .status(String(decoding: Self.bytes(value), as: UTF8.self))
        case REDIS_REPLY_ERROR: self = .error(String(decoding: Self.bytes(value), as: UTF8.self))
        case REDIS_REPLY_INTEGER: self = .integer(Int64(value.integer))
        case REDIS_REPLY_ARRAY:
            self = .array((0..<Int(value.elements)).map { index in value.element[index].map { RedisReply(UnsafePointer($0)) } ?? .null })
        default: self = .null
        }
    }

    private static func bytes(_ reply: redisReply) -> [UInt8] {
        guard let text = reply.str else { return [] }
        return Array(UnsafeRawBufferPointer(start: text, count: Int(reply.len)))
    }

    /// The reply as text (a bulk string or a status), `nil` otherwise.
    public var text: String? {
        switch self {
        case let .string(bytes): String(decoding: bytes, as: UTF8.self)
        case let .status(text): text
        default: nil
        }
    }

    /// The elements of an array reply (`nil` for any other).
    public var elements: [RedisReply]? {
        if case let .array(elements) = self { return elements }
        return nil
    }
}
