import FerryCore
import Foundation

extension BlockedGzip {
    /// The largest member a block may take: a block that does not compress, with zlib's overhead.
    static let largestMember = blockSize + (16 << 10)

    /// The next whole member from `read` (which gives up to the bytes asked for, fewer only at
    /// the end); `nil` at the end of the stream.
    /// - Throws: ``BundleError`` for a member that is not a Ferry block, or is cut short.
    static func nextMember(_ read: (Int) throws -> Data) throws -> Data? {
        let header = try read(headerSize)
        if header.isEmpty { return nil }
        guard let size = memberSize(header: header), size <= largestMember else {
            throw BundleError.corrupt("a gzip member that is not one of Ferry's blocks follows the blocks")
        }
        let rest = try read(size - headerSize)
        guard rest.count == size - headerSize else { throw BundleError.corrupt("the last gzip block is cut short") }
        return header + rest
    }
}

/// A file's bytes in order, for ``BlockInflation``'s reading thread.
final class FileBytes: @unchecked Sendable {
    private let handle: FileHandle

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// Up to `count` bytes; fewer only at the end.
    func read(upTo count: Int) throws -> Data {
        var gathered = Data()
        while gathered.count < count, let chunk = try handle.read(upToCount: count - gathered.count), !chunk.isEmpty {
            gathered.append(chunk)
        }
        return gathered
    }
}

/// Bytes in memory in order, for ``BlockInflation``'s reading thread.
final class MemoryBytes: @unchecked Sendable {
    private let bytes: Data
    private var offset: Int

    init(_ bytes: Data) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    /// Up to `count` bytes; fewer only at the end.
    func read(upTo count: Int) -> Data {
        let end = min(offset + count, bytes.endIndex)
        defer { offset = end }
        return bytes[offset..<end]
    }
}

/// Hands ``BlockInflation``'s blocks to libarchive's read callback, keeping the current one alive.
final class BlockFeed {
    let inflation: BlockInflation
    private var current = Data()
    /// The failure behind a -1, thrown instead of libarchive's message about it.
    private(set) var failure: (any Error)?

    init(_ inflation: BlockInflation) { self.inflation = inflation }

    /// Points `bytes` at the next block; its length, 0 at the end, -1 on failure.
    func next(_ bytes: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        do {
            guard let block = try inflation.nextBlock() else { return 0 }
            current = block
            return current.withUnsafeBytes { raw in
                bytes.pointee = raw.baseAddress
                return raw.count
            }
        } catch {
            failure = error
            return -1
        }
    }
}
