import FerryCore

extension SeededGenerator {
    /// A uniform value in [-bound, bound).
    mutating func uniform(_ bound: Float) -> Float { (2 * unit() - 1) * bound }

    /// A uniform value in [0, 1), from the top 24 bits.
    mutating func unit() -> Float { Float(next() >> 40) * 0x1p-24 }
}
