import Crypto
import Foundation

/// SHA-256 on a second thread: the reading thread hands over what it inflated, in blocks, and
/// goes on inflating while this thread hashes, so a large file's verification takes about the
/// longer of the two rather than their sum. At most a few blocks wait, so memory stays small.
final class BackgroundHasher: @unchecked Sendable {
    /// How much the reading thread gathers before handing a block over.
    static let blockSize = 256 << 10
    /// Blocks that may wait to be hashed before the reading thread waits in turn.
    private static let queueLimit = 2

    private let condition = NSCondition()
    private var queue: [Data] = []
    private var finished = false
    private var digest: SHA256.Digest?
    /// The block being gathered (touched by the reading thread only).
    private var gathering = Data(capacity: BackgroundHasher.blockSize)

    /// Starts the hashing thread.
    init() {
        let thread = Thread { [self] in hashUntilFinished() }
        thread.name = "ferry-bundle-hasher"
        thread.start()
    }

    /// Adds `bytes` (copied, so the caller may reuse its buffer).
    func update(_ bytes: UnsafeRawBufferPointer) {
        gathering.append(contentsOf: bytes)
        if gathering.count >= Self.blockSize { handOver() }
    }

    /// The digest of everything added; waits for the hashing thread to finish.
    func finalize() -> SHA256.Digest {
        handOver()
        condition.lock()
        finished = true
        condition.broadcast()
        while digest == nil { condition.wait() }
        let result = digest
        condition.unlock()
        return result ?? SHA256().finalize()
    }

    /// Stops the hashing thread without a digest (the reading failed); safe to call more than once.
    func cancel() {
        condition.lock()
        queue.removeAll()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func handOver() {
        guard !gathering.isEmpty else { return }
        condition.lock()
        while queue.count >= Self.queueLimit { condition.wait() }
        queue.append(gathering)
        condition.broadcast()
        condition.unlock()
        gathering = Data(capacity: Self.blockSize)
    }

    private func hashUntilFinished() {
        var hasher = SHA256()
        while true {
            condition.lock()
            while queue.isEmpty && !finished { condition.wait() }
            if queue.isEmpty {
                digest = hasher.finalize()
                condition.broadcast()
                condition.unlock()
                return
            }
            let block = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            hasher.update(data: block)
        }
    }
}
