/// The activations the LSTM needs, eight lanes at a time: e^x by Cephes' `expf` (range reduction
/// to [−½ ln 2, ½ ln 2], a degree-6 polynomial, the power of two put into the exponent bits; within
/// 2 ulp), σ(x) = 1 / (1 + e^(−x)) and tanh(x) = 2σ(2x) − 1 (absolute error below 1e-7).
///
/// glibc's `tanhf` and `expf`, one value per call, were a third of a training epoch.
enum VectorMath {
    typealias Lanes = SIMD8<Float>

    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        // Clamped to where e^x is a normal float (lane-wise selects; `clamped` is not inlined).
        var x = x.replacing(with: -87.3, where: x .< -87.3)
        x.replace(with: 88.3, where: x .> 88.3)
        // n = round(x / ln 2) by the 1.5·2²³ trick: adding it leaves n in the low mantissa bits.
        let shifted = x * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Lanes(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_1e-1
        p = p * r * r + r + 1
        // 2ⁿ: n + 127 into the exponent bits.
        let exponent = (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        return p * unsafeBitCast(exponent, to: Lanes.self)
    }

    @inline(__always)
    static func sigmoid(_ x: Lanes) -> Lanes { 1 / (1 + exp(-x)) }

    @inline(__always)
    static func tanh(_ x: Lanes) -> Lanes { 2 / (1 + exp(-2 * x)) - 1 }

    /// Applies `function` in place to `count` values from `values`.
    @inline(__always)
    static func apply(_ function: (Lanes) -> Lanes, to values: UnsafeMutablePointer<Float>, count: Int) {
        for index in stride(from: 0, to: count, by: 8) {
            let lanes = min(8, count - index)
            store(function(load(values, index, lanes)), values, index, lanes)
        }
    }

    /// `lanes` (1 to 8) values from `values + index`, the other lanes 0.
    @inline(__always)
    static func load(_ values: UnsafePointer<Float>, _ index: Int, _ lanes: Int) -> Lanes {
        if lanes == 8 { return UnsafeRawPointer(values + index).loadUnaligned(as: Lanes.self) }
        var loaded = Lanes(repeating: 0)
        for lane in 0..<lanes { loaded[lane] = values[index + lane] }
        return loaded
    }

    /// Writes the first `lanes` (1 to 8) lanes of `lanesValue` to `values + index`.
    @inline(__always)
    static func store(_ lanesValue: Lanes, _ values: UnsafeMutablePointer<Float>, _ index: Int, _ lanes: Int) {
        if lanes == 8 { return UnsafeMutableRawPointer(values + index).storeBytes(of: lanesValue, as: Lanes.self) }
        for lane in 0..<lanes { values[index + lane] = lanesValue[lane] }
    }
}
