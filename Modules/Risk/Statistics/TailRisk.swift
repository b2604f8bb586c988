/// Value at risk and expected shortfall of one period's return, as returns (a loss is negative).
struct TailRisk {
    /// The historical VaR: the `cutoff` percentile with linear interpolation (`np.percentile`, empyrical's `value_at_risk`).
    let historicalVaR: Double
    /// The historical CVaR: the mean of the `⌊(n − 1)·cutoff⌋ + 1` smallest returns (empyrical's `conditional_value_at_risk`).
    let historicalCVaR: Double
    /// The normal VaR: μ + σ·Φ⁻¹(cutoff), σ with ddof = 1.
    let parametricVaR: Double
    /// The normal expected shortfall: μ − σ·φ(Φ⁻¹(cutoff)) / cutoff.
    let parametricES: Double

    init(_ returns: [Double], cutoff: Double, moments: SampleMoments) {
        let sorted = returns.sorted()
        let position = Double(sorted.count - 1) * cutoff
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        historicalVaR = sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
        let tail = sorted[0...below]
        historicalCVaR = tail.reduce(0, +) / Double(tail.count)
        let z = NormalDistribution.quantile(cutoff)
        parametricVaR = moments.mean + moments.standardDeviation * z
        parametricES = moments.mean - moments.standardDeviation * NormalDistribution.pdf(z) / cutoff
    }
}
