import FerryCore
import Foundation

/// Inflates a ``BlockedGzip`` stream on every core: one thread reads the members in order, one
/// thread per core inflates them (a few ahead of the reader at most, so memory stays small), and
/// ``nextBlock()`` hands the blocks over in order. Its own threads, not the dispatch pool's: a pool
/// that sees its threads wait starts more, each with memory of its own.
final class BlockInflation: @unchecked Sendable {
    /// Blocks read ahead of the consumer, at most.
    private static let ahead = 4

    private let condition = NSCondition()
    private var results: [Int: Result<Data, any Error>] = [:]
    private var next = 0
    private var inFlight = 0
    private var total: Int?
    private var cancelled = false
    /// Members read and waiting for an inflating thread, by position.
    private var waiting: [(Int, Data)] = []
    private var reading = true

    /// Starts reading members with `nextMember` (on a thread of its own; `nil` at the end).
    init(nextMember: @escaping @Sendable () throws -> Data?) {
        let thread = Thread { [self] in readMembers(nextMember) }
        thread.name = "ferry-bundle-blocks"
        thread.start()
        for number in 0..<Swift.max(1, ProcessInfo.processInfo.activeProcessorCount) {
            let worker = Thread { [self] in inflateMembers() }
            worker.name = "ferry-bundle-inflate-\(number)"
            worker.start()
        }
    }

    /// The next block, in order; `nil` after the last.
    func nextBlock() throws -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while results[next] == nil && (total.map { next < $0 } ?? true) { condition.wait() }
        guard let result = results.removeValue(forKey: next) else { return nil }
        next += 1
        inFlight -= 1
        condition.broadcast()
        return try result.get()
    }

    /// Stops reading ahead (the consumer gave up); safe to call more than once.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func readMembers(_ nextMember: @Sendable () throws -> Data?) {
        var index = 0
        while true {
            condition.lock()
            while inFlight >= Self.ahead && !cancelled { condition.wait() }
            let stop = cancelled
            condition.unlock()
            if stop {
                condition.lock()
                reading = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let member: Data?
            do {
                member = try nextMember()
            } catch {
                finish(at: index, with: .failure(error))
                return
            }
            guard let member else {
                finish(at: index, with: nil)
                return
            }
            condition.lock()
            inFlight += 1
            condition.unlock()
            condition.lock()
            waiting.append((index, member))
            condition.broadcast()
            condition.unlock()
            index += 1
        }
    }

    /// One inflating thread: takes waiting members until reading has ended and none is left.
    private func inflateMembers() {
        while true {
            condition.lock()
            while waiting.isEmpty && reading && !cancelled { condition.wait() }
            if cancelled || (waiting.isEmpty && !reading) {
                condition.unlock()
                return
            }
            let (position, member) = waiting.removeFirst()
            condition.unlock()
            let block = Result { try BlockedGzip.inflate(member) }
            condition.lock()
            results[position] = block
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Ends the stream at `index`, with a failure in its place when there is one.
    private func finish(at index: Int, with failure: Result<Data, any Error>?) {
        condition.lock()
        reading = false
        if let failure {
            results[index] = failure
            inFlight += 1
            total = index + 1
        } else {
            total = index
        }
        condition.broadcast()
        condition.unlock()
    }
}
