import FerryCore

extension SeededGenerator {
    /// A uniform value in [-bound, bound).
    mutating func uniform(_ bound: Float) -> Float { Float.random(in: -bound..<bound, using: &self) }
}
