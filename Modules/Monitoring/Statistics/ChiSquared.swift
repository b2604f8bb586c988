import Foundation

/// The χ² distribution's survival function, for tests such as Ljung–Box.
public enum ChiSquared {
    /// P(X > x) for X ~ χ² with `degrees` degrees of freedom: the regularized upper incomplete gamma Q(k/2, x/2).
    public static func survival(_ x: Double, degrees: Int) -> Double {
        guard x > 0 else { return 1 }
        return regularizedUpperGamma(Double(degrees) / 2, x / 2)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a): a series below x = a + 1, Lentz's continued fraction above it.
    static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        let logPrefix = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            var term = 1 / a
            var sum = term
            var denominator = a
            for _ in 0..<1000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if abs(term) < abs(sum) * 1e-16 { break }
            }
            return max(0, min(1, 1 - sum * exp(logPrefix)))
        }
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<1000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-16 { break }
        }
        return max(0, min(1, exp(logPrefix) * h))
    }
}
