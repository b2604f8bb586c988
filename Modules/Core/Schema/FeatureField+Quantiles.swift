extension FeatureField {
    /// How many quantiles a field's training sketch holds: 0%, 1%, … 100%.
    public static let quantileCount = 101

    /// The quantiles of `values` at 0%, 1%, … 100%, missing ones (`nan`) left out, each by linear
    /// interpolation between the two nearest order statistics (numpy's default `percentile`);
    /// `nil` when no value is known.
    public static func quantiles(of values: [Double]) -> [Double]? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        let last = Double(sorted.count - 1)
        return (0..<quantileCount).map { level in
            let position = last * Double(level) / Double(quantileCount - 1)
            let below = Int(position.rounded(.down))
            let above = Swift.min(below + 1, sorted.count - 1)
            let fraction = position - Double(below)
            return sorted[below] + (sorted[above] - sorted[below]) * fraction
        }
    }
}
