/// Technical indicators with TA-Lib's exact definitions, seeding and warm-up lengths.
///
/// Each function takes whole columns and returns one value per row, `Double.nan` during the
/// warm-up; the value at row `t` reads rows `0...t` only. The arithmetic follows TA-Lib's order
/// of operations (running sums, Wilder smoothing, circular buffers), so results agree with
/// TA-Lib to within a few units in the last place, not just approximately.
public enum Indicators {
    /// TA-Lib's test for zero: |x| < 1e-8.
    @inline(__always) static func isZero(_ x: Double) -> Bool { -0.00000001 < x && x < 0.00000001 }

    /// TA-Lib's smoothing constant for an EMA of `period`: 2 / (period + 1).
    @inline(__always) static func smoothing(_ period: Int) -> Double { 2.0 / (Double(period) + 1.0) }
}
