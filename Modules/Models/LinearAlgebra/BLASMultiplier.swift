/// ``MatrixMultiplier`` on OpenBLAS's `cblas_sgemm` (row-major), each product on one thread (see
/// `OpenBLAS`; callers split work across ``LinearAlgebra/threads``). A product with one row or one column goes to `cblas_sgemv`, which
/// reads the matrix in place (`sgemm` would copy all of it into its packed layout first: most of
/// the time of one sequence's prediction). OpenBLAS is opened on first use, not at load (see
/// `OpenBLAS`); ``LinearAlgebra/multiplier`` uses this only where it can be opened.
public struct BLASMultiplier: MatrixMultiplier {
    /// Makes the multiplier; its products stop the process with a message where OpenBLAS cannot be
    /// opened (``isAvailable``).
    public init() {}

    /// Whether OpenBLAS can be opened here (it is opened by asking).
    public static var isAvailable: Bool { OpenBLAS.functions != nil }

    public func multiply(
        _ a: UnsafeBufferPointer<Float>, transposeA: Bool, _ b: UnsafeBufferPointer<Float>, transposeB: Bool,
        into c: UnsafeMutableBufferPointer<Float>, m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if !accumulate { c.update(repeating: 0) }
            return
        }
        guard let blas = OpenBLAS.functions else {
            preconditionFailure("OpenBLAS (libopenblas.so.0) cannot be opened; install Debian's libopenblas0 or use SwiftMultiplier")
        }
        let beta: Float = accumulate ? 1 : 0
        let (rowMajor, noTrans, trans) = (OpenBLAS.rowMajor, OpenBLAS.noTranspose, OpenBLAS.transpose)
        if m == 1 {
            // cᵀ = op(B)ᵀ · a: B is k × n (or n × k when transposed); a is k values either way.
            blas.sgemv(
                rowMajor, transposeB ? noTrans : trans, Int32(transposeB ? n : k), Int32(transposeB ? k : n), 1,
                b.baseAddress, Int32(transposeB ? k : n), a.baseAddress, 1, beta, c.baseAddress, 1)
            return
        }
        if n == 1 {
            // c = op(A) · b: A is m × k (or k × m when transposed); b is k values either way.
            blas.sgemv(
                rowMajor, transposeA ? trans : noTrans, Int32(transposeA ? k : m), Int32(transposeA ? m : k), 1,
                a.baseAddress, Int32(transposeA ? m : k), b.baseAddress, 1, beta, c.baseAddress, 1)
            return
        }
        blas.sgemm(
            rowMajor, transposeA ? trans : noTrans, transposeB ? trans : noTrans,
            Int32(m), Int32(n), Int32(k), 1, a.baseAddress, Int32(transposeA ? m : k), b.baseAddress, Int32(transposeB ? k : n),
            beta, c.baseAddress, Int32(n))
    }
}
