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

    /// XᵀX of the column-major `rows` × `features` matrix at `x` (row `j·features + k`, both
    /// triangles), as BLAS's `dsyrk` computes it: the rows in blocks of 512 whose columns stay in
    /// the cache while every pair is multiplied, the blocks split between the cores in a fixed
    /// number of pieces added in order (so the bits do not depend on the machine).
    static func gram(_ x: UnsafePointer<Double>?, rows: Int, features: Int) -> [Double] {
        guard let x, rows > 0, features > 0 else { return [Double](repeating: 0, count: features * features) }
        let block = 512
        let pieces = rows >= parallelThreshold ? Self.pieces : 1
        let size = (rows + pieces - 1) / pieces
        let partials = SendableMatrices(count: pieces)
        let matrix = SendableSource(x: x)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            var sums = [Double](repeating: 0, count: features * features)
            var start = piece * size
            let end = Swift.min(rows, start + size)
            while start < end {
                let length = Swift.min(block, end - start)
                for j in 0..<features {
                    for k in j..<features {
                        sums[j * features + k] += serialDot(matrix.x + j * rows + start, matrix.x + k * rows + start, length)
                    }
                }
                start += length
            }
            partials.set(piece, sums)
        }
        var total = partials.values[0]
        for piece in 1..<pieces { for i in total.indices { total[i] += partials.values[piece][i] } }
        for j in 0..<features { for k in 0..<j { total[j * features + k] = total[k * features + j] } }
        return total
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

/// A matrix the pieces of a split computation read.
private struct SendableSource: @unchecked Sendable {
    let x: UnsafePointer<Double>
}

/// One matrix per piece of a split computation, each written by one piece only, read once all have ended.
private final class SendableMatrices: @unchecked Sendable {
    private(set) var values: [[Double]]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: [], count: count) }

    func set(_ piece: Int, _ matrix: [Double]) { lock.withLock { values[piece] = matrix } }
}
