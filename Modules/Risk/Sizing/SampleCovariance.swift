/// The sample covariance (ddof = 1, as `np.cov`) of several return series over the same periods.
public enum SampleCovariance {
    /// One row and column per series; every series must have the same length, at least two.
    public static func of(_ series: [[Double]]) throws -> [[Double]] {
        guard let length = series.first?.count, series.allSatisfy({ $0.count == length }) else {
            throw SizingError("covariance needs series of one length")
        }
        guard length >= 2 else { throw SizingError("covariance needs at least two periods, not \(length)") }
        let means = series.map { $0.reduce(0, +) / Double(length) }
        return series.indices.map { row in
            series.indices.map { column in
                (0..<length).reduce(0) { $0 + (series[row][$1] - means[row]) * (series[column][$1] - means[column]) } / Double(length - 1)
            }
        }
    }
}
