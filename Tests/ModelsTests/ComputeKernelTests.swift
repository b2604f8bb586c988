import FerryModels
import Foundation
import Testing

/// Ferry's own C kernels: every kernel this CPU runs gives the same bits as the portable one, and
/// the portable one agrees with plain Swift in Double.
@Suite struct ComputeKernelTests {
    /// Values in [−0.5, 0.5) (or scaled), the same for a seed.
    static func values(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Float(Double(state >> 40) / Double(1 << 24)) - 0.5) * scale
        }
    }

    static var supported: [ComputeKernel] { ComputeKernel.allCases.filter(\.isSupported) }

    @Test func theSelectedKernelIsOneThisCPURuns() {
        #expect(ComputeKernel.portable.isSupported)
        #expect(ComputeKernel.selected <= ComputeKernel.fastest)
        #if arch(x86_64)
            // Every x86-64 machine Ferry is built and tested on has AVX2 and FMA; a slower pick is a detection fault.
            #expect(ComputeKernel.fastest >= .avx2, "fastest kernel here: \(ComputeKernel.fastest)")
        #endif
    }

    /// Shapes with edges everywhere: one row (the single-row path), rows past a tile, columns past a
    /// vector, an inner dimension past a panel (128).
    @Test(arguments: [(1, 512, 128), (1, 37, 300), (4, 64, 35), (7, 37, 300), (32, 128, 512), (13, 5, 1), (6, 16, 129)])
    func everyKernelGivesTheSameBits(size: (m: Int, n: Int, k: Int)) {
        let (m, n, k) = size
        let a = Self.values(m * k, seed: 1)
        let b = Self.values(k * n, seed: 2)
        let start = Self.values(m * n, seed: 3)
        for accumulate in [false, true] {
            var portable = start
            OrderedProduct.multiply(a, b, into: &portable, m: m, n: n, k: k, accumulate: accumulate, kernel: .portable)
            var reference = [Float](repeating: 0, count: m * n)
            SwiftMultiplier().multiply(a, b, into: &reference, m: m, n: n, k: k)
            let worst = (0..<m * n).map { abs(portable[$0] - (reference[$0] + (accumulate ? start[$0] : 0))) }.max() ?? 0
            #expect(worst < 1e-5, "\(size) accumulate \(accumulate): largest difference from Double sums \(worst)")
            for kernel in Self.supported.dropFirst() {
                var result = start
                OrderedProduct.multiply(a, b, into: &result, m: m, n: n, k: k, accumulate: accumulate, kernel: kernel)
                #expect(result.map(\.bitPattern) == portable.map(\.bitPattern), "\(kernel) \(size) accumulate \(accumulate)")
            }
        }
    }

    @Test func anEmptyInnerDimensionGivesZerosOrLeavesCAlone() {
        for kernel in Self.supported {
            var c: [Float] = [1, 2]
            OrderedProduct.multiply([], [], into: &c, m: 1, n: 2, k: 0, accumulate: true, kernel: kernel)
            #expect(c == [1, 2])
            OrderedProduct.multiply([], [], into: &c, m: 1, n: 2, k: 0, kernel: kernel)
            #expect(c == [0, 0])
        }
    }

    /// One step's cells forwards and backwards on every kernel: the same bits, and activations within
    /// 2e-7 of Foundation's (units past a vector's lanes, saturated and NaN pre-activations included).
    @Test(arguments: [128, 37, 5])
    func cellStepsGiveTheSameBitsOnEveryKernel(units: Int) throws {
        let rows = 3
        var pre = Self.values(rows * 4 * units, seed: 4, scale: 12)
        (pre[0], pre[1], pre[2]) = (200, -200, .nan)
        let previous = Self.values(rows * units, seed: 5, scale: 4)
        let (fromAbove, carriedHidden, carriedCellStart) = (
            Self.values(rows * units, seed: 6), Self.values(rows * units, seed: 7), Self.values(rows * units, seed: 8)
        )
        func step(_ kernel: ComputeKernel) -> [[Float]] {
            var (gates, cell, cellTanh, hidden) = (pre, [Float](repeating: 0, count: rows * units), [Float](), [Float]())
            (cellTanh, hidden) = (cell, cell)
            var (carriedCell, gradients) = (carriedCellStart, [Float](repeating: 0, count: rows * 4 * units))
            LSTMCell.forward(
                rows: rows, units: units, gates: &gates, previousCell: previous, cell: &cell, cellTanh: &cellTanh, hidden: &hidden,
                kernel: kernel)
            LSTMCell.backward(
                rows: rows, units: units, gates: gates, cellTanh: cellTanh, previousCell: previous, outputGradient: fromAbove,
                carriedHidden: carriedHidden, carriedCell: &carriedCell, gateGradients: &gradients, kernel: kernel)
            return [gates, cell, cellTanh, hidden, carriedCell, gradients]
        }
        let portable = step(.portable)
        for (index, value) in pre.enumerated().dropFirst(3) {
            let gate = index % (4 * units) / units
            let expected = gate == 2 ? tanh(Double(value)) : 1 / (1 + exp(-Double(value)))
            #expect(abs(Double(portable[0][index]) - expected) < 2e-7, "gate \(gate) of \(value): \(portable[0][index])")
        }
        #expect(portable[0][0] == 1 && portable[0][1] < 1e-37 && portable[0][2].isNaN, "saturated and NaN pre-activations")
        for index in 0..<rows * units {
            let gate = { (number: Int) in portable[0][index / units * 4 * units + number * units + index % units] }
            let (input, forget, candidate, output) = (gate(0), gate(1), gate(2), gate(3))
            let cell = forget * previous[index] + input * candidate
            #expect(portable[1][index].bitPattern == cell.bitPattern || cell.isNaN, "c = f·c_prev + i·g at \(index)")
            #expect(portable[3][index].bitPattern == (output * portable[2][index]).bitPattern || cell.isNaN, "h = o·tanh(c) at \(index)")
        }
        for kernel in Self.supported.dropFirst() {
            let result = step(kernel)
            for (name, (ours, theirs)) in zip(["activations", "c", "tanh c", "h", "carried c", "gate gradients"], zip(result, portable)) {
                #expect(ours.map(\.bitPattern) == theirs.map(\.bitPattern), "\(kernel) \(name), \(units) units")
            }
        }
    }
}
