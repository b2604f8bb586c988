import CBLAS

/// ``MatrixMultiplier`` on OpenBLAS's `cblas_sgemm` (row-major), using the threads OpenBLAS is given
/// (`OPENBLAS_NUM_THREADS`).
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
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), 1, a.baseAddress, Int32(transposeA ? m : k), b.baseAddress, Int32(transposeB ? k : n),
            accumulate ? 1 : 0, c.baseAddress, Int32(n))
    }
}
