import Hummingbird
import NIOCore

extension RequestBody {
    /// The whole body, refusing one over `limit` bytes with 413 and a JSON message naming the
    /// limit (Hummingbird answers its own `NIOTooManyBytesError` with no body, which no client can read).
    func collect(atMost limit: Int) async throws -> ByteBuffer {
        do {
            return try await collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "the request body is over the \(limit)-byte limit")
        }
    }
}
