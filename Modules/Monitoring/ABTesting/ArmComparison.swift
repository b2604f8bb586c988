import FerryCore
import Foundation

/// Two arms of an A/B test compared on their graded predictions (predictions whose outcomes are
/// known): MAE and directional accuracy per arm, the difference B − A of each with Welch's
/// two-sample t-test and its 95% confidence interval, and a verdict on MAE.
///
/// The verdict is a fixed-horizon test: `keep testing` until both arms have
/// ``minimumPerArm`` graded predictions; then `B better` or `A better` when the MAE difference is
/// significant at ``significance`` (two-sided), else `no difference`. Looking again and again and
/// stopping at the first significant answer raises the false-positive rate above 5%: decide when
/// the arms reach the minimum.
///
/// ```swift
/// let comparison = try ArmComparison(
///     a: .init(name: "champion", predictions: p1, actuals: y1), b: .init(name: "challenger", predictions: p2, actuals: y2))
/// print(comparison.verdict)   // keep testing, B better, A better, no difference
/// ```
public struct ArmComparison: Codable, Sendable {
    /// One arm's graded predictions.
    public struct Sample: Sendable {
        /// The arm (an alias or version).
        public let name: String
        /// Its predictions and their realised outcomes, pairwise.
        public let predictions: [Double]
        public let actuals: [Double]

        /// Makes a sample; predictions and actuals pair up by position.
        public init(name: String, predictions: [Double], actuals: [Double]) {
            (self.name, self.predictions, self.actuals) = (name, predictions, actuals)
        }
    }

    /// One arm's figures.
    public struct Arm: Codable, Sendable, Equatable {
        /// The arm.
        public let name: String
        /// Graded predictions.
        public let graded: Int
        /// Mean absolute error.
        public let mae: Double
        /// Share of predictions on the outcome's side of the benchmark.
        public let directionalAccuracy: Double

        enum CodingKeys: String, CodingKey {
            case name, graded, mae
            case directionalAccuracy = "directional_accuracy"
        }
    }

    /// What the comparison says.
    public enum Verdict: String, Codable, Sendable {
        case keepTesting = "keep testing"
        case bBetter = "B better"
        case aBetter = "A better"
        case noDifference = "no difference"
    }

    /// Arm A (the incumbent) and arm B.
    public let a: Arm
    public let b: Arm
    /// B − A in absolute error: negative when B errs less. `nil` with fewer than two graded
    /// predictions in an arm, or errors that do not vary at all.
    public let maeDifference: WelchTest?
    /// B − A in the share of correct directions.
    public let directionDifference: WelchTest?
    /// Graded predictions each arm needs before a verdict other than `keep testing`.
    public let minimumPerArm: Int
    /// The two-sided significance level of the MAE test.
    public let significance: Double
    /// The verdict on MAE.
    public let verdict: Verdict

    /// Compares `b` with `a`; directions are read around `benchmark` (0 for returns, 0.5 for
    /// 0/1 targets).
    public init(a: Sample, b: Sample, benchmark: Double = 0, minimumPerArm: Int = 100, significance: Double = 0.05) {
        func errors(_ sample: Sample) -> [Double] { zip(sample.predictions, sample.actuals).map { abs($0 - $1) } }
        func hits(_ sample: Sample) -> [Double] {
            zip(sample.predictions, sample.actuals).map { ($0 > benchmark) == ($1 > benchmark) ? 1 : 0 }
        }
        func arm(_ sample: Sample) -> Arm {
            let n = Double(max(sample.predictions.count, 1))
            return Arm(
                name: sample.name, graded: sample.predictions.count, mae: errors(sample).reduce(0, +) / n,
                directionalAccuracy: hits(sample).reduce(0, +) / n)
        }
        (self.a, self.b) = (arm(a), arm(b))
        maeDifference = try? WelchTest(a: errors(a), b: errors(b))
        directionDifference = try? WelchTest(a: hits(a), b: hits(b))
        (self.minimumPerArm, self.significance) = (minimumPerArm, significance)
        if min(a.predictions.count, b.predictions.count) < minimumPerArm {
            verdict = .keepTesting
        } else if let test = maeDifference, test.pValue < significance {
            verdict = test.difference < 0 ? .bBetter : .aBetter
        } else {
            verdict = .noDifference
        }
    }

    enum CodingKeys: String, CodingKey {
        case a, b, significance, verdict
        case maeDifference = "mae_difference"
        case directionDifference = "direction_difference"
        case minimumPerArm = "minimum_per_arm"
    }
}
