/// Mean and sample standard deviation of a series, as NumPy's `mean` and `std(ddof=1)` compute them.
struct SampleMoments {
    /// The mean.
    let mean: Double
    /// The standard deviation with one degree of freedom removed; NaN for fewer than two values,
    /// exactly 0 when every value is the same.
    let standardDeviation: Double

    init(_ values: [Double]) {
        mean = values.reduce(0, +) / Double(values.count)
        if values.count < 2 {
            standardDeviation = .nan
        } else if values.allSatisfy({ $0 == values[0] }) {
            standardDeviation = 0
        } else {
            let mean = mean
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardDeviation = (squares / Double(values.count - 1)).squareRoot()
        }
    }
}
