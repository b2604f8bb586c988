import Foundation
import NIOCore

/// A byte range of a file as an async sequence of buffers read on demand, so an upload streams
/// a large blob through a small, fixed amount of memory.
///
/// async-http-client hands each buffer to the connection's event loop and pauses the stream only
/// once that loop has seen the socket fill; a reader faster than the loop (a file in the page
/// cache, the loop's thread busy with other work) would queue hundreds of buffers before the
/// pause arrived. So before reading the next piece the chunks wait until `eventLoop` (the one the
/// upload's connection runs on) has taken the previous one: at most one piece is queued.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The file.
    let path: String
    /// The bytes to read.
    let range: Range<Int64>
    /// The event loop the upload is written on.
    let eventLoop: any EventLoop
    /// How much one buffer holds.
    var pieceSize = 64 << 10

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        var offset: Int64
        let start: Int64
        let end: Int64
        let pieceSize: Int
        let eventLoop: any EventLoop

        mutating func next() async throws -> ByteBuffer? {
            guard offset < end, let handle else {
                try handle?.close()
                return nil
            }
            if offset > start { try await eventLoop.submit {}.get() }
            let count = Int(Swift.min(Int64(pieceSize), end - offset))
            guard let data = try handle.read(upToCount: count), !data.isEmpty else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: "file shrank while it was read"])
            }
            offset += Int64(data.count)
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        let handle = FileHandle(forReadingAtPath: path)
        try? handle?.seek(toOffset: UInt64(range.lowerBound))
        return AsyncIterator(
            handle: handle, offset: range.lowerBound, start: range.lowerBound,
            end: handle == nil ? range.lowerBound : range.upperBound, pieceSize: pieceSize, eventLoop: eventLoop)
    }
}
