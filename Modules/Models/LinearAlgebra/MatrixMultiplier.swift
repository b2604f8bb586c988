/// The one matrix product neural model plugins need, on row-major `Float` buffers:
/// C ← op(A)·op(B) (+ C when `accumulate`), where op(A) is m × k, op(B) is k × n and C is m × n.
///
/// Plugins call it through ``LinearAlgebra/multiplier`` and never see which library computes it:
/// ``BLASMultiplier`` (OpenBLAS) by default, ``SwiftMultiplier`` where no BLAS is wanted.
public protocol MatrixMultiplier: Sendable {
    /// Multiplies; `a` holds op(A) as m × k (or k × m when `transposeA`), `b` holds op(B) as
    /// k × n (or n × k when `transposeB`).
    func multiply(
        _ a: UnsafeBufferPointer<Float>, transposeA: Bool, _ b: UnsafeBufferPointer<Float>, transposeB: Bool,
        into c: UnsafeMutableBufferPointer<Float>, m: Int, n: Int, k: Int, accumulate: Bool)
}

extension MatrixMultiplier {
    /// The same on arrays, checking their sizes.
    public func multiply(
        _ a: [Float], transposeA: Bool = false, _ b: [Float], transposeB: Bool = false, into c: inout [Float], m: Int, n: Int, k: Int,
        accumulate: Bool = false
    ) {
        precondition(a.count == m * k && b.count == k * n && c.count == m * n, "matrix sizes do not match m × k · k × n")
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: c, m: m, n: n, k: k, accumulate: accumulate)
                }
            }
        }
    }
}

/// Where plugins get their matrix products.
public enum LinearAlgebra {
    /// OpenBLAS's `sgemm` where OpenBLAS can be opened (it is, on first use), else ``SwiftMultiplier``.
    public static let multiplier: any MatrixMultiplier = BLASMultiplier.isAvailable ? BLASMultiplier() : SwiftMultiplier()

    /// How many cores a caller may split its products over (the halves of a training batch): the
    /// threads OpenBLAS was given (`OPENBLAS_NUM_THREADS`, else the cores), 1 without OpenBLAS. Each
    /// product itself runs on one thread, so its result does not depend on this number.
    public static var threads: Int { OpenBLAS.functions?.threads ?? 1 }
}
