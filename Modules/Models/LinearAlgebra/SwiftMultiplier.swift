/// ``MatrixMultiplier`` in plain Swift: the reference the BLAS one is tested against, and a
/// fallback that needs no library. Sums in `Double` for each entry.
public struct SwiftMultiplier: MatrixMultiplier {
    /// Makes the multiplier.
    public init() {}

    public func multiply(
        _ a: UnsafeBufferPointer<Float>, transposeA: Bool, _ b: UnsafeBufferPointer<Float>, transposeB: Bool,
        into c: UnsafeMutableBufferPointer<Float>, m: Int, n: Int, k: Int, accumulate: Bool
    ) {
        for row in 0..<m {
            for column in 0..<n {
                var sum = 0.0
                for inner in 0..<k {
                    let left = transposeA ? a[inner * m + row] : a[row * k + inner]
                    let right = transposeB ? b[column * k + inner] : b[inner * n + column]
                    sum += Double(left) * Double(right)
                }
                c[row * n + column] = Float(sum) + (accumulate ? c[row * n + column] : 0)
            }
        }
    }
}
