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
        let width = features + 1  // the features, then the target: XᵀX and Xᵀy in one Gram matrix
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            // The block's centred columns, then the target's rows, each `block` long.
            var scratch = [Double](repeating: 0, count: width * block)
            var sums = [Double](repeating: 0, count: width * width)
            var start = piece * size
            let end = Swift.min(rows, start + size)
            scratch.withUnsafeMutableBufferPointer { scratch in
                sums.withUnsafeMutableBufferPointer { sums in
                    guard let base = scratch.baseAddress, let sums = sums.baseAddress else { return }
                    while start < end {
                        let length = Swift.min(block, end - start)
                        for (j, column) in columns.enumerated() {
                            let (mean, scale) = (means[j], scales[j])
                            column.withUnsafeBufferPointer { source in
                                // Unscaled columns skip the division: x − m is the same number either way.
                                if scale == 1 {
                                    for i in 0..<length { base[j * block + i] = source[start + i] - mean }
                                } else {
                                    for i in 0..<length { base[j * block + i] = (source[start + i] - mean) / scale }
                                }
                            }
                        }
                        for i in 0..<length { base[features * block + i] = target[start + i] }
                        addPairs(of: base, columns: width, stride: block, length: length, into: sums)
                        start += length
                    }
                }
            }
            partials.set(piece, sums)
        }
        var total = partials.values[0]
        for piece in 1..<pieces { for i in total.indices { total[i] += partials.values[piece][i] } }
        var gram = [Double](repeating: 0, count: features * features)
        for j in 0..<features {
            for k in j..<features {
                gram[j * features + k] = total[j * width + k]
                gram[k * features + j] = total[j * width + k]
            }
        }
        return (gram, (0..<features).map { total[$0 * width + features] })
    }

    /// Adds Σᵢ c_j[i]·c_k[i] to `sums[j·columns + k]` for every j ≤ k (and some j > k, which the
    /// caller ignores) of the `columns` columns of length `length`, `stride` apart from `base`.
    ///
    /// Pairs go in tiles of 2 × 4 columns held in eight 2-lane sums: each value loaded serves four
    /// or two products instead of one, so the products, not the loads, set the pace.
    private static func addPairs(
        of base: UnsafePointer<Double>, columns: Int, stride: Int, length: Int, into sums: UnsafeMutablePointer<Double>
    ) {
        var j = 0
        while j < columns {
            var k = j
            while k < columns {
                if j + 2 <= columns, k + 4 <= columns {
                    addTile(
                        base + j * stride, base + k * stride, stride: stride, length: length, into: sums + j * columns + k, row: columns)
                } else {
                    for a in j..<Swift.min(j + 2, columns) {
                        for b in k..<Swift.min(k + 4, columns) {
                            sums[a * columns + b] += serialDot(base + a * stride, base + b * stride, length)
                        }
                    }
                }
                k += 4
            }
            j += 2
        }
    }

    /// The 2 × 4 tile of column products from columns `a`, `a + stride` and `b`, … `b + 3·stride`.
    @inline(__always)
    private static func addTile(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, stride: Int, length: Int, into sums: UnsafeMutablePointer<Double>,
        row: Int
    ) {
        typealias Pair = SIMD2<Double>
        let (a0, a1) = (UnsafeRawPointer(a), UnsafeRawPointer(a + stride))
        let (b0, b1, b2, b3) = (
            UnsafeRawPointer(b), UnsafeRawPointer(b + stride), UnsafeRawPointer(b + 2 * stride), UnsafeRawPointer(b + 3 * stride)
        )
        var (s00, s01, s02, s03) = (Pair(), Pair(), Pair(), Pair())
        var (s10, s11, s12, s13) = (Pair(), Pair(), Pair(), Pair())
        let size = MemoryLayout<Double>.stride
        var i = 0
        while i + 2 <= length {
            let offset = i * size
            let x0 = a0.loadUnaligned(fromByteOffset: offset, as: Pair.self)
            let x1 = a1.loadUnaligned(fromByteOffset: offset, as: Pair.self)
            let y0 = b0.loadUnaligned(fromByteOffset: offset, as: Pair.self)
            let y1 = b1.loadUnaligned(fromByteOffset: offset, as: Pair.self)
            let y2 = b2.loadUnaligned(fromByteOffset: offset, as: Pair.self)
            let y3 = b3.loadUnaligned(fromByteOffset: offset, as: Pair.self)
            s00 += x0 * y0
            s01 += x0 * y1
            s02 += x0 * y2
            s03 += x0 * y3
            s10 += x1 * y0
            s11 += x1 * y1
            s12 += x1 * y2
            s13 += x1 * y3
            i += 2
        }
        for (c, (first, second)) in [(s00, s10), (s01, s11), (s02, s12), (s03, s13)].enumerated() {
            var (top, bottom) = (first.sum(), second.sum())
            for tail in i..<length {
                top += a[tail] * b[c * stride + tail]
                bottom += a[stride + tail] * b[c * stride + tail]
            }
            sums[c] += top
            sums[row + c] += bottom
        }
    }

    /// Σ values[i], in two 8-wide running sums (the order differs from a left-to-right sum in the last bits).
    static func sum(_ values: UnsafePointer<Double>?, _ count: Int) -> Double {
        guard let values else { return 0 }
        var first = SIMD8<Double>()
        var second = SIMD8<Double>()
        let raw = UnsafeRawPointer(values)
        let stride = MemoryLayout<Double>.stride
        var i = 0
        while i + 16 <= count {
            first += raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
            second += raw.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Double>.self)
            i += 16
        }
        var total = (first + second).sum()
        while i < count {
            total += values[i]
            i += 1
        }
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

/// One matrix per piece of a split computation, each written by one piece only, read once all have ended.
private final class SendableMatrices: @unchecked Sendable {
    private(set) var values: [[Double]]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: [], count: count) }

    func set(_ piece: Int, _ matrix: [Double]) { lock.withLock { values[piece] = matrix } }
}
