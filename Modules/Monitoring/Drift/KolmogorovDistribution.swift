import Foundation

/// The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic Dₙ, as
/// scipy's `kstwo.sf` computes it (Simard and L'Ecuyer's method choice, scipy's `_ksstats.kolmogn`):
/// Ruben–Gambino's closed forms at the edges, twice Smirnov's one-sided probability for large
/// deviations, Durbin's matrix (Marsaglia–Tsang–Wang) and Pomeranz's recursion for small n, and
/// Pelz–Good's expansion otherwise. The two-sample test's asymptotic p-value is `sf(d, n₁n₂/(n₁+n₂))`.
enum KolmogorovDistribution {
    /// P(Dₙ > x).
    static func survival(_ n: Int, _ x: Double) -> Double {
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let cdf =
                n <= 140
                ? (1...n).reduce(1.0) { $0 * (Double($1) * (1 / nd) * (2 * t - 1)) }
                : exp(logFactorialOverPower(nd) + nd * log(2 * t - 1))
            return clip(1 - cdf)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - x, nd)) }
        if x >= 0.5 { return clip(2 * smirnov(n, x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 { return clip(1 - durbin(n, x)) }
            if nxSquared <= 4 { return clip(1 - pomeranz(n, x)) }
            return clip(2 * smirnov(n, x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n, x)) }
        let cdf = n <= 100_000 && nd * pow(x, 1.5) <= 1.4 ? durbin(n, x) : pelzGood(n, x)
        return clip(1 - cdf)
    }

    private static func clip(_ p: Double) -> Double { min(max(p, 0), 1) }

    /// log(n! / nⁿ) by Stirling's series (scipy's `_log_nfactorial_div_n_pow_n`).
    private static func logFactorialOverPower(_ n: Double) -> Double {
        let coefficients = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let r = 1 / n
        let series = coefficients.reduce(0.0) { $0 * (r / n) + $1 }
        return log(n) / 2 - n + log(2 * Double.pi) / 2 + r * series
    }

    /// Smirnov's one-sided P(Dₙ⁺ > x) by the Birnbaum–Tingey sum, summed in log space (every
    /// term is positive), with scipy's choice of the lower or upper sum, its early stop, and its
    /// approximation beyond a million.
    static func smirnov(_ n: Int, _ x: Double) -> Double {
        if n == 1 { return x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }
        let nd = Double(n)
        let nx = nd * x
        let floorNX = nx.rounded(.down)
        let alpha = nx - floorNX
        let nxfl = Int(floorNX)
        var lowerLast = n - nxfl - (alpha == 0 ? 0 : 1)
        var upperFirst = n - nxfl
        if alpha == 0 {
            lowerLast -= 1
            upperFirst += 1
        }
        if nxfl == 0 || (nxfl == 1 && alpha == 0) { return 1 - x * pow(1 + x, nd - 1) }
        if -2 * nd * x * x < -7.08396418532264106224e2 { return 0 }
        if nxfl >= n - 1 { return pow(1 - x, nd) }
        if n > 1_000_000 {
            let logp = -pow(6 * nx + 1, 2) / 18 / nd
            return logp < -M_LN2 ? exp(logp) : 1 + expm1(logp)
        }
        let upperTerms = n - upperFirst + 1
        let useUpper = (upperTerms <= 1 && x < 0.5) || (n >= 10 && upperTerms <= 3 && x <= 0.5 / nd.squareRoot())
        let values: [Int] = useUpper ? Array(stride(from: n, through: upperFirst, by: -1)) : Array(0...lowerLast)
        var sum = 0.0
        for (j, v) in values.enumerated() {
            let term = exp(logBinomial(n, v) + Double(v - 1) * log(x + Double(v) / nd) + Double(n - v) * log(1 - x - Double(v) / nd))
            sum += term
            if term != 0, 4 * Double(values.count - j) * term < Double.ulpOfOne * sum, j != values.count - 1 { break }
            if term == 0, j > n / 2 { break }
        }
        let probability = x * sum
        return clip(useUpper ? 1 - probability : probability)
    }

    private static func logBinomial(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }

    /// P(Dₙ ≤ d) by Durbin's matrix (Marsaglia, Tsang and Wang; scipy's `_kolmogn_DMTW`).
    static func durbin(_ n: Int, _ d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = (1...m).map { 1 - pow(h, Double($0)) }
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] *= factorial
        }
        v[m - 1] = (1 + pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))) * factorial
        var matrix = [Double](repeating: 0, count: m * m)
        for i in 1..<m { for row in (i - 1)..<m { matrix[row * m + i] = w[row - i + 1] } }
        for row in 0..<m { matrix[row * m] = v[row] }
        for column in 0..<m { matrix[(m - 1) * m + column] = v[m - 1 - column] }
        var power = (0..<(m * m)).map { $0 / m == $0 % m ? 1.0 : 0.0 }
        var exponent = 0
        var matrixExponent = 0
        var remaining = n
        let scale = pow(2.0, 128.0)
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = multiply(power, matrix, m)
                exponent += matrixExponent
            }
            matrix = multiply(matrix, matrix, m)
            matrixExponent *= 2
            if abs(matrix[(k - 1) * m + (k - 1)]) > scale {
                matrix = matrix.map { $0 / scale }
                matrixExponent += 128
            }
            remaining /= 2
        }
        var p = power[(k - 1) * m + (k - 1)]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < 1 / scale {
                p *= scale
                exponent -= 128
            }
        }
        return clip(exponent != 0 ? scalbn(p, exponent) : p)
    }

    private static func multiply(_ a: [Double], _ b: [Double], _ m: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for k in 0..<m where a[i * m + k] != 0 {
                let aik = a[i * m + k]
                for j in 0..<m { c[i * m + j] += aik * b[k * m + j] }
            }
        }
        return c
    }

    /// P(Dₙ ≤ x) by Pomeranz's recursion (scipy's `_kolmogn_Pomeranz`).
    static func pomeranz(_ n: Int, _ x: Double) -> Double {
        let t = Double(n) * x
        let ll = Int(t.rounded(.down))
        let f = t - Double(ll)
        let g = min(f, 1 - f)
        let ceilf = f > 0 ? 1 : 0
        let roundf = f > 0.5 ? 1 : 0
        let powers = 2 * (ll + 1)
        var gpower = [Double](repeating: 1, count: powers)
        var twoG = gpower
        var oneMinusTwoG = gpower
        for m in 1..<powers {
            gpower[m] = gpower[m - 1] * (g / Double(n)) / Double(m)
            twoG[m] = twoG[m - 1] * (2 * g / Double(n)) / Double(m)
            oneMinusTwoG[m] = oneMinusTwoG[m - 1] * ((1 - 2 * g) / Double(n)) / Double(m)
        }
        func interval(_ i: Int) -> (Int, Int) {
            var (j1, j2): (Int, Int)
            if i == 0 {
                (j1, j2) = (-ll - ceilf - 1, ll + ceilf - 1)
            } else {
                let (half, odd) = ((i + 1) / 2, (i + 1) % 2)
                if odd == 0 {
                    (j1, j2) =
                        half == n + 1 ? (n - ll - ceilf - 1, n + ll + ceilf - 1) : (half - 1 - ll - roundf - 1, half + ll - 1 + ceilf - 1)
                } else {
                    (j1, j2) = (half - 1 - ll - 1, half + ll + roundf - 1)
                }
            }
            return (max(j1 + 2, 0), min(j2, n))
        }
        var v0 = [Double](repeating: 0, count: powers)
        var v1 = v0
        v1[0] = 1
        var (v0Start, v1Start) = (0, 0)
        var exponent = 0
        let scale = pow(2.0, 128.0)
        var (j1, j2) = interval(0)
        for i in 1...(2 * n + 1) {
            let k1 = j1
            swap(&v0, &v1)
            swap(&v0Start, &v1Start)
            for index in v1.indices { v1[index] = 0 }
            (j1, j2) = interval(i)
            let weights = (i == 1 || i == 2 * n + 1) ? gpower : (i % 2 == 1 ? twoG : oneMinusTwoG)
            let length = j2 - k1 + 1
            if length > 0 {
                // The full convolution of v0[k1 - v0Start ..< +length] with weights[..<length], entries j1 - k1 ... j2 - k1.
                for out in 0..<(j2 - j1 + 1) {
                    let position = j1 - k1 + out
                    var total = 0.0
                    for a in 0...position where a < length && position - a < length {
                        total += v0[k1 - v0Start + a] * weights[position - a]
                    }
                    v1[out] = total
                }
                if let largest = v1.max(), largest > 0, largest < 1 / scale {
                    v1 = v1.map { $0 * scale }
                    exponent -= 128
                }
                v1Start = v0Start + j1 - k1
            }
        }
        var answer = v1[n - v1Start]
        for m in 1...n {
            if abs(answer) > scale {
                answer /= scale
                exponent += 128
            }
            answer *= Double(m)
        }
        return clip(exponent != 0 ? scalbn(answer, exponent) : answer)
    }

    /// P(Dₙ ≤ x) by Pelz and Good's expansion (scipy's `_kolmogn_PelzGood`).
    static func pelzGood(_ n: Int, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let z = Double(n).squareRoot() * x
        let (z2, z3, z4, z6) = (z * z, z * z * z, pow(z, 4), pow(z, 6))
        let pi2 = Double.pi * Double.pi
        let pi4 = pow(Double.pi, 4)
        let pi6 = pow(Double.pi, 6)
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let (k1a, k1b) = (-z2, pi2 / 4)
        let (k2a, k2b, k2c) = (6 * z6 + 2 * z4, (2 * z4 - 5 * z2) * pi2 / 4, pi4 * (1 - 2 * z2) / 16)
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxk = Int((16 * z / Double.pi).rounded(.up))
        for k in stride(from: maxk, through: 1, by: -1) {
            let m = Double(2 * k - 1)
            let (m2, m4, m6) = (m * m, pow(m, 4), pow(m, 6))
            let qpower = pow(q, Double(8 * k))
            let coefficients = [1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
            for index in 0..<4 { terms[index] = terms[index] * qpower + coefficients[index] }
        }
        let root2pi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for index in 0..<4 { terms[index] = terms[index] * q * root2pi / divisors[index] }
        q = exp(-pi2 / 2 / z2)
        var k2extra = 0.0
        var k3extra = 0.0
        for k in stride(from: maxk, through: 1, by: -1) {
            let k2 = Double(k * k)
            let power = pow(q, k2)
            k2extra += k2 * power
            let kpi = Double.pi * Double(k)
            k3extra += (3.0.squareRoot() * z + kpi) * (3.0.squareRoot() * z - kpi) * k2 * power
        }
        terms[2] += k2extra * pi2 * root2pi / (-36 * z3)
        terms[3] += k3extra * pi2 * root2pi / (216 * z6)
        for index in 0..<4 { terms[index] /= pow(Double(n), Double(index) / 2) }
        return terms.reduce(0, +)
    }
}
