import CArchive
import FerryCore
import Foundation

/// A file another task is still writing (a bundle being downloaded), read as it grows: the
/// reader waits for more bytes rather than stopping at the current end, so a bundle is verified
/// while it downloads. The writer reports each write with ``grew(to:)`` and the end with
/// ``finish()``, or a failure with ``fail(_:)``, which the reader then throws.
public final class GrowingFile: @unchecked Sendable {
    /// The file.
    public let path: String
    /// The size the file will have when complete (for the reader's compression-ratio limit).
    public let expectedSize: Int64

    private let condition = NSCondition()
    private var written: Int64 = 0
    private var finished = false
    private var failure: (any Error)?
    /// Reading state (the reading thread's only).
    private var handle: FileHandle?
    private var consumed: Int64 = 0
    private var buffer = Data()
    private var leftover = Data()

    /// A file at `path` that will grow to `expectedSize` bytes.
    public init(path: String, expectedSize: Int64) {
        self.path = path
        self.expectedSize = expectedSize
    }

    /// The writer has written the first `size` bytes.
    public func grew(to size: Int64) {
        condition.lock()
        written = size
        condition.broadcast()
        condition.unlock()
    }

    /// The writer is done: the file is complete.
    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The writer failed; the reader throws `error` (a closed download, a digest that does not match).
    public func fail(_ error: any Error) {
        condition.lock()
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The writer's failure, if it failed.
    var writerFailure: (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Waits for bytes past what was read, and reads up to 1 MiB of them into the buffer;
    /// 0 at the end, -1 when the writer failed.
    func readNext(_ bytes: UnsafeMutablePointer<UnsafeRawPointer?>) -> Int {
        condition.lock()
        while written <= consumed && !finished { condition.wait() }
        let available = written - consumed
        let failed = failure != nil
        condition.unlock()
        guard !failed else { return -1 }
        guard available > 0 else { return 0 }
        do {
            if handle == nil { handle = FileHandle(forReadingAtPath: path) }
            guard let handle, let data = try handle.read(upToCount: Int(min(available, 1 << 20))), !data.isEmpty else { return -1 }
            buffer = data
            consumed += Int64(data.count)
            return buffer.withUnsafeBytes { raw in
                bytes.pointee = raw.baseAddress
                return raw.count
            }
        } catch {
            return -1
        }
    }

    /// Up to `count` bytes from where reading is, waiting for the writer; fewer only at the end.
    func read(upTo count: Int) throws -> Data {
        var gathered = Data()
        while gathered.count < count {
            if leftover.isEmpty {
                var pointer: UnsafeRawPointer?
                let got = readNext(&pointer)
                if got < 0 { throw writerFailure ?? BundleError.unreadable(path) }
                if got == 0 { break }
                leftover = buffer
            }
            let take = min(count - gathered.count, leftover.count)
            gathered.append(leftover.prefix(take))
            leftover = Data(leftover.dropFirst(take))
        }
        return gathered
    }

    /// Starts reading again from the first byte.
    func rewind() {
        closeReading()
        consumed = 0
        leftover = Data()
    }

    /// Closes the reading side.
    func closeReading() {
        try? handle?.close()
        handle = nil
    }
}
