import Dispatch
import Foundation

/// The two vector operations coordinate descent spends its time in, split across cores for long
/// vectors (as a threaded BLAS does); short ones run on the calling thread.
enum VectorKernels {
    /// Vectors at least this long are split across cores.
    static let parallelThreshold = 131_072

    /// How many pieces a long vector is cut into.
    static let pieces = 2

    /// Σ a[i]·b[i], with vector running sums per piece so the additions do not wait on each other.
    static func dot(_ a: UnsafePointer<Double>?, _ b: UnsafePointer<Double>?, _ count: Int) -> Double {
        guard let a, let b else { return 0 }
        guard count >= parallelThreshold else { return serialDot(a, b, count) }
        let pointers = SendablePointers(a: a, b: b)
        let partials = SendableSums(count: pieces)
        let size = (count + pieces - 1) / pieces
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = piece * size
            let length = Swift.min(size, count - start)
            partials.set(piece, serialDot(pointers.a + start, pointers.b + start, length))
        }
        return partials.total()
    }

    /// y[i] += factor · x[i].
    static func axpy(_ factor: Double, _ x: UnsafePointer<Double>?, _ y: UnsafeMutablePointer<Double>?, _ count: Int) {
        guard let x, let y else { return }
        guard count >= parallelThreshold else { return serialAxpy(factor, x, y, count) }
        let pointers = SendableTarget(x: x, y: y)
        let size = (count + pieces - 1) / pieces
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let start = piece * size
            serialAxpy(factor, pointers.x + start, pointers.y + start, Swift.min(size, count - start))
        }
    }

    /// XᵀX and Xᵀy of the features `columns` centred on `means` and divided by `scales`, and the
    /// (already centred) `target`: `gram` row-major with both triangles, as BLAS's `dsyrk` forms it.
    ///
    /// The rows go in blocks of 512: each block's columns are centred into a scratch block that stays
    /// in the cache while every pair is multiplied, so no centred copy of the whole matrix is ever
    /// written (at a million rows × 50 that copy, 400 MB of fresh pages, cost more than the products).
    /// The blocks are split between the cores in a fixed number of pieces added in order, so the bits
    /// do not depend on the machine.
    static func centredGram(columns: [[Double]], means: [Double], scales: [Double], target: [Double]) -> (
        gram: [Double], moments: [Double]
    ) {
        let features = columns.count
        let rows = target.count
        let block = 512
        let pieces = rows >= parallelThreshold ? Self.pieces : 1
        let size = (rows + pieces - 1) / pieces
        let partials = SendableMatrices(count: pieces)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            // The block's centred columns, then the target's rows, each `block` long.
            var scratch = [Double](repeating: 0, count: (features + 1) * block)
            var sums = [Double](repeating: 0, count: features * features + features)
            var start = piece * size
            let end = Swift.min(rows, start + size)
            scratch.withUnsafeMutableBufferPointer { scratch in
                guard let base = scratch.baseAddress else { return }
                while start < end {
                    let length = Swift.min(block, end - start)
                    for (j, column) in columns.enumerated() {
                        let (mean, scale) = (means[j], scales[j])
                        column.withUnsafeBufferPointer { source in
                            for i in 0..<length { base[j * block + i] = (source[start + i] - mean) / scale }
                        }
                    }
                    for i in 0..<length { base[features * block + i] = target[start + i] }
                    for j in 0..<features {
                        for k in j..<features { sums[j * features + k] += serialDot(base + j * block, base + k * block, length) }
                        sums[features * features + j] += serialDot(base + j * block, base + features * block, length)
                    }
                    start += length
                }
            }
            partials.set(piece, sums)
        }
        var total = partials.values[0]
        for piece in 1..<pieces { for i in total.indices { total[i] += partials.values[piece][i] } }
        for j in 0..<features { for k in 0..<j { total[j * features + k] = total[k * features + j] } }
        return (Array(total[0..<(features * features)]), Array(total[(features * features)...]))
    }

    static func serialDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        // Two 8-wide running sums: vector registers instead of a chain of scalar additions.
        var first = SIMD8<Double>()
        var second = SIMD8<Double>()
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        let stride = MemoryLayout<Double>.stride
        var i = 0
        while i + 16 <= count {
            first +=
                rawA.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                * rawB.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
            second +=
                rawA.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Double>.self)
                * rawB.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Double>.self)
            i += 16
        }
        var sum = (first + second).sum()
        while i < count {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    private static func serialAxpy(_ factor: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
        for i in 0..<count { y[i] += factor * x[i] }
    }
}

/// Read-only pointers handed to worker threads; each thread reads its own piece.
private struct SendablePointers: @unchecked Sendable {
    let a: UnsafePointer<Double>
    let b: UnsafePointer<Double>
}

/// A read pointer and a write pointer; each thread writes only its own piece of `y`.
private struct SendableTarget: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let y: UnsafeMutablePointer<Double>
}

/// One partial sum per piece, each slot written by one thread through a raw buffer (no shared
/// Swift array is mutated concurrently), added in piece order afterwards.
private final class SendableSums: @unchecked Sendable {
    private let sums: UnsafeMutableBufferPointer<Double>

    init(count: Int) {
        sums = .allocate(capacity: count)
        sums.initialize(repeating: 0)
    }

    deinit { sums.deallocate() }

    func set(_ piece: Int, _ value: Double) { sums[piece] = value }

    func total() -> Double { sums.reduce(0, +) }
}

/// One matrix per piece of a split computation, each written by one piece only, read once all have ended.
private final class SendableMatrices: @unchecked Sendable {
    private(set) var values: [[Double]]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: [], count: count) }

    func set(_ piece: Int, _ matrix: [Double]) { lock.withLock { values[piece] = matrix } }
}
