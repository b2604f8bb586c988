import FerryCore
import FerryModels
import Foundation

/// A trained linear model: `ŷ = link(intercept + Σ coefᵢ · xᵢ)` over the schema's features.
public struct LinearModel: TrainedModel, RowMajorPredicting {
    /// What turns the linear score into a prediction.
    public enum Link: String, Sendable {
        /// The score itself (regression).
        case identity
        /// 1 / (1 + e^(−score)): the probability of the positive class.
        case logistic
    }

    public let schema: FeatureSchema
    /// What turns the score into a prediction.
    public let link: Link
    /// One coefficient per schema feature, in order.
    public let coefficients: [Double]
    /// The intercept.
    public let intercept: Double

    /// Makes a model; throws ``LinearModelError`` when the sizes disagree or a value is not finite.
    public init(schema: FeatureSchema, coefficients: [Double], intercept: Double, link: Link = .identity) throws {
        guard coefficients.count == schema.features.count else {
            throw LinearModelError("\(coefficients.count) coefficients for \(schema.features.count) features")
        }
        guard coefficients.allSatisfy(\.isFinite), intercept.isFinite else {
            throw LinearModelError("a coefficient or the intercept is NaN or infinite")
        }
        self.schema = schema
        self.coefficients = coefficients
        self.intercept = intercept
        self.link = link
    }

    public func predict(_ features: Frame) throws -> [Double] {
        let columns = try schema.featureNames.map { try features.values(of: $0) }
        return (0..<features.rowCount).map { row in
            let score = zip(coefficients, columns).reduce(intercept) { $0 + $1.0 * $1.1[row] }
            return link == .logistic ? Self.sigmoid(score) : score
        }
    }

    /// Eight rows at a time, each row's score summed over the features in schema order exactly as
    /// ``predict(_:)`` sums it (so the bits are the same): the eight sums are independent, so the
    /// processor overlaps them instead of waiting on one chain of additions.
    public func predict(rowMajor values: UnsafeBufferPointer<Double>, rowCount: Int, into predictions: UnsafeMutableBufferPointer<Double>) {
        let width = coefficients.count
        guard let base = values.baseAddress, rowCount > 0 else { return }
        coefficients.withUnsafeBufferPointer { coefficients in
            var row = 0
            while row + 8 <= rowCount {
                let rows = base + row * width
                var scores = SIMD8<Double>(repeating: intercept)
                for feature in 0..<width {
                    let cells = rows + feature
                    let x = SIMD8<Double>(
                        cells[0], cells[width], cells[2 &* width], cells[3 &* width], cells[4 &* width], cells[5 &* width],
                        cells[6 &* width], cells[7 &* width])
                    scores = scores + coefficients[feature] * x
                }
                for lane in 0..<8 { predictions[row + lane] = output(scores[lane]) }
                row += 8
            }
            for rest in row..<rowCount {
                let cells = base + rest * width
                var score = intercept
                for feature in 0..<width { score = score + coefficients[feature] * cells[feature] }
                predictions[rest] = output(score)
            }
        }
    }

    private func output(_ score: Double) -> Double { link == .logistic ? Self.sigmoid(score) : score }

    /// `coef` (float64, [p]) and `intercept` (float64, [1]), as scikit-learn names them.
    public var tensors: [String: Tensor] { ["coef": .vector(coefficients), "intercept": .vector([intercept])] }

    /// Rebuilds a model from `coef` and `intercept`, checking their names, shapes and values.
    /// 1 / (1 + e^(−x)), computed without overflow for large |x|.
    static func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

    static func load(tensors: [String: Tensor], schema: FeatureSchema, link: Link = .identity) throws -> LinearModel {
        let p = schema.features.count
        guard let coef = tensors["coef"], coef.shape == [p], coef.dtype == .float64 else {
            throw TensorError(message: "expected tensor 'coef' of dtype F64 and shape [\(p)]")
        }
        guard let intercept = tensors["intercept"], intercept.shape == [1], intercept.dtype == .float64 else {
            throw TensorError(message: "expected tensor 'intercept' of dtype F64 and shape [1]")
        }
        let extra = Set(tensors.keys).subtracting(["coef", "intercept"])
        guard extra.isEmpty else { throw TensorError(message: "unexpected tensors: \(extra.sorted().joined(separator: ", "))") }
        return try LinearModel(schema: schema, coefficients: coef.values, intercept: intercept.values[0], link: link)
    }
}
