import FerryCore
import Foundation

/// Where the tar writer's bytes go: cut into ``BlockedGzip`` blocks, compressed a few at a time
/// on every core, and appended in order to a file.
final class BlockedGzipOutput {
    private let handle: FileHandle
    private let level: Int32
    private var pending = Data()
    private var blocks: [Data] = []
    /// Blocks compressed together (in parallel) before they are written.
    private static let batch = 16
    /// The first failure, reported when the archive is closed.
    private(set) var failure: (any Error)?

    /// Writes to the file at `path` (created or emptied) at compression `level`.
    init(path: String, level: Int32) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BundleError.archive("\(path): cannot be written")
        }
        self.handle = handle
        self.level = level
    }

    /// Takes `bytes` from the tar writer; returns how many it took (all, or -1 after a failure).
    func write(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard failure == nil else { return -1 }
        pending.append(contentsOf: bytes)
        while pending.count >= BlockedGzip.blockSize {
            blocks.append(pending.prefix(BlockedGzip.blockSize))
            pending = Data(pending.dropFirst(BlockedGzip.blockSize))
            if blocks.count == Self.batch { flushBlocks() }
        }
        return failure == nil ? bytes.count : -1
    }

    /// Compresses and writes what is left, and closes the file.
    func finish() throws {
        if !pending.isEmpty { blocks.append(pending) }
        pending = Data()
        flushBlocks()
        try? handle.close()
        if let failure { throw failure }
    }

    private func flushBlocks() {
        guard failure == nil, !blocks.isEmpty else { return }
        let input = blocks
        blocks = []
        let results = CompressedBlocks(count: input.count)
        let level = level
        DispatchQueue.concurrentPerform(iterations: input.count) { index in
            results.set(index, Result { try input[index].withUnsafeBytes { try BlockedGzip.member($0, level: level) } })
        }
        do {
            for result in results.all { try handle.write(contentsOf: try result.get()) }
        } catch {
            failure = error
        }
    }
}

/// The compressed blocks of one batch, each set by the thread that compressed it.
private final class CompressedBlocks: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Data, any Error>]

    init(count: Int) { results = Array(repeating: .success(Data()), count: count) }

    func set(_ index: Int, _ result: Result<Data, any Error>) { lock.withLock { results[index] = result } }

    var all: [Result<Data, any Error>] { lock.withLock { results } }
}
