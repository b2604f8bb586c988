import FerryModels
import Testing

@Suite struct MatrixMultiplierTests {
    @Test func multipliesASmallKnownProduct() {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        for multiplier in [BLASMultiplier(), SwiftMultiplier()] as [any MatrixMultiplier] {
            var c = [Float](repeating: 0, count: 4)
            multiplier.multiply([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], into: &c, m: 2, n: 2, k: 3)
            #expect(c == [58, 64, 139, 154], "\(type(of: multiplier))")
            multiplier.multiply([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], into: &c, m: 2, n: 2, k: 3, accumulate: true)
            #expect(c == [116, 128, 278, 308], "accumulates into C")
        }
    }

    /// Every transpose combination, on a general product and on one row or one column (sgemv's path).
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)], [(37, 29, 64), (1, 29, 64), (37, 1, 64)])
    func openBLASAgreesWithPlainSwift(transposes: (a: Bool, b: Bool), size: (m: Int, n: Int, k: Int)) {
        let (transposeA, transposeB) = transposes
        var state: UInt64 = 42
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Double(state >> 40) / Double(1 << 24)) - 0.5
        }
        let (m, n, k) = size
        let a = (0..<m * k).map { _ in next() }
        let b = (0..<k * n).map { _ in next() }
        let start = (0..<m * n).map { _ in next() }
        var blas = start
        var swift = start
        BLASMultiplier().multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: &blas, m: m, n: n, k: k, accumulate: true)
        SwiftMultiplier().multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: &swift, m: m, n: n, k: k, accumulate: true)
        let worst = zip(blas, swift).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5, "largest difference \(worst)")
        #expect(blas != start, "the product was written")
    }

    @Test func anEmptyInnerDimensionGivesZerosOrLeavesCAlone() {
        var c: [Float] = [1, 2]
        BLASMultiplier().multiply([], [], into: &c, m: 1, n: 2, k: 0, accumulate: true)
        #expect(c == [1, 2])
        BLASMultiplier().multiply([], [], into: &c, m: 1, n: 2, k: 0)
        #expect(c == [0, 0])
    }
}
