import Dispatch
import Foundation

extension Collection where Index == Int, Self: Sendable, Element: Sendable {
    /// `map` run on every core: `transform` is called once per element, on any thread, and the
    /// results come back in order. The first error thrown is rethrown after every call has ended.
    ///
    /// For independent, CPU-heavy work such as one feature column or one drift test per element.
    public func parallelMap<Transformed: Sendable>(
        _ transform: @Sendable (Element) throws -> Transformed
    ) rethrows -> [Transformed] {
        guard count > 1 else { return try map(transform) }
        return try withoutActuallyEscaping(transform) { transform in
            let slots = ParallelSlots<Transformed>(count: count)
            let base = startIndex
            DispatchQueue.concurrentPerform(iterations: count) { offset in
                slots.store(offset, Result { try transform(self[base + offset]) })
            }
            return try slots.results()
        }
    }
}

/// One result slot per iteration; each slot is written by exactly one iteration, then read once all have ended.
private final class ParallelSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ offset: Int, _ result: Result<Value, any Error>) {
        lock.lock()
        slots[offset] = result
        lock.unlock()
    }

    func results() throws -> [Value] {
        try slots.map { slot in
            switch slot {
            case let .success(value)?: return value
            case let .failure(error)?: throw error
            case nil: throw CancellationError()
            }
        }
    }
}
