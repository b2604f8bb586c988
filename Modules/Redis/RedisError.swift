/// A failure talking to Redis, with a code a caller can switch on and a message naming the server
/// (host and port only: a password in the URL never appears).
public struct RedisError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The URL is not `redis://[:PASSWORD@]HOST[:PORT]`.
        case invalidURL
        /// The server could not be reached, or the connection broke.
        case connection
        /// The server answered with an error (`-ERR ...`).
        case server
        /// The answer was not the shape the command has.
        case unexpectedReply
    }

    /// What went wrong.
    public let code: Code
    /// Why, in words.
    public let message: String

    /// Makes an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
