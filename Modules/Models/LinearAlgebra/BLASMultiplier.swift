import CBLAS

/// ``MatrixMultiplier`` on OpenBLAS's `cblas_sgemm` (row-major), using the threads OpenBLAS is given
/// (`OPENBLAS_NUM_THREADS`). A product with one row or one column goes to `cblas_sgemv`, which
/// reads the matrix in place (`sgemm` would copy all of it into its packed layout first: most of
/// the time of one sequence's prediction).
public struct BLASMultiplier: MatrixMultiplier {
    /// Makes the multiplier.
    public init() {}

    public func multiply(
        _ a: UnsafeBufferPointer<Float>, transposeA: Bool, _ b: UnsafeBufferPointer<Float>, transposeB: Bool,
        into c: UnsafeMutableBufferPointer<Float>, m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            if !accumulate { c.update(repeating: 0) }
            return
        }
        let beta: Float = accumulate ? 1 : 0
        if m == 1 {
            // cᵀ = op(B)ᵀ · a: B is k × n (or n × k when transposed); a is k values either way.
            cblas_sgemv(
                CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans, Int32(transposeB ? n : k), Int32(transposeB ? k : n), 1,
                b.baseAddress, Int32(transposeB ? k : n), a.baseAddress, 1, beta, c.baseAddress, 1)
            return
        }
        if n == 1 {
            // c = op(A) · b: A is m × k (or k × m when transposed); b is k values either way.
            cblas_sgemv(
                CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, Int32(transposeA ? k : m), Int32(transposeA ? m : k), 1,
                a.baseAddress, Int32(transposeA ? m : k), b.baseAddress, 1, beta, c.baseAddress, 1)
            return
        }
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a.baseAddress, Int32(transposeA ? m : k), b.baseAddress, Int32(transposeB ? k : n),
            beta, c.baseAddress, Int32(n))
    }
}
