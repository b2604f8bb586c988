internal import CFerryKernels

/// C = [C +] A · B for row-major, contiguous A (m × k), B (k × n) and C (m × n), where every entry
/// of C is summed over k in order, one fused multiply-add per term: the same bits on every CPU and
/// every kernel, unlike BLAS, whose kernels and thread counts change the order of the sums.
///
/// Made for products with few rows and a B used again and again (an LSTM's recurrent weights, one
/// product per time step): B is read where it is, never copied into a packed layout first. Runs on
/// Ferry's own C kernels (``ComputeKernel``).
public enum OrderedProduct {
    /// Multiplies; `accumulate` adds to what `c` holds instead of overwriting it. A `kernel` this CPU
    /// does not run stops the process (ask ``ComputeKernel/isSupported`` first).
    public static func multiply(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int,
        accumulate: Bool, kernel: ComputeKernel = .selected
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0, "matrix sizes are not negative")
        let status = ferry_ordered_product(kernel.cValue, m, n, k, a, b, c, accumulate ? 1 : 0)
        precondition(status == 0, "this CPU does not run the \(kernel) kernel")
    }

    /// The same on arrays, checking their sizes.
    public static func multiply(
        _ a: [Float], _ b: [Float], into c: inout [Float], m: Int, n: Int, k: Int, accumulate: Bool = false,
        kernel: ComputeKernel = .selected
    ) {
        precondition(a.count == m * k && b.count == k * n && c.count == m * n, "matrix sizes do not match m × k · k × n")
        guard m > 0, n > 0 else { return }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    // With k = 0 neither A nor B is read, and C's address stands in for them.
                    guard let result = c.baseAddress else { return }
                    multiply(
                        a.baseAddress ?? UnsafePointer(result), b.baseAddress ?? UnsafePointer(result), into: result, m: m, n: n, k: k,
                        accumulate: accumulate, kernel: kernel)
                }
            }
        }
    }
}
